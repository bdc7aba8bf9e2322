/**
 * Lookup structures built once per list, for matching (see ../match.ts for how they are used).
 *
 * Building reads no more than the day and a few keys per row (|amount|, phone, business, the
 * base-name key, the letter pairs of a plain name) into flat arrays. Everything costly is
 * computed on first use and kept — the name in comparable form (a parse), the status class — so
 * a row that is never a candidate never pays for it. Rows are numbered by home (a business's
 * rows of one amount), then by day (counting sorts), so a home's rows lie side by side and every
 * group is in day order: a date window is a binary search away, and is walked through memory in
 * order.
 */
import type { MacgaiPayment, ManagerInvoice } from '../model';
import { dayNumber } from '../parse/day';
import {
  letterPairs,
  MAX_NAME_LENGTH,
  type NameForm,
  nameForm,
  nameKey,
  PAIR_WORDS,
  plainLetterPairs,
} from '../parse/name';

/** A row prepared for matching: its day number and its name in comparable form. */
export interface Entry<T> {
  item: T;
  day: number;
  name: NameForm;
}

/** Rows grouped by |amount| (each bucket sorted by day), plus by phone and base name. */
export interface RowIndex<T> {
  readonly size: number;
  readonly byAmount: ReadonlyMap<number, readonly Entry<T>[]>;
  readonly byPhone: ReadonlyMap<string, readonly T[]>;
  readonly byName: ReadonlyMap<string, readonly T[]>;
  /** Rows whose date could not be read; they are never matched (shown to the user instead). */
  readonly undated: readonly T[];
  /** What the matcher looks candidates up in. */
  readonly lookup: Lookup<T>;
}

export type InvoiceIndex = RowIndex<ManagerInvoice>;
export type PaymentIndex = RowIndex<MacgaiPayment>;

/**
 * Rows grouped by a key, stored flat: group g holds the rows `ids[start[g] .. start[g + 1])`, in
 * day order — or, where `ids` is null, the rows numbered start[g] … start[g + 1] − 1 themselves
 * (the groups by home: rows are numbered home by home, in day order).
 */
export interface Groups {
  readonly start: Int32Array;
  readonly ids: Int32Array | null;
}

/**
 * What the matcher looks candidates up in: the dated rows, numbered 0…n−1 by home (a business
 * and an amount) and then by day, their fields in flat arrays, and groups, each in day order: by
 * home, by phone and by base-name key (all amounts: a family or a name has few rows in a window)
 * and, for the rows without a phone, by |amount|.
 *
 * Phones and keys are not numbered through a map (those lookups were the largest cost of
 * building a big index): each is hashed (textHash) and its rows are grouped by hash bucket; a
 * bucket may hold a few phones or keys, told apart by the full hash kept per row. Two different
 * texts with the same full hash land in one group; that only adds a candidate, which is scored
 * on its real phone and name like any other.
 */
export interface Lookup<T> {
  readonly items: readonly T[];
  /** Row numbers in day order. */
  readonly order: Int32Array;
  readonly day: Int32Array;
  /** |amount| */
  readonly amount: Float64Array;
  /** textHash of the phone (0 when there is none: see hasPhone). */
  readonly phoneHash: Int32Array;
  readonly hasPhone: Uint8Array;
  /** textHash of the base-name key (0 when there is none: see hasKey). */
  readonly keyHash: Int32Array;
  readonly hasKey: Uint8Array;
  /** Business number in `businesses` (−1: none). */
  readonly businessOf: Int32Array;
  /** Hash buckets of phones (hash & phoneMask) and keys (hash & keyMask). */
  readonly phoneMask: number;
  readonly keyMask: number;
  readonly byPhone: Groups;
  readonly byKey: Groups;
  readonly businesses: ReadonlyMap<string, number>;
  /** Amounts, numbered. */
  readonly amounts: ReadonlyMap<number, number>;
  /** Homes — a business's rows of one amount, or the rows of one amount without a business —
   *  numbered by homeKey(business number or −1, amount number). */
  readonly homes: ReadonlyMap<number, number>;
  /** The rows of each home: one run of row numbers each, in day order. */
  readonly byHome: Groups;
  readonly noPhoneAmounts: ReadonlyMap<number, number>;
  readonly noPhone: Groups;
  /** The text a row's name form is read from. */
  readonly raw: (item: T) => string;
  /** A row's phone (normalized digits), or null/'' for none. */
  readonly phone: (item: T) => string | null;
  /** Name forms, read on first use (see {@link nameOf}). */
  readonly forms: (NameForm | undefined)[];
  /**
   * Letter pairs of each row's full-text key (see plainLetterPairs), PAIR_WORDS per row; read
   * while building for plain names, on first use (pairsRead 0) for the rest.
   */
  readonly pairs: Int32Array;
  readonly pairsRead: Uint8Array;
  /** Per-row memo of a small derived value (the status class, or the 결제수단 verdict). */
  readonly tags: (string | undefined)[];
  /** Memo of tag values by the text they are derived from (statuses repeat). */
  readonly memo: Map<string, string>;
  /** The last lookup that visited each row (de-duplicates candidates); see `stamp`. */
  readonly seen: Int32Array;
  /** Incremented by each lookup. */
  stamp: number;
}

/** Row i's letter-pair set, at pairs[PAIR_WORDS·i …] (filled in if need be). */
export function readPairs<T>(lk: Lookup<T>, i: number): void {
  if (lk.pairsRead[i] === 1) return;
  const raw = lk.raw(lk.items[i] as T);
  if (raw.length > MAX_NAME_LENGTH || !plainLetterPairs(raw, lk.pairs, i)) {
    letterPairs(nameOf(lk, i).text, lk.pairs, i);
  }
  lk.pairsRead[i] = 1;
}

/** Row i's name in comparable form, parsed on first use and kept. */
export function nameOf<T>(lk: Lookup<T>, i: number): NameForm {
  let f = lk.forms[i];
  if (f === undefined) {
    f = nameForm(lk.raw(lk.items[i] as T));
    lk.forms[i] = f;
  }
  return f;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const DIGIT = (c: number): boolean => c >= 48 && c <= 57;

/**
 * {@link dayNumber} for the 'YYYY-MM-DD[THH:MM]' the readers produce, read without a regular
 * expression or a Date; anything else goes to {@link dayNumber} itself. Same result for every input.
 */
export function quickDayNumber(s: string): number | null {
  const end = s.length === 10 || (s.length > 10 && s.charCodeAt(10) === 84); // 'T'
  if (
    !end ||
    s.charCodeAt(4) !== 45 ||
    s.charCodeAt(7) !== 45 ||
    !DIGIT(s.charCodeAt(0)) ||
    !DIGIT(s.charCodeAt(1)) ||
    !DIGIT(s.charCodeAt(2)) ||
    !DIGIT(s.charCodeAt(3)) ||
    !DIGIT(s.charCodeAt(5)) ||
    !DIGIT(s.charCodeAt(6)) ||
    !DIGIT(s.charCodeAt(8)) ||
    !DIGIT(s.charCodeAt(9))
  ) {
    return dayNumber(s);
  }
  const y =
    (s.charCodeAt(0) - 48) * 1000 +
    (s.charCodeAt(1) - 48) * 100 +
    (s.charCodeAt(2) - 48) * 10 +
    (s.charCodeAt(3) - 48);
  const m = (s.charCodeAt(5) - 48) * 10 + (s.charCodeAt(6) - 48);
  const d = (s.charCodeAt(8) - 48) * 10 + (s.charCodeAt(9) - 48);
  if (y < 1000 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  if (d > 28) {
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const last = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
    if (d > last) return null;
  }
  // Days from 1970-01-01 (proleptic Gregorian), as Date.UTC would give.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/**
 * `ids` (numbers into `keyOf`) stably ordered by `keyOf[id]` (0 … range−1): a counting sort.
 * With `ids` in day order, the result is ordered by key, then by day.
 */
function byKeyThen(ids: Int32Array, keyOf: Int32Array, lo: number, range: number): Int32Array {
  const next = new Int32Array(range + 1);
  for (const id of ids) {
    const at = (keyOf[id] as number) - lo + 1;
    next[at] = (next[at] as number) + 1;
  }
  for (let k = 1; k <= range; k++) next[k] = (next[k] as number) + (next[k - 1] as number);
  const out = new Int32Array(ids.length);
  for (const id of ids) {
    const k = (keyOf[id] as number) - lo;
    const at = next[k] as number;
    out[at] = id;
    next[k] = at + 1;
  }
  return out;
}

/**
 * Row numbers 0…n−1 in day order: a stable counting sort when the day range is small (it always
 * is: a list spans months), else a stable comparison sort.
 */
function dayOrder(days: Int32Array, n: number): Int32Array {
  const ids = new Int32Array(n);
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < n; i++) {
    const d = days[i] as number;
    if (i === 0 || d < lo) lo = d;
    if (i === 0 || d > hi) hi = d;
    ids[i] = i;
  }
  const range = hi - lo + 1;
  if (n < 2) return ids;
  if (range > 4 * n + 1024)
    return ids.sort((a, b) => (days[a] as number) - (days[b] as number) || a - b);
  return byKeyThen(ids, days, lo, range);
}

/** nameKey without the Unicode work for the usual bare Hangul base ("홍길동"). */
function baseKey(base: string): string {
  for (let i = 0; i < base.length; i++) {
    const c = base.charCodeAt(i);
    if (c < 0xac00 || c > 0xd7a3) return nameKey(base);
  }
  return base;
}

/** A 32-bit hash of a string (FNV-1a over its UTF-16 code units). */
export function textHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** The group number of `key` in `map`, numbering new keys as they come. */
function ordinal<K>(map: Map<K, number>, key: K): number {
  let g = map.get(key);
  if (g === undefined) {
    g = map.size;
    map.set(key, g);
  }
  return g;
}

/** Groups from each row's group number (−1: in none), filled in day order. */
function grouped(of: Int32Array, count: number, order: Int32Array): Groups {
  // Count each group in start[g], turn the counts into each group's end, then fill from the
  // last row back, moving start[g] down to group g's first slot.
  const start = new Int32Array(count + 1);
  const n = order.length;
  for (let i = 0; i < n; i++) {
    const g = of[i] as number;
    if (g >= 0) start[g] = (start[g] as number) + 1;
  }
  let end = 0;
  for (let g = 0; g <= count; g++) {
    end += start[g] as number;
    start[g] = end; // the end of group g (exclusive), for now
  }
  const ids = new Int32Array(end);
  for (let k = n - 1; k >= 0; k--) {
    const i = order[k] as number;
    const g = of[i] as number;
    if (g < 0) continue;
    const at = (start[g] as number) - 1;
    start[g] = at;
    ids[at] = i;
  }
  // Now start[g] is the first slot of group g, and start[count] (never decremented) the total.
  return { start, ids };
}

const phoneOfRow = (row: { phone: string | null }): string | null => row.phone;

/**
 * An array of n holes. (Not `new Array(n)`: optimized code that made small ones gives up on a
 * big one — over 100,000 — and starts over, which costs more than the array.)
 */
function sized<T>(n: number): T[] {
  const a: T[] = [];
  a.length = n;
  return a;
}

const EMPTY: Groups = { start: new Int32Array(1), ids: new Int32Array(0) };

interface Fields<T> {
  day: (row: T) => string;
  /** The name text to compare (free text allowed). */
  raw: (row: T) => string;
  /** The base name (the model's `customer`), for the name groups. */
  base: (row: T) => string;
  business: (row: T) => string | null;
}

type Row = { amount: number; phone: string | null };

/** The key of a home in `homes`: a business number (−1: none) and an amount number. */
export function homeKey(business: number, amount: number): number {
  return (business + 1) * 0x4000000 + amount;
}

/** Step 1: the dated rows, in the input's order (their order in memory). */
interface Dated<T> {
  n: number;
  /** 1 for each input row that has a day (and a finite amount). */
  dated: Uint8Array;
  undated: T[];
  /** By dated row t: its day, its home (see readDays) and its business number (−1: none). */
  tDay: Int32Array;
  tHome: Int32Array;
  tBusiness: Int32Array;
  businesses: Map<string, number>;
  amounts: Map<number, number>;
  homes: Map<number, number>;
}

/** Each dated row's day, business and home (its business's rows of its amount). */
function readDays<T extends Row>(all: readonly T[], f: Fields<T>): Dated<T> {
  const size = all.length;
  const undated: T[] = [];
  const dated = new Uint8Array(size);
  const tDay = new Int32Array(size);
  const tHome = new Int32Array(size);
  const tBusiness = new Int32Array(size);
  const businesses = new Map<string, number>();
  const amounts = new Map<number, number>();
  const homes = new Map<number, number>();
  // Lists come in runs (one business; the same amount): skip the lookups while a run lasts.
  let lastBusiness: string | null = null;
  let lastBusinessOf = -1;
  let lastAmount = Number.NaN;
  let lastAmountOf = -1;
  let n = 0;
  for (let j = 0; j < size; j++) {
    const item = all[j] as T;
    const d = quickDayNumber(f.day(item));
    if (d === null || !Number.isFinite(item.amount)) {
      undated.push(item);
      continue;
    }
    dated[j] = 1;
    tDay[n] = d;
    const biz = f.business(item) || null; // an empty id is no id
    if (biz === null) lastBusinessOf = -1;
    else if (biz !== lastBusiness || lastBusinessOf < 0) lastBusinessOf = ordinal(businesses, biz);
    lastBusiness = biz;
    const a = Math.abs(item.amount);
    if (a !== lastAmount) {
      lastAmount = a;
      lastAmountOf = ordinal(amounts, a);
    }
    tBusiness[n] = lastBusinessOf;
    tHome[n] = ordinal(homes, homeKey(lastBusinessOf, lastAmountOf));
    n++;
  }
  return { n, dated, undated, tDay, tHome, tBusiness, businesses, amounts, homes };
}

/**
 * Step 2: row numbers — by home, then by day, so each home's rows are one run of numbers
 * (homeStart) — and the rows in day order.
 */
function numberRows<T>(d: Dated<T>) {
  const { n, tDay, tHome } = d;
  const homes = d.homes.size;
  const dayOrderT = dayOrder(tDay, n);
  const order = byKeyThen(dayOrderT, tHome, 0, Math.max(1, homes)); // rows → dated input, for now
  const rowOf = new Int32Array(n);
  for (let i = 0; i < n; i++) rowOf[order[i] as number] = i;
  for (let k = 0; k < n; k++) order[k] = rowOf[dayOrderT[k] as number] as number; // day order
  const homeStart = new Int32Array(homes + 1);
  for (let t = 0; t < n; t++) {
    const h = (tHome[t] as number) + 1;
    homeStart[h] = (homeStart[h] as number) + 1;
  }
  for (let h = 0; h < homes; h++) {
    homeStart[h + 1] = (homeStart[h + 1] as number) + (homeStart[h] as number);
  }
  return { order, rowOf, homeStart };
}

/** Step 3: the other fields, read in the input's order, each written at its row's number. */
function readFields<T extends Row>(
  all: readonly T[],
  f: Fields<T>,
  d: Dated<T>,
  rowOf: Int32Array,
) {
  const { n, dated, tDay, tBusiness } = d;
  const items = sized<T>(n);
  const day = new Int32Array(n);
  const amount = new Float64Array(n);
  const phoneHash = new Int32Array(n);
  const hasPhone = new Uint8Array(n);
  const keyHash = new Int32Array(n);
  const hasKey = new Uint8Array(n);
  const businessOf = new Int32Array(n);
  const pairs = new Int32Array(PAIR_WORDS * n);
  const pairsRead = new Uint8Array(n);
  const noPhoneAmounts = new Map<number, number>();
  for (let j = 0, t = 0; j < all.length; j++) {
    if (dated[j] === 0) continue;
    const item = all[j] as T;
    const i = rowOf[t] as number;
    items[i] = item;
    day[i] = tDay[t] as number;
    const a = Math.abs(item.amount);
    amount[i] = a;
    if (item.phone) {
      phoneHash[i] = textHash(item.phone);
      hasPhone[i] = 1;
    } else {
      ordinal(noPhoneAmounts, a);
    }
    businessOf[i] = tBusiness[t] as number;
    let key = baseKey(f.base(item));
    const raw = f.raw(item);
    if (key === '') key = nameForm(raw).key;
    if (key !== '') {
      keyHash[i] = textHash(key);
      hasKey[i] = 1;
    }
    if (raw.length <= MAX_NAME_LENGTH && plainLetterPairs(raw, pairs, i)) pairsRead[i] = 1;
    t++;
  }
  return {
    items,
    day,
    amount,
    phoneHash,
    hasPhone,
    keyHash,
    hasKey,
    businessOf,
    pairs,
    pairsRead,
    noPhoneAmounts,
  };
}

/** The rows with a flag set, grouped by `hash & mask` (the others in no group). */
function byHash(
  hash: Int32Array,
  has: Uint8Array,
  mask: number,
  order: Int32Array,
  scratch: Int32Array,
): Groups {
  for (let i = 0; i < has.length; i++) scratch[i] = has[i] === 1 ? (hash[i] as number) & mask : -1;
  return grouped(scratch, mask + 1, order);
}

function build<T extends Row>(all: readonly T[], f: Fields<T>): RowIndex<T> {
  const d = readDays(all, f);
  const { n } = d;
  const { order, rowOf, homeStart } = numberRows(d);
  const r = readFields(all, f, d, rowOf);

  // 4. The groups by phone and key (hash buckets: about one phone per bucket, a family having a
  //    few rows; one key per several, keys repeating), and by amount for rows without a phone.
  //    tDay, read by now, serves as the scratch "group of each row".
  let buckets = 16;
  while (buckets < n) buckets *= 2;
  const phoneMask = buckets / 2 - 1;
  const keyMask = buckets / 8 - 1;
  const scratch = d.tDay.subarray(0, n);
  const byPhone = byHash(r.phoneHash, r.hasPhone, phoneMask, order, scratch);
  const byKey = byHash(r.keyHash, r.hasKey, keyMask, order, scratch);
  let noPhone = EMPTY;
  if (r.noPhoneAmounts.size > 0) {
    for (let i = 0; i < n; i++) {
      scratch[i] =
        r.hasPhone[i] === 1 ? -1 : (r.noPhoneAmounts.get(r.amount[i] as number) as number);
    }
    noPhone = grouped(scratch, r.noPhoneAmounts.size, order);
  }

  const lookup: Lookup<T> = {
    items: r.items,
    order,
    day: r.day,
    amount: r.amount,
    phoneHash: r.phoneHash,
    hasPhone: r.hasPhone,
    keyHash: r.keyHash,
    hasKey: r.hasKey,
    businessOf: r.businessOf,
    phoneMask,
    keyMask,
    byPhone,
    byKey,
    businesses: d.businesses,
    amounts: d.amounts,
    homes: d.homes,
    byHome: { start: homeStart, ids: null },
    noPhoneAmounts: r.noPhoneAmounts,
    noPhone,
    raw: f.raw,
    phone: phoneOfRow,
    forms: sized<NameForm | undefined>(n),
    pairs: r.pairs,
    pairsRead: r.pairsRead,
    tags: sized<string | undefined>(n),
    memo: new Map(),
    seen: new Int32Array(n),
    stamp: 0,
  };
  return new RowIndexImpl(all, d.undated, lookup, f);
}

/** A row of the public `byAmount` view; its name is read on first access. */
class EntryView<T> implements Entry<T> {
  constructor(
    private readonly lk: Lookup<T>,
    private readonly i: number,
  ) {}
  get item(): T {
    return this.lk.items[this.i] as T;
  }
  get day(): number {
    return this.lk.day[this.i] as number;
  }
  get name(): NameForm {
    return nameOf(this.lk, this.i);
  }
}

/** The public maps are views for callers and tests; they are built on first access. */
class RowIndexImpl<T extends Row> implements RowIndex<T> {
  private amountView: Map<number, Entry<T>[]> | null = null;
  private phoneView: Map<string, T[]> | null = null;
  private nameView: Map<string, T[]> | null = null;

  constructor(
    private readonly items: readonly T[],
    readonly undated: readonly T[],
    readonly lookup: Lookup<T>,
    private readonly f: Fields<T>,
  ) {}

  get size(): number {
    return this.items.length;
  }

  get byAmount(): ReadonlyMap<number, readonly Entry<T>[]> {
    if (this.amountView === null) {
      const m = new Map<number, Entry<T>[]>();
      const lk = this.lookup;
      for (const i of lk.order) push(m, lk.amount[i] as number, new EntryView(lk, i));
      this.amountView = m;
    }
    return this.amountView;
  }

  get byPhone(): ReadonlyMap<string, readonly T[]> {
    if (this.phoneView === null) {
      const m = new Map<string, T[]>();
      for (const item of this.items) if (item.phone) push(m, item.phone, item);
      this.phoneView = m;
    }
    return this.phoneView;
  }

  get byName(): ReadonlyMap<string, readonly T[]> {
    if (this.nameView === null) {
      const m = new Map<string, T[]>();
      for (const item of this.items) {
        const key = nameKey(this.f.base(item));
        if (key) push(m, key, item);
      }
      this.nameView = m;
    }
    return this.nameView;
  }
}

/** The 고객명 to compare: the free text, or the base name when the free text is blank. */
export const invoiceName = (i: ManagerInvoice): string =>
  i.customerRaw.trim() !== '' ? i.customerRaw : i.customer;

/** Index manager invoices (names read from the free-text 고객명, falling back to the base). */
export function buildInvoiceIndex(invoices: readonly ManagerInvoice[]): InvoiceIndex {
  return build(invoices, {
    day: (i) => i.registeredAt,
    raw: invoiceName,
    base: (i) => i.customer,
    business: (i) => i.businessId,
  });
}

/** Index MacGai payments (the reverse direction, for drift). */
export function buildPaymentIndex(payments: readonly MacgaiPayment[]): PaymentIndex {
  return build(payments, {
    day: (p) => p.date,
    raw: (p) => p.customer,
    base: (p) => p.customer,
    business: (p) => p.businessId,
  });
}

/** Index of the first entry of `bucket` (sorted by day) with day ≥ lo. */
export function firstFrom(bucket: readonly { day: number }[], lo: number): number {
  let a = 0;
  let b = bucket.length;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if ((bucket[mid]?.day ?? Number.POSITIVE_INFINITY) < lo) a = mid + 1;
    else b = mid;
  }
  return a;
}

/** Entries of `bucket` (sorted by day) with lo ≤ day ≤ hi. */
export function inWindow<E extends { day: number }>(
  bucket: readonly E[],
  lo: number,
  hi: number,
): E[] {
  const out: E[] = [];
  for (let i = firstFrom(bucket, lo); i < bucket.length; i++) {
    const e = bucket[i];
    if (!e || e.day > hi) break;
    out.push(e);
  }
  return out;
}
