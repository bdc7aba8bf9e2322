/**
 * Lookup structures built once per list, for matching (see ../match.ts for how they are used).
 *
 * Building reads each row once, in the input's order (its order in memory), and no more than
 * the day and a few keys (|amount|, phone, business, the base-name key, the letter pairs of a
 * plain name) into flat arrays, moved to row order afterwards; no map is keyed per row by more
 * than a business or an amount. Everything costly is computed on first use — the name in
 * comparable form (a parse, kept), the status class (kept) — so a row that is never a candidate
 * never pays for it. Rows are numbered by home (a business's
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
  quickNameForm,
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
  /** Homes — a business's rows of one amount, or the rows of one amount without a business. */
  readonly homes: Homes;
  /** The rows of each home: one run of row numbers each, in day order. */
  readonly byHome: Groups;
  readonly noPhoneAmounts: ReadonlyMap<number, number>;
  readonly noPhone: Groups;
  /** The text a row's name form is read from. */
  readonly raw: (item: T) => string;
  /** A row's phone (normalized digits), or null/'' for none. */
  readonly phone: (item: T) => string | null;
  /** Parsed name forms, kept from their first use (see {@link nameOf}). */
  readonly forms: (NameForm | undefined)[];
  /**
   * Letter pairs of each row's full-text key (see plainLetterPairs), PAIR_WORDS per row; read
   * while building for plain names, on first use (pairsRead 0) for the rest.
   */
  readonly pairs: Int32Array;
  readonly pairsRead: Uint8Array;
  /** Per-row memo of a small derived value (the status class, or the 결제수단 verdict), as a
   *  code the matcher gives it (0: not read yet). */
  readonly tags: Uint8Array;
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

/**
 * Row i's name in comparable form. A name read without parsing (most rows: see quickNameForm)
 * is read again at each use — most rows are compared once or never, and a kept form would
 * outlive the young generation for nothing; a parsed one is kept.
 */
export function nameOf<T>(lk: Lookup<T>, i: number): NameForm {
  let f = lk.forms[i];
  if (f === undefined) {
    const raw = lk.raw(lk.items[i] as T);
    const quick = quickNameForm(raw);
    if (quick !== null) return quick;
    f = nameForm(raw);
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

/** civilDay of the first of each month of the years a list may hold (1900–2199). */
const TABLE_FROM = 1900;
const TABLE_TO = 2200;
const MONTH_START = new Int32Array((TABLE_TO - TABLE_FROM) * 12);
for (let y = TABLE_FROM; y < TABLE_TO; y++) {
  for (let m = 1; m <= 12; m++) MONTH_START[(y - TABLE_FROM) * 12 + m - 1] = civilDay(y, m, 1);
}

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
  if (y >= TABLE_FROM && y < TABLE_TO)
    return (MONTH_START[(y - TABLE_FROM) * 12 + m - 1] as number) + d - 1;
  return civilDay(y, m, d);
}

/** Days from 1970-01-01 to y-m-d (proleptic Gregorian), as Date.UTC would give. */
function civilDay(y: number, m: number, d: number): number {
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

/**
 * The homes (a business's rows of one amount; the rows of one amount without a business),
 * numbered in the order their first rows come, looked up by a business number (−1: none) and an
 * amount number: an open-addressing hash table of the key (business + 1) × width + amount.
 */
export class Homes {
  private homes = 0;
  private keys: Float64Array;
  private values: Int32Array;
  private mask: number;

  /** `width`: the number of amounts (amount numbers are below it). */
  constructor(private readonly width: number) {
    this.keys = new Float64Array(1024).fill(-1);
    this.values = new Int32Array(1024);
    this.mask = 1023;
  }

  /** The slot of `key`, or of the empty slot where it would go. */
  private slot(key: number): number {
    const { keys, mask } = this;
    let s =
      (Math.imul(key >>> 0, 0x9e3779b1) ^ Math.imul((key / 0x100000000) >>> 0, 0x85ebca6b)) & mask;
    for (;;) {
      const k = keys[s] as number;
      if (k === key || k === -1) return s;
      s = (s + 1) & mask;
    }
  }

  /** The home of a business and an amount number; −1 when there is none. */
  get(business: number, amount: number): number {
    const key = (business + 1) * this.width + amount;
    const s = this.slot(key);
    return this.keys[s] === key ? (this.values[s] as number) : -1;
  }

  /** The home of a business and an amount number, numbering it if it is new. */
  number(business: number, amount: number): number {
    const key = (business + 1) * this.width + amount;
    const s = this.slot(key);
    if (this.keys[s] === key) return this.values[s] as number;
    const home = this.homes++;
    this.keys[s] = key;
    this.values[s] = home;
    if (2 * this.homes > this.mask) this.grow();
    return home;
  }

  /** How many homes are numbered. */
  get count(): number {
    return this.homes;
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Float64Array(2 * keys.length).fill(-1);
    this.values = new Int32Array(2 * keys.length);
    this.mask = 2 * keys.length - 1;
    for (let s = 0; s < keys.length; s++) {
      const key = keys[s] as number;
      if (key === -1) continue;
      const to = this.slot(key);
      this.keys[to] = key;
      this.values[to] = values[s] as number;
    }
  }
}

/** The per-row fields of a {@link Lookup}, flat, for `size` rows. */
interface RowFields {
  day: Int32Array;
  /** |amount| */
  amount: Float64Array;
  phoneHash: Int32Array;
  hasPhone: Uint8Array;
  keyHash: Int32Array;
  hasKey: Uint8Array;
  businessOf: Int32Array;
  pairs: Int32Array;
  pairsRead: Uint8Array;
}

function rowFields(size: number): RowFields {
  return {
    day: new Int32Array(size),
    amount: new Float64Array(size),
    phoneHash: new Int32Array(size),
    hasPhone: new Uint8Array(size),
    keyHash: new Int32Array(size),
    hasKey: new Uint8Array(size),
    businessOf: new Int32Array(size),
    pairs: new Int32Array(PAIR_WORDS * size),
    pairsRead: new Uint8Array(size),
  };
}

/** Step 1: every field the index keeps, read in one pass over the input (its order in memory). */
interface Read<T> {
  /** Dated rows (a day and a finite amount), numbered t = 0…n−1 in the input's order. */
  n: number;
  undated: T[];
  /** By dated row t: its input position, its amount number, … */
  tSrc: Int32Array;
  tAmountOf: Int32Array;
  /** … and its fields (by t until step 3 puts them in row order). */
  fields: RowFields;
  businesses: Map<string, number>;
  amounts: Map<number, number>;
  noPhoneAmounts: Map<number, number>;
}

/** Step 1 (see {@link Read}). */
function readRows<T extends Row>(all: readonly T[], f: Fields<T>): Read<T> {
  const size = all.length;
  const undated: T[] = [];
  const tSrc = new Int32Array(size);
  const tAmountOf = new Int32Array(size);
  const fields = rowFields(size);
  const { day, amount, phoneHash, hasPhone, keyHash, hasKey, businessOf, pairs, pairsRead } =
    fields;
  const businesses = new Map<string, number>();
  const amounts = new Map<number, number>();
  const noPhoneAmounts = new Map<number, number>();
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
    const t = n++;
    tSrc[t] = j;
    day[t] = d;
    const biz = f.business(item) || null; // an empty id is no id
    if (biz === null) lastBusinessOf = -1;
    else if (biz !== lastBusiness || lastBusinessOf < 0) lastBusinessOf = ordinal(businesses, biz);
    lastBusiness = biz;
    businessOf[t] = lastBusinessOf;
    const a = Math.abs(item.amount);
    if (a !== lastAmount) {
      lastAmount = a;
      lastAmountOf = ordinal(amounts, a);
    }
    tAmountOf[t] = lastAmountOf;
    amount[t] = a;
    const phone = item.phone;
    if (phone) {
      phoneHash[t] = textHash(phone);
      hasPhone[t] = 1;
    } else {
      ordinal(noPhoneAmounts, a);
    }
    let key = baseKey(f.base(item));
    const raw = f.raw(item);
    if (key === '') key = nameForm(raw).key;
    if (key !== '') {
      keyHash[t] = textHash(key);
      hasKey[t] = 1;
    }
    if (raw.length <= MAX_NAME_LENGTH && plainLetterPairs(raw, pairs, t)) pairsRead[t] = 1;
  }
  return { n, undated, tSrc, tAmountOf, fields, businesses, amounts, noPhoneAmounts };
}

/** Each dated row's home (see {@link Homes}), from its business and amount numbers. */
function numberHomes(r: Read<unknown>): { homes: Homes; tHome: Int32Array } {
  const { n, tAmountOf } = r;
  const { businessOf } = r.fields;
  const homes = new Homes(Math.max(1, r.amounts.size));
  const tHome = new Int32Array(n);
  for (let t = 0; t < n; t++)
    tHome[t] = homes.number(businessOf[t] as number, tAmountOf[t] as number);
  return { homes, tHome };
}

/**
 * Step 2: row numbers — by home, then by day, so each home's rows are one run of numbers
 * (homeStart) — and the rows in day order.
 */
function numberRows(n: number, tDay: Int32Array, tHome: Int32Array, homes: number) {
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

/** Step 3: the fields read in step 1, moved from input order (t) to row order (rowOf[t]). */
function toRows<T>(all: readonly T[], r: Read<T>, rowOf: Int32Array): RowFields & { items: T[] } {
  const { n, tSrc } = r;
  const from = r.fields;
  const to = rowFields(n);
  const items = sized<T>(n);
  for (let t = 0; t < n; t++) {
    const i = rowOf[t] as number;
    items[i] = all[tSrc[t] as number] as T;
    to.day[i] = from.day[t] as number;
    to.amount[i] = from.amount[t] as number;
    to.phoneHash[i] = from.phoneHash[t] as number;
    to.hasPhone[i] = from.hasPhone[t] as number;
    to.keyHash[i] = from.keyHash[t] as number;
    to.hasKey[i] = from.hasKey[t] as number;
    to.businessOf[i] = from.businessOf[t] as number;
    to.pairsRead[i] = from.pairsRead[t] as number;
    const a = PAIR_WORDS * t;
    const b = PAIR_WORDS * i;
    to.pairs[b] = from.pairs[a] as number;
    to.pairs[b + 1] = from.pairs[a + 1] as number;
    to.pairs[b + 2] = from.pairs[a + 2] as number;
    to.pairs[b + 3] = from.pairs[a + 3] as number;
  }
  return { ...to, items };
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
  const read = readRows(all, f);
  const { n } = read;
  const { homes, tHome } = numberHomes(read);
  const { order, rowOf, homeStart } = numberRows(n, read.fields.day, tHome, homes.count);
  const r = toRows(all, read, rowOf);

  // 4. The groups by phone and key (hash buckets: about one phone per bucket, a family having a
  //    few rows; one key per several, keys repeating), and by amount for rows without a phone.
  //    tHome, read by now, serves as the scratch "group of each row".
  let buckets = 16;
  while (buckets < n) buckets *= 2;
  const phoneMask = buckets / 2 - 1;
  const keyMask = buckets / 8 - 1;
  const scratch = tHome;
  const byPhone = byHash(r.phoneHash, r.hasPhone, phoneMask, order, scratch);
  const byKey = byHash(r.keyHash, r.hasKey, keyMask, order, scratch);
  let noPhone = EMPTY;
  if (read.noPhoneAmounts.size > 0) {
    for (let i = 0; i < n; i++) {
      scratch[i] =
        r.hasPhone[i] === 1 ? -1 : (read.noPhoneAmounts.get(r.amount[i] as number) as number);
    }
    noPhone = grouped(scratch, read.noPhoneAmounts.size, order);
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
    businesses: read.businesses,
    amounts: read.amounts,
    homes,
    byHome: { start: homeStart, ids: null },
    noPhoneAmounts: read.noPhoneAmounts,
    noPhone,
    raw: f.raw,
    phone: phoneOfRow,
    forms: sized<NameForm | undefined>(n),
    pairs: r.pairs,
    pairsRead: r.pairsRead,
    tags: new Uint8Array(n),
    memo: new Map(),
    seen: new Int32Array(n),
    stamp: 0,
  };
  return new RowIndexImpl(all, read.undated, lookup, f);
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
export function invoiceName(i: ManagerInvoice): string {
  const raw = i.customerRaw;
  // Printable ASCII and Hangul syllables are never white space: no need to trim to know.
  const c = raw.length > 0 ? raw.charCodeAt(0) : 0;
  if ((c > 0x20 && c < 0x7f) || (c >= 0xac00 && c <= 0xd7a3)) return raw;
  return raw.trim() !== '' ? raw : i.customer;
}

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
