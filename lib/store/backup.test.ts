import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRecord, transition } from '@/lib/domain';
import { makeInvoice, makePayment } from '@/lib/domain/testing';
import { makeBackup, mergeRecord, parseBackup } from './backup';
import { recordsToCsv } from './csv';
import { openDb, type ReconDb } from './db';
import { createPagesService } from './pages-service';
import { toRow } from './service';

let db: ReconDb;
const changed = vi.fn();
let pages: ReturnType<typeof createPagesService>;

beforeEach(() => {
  db = openDb(`backup-${Math.random()}`);
  pages = createPagesService({ db, now: () => 5_000, changed });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const forced = makePayment({
  customer: '윤서진',
  status: '대기취소',
  note: '강제취소',
  amount: 280000,
});

async function seed() {
  const rec = createRecord('payment', forced, 1_000);
  const drift = createRecord(
    'drift',
    makeInvoice({ status: '결제취소', customerRaw: '=HYPERLINK("x")' }),
    2_000,
    {
      payment: makePayment({ customer: '송지호' }),
    },
  );
  await db.records.bulkPut([toRow(rec), toRow(drift)]);
  await db.payments.put(forced);
  await pages.saveBusiness({
    name: '해솔수학학원',
    bizNo: '220-81-62517',
    managerUrl: null,
    managerAccount: 'haesol01',
    passwordPolicy: 'stored',
    password: '999999',
  });
  await pages.setSetting({ key: 'overdueDays', value: 5 });
  return { rec, drift };
}

describe('backup', () => {
  it('round-trips: export, clear, import → every record, payment, business and setting is back', async () => {
    await seed();
    const backup = JSON.parse(JSON.stringify(await makeBackup(db, 9_000)));
    expect(JSON.stringify(backup)).not.toContain('999999');
    await pages.clearAll();
    expect(await db.records.count()).toBe(0);
    expect(await pages.importBackup(backup)).toEqual({
      added: 2,
      merged: 0,
      unchanged: 0,
      businesses: 1,
    });
    expect(await db.records.count()).toBe(2);
    expect(await db.payments.count()).toBe(1);
    expect((await db.settings.get('overdueDays'))?.value).toBe(5);
    expect(await db.secrets.count()).toBe(0);
    // Importing the same file again adds nothing.
    expect(await pages.importBackup(backup)).toEqual({
      added: 0,
      merged: 0,
      unchanged: 2,
      businesses: 0,
    });
  });

  it('merges a record present on both sides: newer state, union of events', async () => {
    const { rec } = await seed();
    const resolved = transition(rec, { type: 'dismiss', reason: '중복' }, 3_000);
    if (!resolved.ok) throw new Error('setup');
    const theirs = { ...(await makeBackup(db, 9_000)) };
    theirs.records = theirs.records.map((r) => (r.id === rec.id ? resolved.value : r));
    expect((await pages.importBackup(theirs)).merged).toBe(1);
    const stored = await db.records.get(rec.id);
    expect(stored?.state).toBe('dismissed');
    expect(stored?.events.map((e) => e.to)).toEqual(['pending', 'dismissed']);
    expect(stored?.stateSince).toBe(3_000);
    const m = mergeRecord(resolved.value, rec);
    expect(m.state).toBe('dismissed');
  });

  it('refuses a file that is not a backup, naming where', async () => {
    expect(parseBackup({ hello: 1 })).toMatchObject({
      ok: false,
      problem: expect.stringContaining('format'),
    });
    const good = await makeBackup(db, 1);
    const bad = { ...good, records: [{ ...createRecord('payment', forced, 1), state: 'weird' }] };
    expect(parseBackup(bad)).toMatchObject({
      ok: false,
      problem: expect.stringContaining('records.0.state'),
    });
    await expect(pages.importBackup(bad)).rejects.toMatchObject({ code: 'invalid_backup' });
    expect(await db.records.count()).toBe(0);
  });
});

describe('CSV', () => {
  it('has a BOM, Korean headers, every record with its history, and defuses formulas', async () => {
    const { rec, drift } = await seed();
    const csv = recordsToCsv([rec, drift], await db.businesses.toArray());
    expect(csv.startsWith('\uFEFF구분,상태,사업자,학생/고객명')).toBe(true);
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('맥가이 강제취소,매니저 취소 필요');
    expect(lines[1]).toContain('윤서진');
    expect(lines[2]).toContain('매니저에서만 취소됨');
    expect(lines[2]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).not.toContain('999999');
  });
});

describe('businesses and settings', () => {
  it('validates the 사업자번호, keeps the password apart, clears it on request', async () => {
    await expect(
      pages.saveBusiness({
        name: 'x',
        bizNo: '220-81-62518',
        managerUrl: null,
        managerAccount: null,
        passwordPolicy: 'derive',
      }),
    ).rejects.toMatchObject({ code: 'bizno_checksum' });
    const { id } = await pages.saveBusiness({
      name: '해솔',
      bizNo: '2208162517',
      managerUrl: 'https://alltalkpay.co.kr/bill',
      managerAccount: null,
      passwordPolicy: 'stored',
      password: '123456',
    });
    expect(id).toBe('b:2208162517');
    expect((await db.secrets.get(id))?.cancelPassword).toBe('123456');
    await pages.saveBusiness({
      id,
      name: '해솔',
      bizNo: null,
      managerUrl: null,
      managerAccount: null,
      passwordPolicy: 'derive',
    });
    expect(await db.secrets.get(id)).toBeDefined();
    await pages.saveBusiness({
      id,
      name: '해솔',
      bizNo: null,
      managerUrl: null,
      managerAccount: null,
      passwordPolicy: 'derive',
      password: null,
    });
    expect(await db.secrets.get(id)).toBeUndefined();
    await pages.deleteBusiness(id);
    expect(await db.businesses.count()).toBe(0);
  });

  it('clears diagnostics and says how many', async () => {
    await db.diagnostics.bulkAdd([
      { at: 1, site: 'macgai', url: 'u', pageKind: 'unrecognized', missing: ['납부금액'] },
      { at: 2, site: 'manager', url: 'v', pageKind: 'unrecognized', missing: ['상태'] },
    ]);
    expect(await pages.clearDiagnostics()).toEqual({ cleared: 2 });
  });
});
