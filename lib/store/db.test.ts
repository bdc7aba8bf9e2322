import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { createRecord } from '@/lib/domain';
import { makePayment } from '@/lib/domain/testing';
import { openDb, SCHEMA_V1, SCHEMA_V2, stateSinceOf } from './db';

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
    expect(db.verno).toBe(3);
    db.close();
    await Dexie.delete(name);
  });

  it('upgrades a version-2 database to v3: the same rows, only the indexes queries use', async () => {
    const name = `upgrade-v2-${Math.random()}`;
    const v2 = new Dexie(name);
    v2.version(1).stores(SCHEMA_V1);
    v2.version(2).stores(SCHEMA_V2);
    const forced = makePayment({ status: '결제취소', note: '강제취소', businessId: 'b:1' });
    const pending = createRecord('payment', forced, 1_000);
    const other = makePayment({ customer: '김하늘', status: '결제취소', note: '강제취소' });
    const resolved = { ...createRecord('payment', other, 2_000), state: 'resolved' as const };
    await v2
      .table('records')
      .bulkPut([pending, resolved].map((r) => ({ ...r, stateSince: stateSinceOf(r) })));
    await v2.table('payments').bulkPut([forced, other]);
    v2.close();

    const db = openDb(name);
    expect(await db.records.count()).toBe(2);
    expect(await db.payments.count()).toBe(2);
    expect(db.verno).toBe(3);
    const store = db.backendDB().transaction('records').objectStore('records');
    expect([...store.indexNames].sort()).toEqual(
      ['[businessId+state]', '[state+stateSince]', 'payment.key'].sort(),
    );
    // where('state') / where('businessId') run on the compound indexes' prefixes.
    expect((await db.records.where('state').equals('pending').toArray()).map((r) => r.id)).toEqual([
      pending.id,
    ]);
    expect(await db.records.where('state').anyOf(['pending', 'resolved']).count()).toBe(2);
    expect(await db.records.where('state').equals('resolved').count()).toBe(1);
    expect(await db.records.where('businessId').equals('b:1').count()).toBe(1);
    expect(await db.records.where('payment.key').equals(other.key).count()).toBe(1);
    db.close();
    await Dexie.delete(name);
  });
});
