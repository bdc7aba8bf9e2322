/**
 * Matching MacGai payments to manager-site invoices (and back, for drift). Build an index once
 * per list; each lookup then touches only the exact-amount bucket's rows inside the date window.
 * Scoring and the uniqueness rule are documented in matching/score.ts.
 */

import { type InvoiceIndex, inWindow, type PaymentIndex } from './matching/indexes';
import {
  decide,
  MATCH_DEFAULTS,
  type MatchOptions,
  rank,
  type Scored,
  scorePair,
  statusBonus,
} from './matching/score';
import type { MacgaiPayment, ManagerInvoice } from './model';
import { dayNumber } from './parse/day';
import { nameForm } from './parse/name';
import { classifyManagerStatus, isAllTalkPay } from './status';

export * from './matching/explain';
export * from './matching/indexes';
export { MATCH_DEFAULTS, MATCH_WEIGHTS, type MatchOptions } from './matching/score';

export interface InvoiceCandidate {
  invoice: ManagerInvoice;
  score: number;
  reasons: string[];
}

export type InvoiceMatch =
  | { kind: 'unique'; invoice: ManagerInvoice; score: number; reasons: string[]; margin: number }
  | { kind: 'ambiguous'; candidates: InvoiceCandidate[] } // ranked, best first
  | { kind: 'none' };

export interface PaymentCandidate {
  payment: MacgaiPayment;
  score: number;
  reasons: string[];
}

export type PaymentMatch =
  | { kind: 'unique'; payment: MacgaiPayment; score: number; reasons: string[]; margin: number }
  | { kind: 'ambiguous'; candidates: PaymentCandidate[] }
  | { kind: 'none' };

const conflict = (a: string | null, b: string | null): boolean =>
  a !== null && b !== null && a !== b;

function settings(opts: MatchOptions | undefined) {
  const o = { ...MATCH_DEFAULTS, ...opts };
  return {
    before: Math.max(0, Math.trunc(o.windowBefore)),
    after: Math.max(0, Math.trunc(o.windowAfter)),
    purpose: o.purpose,
    minMargin: o.minMargin,
  };
}

/**
 * Which invoice is this payment's? 'unique' only with a strong name, a non-conflicting phone and
 * a clear margin; ties and weak evidence give 'ambiguous' (ranked); nothing plausible gives 'none'.
 * A payment whose 결제수단 is known and is not 문자결제 matches nothing.
 */
export function matchPayment(
  index: InvoiceIndex,
  payment: MacgaiPayment,
  opts?: MatchOptions,
): InvoiceMatch {
  const o = settings(opts);
  const day = dayNumber(payment.date);
  const bucket = index.byAmount.get(Math.abs(payment.amount));
  if (day === null || !bucket || isAllTalkPay(payment.method) === false) return { kind: 'none' };
  const me = {
    name: nameForm(payment.customer),
    phone: payment.phone,
    businessId: payment.businessId,
  };
  const scored: Scored<ManagerInvoice>[] = [];
  for (const e of inWindow(bucket, day - o.before, day + o.after)) {
    const inv = e.item;
    if (conflict(payment.businessId, inv.businessId)) continue;
    const bonus = statusBonus(inv.status, o.purpose);
    const them = { name: e.name, phone: inv.phone, businessId: inv.businessId };
    scored.push(
      scorePair(inv, me, them, e.day - day, bonus, `status:${classifyManagerStatus(inv.status)}`),
    );
  }
  const d = decide(
    rank(scored, (i) => i.key),
    o.minMargin,
  );
  if (d.kind === 'unique') {
    const { item, score, reasons } = d.best;
    return { kind: 'unique', invoice: item, score, reasons, margin: d.margin };
  }
  if (d.kind === 'none') return d;
  return {
    kind: 'ambiguous',
    candidates: d.candidates.map((c) => ({ invoice: c.item, score: c.score, reasons: c.reasons })),
  };
}

/**
 * Which MacGai payment does this invoice belong to? The reverse of {@link matchPayment} (same
 * window, seen from the invoice's side; no status preference), used for drift: an invoice
 * cancelled on the manager site whose MacGai payment may still be live. Payments whose
 * 결제수단 is known and not 문자결제 are skipped.
 */
export function matchInvoice(
  index: PaymentIndex,
  invoice: ManagerInvoice,
  opts?: MatchOptions,
): PaymentMatch {
  const o = settings(opts);
  const day = dayNumber(invoice.registeredAt);
  const bucket = index.byAmount.get(Math.abs(invoice.amount));
  if (day === null || !bucket) return { kind: 'none' };
  const raw = invoice.customerRaw.trim() !== '' ? invoice.customerRaw : invoice.customer;
  const me = { name: nameForm(raw), phone: invoice.phone, businessId: invoice.businessId };
  const scored: Scored<MacgaiPayment>[] = [];
  for (const e of inWindow(bucket, day - o.after, day + o.before)) {
    const p = e.item;
    if (conflict(invoice.businessId, p.businessId) || isAllTalkPay(p.method) === false) continue;
    scored.push(
      scorePair(
        p,
        me,
        { name: e.name, phone: p.phone, businessId: p.businessId },
        day - e.day,
        0,
        null,
      ),
    );
  }
  const d = decide(
    rank(scored, (p) => p.key),
    o.minMargin,
  );
  if (d.kind === 'unique') {
    const { item, score, reasons } = d.best;
    return { kind: 'unique', payment: item, score, reasons, margin: d.margin };
  }
  if (d.kind === 'none') return d;
  return {
    kind: 'ambiguous',
    candidates: d.candidates.map((c) => ({ payment: c.item, score: c.score, reasons: c.reasons })),
  };
}
