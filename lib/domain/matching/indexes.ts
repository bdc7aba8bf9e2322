/**
 * Lookup structures built once per list. Matching then touches only the bucket of the exact
 * amount and, within it, only the rows whose day falls in the date window (binary search).
 */
import type { MacgaiPayment, ManagerInvoice } from '../model';
import { dayNumber } from '../parse/day';
import { type NameForm, nameForm, nameKey } from '../parse/name';

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
}

export type InvoiceIndex = RowIndex<ManagerInvoice>;
export type PaymentIndex = RowIndex<MacgaiPayment>;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function build<T extends { amount: number; phone: string | null }>(
  rows: readonly T[],
  dayOf: (row: T) => string,
  nameOf: (row: T) => string,
  baseOf: (row: T) => string,
): RowIndex<T> {
  const byAmount = new Map<number, Entry<T>[]>();
  const byPhone = new Map<string, T[]>();
  const byName = new Map<string, T[]>();
  const undated: T[] = [];
  for (const item of rows) {
    if (item.phone) push(byPhone, item.phone, item);
    const key = nameKey(baseOf(item));
    if (key) push(byName, key, item);
    const day = dayNumber(dayOf(item));
    if (day === null || !Number.isFinite(item.amount)) undated.push(item);
    else push(byAmount, Math.abs(item.amount), { item, day, name: nameForm(nameOf(item)) });
  }
  for (const bucket of byAmount.values()) bucket.sort((a, b) => a.day - b.day);
  return { size: rows.length, byAmount, byPhone, byName, undated };
}

/** Index manager invoices (names read from the free-text 고객명, falling back to the base). */
export function buildInvoiceIndex(invoices: readonly ManagerInvoice[]): InvoiceIndex {
  return build(
    invoices,
    (i) => i.registeredAt,
    (i) => (i.customerRaw.trim() !== '' ? i.customerRaw : i.customer),
    (i) => i.customer,
  );
}

/** Index MacGai payments (the reverse direction, for drift). */
export function buildPaymentIndex(payments: readonly MacgaiPayment[]): PaymentIndex {
  return build(
    payments,
    (p) => p.date,
    (p) => p.customer,
    (p) => p.customer,
  );
}

/** Entries of `bucket` (sorted by day) with lo ≤ day ≤ hi. */
export function inWindow<T>(bucket: readonly Entry<T>[], lo: number, hi: number): Entry<T>[] {
  let a = 0;
  let b = bucket.length;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if ((bucket[mid]?.day ?? Infinity) < lo) a = mid + 1;
    else b = mid;
  }
  const out: Entry<T>[] = [];
  for (let i = a; i < bucket.length; i++) {
    const e = bucket[i];
    if (!e || e.day > hi) break;
    out.push(e);
  }
  return out;
}
