/**
 * The month-end report: a pure function of the rows of both exports and the period.
 *
 * Every 문자결제 payment (or every payment, when the file has no 결제수단 column) is matched to
 * the manager-site invoices with the domain's matcher (lib/domain/match.ts), which the overlays
 * use too. The matcher looks at one payment at a time, so the audit adds what a whole file
 * needs: an invoice claimed by several payments goes to the one that is clearly closer in time
 * (the matcher's own MATCH_DATE rule) and the others are matched again among the invoices left;
 * when none is clearly closer, the rows are shown together as ambiguous. Nothing is guessed.
 *
 * A pair (payment ↔ invoice) is then read by its two statuses:
 *   MacGai cancelled · manager live      → pending  (the manager-side invoice must be cancelled)
 *   MacGai live      · manager cancelled → drift
 *   neither cancelled, paid on one side  → paidOneSide
 *   anything else                        → consistent (counted)
 * Rows matched to nothing are listed per file. The period selects what is reported: a pair when
 * either row's date is inside it, a single row by its own date. Matching always sees every row
 * of the files, so a payment on the 1st still finds its invoice of the 28th before.
 */
import {
  buildInvoiceIndex,
  classifyManagerStatus,
  dayNumber,
  foldNoSpaces,
  type InvoiceMatch,
  isAllTalkPay,
  isMacgaiCancelled,
  MATCH_DATE,
  type MacgaiPayment,
  type ManagerInvoice,
  matchPayment,
  mentionsForceCancel,
  nameKey,
  remembered,
} from '@/lib/domain';
import type {
  AmbiguousGroup,
  AuditCounts,
  AuditReport,
  InvoiceRow,
  OneSidePaid,
  Pair,
  PaymentRow,
  PendingItem,
  Period,
} from './model';

/** Paid, in either site's words (결제완료; 수납완료/납부완료 in some lists). */
export function isPaidStatus(status: string): boolean {
  return /결제완료|수납완료|납부완료|입금완료/.test(foldNoSpaces(status));
}

/** Is the day ('YYYY-MM-DD…') inside the period? */
export function inPeriod(day: string, period: Period): boolean {
  const d = day.slice(0, 10);
  return (period.from === null || d >= period.from) && (period.to === null || d <= period.to);
}

export interface ReportInput {
  payments: readonly PaymentRow[];
  invoices: readonly InvoiceRow[];
  period: Period;
  businessId: string | null;
  /** Called now and then with the number of payments matched (for a progress bar). */
  progress?: (matched: number, total: number) => void;
  /** Checked between chunks; when it returns true the run stops (throws 'cancelled'). */
  cancelled?: () => boolean;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

/**
 * MacGai's academy-wide exports carry no phone. A student whose exact name appears in the
 * manager-site file under one phone only (the parent's 청구핸드폰; siblings have their own names)
 * is looked up with that phone, as the student's 결제 탭 would show it (학부모HP). A name under
 * two phones (namesakes, a changed number) gets none.
 */
export function phonesByName(
  invoices: readonly InvoiceRow[],
  keyOf: (name: string) => string = nameKey,
): Map<string, string | null> {
  const phones = new Map<string, string | null>();
  for (const { invoice } of invoices) {
    if (!invoice.phone) continue;
    const key = keyOf(invoice.customer);
    if (!key) continue;
    const known = phones.get(key);
    if (known === undefined) phones.set(key, invoice.phone);
    else if (known !== null && known !== invoice.phone) phones.set(key, null);
  }
  return phones;
}

/**
 * The matcher's view of a payment: its phone (or the one {@link phonesByName} found) and no
 * business. Both files are one business's — the user picked it, and the manager export is that
 * account's — so the business tells no two rows apart; a probe with one would be looked up
 * through every invoice of the business instead of by phone and name.
 */
function probeOf(
  payment: MacgaiPayment,
  phones: Map<string, string | null>,
  keyOf: (name: string) => string,
): MacgaiPayment {
  const phone = payment.phone ?? phones.get(keyOf(payment.customer)) ?? null;
  if (payment.businessId === null && phone === payment.phone) return payment;
  return { ...payment, businessId: null, phone };
}

/** How often (in payments) progress is reported and cancellation checked. */
const CHUNK = 2000;
const NONE = -1;
const AMBIGUOUS = -2;

/** Day numbers, remembered per day (a file has a few hundred distinct days). */
function dayNumbers(days: readonly string[]): Int32Array {
  const memo = new Map<string, number>();
  const out = new Int32Array(days.length);
  days.forEach((d, i) => {
    const day = d.length > 10 ? d.slice(0, 10) : d;
    let n = memo.get(day);
    if (n === undefined) {
      n = dayNumber(day) ?? Number.NaN;
      memo.set(day, n);
    }
    out[i] = n;
  });
  return out;
}

interface Claim {
  p: number;
  delta: number;
}

/** The claim that is clearly closer than every other one (MATCH_DATE), or null. */
function clearlyCloser(claims: readonly Claim[]): Claim | null {
  const sorted = [...claims].sort((a, b) => Math.abs(a.delta) - Math.abs(b.delta));
  const best = sorted[0];
  const next = sorted[1];
  if (!best || !next) return best ?? null;
  const d = Math.abs(best.delta);
  return d <= MATCH_DATE.close && Math.abs(next.delta) >= d + MATCH_DATE.gap ? best : null;
}

/** Matching state: per payment the invoice it was paired with (or NONE / AMBIGUOUS). */
interface Matching {
  pairedWith: Int32Array;
  /** Candidates of the AMBIGUOUS payments. */
  candidates: Map<number, { i: number; score: number }[]>;
  /** Payments that claimed one invoice with no clear winner, by invoice. */
  conflicts: { i: number; claims: Claim[] }[];
}

function match(
  input: ReportInput,
  probes: readonly MacgaiPayment[],
  eligible: Uint8Array,
  payDay: Int32Array,
  invDay: Int32Array,
): Matching {
  const { invoices } = input;
  const total = probes.length;
  const invoiceAt = new Map<ManagerInvoice, number>();
  for (const [i, r] of invoices.entries()) invoiceAt.set(r.invoice, i);
  const pairedWith = new Int32Array(total).fill(NONE);
  const candidates = new Map<number, { i: number; score: number }[]>();
  const conflicts: Matching['conflicts'] = [];

  const take = (p: number, m: InvoiceMatch): void => {
    if (m.kind === 'unique') {
      pairedWith[p] = invoiceAt.get(m.invoice) ?? NONE;
    } else if (m.kind === 'ambiguous') {
      pairedWith[p] = AMBIGUOUS;
      candidates.set(
        p,
        m.candidates.map((c) => ({ i: invoiceAt.get(c.invoice) ?? NONE, score: c.score })),
      );
    } else pairedWith[p] = NONE;
  };
  const claimsOf = (ps: readonly number[] | null): Map<number, Claim[]> => {
    const claims = new Map<number, Claim[]>();
    const n = ps ? ps.length : total;
    for (let k = 0; k < n; k++) {
      const p = ps ? (ps[k] as number) : k;
      const i = pairedWith[p] as number;
      if (i < 0) continue;
      const claim = { p, delta: (invDay[i] as number) - (payDay[p] as number) };
      const list = claims.get(i);
      if (list) list.push(claim);
      else claims.set(i, [claim]);
    }
    return claims;
  };
  const conflict = (i: number, list: Claim[]) => {
    conflicts.push({ i, claims: list });
    for (const c of list) pairedWith[c.p] = NONE;
  };

  // Round 1: every eligible payment against every invoice.
  const index = buildInvoiceIndex(invoices.map((r) => r.invoice));
  for (let p = 0; p < total; p++) {
    if (p % CHUNK === 0) {
      if (input.cancelled?.()) throw new CancelledError();
      input.progress?.(p, total);
    }
    if (eligible[p]) take(p, matchPayment(index, probes[p] as MacgaiPayment));
  }

  // An invoice claimed by several payments: the clearly closer claim keeps it; the others are
  // matched again among the invoices nobody kept (round 2); no clear winner → ambiguous.
  const retry: number[] = [];
  for (const [i, list] of claimsOf(null)) {
    if (list.length < 2) continue;
    const winner = clearlyCloser(list);
    if (!winner) conflict(i, list);
    else for (const c of list) if (c !== winner) retry.push(c.p);
  }
  if (retry.length > 0) {
    for (const p of retry) pairedWith[p] = NONE;
    const kept = new Uint8Array(invoices.length);
    for (let p = 0; p < total; p++)
      if ((pairedWith[p] as number) >= 0) kept[pairedWith[p] as number] = 1;
    for (const c of conflicts) kept[c.i] = 1;
    const left = invoices.filter((_, i) => !kept[i]).map((r) => r.invoice);
    const second = buildInvoiceIndex(left);
    for (const p of retry) take(p, matchPayment(second, probes[p] as MacgaiPayment));
    for (const [i, list] of claimsOf(retry)) if (list.length > 1) conflict(i, list);
  }
  input.progress?.(total, total);
  return { pairedWith, candidates, conflicts };
}

/** Ambiguous payments joined through shared candidate invoices (union–find), plus conflicts. */
function ambiguousGroups(
  m: Matching,
  payments: readonly PaymentRow[],
  invoices: readonly InvoiceRow[],
): (AmbiguousGroup & { invoiceIndexes: number[] })[] {
  // Nodes: payment p is p; invoice i is n + i.
  const n = payments.length;
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    for (let up = parent.get(r); up !== undefined && up !== r; up = parent.get(r)) r = up;
    parent.set(x, r);
    return r;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  for (const [p, list] of m.candidates) {
    for (const c of list) if (c.i >= 0) union(p, n + c.i);
  }
  const groups = new Map<
    number,
    { pi: number[]; ii: number[]; scores: AmbiguousGroup['scores'] }
  >();
  for (const [p, list] of m.candidates) {
    const root = find(p);
    let g = groups.get(root);
    if (!g) {
      g = { pi: [], ii: [], scores: [] };
      groups.set(root, g);
    }
    const pIndex = g.pi.push(p) - 1;
    for (const c of list) {
      if (c.i < 0) continue;
      let iIndex = g.ii.indexOf(c.i);
      if (iIndex < 0) iIndex = g.ii.push(c.i) - 1;
      g.scores.push({ p: pIndex, i: iIndex, score: c.score });
    }
  }
  const out: (AmbiguousGroup & { invoiceIndexes: number[] })[] = [];
  for (const g of groups.values()) {
    out.push({
      payments: g.pi.map((p) => payments[p] as PaymentRow),
      invoices: g.ii.map((i) => invoices[i] as InvoiceRow),
      why: 'candidates',
      scores: g.scores,
      invoiceIndexes: g.ii,
    });
  }
  for (const c of m.conflicts) {
    out.push({
      payments: c.claims.map((x) => payments[x.p] as PaymentRow),
      invoices: [invoices[c.i] as InvoiceRow],
      why: 'conflict',
      scores: c.claims.map((_, k) => ({ p: k, i: 0, score: Number.NaN })),
      invoiceIndexes: [c.i],
    });
  }
  return out;
}

export function buildReport(input: ReportInput): AuditReport {
  const { payments, invoices, period } = input;
  const everything = period.from === null && period.to === null;
  const inside = (day: string) => everything || inPeriod(day, period);
  const keyOf = remembered(nameKey); // a student's name repeats every month
  const phones = phonesByName(invoices, keyOf);
  const probes = payments.map((r) => probeOf(r.payment, phones, keyOf));
  const allTalk = remembered((m: string) => isAllTalkPay(m) !== false);
  const eligible = Uint8Array.from(payments, (r) =>
    r.payment.method === null || allTalk(r.payment.method) ? 1 : 0,
  );
  const payDay = dayNumbers(payments.map((r) => r.payment.date));
  const invDay = dayNumbers(invoices.map((r) => r.invoice.registeredAt));
  const m = match(input, probes, eligible, payDay, invDay);

  // Pairs, read by their two statuses.
  const claimed = new Uint8Array(invoices.length);
  const pending: PendingItem[] = [];
  const drift: Pair[] = [];
  const paidOneSide: OneSidePaid[] = [];
  let consistent = 0;
  const classOf = remembered(classifyManagerStatus);
  const cancelledIn = remembered(isMacgaiCancelled);
  const paid = remembered(isPaidStatus);
  for (let p = 0; p < payments.length; p++) {
    const i = m.pairedWith[p] as number;
    if (i < 0) continue;
    claimed[i] = 1;
    const pr = payments[p] as PaymentRow;
    const ir = invoices[i] as InvoiceRow;
    if (!inside(pr.payment.date) && !inside(ir.invoice.registeredAt)) continue;
    const pay = pr.payment;
    const cls = classOf(ir.invoice.status);
    const cancelled = cancelledIn(pay.status);
    if (cancelled && cls === 'live') {
      const cause = mentionsForceCancel(pay.status, pay.note) ? 'force' : 'unknown';
      pending.push({ payment: pr, invoice: ir, cause });
    } else if (!cancelled && cls === 'cancelled') {
      drift.push({ payment: pr, invoice: ir });
    } else if (!cancelled) {
      const mPaid = paid(pay.status);
      if (mPaid !== paid(ir.invoice.status)) {
        paidOneSide.push({ payment: pr, invoice: ir, paidIn: mPaid ? 'macgai' : 'manager' });
      } else consistent++;
    } else consistent++;
  }

  const ambiguous: AmbiguousGroup[] = [];
  for (const { invoiceIndexes, ...g } of ambiguousGroups(m, payments, invoices)) {
    for (const i of invoiceIndexes) claimed[i] = 1;
    const shown =
      g.payments.some((r) => inside(r.payment.date)) ||
      g.invoices.some((r) => inside(r.invoice.registeredAt));
    if (shown) ambiguous.push(g);
  }

  const inConflict = new Set(m.conflicts.flatMap((c) => c.claims.map((x) => x.p)));
  const unmatchedMacgai: PaymentRow[] = [];
  let otherMethods = 0;
  let paymentsInPeriod = 0;
  payments.forEach((r, p) => {
    if (!inside(r.payment.date)) return;
    paymentsInPeriod++;
    if (!eligible[p]) otherMethods++;
    else if (m.pairedWith[p] === NONE && !inConflict.has(p)) unmatchedMacgai.push(r);
  });
  const unmatchedManager: InvoiceRow[] = [];
  let invoicesInPeriod = 0;
  invoices.forEach((r, i) => {
    if (!inside(r.invoice.registeredAt)) return;
    invoicesInPeriod++;
    if (!claimed[i]) unmatchedManager.push(r);
  });

  const byDay =
    <T>(day: (x: T) => string) =>
    (a: T, b: T) => {
      const x = day(a);
      const y = day(b);
      return x < y ? -1 : x > y ? 1 : 0;
    };
  const pairDay = (x: Pair) => x.payment.payment.date;
  pending.sort(byDay(pairDay));
  drift.sort(byDay(pairDay));
  paidOneSide.sort(byDay(pairDay));
  ambiguous.sort(
    byDay(
      (g: AmbiguousGroup) =>
        g.payments[0]?.payment.date ?? g.invoices[0]?.invoice.registeredAt ?? '',
    ),
  );
  unmatchedMacgai.sort(byDay((r: PaymentRow) => r.payment.date));
  unmatchedManager.sort(byDay((r: InvoiceRow) => r.invoice.registeredAt));

  const counts: AuditCounts = {
    pending: pending.length,
    drift: drift.length,
    paidOneSide: paidOneSide.length,
    ambiguous: ambiguous.length,
    unmatchedMacgai: unmatchedMacgai.length,
    unmatchedManager: unmatchedManager.length,
    consistent,
    otherMethods,
    payments: paymentsInPeriod,
    invoices: invoicesInPeriod,
  };
  return {
    period,
    businessId: input.businessId,
    span: spanOf(payments, invoices),
    counts,
    pending,
    drift,
    paidOneSide,
    ambiguous,
    unmatchedMacgai,
    unmatchedManager,
  };
}

/** The earliest and latest day of the rows (the period the files cover). */
export function spanOf(payments: readonly PaymentRow[], invoices: readonly InvoiceRow[]): Period {
  let from: string | null = null;
  let to: string | null = null;
  const see = (day: string) => {
    const d = day.slice(0, 10);
    if (from === null || d < from) from = d;
    if (to === null || d > to) to = d;
  };
  for (const r of payments) see(r.payment.date);
  for (const r of invoices) see(r.invoice.registeredAt);
  return { from, to };
}
