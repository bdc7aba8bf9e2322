/**
 * Matching MacGai payments to manager-site invoices (and back, for drift). Build an index once
 * per list (matching/indexes.ts); each lookup then scores only the rows that could be the
 * payment's, inside the date window. Scoring and the decision rule are in matching/score.ts.
 *
 * Candidates (|amount| equal, date in the window, business not conflicting) are looked up by
 * what the payment carries — never by walking every business's rows of the amount:
 * - A phone: that phone's rows, and the rows without a phone. Rows with the same base name under
 *   another phone (the parent's phone may have changed) score at most 0.5 − 0.35 + status, so
 *   they are looked up only when a near unique match would not stand against that. Rows with
 *   another phone AND another name are left out: their identity is at most 0.5 × 0.9 − 0.35 =
 *   0.1, so they are never unique nor within the default margin of a unique match (identity ≥
 *   0.45). But a match 14 or more days away may lose to a clearly closer invoice of the same
 *   student (score.ts), so then the business's rows are looked through as below, for one
 *   under another name and phone.
 * - No phone, a business: the business's rows (and the rows without one). A row whose full name
 *   shares no two adjacent letters with the payment's cannot have a strong name (see Screen):
 *   its similarity is at most 0.6, which bounds its score, so it is only screened — scored only
 *   when a unique match would not stand against that bound, or when there is no unique match
 *   (it might be listed). The outcome is that of scoring every row.
 * - Neither: the rows with the same base name, the other rows of their phones (the family:
 *   joint and nickname invoices, siblings), and the rows without a business (screened as
 *   above). Other businesses' rows under another name and phone are not looked at: with no
 *   phone and no business to go on, that would be every row of the amount.
 */

import {
  type Groups,
  type InvoiceIndex,
  invoiceName,
  type Lookup,
  nameOf,
  type PaymentIndex,
  quickDayNumber,
  readPairs,
  textHash,
} from './matching/indexes';
import {
  classBonus,
  type Decision,
  decide,
  MATCH_DATE,
  MATCH_DEFAULTS,
  MATCH_WEIGHTS,
  type MatchOptions,
  reasonsOf,
  type Scored,
  scorePair,
  standsAgainst,
} from './matching/score';
import type { MacgaiPayment, ManagerInvoice } from './model';
import {
  keyHas,
  MAX_NAME_LENGTH,
  NAME_SIM,
  type NameForm,
  nameForm,
  PAIR_WORDS,
  pairBit,
  plainTextHas,
} from './parse/name';
import { remembered } from './remember';
import { classifyManagerStatus, isAllTalkPay, type ManagerStatusClass } from './status';

export * from './matching/explain';
export {
  buildInvoiceIndex,
  buildPaymentIndex,
  type Entry,
  type InvoiceIndex,
  inWindow,
  type PaymentIndex,
  type RowIndex,
} from './matching/indexes';
export { MATCH_DATE, MATCH_DEFAULTS, MATCH_WEIGHTS, type MatchOptions } from './matching/score';

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

function readSettings(opts: MatchOptions | undefined) {
  const o = opts ? { ...MATCH_DEFAULTS, ...opts } : MATCH_DEFAULTS;
  return {
    before: Math.max(0, Math.trunc(o.windowBefore)),
    after: Math.max(0, Math.trunc(o.windowAfter)),
    purpose: o.purpose,
    minMargin: o.minMargin,
  };
}
const DEFAULT_SETTINGS = readSettings(undefined);
const settings = (opts: MatchOptions | undefined) => (opts ? readSettings(opts) : DEFAULT_SETTINGS);

/** What one lookup is for: the row being matched, seen from the other list. */
interface Probe {
  name: NameForm;
  phone: string | null;
  businessId: string | null;
  amount: number;
  /** The row's day; candidates are taken from [lo, hi]. */
  day: number;
  lo: number;
  hi: number;
}

/** Above this length a bucket is entered by binary search; below, walked from the start. */
const SEARCH_FROM = 16;

/** Scan modes: score every admitted row; screen it first; score it and note its phone. */
const TAKE = 0;
const SCREEN = 1;
const FAMILY = 2;
type Mode = typeof TAKE | typeof SCREEN | typeof FAMILY;

/** First position k in [from, to) with day[ids ? ids[k] : k] ≥ lo (days ascending in k). */
function lowerBound(
  day: Int32Array,
  ids: Int32Array | null,
  from: number,
  to: number,
  lo: number,
): number {
  let a = from;
  let b = to;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if ((day[ids ? (ids[mid] as number) : mid] as number) < lo) a = mid + 1;
    else b = mid;
  }
  return a;
}

/**
 * One lookup: gathers the candidates (see the module comment), scored, and the rows that were
 * only screened. Subclasses say which rows are eligible and how a row is scored.
 */
abstract class Query<T> {
  readonly scored: Scored<T>[] = [];
  readonly screened: number[] = [];
  private readonly stamp: number;
  private screen: Screen | null = null;
  /** textHash of the probe's base-name key (see hasKey), and whether it has one. */
  private readonly keyHash: number;
  private readonly hasKey: boolean;
  /** textHash of the probe's phone (when it has one). */
  private readonly phoneHash: number;
  /** Phone hashes of the same-name rows (FAMILY scans). */
  private family: Set<number> | null = null;
  /** The probe's business by its number in the index (−1: none; −2: not in it). */
  private readonly businessGroup: number;

  constructor(
    protected readonly lk: Lookup<T>,
    protected readonly p: Probe,
  ) {
    this.stamp = ++lk.stamp;
    this.phoneHash = p.phone === null ? 0 : textHash(p.phone);
    this.hasKey = p.name.key !== '';
    this.keyHash = this.hasKey ? textHash(p.name.key) : 0;
    this.businessGroup = p.businessId ? (lk.businesses.get(p.businessId) ?? -2) : -1;
  }

  private mayBeStrong(i: number): boolean {
    if (this.screen === null) this.screen = new Screen(this.p.name);
    return this.screen.passes(this.lk, i);
  }

  /** False for a row that is never a candidate (a payment of another 결제수단). */
  protected abstract eligible(i: number): boolean;
  protected abstract score(i: number): Scored<T>;
  /** Highest status bonus a row can get (bounds the score of a screened row). */
  abstract readonly maxBonus: number;

  gather(): this {
    const { lk, p } = this;
    if (p.phone) {
      // The same-name rows under other phones are added in decide(), when they can matter.
      this.scanPhone(this.phoneHash);
      this.scan(lk.noPhone, lk.noPhoneAmounts.get(p.amount), TAKE);
    } else if (p.businessId !== null) {
      this.scanHomes();
    } else {
      this.scanKey(FAMILY);
      for (const phone of this.family ?? []) this.scanPhone(phone);
      this.scanHome(-1);
    }
    return this;
  }

  /** Screen the rows of the amount in the probe's business and in no business. */
  private scanHomes(): void {
    if (this.businessGroup >= 0) this.scanHome(this.businessGroup);
    this.scanHome(-1);
  }

  private scanHome(business: number): void {
    const { lk, p } = this;
    const amount = lk.amounts.get(p.amount);
    if (amount !== undefined) this.scan(lk.byHome, lk.homes.get(business, amount), SCREEN);
  }

  private scanPhone(hash: number): void {
    this.scan(this.lk.byPhone, hash & this.lk.phoneMask, TAKE, this.lk.phoneHash, hash);
  }

  private scanKey(mode: Mode): void {
    if (this.hasKey) {
      this.scan(this.lk.byKey, this.keyHash & this.lk.keyMask, mode, this.lk.keyHash, this.keyHash);
    }
  }

  /** Scan group g (of a hashed grouping: only the rows whose `hashes` entry is `hash`). */
  private scan(
    groups: Groups,
    g: number | undefined,
    mode: Mode,
    hashes: Int32Array | null = null,
    hash = 0,
  ): void {
    if (g === undefined || g < 0) return;
    const { p, lk, stamp } = this;
    const { day, amount } = lk;
    const { ids } = groups;
    const to = groups.start[g + 1] as number;
    let k = groups.start[g] as number;
    if (to - k > SEARCH_FROM) k = lowerBound(day, ids, k, to, p.lo);
    for (; k < to; k++) {
      const i = ids ? (ids[k] as number) : k;
      const d = day[i] as number;
      if (d < p.lo) continue;
      if (d > p.hi) break;
      if (amount[i] !== p.amount || (hashes !== null && hashes[i] !== hash)) continue;
      if (lk.seen[i] === stamp) continue;
      lk.seen[i] = stamp;
      const biz = lk.businessOf[i] as number;
      if (
        (this.businessGroup !== -1 && biz !== -1 && biz !== this.businessGroup) ||
        !this.eligible(i)
      ) {
        continue;
      }
      if (
        mode === SCREEN &&
        !(this.hasKey && lk.hasKey[i] === 1 && lk.keyHash[i] === this.keyHash) &&
        !this.mayBeStrong(i)
      ) {
        this.screened.push(i);
        continue;
      }
      if (mode === FAMILY && lk.hasPhone[i] === 1) {
        if (this.family === null) this.family = new Set();
        this.family.add(lk.phoneHash[i] as number);
      }
      this.scored.push(this.score(i));
    }
  }

  /**
   * The decision; screened rows are scored and the decision taken again only when a unique
   * match would not stand against their bound, or when there is no unique match.
   */
  decide(minMargin: number, key: (t: T) => string): Decision<T> {
    const { p } = this;
    let d = decide(this.scored, minMargin, key);
    if (
      p.phone &&
      !(
        d.kind === 'unique' &&
        Math.abs(d.best.delta) < MATCH_DATE.gap &&
        standsAgainst(d.best, otherPhoneBound(this.maxBonus), minMargin)
      )
    ) {
      this.scanKey(TAKE);
      d = decide(this.scored, minMargin, key);
    }
    if (
      p.phone &&
      p.businessId !== null &&
      d.kind === 'unique' &&
      Math.abs(d.best.delta) >= MATCH_DATE.gap
    ) {
      // A far match must not stand against a clearly closer invoice of the same student that
      // went to another phone under another name: look through the business for one.
      this.scanHomes();
      d = decide(this.scored, minMargin, key);
    }
    if (this.screened.length === 0) return d;
    if (d.kind === 'unique' && standsAgainst(d.best, screenedBound(this.maxBonus), minMargin)) {
      return d;
    }
    for (const i of this.screened) this.scored.push(this.score(i));
    return decide(this.scored, minMargin, key);
  }

  /** Score row i against the probe (Δ = invoice day − payment day). */
  protected scoreRow(i: number, delta: number, bonus: number, status: string | null): Scored<T> {
    const lk = this.lk;
    const item = lk.items[i] as T;
    const mine = this.p.phone;
    const theirs = lk.phone(item) || null;
    return scorePair(
      item,
      this.p.name,
      nameOf(lk, i),
      mine === null || theirs === null ? 'unknown' : mine === theirs ? 'equal' : 'differ',
      this.businessGroup !== -1 && (lk.businessOf[i] as number) !== -1,
      delta,
      bonus,
      status,
    );
  }
}

/**
 * A screen for "can this row have a strong name (≥ 0.8, see compareNameForms) for the probe?".
 * Every key, given name and text containment that makes a name strong holds two adjacent letters
 * of the probe's full text (or is a one-letter key itself) that then appear in the row's full
 * text. So a row whose full text shares no letter pair with the probe's (nor holds its
 * one-letter key) has a name similarity of at most 0.6. A row's letter-pair set (built with the
 * index) says "no" for most rows without reading them; the rest are read as they stand
 * (plainTextHas: no parse, no allocation) or through their parsed form.
 */
class Screen {
  /** Letter pairs of the probe's full text, as [a0, b0, a1, b1, …]. */
  private readonly pairs: number[] = [];
  /** Their bits in a letter-pair set (see pairBit), word by word. */
  private readonly bits = [0, 0, 0, 0];
  /** A one-letter key, looked for on its own (−1: none). */
  private readonly single: number = -1;

  constructor(name: NameForm) {
    if (name.key === '') return;
    if (name.key.length < 2) this.single = name.key.charCodeAt(0);
    const t = name.text;
    for (let j = 0; j + 1 < t.length; j++) {
      const a = t.charCodeAt(j);
      const b = t.charCodeAt(j + 1);
      this.pairs.push(a, b);
      const bit = pairBit(a, b);
      const w = bit >>> 5;
      this.bits[w] = (this.bits[w] as number) | (1 << (bit & 31));
    }
  }

  /** False only when row i cannot have a strong name for the probe. */
  passes<T>(lk: Lookup<T>, i: number): boolean {
    if (this.single < 0) {
      if (this.pairs.length === 0) return false;
      // The row's pair set (PAIR_WORDS = 4 words) rules most rows out without reading the row.
      readPairs(lk, i);
      const at = PAIR_WORDS * i;
      const { pairs } = lk;
      const { bits } = this;
      if (
        ((pairs[at] as number) & (bits[0] as number)) === 0 &&
        ((pairs[at + 1] as number) & (bits[1] as number)) === 0 &&
        ((pairs[at + 2] as number) & (bits[2] as number)) === 0 &&
        ((pairs[at + 3] as number) & (bits[3] as number)) === 0
      ) {
        return false;
      }
    }
    const raw = lk.raw(lk.items[i] as T);
    if (raw.length <= MAX_NAME_LENGTH) {
      const plain = plainTextHas(raw, this.pairs, this.single);
      if (plain !== null) return plain;
    }
    return keyHas(nameOf(lk, i).text, this.pairs, this.single);
  }
}

/**
 * Highest identity and score of a same-name row under another phone than the probe's:
 * 0.5 × 1 − 0.35. Such rows are strong names, so they also matter to a match 14 or more days
 * away (one may be clearly closer); a nearer unique match that stands against this bound needs
 * no look at them.
 */
function otherPhoneBound(maxBonus: number) {
  const identity = MATCH_WEIGHTS.name * NAME_SIM.exact - MATCH_WEIGHTS.phone;
  return { identity, score: identity + maxBonus };
}

/** Highest identity and score a screened row can have (name ≤ weakCap, phone unknown). */
function screenedBound(maxBonus: number) {
  const identity = MATCH_WEIGHTS.name * NAME_SIM.weakCap;
  return { identity, score: identity + maxBonus };
}

/** Status classes by their tag (see Lookup.tags) − 1. */
const CLASSES: readonly ManagerStatusClass[] = ['live', 'cancelled', 'dead', 'unknown'];

/** The status class of invoice row i, read once per row (and once per distinct word). */
function statusClass(lk: Lookup<ManagerInvoice>, i: number): ManagerStatusClass {
  const tag = lk.tags[i] as number;
  if (tag !== 0) return CLASSES[tag - 1] as ManagerStatusClass;
  const word = (lk.items[i] as ManagerInvoice).status;
  let cls = lk.memo.get(word) as ManagerStatusClass | undefined;
  if (cls === undefined) {
    cls = classifyManagerStatus(word);
    lk.memo.set(word, cls);
  }
  lk.tags[i] = CLASSES.indexOf(cls) + 1;
  return cls;
}

/** isAllTalkPay, remembered per distinct 결제수단 (a list shows a handful). */
const allTalkPay = remembered(isAllTalkPay, 256);
const allTalk = (method: string | null): boolean | null =>
  method === null ? null : allTalkPay(method);

class InvoiceQuery extends Query<ManagerInvoice> {
  readonly maxBonus = MATCH_WEIGHTS.status;
  constructor(
    lk: Lookup<ManagerInvoice>,
    p: Probe,
    private readonly purpose: 'cancel' | 'settle',
  ) {
    super(lk, p);
  }
  protected eligible(): boolean {
    return true;
  }
  protected score(i: number): Scored<ManagerInvoice> {
    const cls = statusClass(this.lk, i);
    return this.scoreRow(
      i,
      (this.lk.day[i] as number) - this.p.day,
      classBonus(cls, this.purpose),
      cls,
    );
  }
}

class PaymentQuery extends Query<MacgaiPayment> {
  readonly maxBonus = 0;
  protected eligible(i: number): boolean {
    // Tags: 1 문자결제 (or unknown), 2 another 결제수단.
    const lk = this.lk;
    let tag = lk.tags[i] as number;
    if (tag === 0) {
      tag = allTalk((lk.items[i] as MacgaiPayment).method) === false ? 2 : 1;
      lk.tags[i] = tag;
    }
    return tag === 1;
  }
  protected score(i: number): Scored<MacgaiPayment> {
    return this.scoreRow(i, this.p.day - (this.lk.day[i] as number), 0, null);
  }
}

const invoiceKeyOf = (i: ManagerInvoice): string => i.key;
const paymentKeyOf = (p: MacgaiPayment): string => p.key;
const asInvoice = (
  invoice: ManagerInvoice,
  score: number,
  reasons: string[],
): InvoiceCandidate => ({
  invoice,
  score,
  reasons,
});
const asPayment = (payment: MacgaiPayment, score: number, reasons: string[]): PaymentCandidate => ({
  payment,
  score,
  reasons,
});

type Outcome<C> =
  | ({ kind: 'unique' } & C & { margin: number })
  | { kind: 'ambiguous'; candidates: C[] }
  | { kind: 'none' };

/** A decision as the callers see it: each row with its score and reasons (see reasonsOf). */
function outcome<T, C>(
  d: Decision<T>,
  as: (item: T, score: number, reasons: string[]) => C,
): Outcome<C> {
  if (d.kind === 'unique') {
    const { item, score } = d.best;
    return { kind: 'unique', ...as(item, score, reasonsOf(d.best, d.closest)), margin: d.margin };
  }
  if (d.kind === 'none') return { kind: 'none' };
  return {
    kind: 'ambiguous',
    candidates: d.candidates.map((c) => as(c.item, c.score, reasonsOf(c))),
  };
}

/**
 * The probe for a row of the other list: its name (as `name` reads it), phone, business and
 * |amount|, and the days [day − before, day + after] its candidates may have. Null for a row
 * without a day or a finite amount (it matches nothing).
 */
function probe(
  row: { phone: string | null; businessId: string | null; amount: number },
  name: string,
  date: string,
  before: number,
  after: number,
): Probe | null {
  const day = quickDayNumber(date);
  if (day === null || !Number.isFinite(row.amount)) return null;
  return {
    name: nameForm(name),
    phone: row.phone || null,
    businessId: row.businessId || null,
    amount: Math.abs(row.amount),
    day,
    lo: day - before,
    hi: day + after,
  };
}

/**
 * Which invoice is this payment's? 'unique' only with a strong name, a non-conflicting phone and
 * a clear margin (or a clearly closer date, see matching/score.ts); ties and weak evidence give
 * 'ambiguous' (ranked); nothing plausible gives 'none'. A payment whose 결제수단 is known and is
 * not 문자결제 matches nothing.
 */
export function matchPayment(
  index: InvoiceIndex,
  payment: MacgaiPayment,
  opts?: MatchOptions,
): InvoiceMatch {
  const o = settings(opts);
  if (allTalk(payment.method) === false) return { kind: 'none' };
  const p = probe(payment, payment.customer, payment.date, o.before, o.after);
  if (p === null) return { kind: 'none' };
  const q = new InvoiceQuery(index.lookup, p, o.purpose);
  return outcome(q.gather().decide(o.minMargin, invoiceKeyOf), asInvoice);
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
  // Payment rows lie in [invoice day − after, invoice day + before].
  const p = probe(invoice, invoiceName(invoice), invoice.registeredAt, o.after, o.before);
  if (p === null) return { kind: 'none' };
  const q = new PaymentQuery(index.lookup, p);
  return outcome(q.gather().decide(o.minMargin, paymentKeyOf), asPayment);
}
