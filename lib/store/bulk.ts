import type { Table } from 'dexie';

/**
 * `table.bulkGet(keys)` for big batches, without one IndexedDB get() per key where that is slow.
 *
 * A get() costs about 30 µs in Chromium (one request and reply each), while a keys-only scan
 * (getAllKeys) costs about 3 µs per key and a range read (getAll) about 10 µs per row. So when a
 * batch is large next to the table (10k payments seen at once, most of them new), one keys-only
 * scan tells which keys exist, and only those are read: all at once over their key range when they
 * fill most of it, else one by one. Same answer as bulkGet, in the caller's transaction.
 */

/**
 * Smaller batches take bulkGet as is (a 1k batch reads in about 30 ms; counting a big table to
 * decide would cost more than it saves).
 */
export const SCAN_FROM = 2_000;
/** A get() costs about as much as this many keys of a keys-only scan… */
const GET_IN_SCANNED_KEYS = 10;
/** …or this many rows of a range read. */
const GET_IN_READ_ROWS = 3;

/** Index of the first key ≥ `key` in ascending `sorted`. */
function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export async function getMany<T, I>(
  table: Table<T, string, I>,
  keys: readonly string[],
  scanFrom = SCAN_FROM,
): Promise<(T | undefined)[]> {
  if (keys.length < scanFrom) return table.bulkGet([...keys]);
  const count = await table.count();
  if (count > keys.length * GET_IN_SCANNED_KEYS) return table.bulkGet([...keys]);
  // IndexedDB orders string keys by UTF-16 code units, as JavaScript's < and sort() do.
  const present = count === 0 ? [] : ((await table.toCollection().primaryKeys()) as string[]);
  const have = new Set(present);
  const wanted = [...new Set(keys.filter((k) => have.has(k)))].sort();
  const first = wanted[0];
  const last = wanted[wanted.length - 1];
  if (first === undefined || last === undefined) return keys.map(() => undefined);
  const span = lowerBound(present, last) - lowerBound(present, first) + 1;
  const rows =
    span <= wanted.length * GET_IN_READ_ROWS
      ? await table.where(':id').between(first, last, true, true).toArray()
      : ((await table.bulkGet(wanted)) as T[]);
  const keyPath = table.schema.primKey.keyPath as string;
  const byKey = new Map(rows.map((r) => [(r as Record<string, unknown>)[keyPath] as string, r]));
  return keys.map((k) => byKey.get(k));
}
