import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { createRecord } from '@/lib/domain';
import { makePayment } from '@/lib/domain/testing';
import { openDb, SCHEMA_V1 } from './db';

describe('schema upgrade', () => {
  it('upgrades a version-1 database without losing a record, and backfills stateSince', async () => {
    const name = `upgrade-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    const payment = makePayment({ status: '결제취소', note: '강제취소' });
    const record = createRecord('payment', payment, 1_000);
    await v1
      .table('records')
      .bulkPut([
        record,
        { ...createRecord('payment', makePayment({ customer: '김하늘' }), 2_000), events: [] },
      ]);
    await v1.table('settings').put({ key: 'overdueDays', value: 5 });
    v1.close();

    const db = openDb(name);
    const rows = await db.records.orderBy('id').toArray();
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.stateSince).sort()).toEqual([1_000, 2_000]);
    expect(await db.records.where('payment.key').equals(payment.key).count()).toBe(1);
    expect(
      await db.records
        .where('[businessId+state]')
        .equals([record.businessId ?? '', 'pending'])
        .count(),
    ).toBe(0);
    expect((await db.settings.get('overdueDays'))?.value).toBe(5);
    expect(db.verno).toBe(2);
    db.close();
    await Dexie.delete(name);
  });
});
