import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRecord } from '@/lib/domain';
import { makeInvoice, makePayment } from '@/lib/domain/testing';
import { openDb, type ReconDb } from './db';
import { createManagerService } from './manager-service';
import { createService, toRow } from './service';

let db: ReconDb;
let now = 1_000_000;
const changed = vi.fn();
let mgr: ReturnType<typeof createManagerService>;
let svc: ReturnType<typeof createService>;

const HAESOL = 'b:2208162517';
const ART = 'b:1058704281';

beforeEach(async () => {
  db = openDb(`mgr-${Math.random()}`);
  now = 1_000_000;
  changed.mockClear();
  mgr = createManagerService({ db, now: () => now, changed });
  svc = createService({ db, now: () => now, changed, openManager: async () => true });
  await svc.learnBusinesses({
    businesses: [
      { name: '해솔수학학원', bizNo: '220-81-62517', smsPayStatus: '사용가능' },
      { name: '해솔아트앤뮤직', bizNo: '105-87-04281', smsPayStatus: '사용가능' },
    ],
  });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const pay = makePayment({
  customer: '윤서진',
  phone: '01074851651',
  amount: 280000,
  date: '2026-11-18',
  status: '대기취소',
  note: '강제취소',
  businessId: HAESOL,
});
const live = makeInvoice({
  customer: '윤서진',
  phone: '01074851651',
  amount: 280000,
  registeredAt: '2026-11-18T16:39',
  status: '발송완료',
  businessId: HAESOL,
});

async function pending() {
  const rec = createRecord('payment', pay, now);
  await db.records.put(toRow(rec));
  return rec;
}

describe('which business a manager tab is', () => {
  it('the [매니저 사이트 바로가기] click first, then the name on the page, then the tab, then the only one', async () => {
    await svc.nextManagerBusiness({
      business: { name: '해솔아트앤뮤직', bizNo: '105-87-04281', smsPayStatus: null },
    });
    expect(
      (await mgr.session({ url: 'u', pageText: '해솔수학학원 로그아웃' }, 7)).business?.id,
    ).toBe(ART);
    // The click is used once; then the name shown wins (the user logged in as the other one).
    expect(
      (await mgr.session({ url: 'u', pageText: '해솔수학학원 (haesol01)' }, 7)).business?.id,
    ).toBe(HAESOL);
    // No name on the page: the tab keeps what it was.
    expect((await mgr.session({ url: 'u', pageText: '대시보드' }, 7)).business?.id).toBe(HAESOL);
    expect((await mgr.session({ url: 'u', pageText: '대시보드' }, 8)).business).toBeNull();
    await db.businesses.delete(ART);
    expect((await mgr.session({ url: 'u', pageText: '' }, 9)).business?.id).toBe(HAESOL);
  });

  it('lists this business’s open records (and those of unknown business) and the hand-over', async () => {
    const rec = await pending();
    await db.records.put(
      toRow(
        createRecord(
          'payment',
          makePayment({
            customer: '김하늘',
            businessId: ART,
            status: '결제취소',
            note: '강제취소',
          }),
          now,
        ),
      ),
    );
    await svc.start(rec.id);
    const s = await mgr.session({ url: 'u', pageText: '해솔수학학원' }, 1);
    expect(s.queue.map((q) => q.customer)).toEqual(['윤서진']);
    expect(s.active?.id).toBe(rec.id);
    expect(s.handoff).toMatchObject({ id: rec.id, searched: null, pickedKey: null });
  });
});

describe('observing the 청구서관리 list', () => {
  it('points at the one match, resolves when it shows 결제취소, and learns the list URL', async () => {
    const rec = await pending();
    await svc.start(rec.id);
    await mgr.session({ url: 'u', pageText: '해솔수학학원' }, 1);
    const other = makeInvoice({
      customer: '최예린',
      phone: '01011112222',
      amount: 280000,
      registeredAt: '2026-11-17T10:00',
      businessId: HAESOL,
    });
    const seen = await mgr.observe({
      businessId: HAESOL,
      listUrl: 'http://localhost:1/bill/billList.do?x=1',
      invoices: [live, other],
    });
    expect(seen.target).toEqual({ key: live.key, recordId: rec.id });
    expect((await db.businesses.get(HAESOL))?.managerUrl).toBe(
      'http://localhost:1/bill/billList.do',
    );
    const done = await mgr.observe({
      businessId: HAESOL,
      listUrl: 'http://localhost:1/b',
      invoices: [{ ...live, status: '결제취소' }, other],
    });
    expect(done.resolvedId).toBe(rec.id);
    const stored = await db.records.get(rec.id);
    expect(stored?.state).toBe('resolved');
    expect(stored?.events.at(-1)?.evidence?.invoice?.status).toBe('결제취소');
  });

  it('asks when two invoices fit equally, says none after a search that found nothing, and takes the pick', async () => {
    const rec = await pending();
    await svc.start(rec.id);
    const twin = makeInvoice({
      customer: '윤서진',
      phone: '01074851651',
      amount: 280000,
      registeredAt: '2026-11-18T16:40',
      businessId: HAESOL,
      reason: '11월 교재',
    });
    const asked = await mgr.observe({
      businessId: HAESOL,
      listUrl: 'http://x/',
      invoices: [live, twin],
    });
    expect(asked.target).toBeNull();
    expect(asked.candidates.map((c) => c.key).sort()).toEqual([live.key, twin.key].sort());
    expect(asked.candidates[0]?.fields.length).toBeGreaterThan(0);
    await mgr.handoff({ action: 'pick', invoiceKey: twin.key });
    expect(
      (await mgr.observe({ businessId: HAESOL, listUrl: 'http://x/', invoices: [live, twin] }))
        .target?.key,
    ).toBe(twin.key);
    await mgr.handoff({ action: 'searched', mode: 'wide' });
    const none = await mgr.observe({ businessId: HAESOL, listUrl: 'http://x/', invoices: [] });
    expect(none.none).toBe(true);
    await mgr.handoff({ action: 'close' });
    expect((await mgr.session({ url: 'u', pageText: '' }, 1)).handoff).toBeNull();
  });

  it('settles other records and records drift for invoices cancelled here but live in MacGai', async () => {
    const unverified = createRecord('payment', { ...pay, note: '' }, now, { state: 'unverified' });
    await db.records.put(toRow(unverified));
    const livePayment = makePayment({
      customer: '송지호',
      phone: '01061488636',
      amount: 420000,
      date: '2026-11-04',
      status: '결제완료',
      businessId: HAESOL,
    });
    await db.payments.put(livePayment);
    const cancelledHere = makeInvoice({
      customer: '송지호',
      phone: '01061488636',
      amount: 420000,
      registeredAt: '2026-11-03T12:04',
      status: '결제취소',
      businessId: HAESOL,
    });
    const view = await mgr.observe({
      businessId: HAESOL,
      listUrl: 'http://x/',
      invoices: [live, cancelledHere],
    });
    expect(view.drift).toBe(1);
    expect((await db.records.get(unverified.id))?.state).toBe('pending');
    const drift = await db.records.get(`d:${cancelledHere.key}`);
    expect(drift).toMatchObject({ state: 'drift', payment: { customer: '송지호' } });
    expect(changed).toHaveBeenCalled();
  });
});

describe('the cancel password', () => {
  it('is given only to a tab recognised as that business: stored first, else derived, never when asked to ask', async () => {
    await expect(mgr.password(HAESOL, 1)).rejects.toThrow(/not that business/);
    await mgr.session({ url: 'u', pageText: '해솔수학학원' }, 1);
    await expect(mgr.password(HAESOL, 2)).rejects.toThrow();
    expect(await mgr.password(HAESOL, 1)).toEqual({ password: '162517', source: 'derived' });
    await mgr.storePassword(HAESOL, '135790');
    expect(await mgr.password(HAESOL, 1)).toEqual({ password: '135790', source: 'stored' });
    await db.businesses.update(HAESOL, { passwordPolicy: 'ask' });
    expect(await mgr.password(HAESOL, 1)).toEqual({ password: null, source: null });
    await expect(mgr.storePassword('b:0000000000', '1')).rejects.toThrow(/Unknown business/);
  });

  it('logs warnings with the tab’s business and never a password', async () => {
    await mgr.session({ url: 'u', pageText: '해솔수학학원' }, 1);
    await mgr.log({ type: 'warning.destroy', detail: 'inv|x' }, 1);
    await mgr.log({ type: 'warning.resend', detail: 'inv|y' }, null);
    const rows = await db.log.toArray();
    expect(rows.map((r) => [r.type, r.businessId])).toEqual([
      ['warning.destroy', HAESOL],
      ['warning.resend', null],
    ]);
  });
});

describe('hand-over', () => {
  it('selecting a queue item starts it and makes it the hand-over; unknown ids are refused', async () => {
    const rec = await pending();
    const { handoff } = await mgr.handoff({ action: 'select', id: rec.id });
    expect(handoff).toMatchObject({ id: rec.id, searched: null });
    expect((await db.records.get(rec.id))?.state).toBe('in_progress');
    await mgr.handoff({ action: 'searched' });
    await mgr.handoff({ action: 'widen' });
    expect((await mgr.session({ url: 'u', pageText: '' }, 3)).handoff?.searched).toBeNull();
    await expect(mgr.handoff({ action: 'select', id: 'p:none' })).rejects.toThrow();
    now += 5 * 3_600_000;
    expect((await mgr.session({ url: 'u', pageText: '' }, 3)).handoff).toBeNull();
  });
});
