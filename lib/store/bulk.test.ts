import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getMany } from './bulk';
import { openDb, type ReconDb } from './db';

let db: ReconDb;
beforeEach(() => {
  db = openDb(`bulk-${Math.random()}`);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const setting = (i: number) => ({ key: `k${String(i).padStart(5, '0')}`, value: i });
const keys = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => setting(from + i).key);

describe('getMany', () => {
  it('answers like bulkGet: small batches, an empty table, missing and repeated keys', async () => {
    await db.settings.bulkPut([0, 1, 2].map(setting));
    expect(await getMany(db.settings, ['k00001', 'nope', 'k00001'])).toEqual([
      setting(1),
      undefined,
      setting(1),
    ]);
    await db.settings.clear();
    const none = await getMany(db.settings, keys(0, 300), 200);
    expect(none).toHaveLength(300);
    expect(none.every((r) => r === undefined)).toBe(true);
  });

  it('reads the existing keys of a big batch over their range, or one by one, or all by bulkGet', async () => {
    await db.settings.bulkPut(Array.from({ length: 1000 }, (_, i) => setting(i)));
    const spy = vi.spyOn(db.settings, 'bulkGet');
    // Most of the batch exists and fills its range: one range read.
    const dense = [...keys(100, 400), ...keys(5000, 5100)];
    const a = await getMany(db.settings, dense, 200);
    expect(a.slice(0, 300)).toEqual(Array.from({ length: 300 }, (_, i) => setting(100 + i)));
    expect(a.slice(300).every((r) => r === undefined)).toBe(true);
    expect(spy).not.toHaveBeenCalled();
    // A few existing keys scattered over the table: read one by one.
    const sparse = [...keys(5000, 5300), 'k00000', 'k00999'];
    const b = await getMany(db.settings, sparse, 200);
    expect(b.slice(300)).toEqual([setting(0), setting(999)]);
    expect(spy).toHaveBeenCalledWith(['k00000', 'k00999']);
    spy.mockClear();
    // A batch small next to the table: bulkGet as is.
    await db.settings.bulkPut(Array.from({ length: 3000 }, (_, i) => setting(1000 + i)));
    const c = await getMany(db.settings, keys(0, 250), 200);
    expect(c).toEqual(Array.from({ length: 250 }, (_, i) => setting(i)));
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockClear();
    // Below the threshold: bulkGet without a look at the table.
    await getMany(db.settings, keys(0, 10));
    expect(spy).toHaveBeenCalledTimes(1);
  });
});
