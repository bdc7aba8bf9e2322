import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makePayment } from '@/lib/domain/testing';
import { openDb, type ReconDb } from './db';
import { createService, INTENT_TTL_MS, LATE_INTENT_MS, type Service, samePayment } from './service';

let db: ReconDb;
let service: Service;
let now: number;
const changed = vi.fn();
const openManager = vi.fn(async () => true);

beforeEach(async () => {
  db = openDb(`svc-${Math.random()}`);
  now = Date.UTC(2026, 10, 26, 3);
  changed.mockClear();
  openManager.mockClear();
  service = createService({ db, now: () => now, changed, openManager });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const live = makePayment({
  status: '결제대기',
  customer: '윤서진',
  amount: 280000,
  date: '2026-11-18',
});
const cancelled = { ...live, status: '대기취소' };

describe('payments.observe', () => {
  it('records a force cancel when the row the user pressed [강제취소] on turns cancelled', async () => {
    await service.observePayments({ payments: [live] });
    expect((await service.recordIntent({ action: 'force', payment: live })).recorded).toBe(true);
    now += 2_000;
    const { judgments } = await service.observePayments({ payments: [cancelled] });
    expect(judgments[live.key]).toMatchObject({ mark: 'pending', id: `p:${live.key}` });
    const record = await db.records.get(`p:${live.key}`);
    expect(record?.state).toBe('pending');
    expect(record?.payment?.cause).toBe('force');
    expect(await db.intents.count()).toBe(0);
    expect(changed).toHaveBeenCalled();
  });

  it('records nothing after [결제취소] (MacGai syncs it) and nothing when the user backed out', async () => {
    await service.recordIntent({ action: 'normal', payment: live });
    const normal = await service.observePayments({ payments: [cancelled] });
    expect(normal.judgments[live.key]).toBeNull();
    expect(await db.records.count()).toBe(0);

    const other = makePayment({ status: '결제완료', customer: '김하늘' });
    await service.recordIntent({ action: 'force', payment: other });
    const backedOut = await service.observePayments({ payments: [other] });
    expect(backedOut.judgments[other.key]).toBeNull();
    expect(await db.records.count()).toBe(0);
  });

  it('stores a cancelled 문자결제 of unknown cause as unverified, without a mark', async () => {
    const { judgments } = await service.observePayments({ payments: [cancelled] });
    expect(judgments[live.key]).toBeNull();
    expect((await db.records.get(`p:${live.key}`))?.state).toBe('unverified');
  });

  it('takes a press that arrives after its cancelled row (a retried message) as the cause', async () => {
    await service.observePayments({ payments: [live] });
    await service.observePayments({ payments: [cancelled] });
    expect((await db.records.get(`p:${live.key}`))?.state).toBe('unverified');
    changed.mockClear();
    now += 3_000;
    expect((await service.recordIntent({ action: 'force', payment: live })).recorded).toBe(true);
    const record = await db.records.get(`p:${live.key}`);
    expect(record?.state).toBe('pending');
    expect(record?.payment).toMatchObject({ cause: 'force', status: '대기취소' });
    expect(await db.intents.count()).toBe(0);
    expect(changed).toHaveBeenCalled();
    const { judgments } = await service.observePayments({ payments: [cancelled] });
    expect(judgments[live.key]?.mark).toBe('pending');
  });

  it('a late [결제취소] press dismisses the record; an older unknown cancel is left as it is', async () => {
    await service.observePayments({ payments: [cancelled] });
    now += 3_000;
    await service.recordIntent({ action: 'normal', payment: live });
    expect((await db.records.get(`p:${live.key}`))?.state).toBe('dismissed');

    const other = makePayment({ status: '결제대기', customer: '김하늘', amount: 150000 });
    await service.observePayments({ payments: [{ ...other, status: '대기취소' }] });
    now += LATE_INTENT_MS;
    await service.recordIntent({ action: 'force', payment: other });
    expect((await db.records.get(`p:${other.key}`))?.state).toBe('unverified');
    expect(await db.intents.count()).toBe(1);
  });

  it('forgets a pressed button after its time-out', async () => {
    await service.observePayments({ payments: [live] });
    await service.recordIntent({ action: 'force', payment: live });
    now += INTENT_TTL_MS + 1;
    await service.observePayments({ payments: [cancelled] });
    expect((await db.records.get(`p:${live.key}`))?.state).toBe('unverified');
  });

  it('is idempotent: the same rows seen again write nothing and keep their marks', async () => {
    const forced = { ...cancelled, note: '강제취소' };
    await service.observePayments({ payments: [forced] });
    changed.mockClear();
    const again = await service.observePayments({ payments: [forced] });
    expect(again.judgments[live.key]?.mark).toBe('pending');
    expect(changed).not.toHaveBeenCalled();
    expect(await db.records.count()).toBe(1);
  });

  it('keeps what an earlier sighting knew (phone, business) when a list lacks it', async () => {
    await service.observePayments({
      payments: [{ ...live, phone: '01074851651', businessName: '해솔' }],
    });
    await service.observePayments({ payments: [{ ...live, phone: null, businessName: null }] });
    const stored = await db.payments.get(live.key);
    expect(stored?.phone).toBe('01074851651');
    expect(stored?.businessName).toBe('해솔');
  });
});

describe('payments kept inside their record (v3)', () => {
  const forced = makePayment({ status: '결제취소', note: '강제취소', customer: '정하윤' });

  it('writes no payment row for a new force cancel: its record holds it, and a revisit writes nothing', async () => {
    await service.observePayments({ payments: [forced] });
    expect(await db.payments.count()).toBe(0);
    const record = await db.records.get(`p:${forced.key}`);
    expect(record?.payment).toMatchObject({ key: forced.key, cause: 'force' });
    changed.mockClear();
    const again = await service.observePayments({ payments: [forced] });
    expect(again.judgments[forced.key]?.mark).toBe('pending');
    expect(await db.payments.count()).toBe(0);
    expect(changed).not.toHaveBeenCalled();
  });

  it('adds a payment row when a later sighting knows more than the record, and keeps it', async () => {
    await service.observePayments({ payments: [{ ...forced, phone: null }] });
    await service.observePayments({ payments: [{ ...forced, phone: '01055556666' }] });
    expect((await db.payments.get(forced.key))?.phone).toBe('01055556666');
    await service.observePayments({ payments: [{ ...forced, phone: null }] });
    expect((await db.payments.get(forced.key))?.phone).toBe('01055556666');
  });

  it('a press on a payment known only from its record keeps what the record knew', async () => {
    const unknown = makePayment({ status: '결제취소', customer: '한지우', phone: '01011112222' });
    await service.observePayments({ payments: [unknown] });
    expect(await db.payments.count()).toBe(0);
    const live = { ...unknown, status: '결제완료', phone: null };
    now += LATE_INTENT_MS; // not the late press of that cancel: a press on the row shown live again
    await service.recordIntent({ action: 'force', payment: live });
    expect((await db.payments.get(unknown.key))?.phone).toBe('01011112222');
  });

  it('reads an older database where the payment also has its own row the same way', async () => {
    await service.observePayments({ payments: [forced] });
    const record = await db.records.get(`p:${forced.key}`);
    await db.payments.put(record?.payment ?? forced);
    const again = await service.observePayments({ payments: [forced] });
    expect(again.judgments[forced.key]?.mark).toBe('pending');
    expect(await db.payments.count()).toBe(1);
  });

  it('compares payments field by field', () => {
    expect(samePayment(forced, { ...forced })).toBe(true);
    expect(samePayment(forced, { ...forced, phone: null })).toBe(false);
    expect(samePayment(forced, undefined)).toBe(false);
    expect(samePayment(undefined, null)).toBe(false);
    expect(samePayment(null, null)).toBe(true);
    const { cause: _, ...older } = forced;
    expect(samePayment(forced, older as typeof forced)).toBe(false);
  });

  it('judges a big batch the same whichever way the store reads it', async () => {
    const many = Array.from({ length: 600 }, (_, i) =>
      makePayment({ status: '결제취소', note: '강제취소', customer: `학생${i}`, amount: 1000 + i }),
    );
    const first = await service.observePayments({ payments: many });
    expect(Object.values(first.judgments).every((j) => j?.mark === 'pending')).toBe(true);
    expect(await db.records.count()).toBe(600);
    expect(await db.payments.count()).toBe(0);
    changed.mockClear();
    const again = await service.observePayments({ payments: many });
    expect(again.judgments).toEqual(first.judgments);
    expect(changed).not.toHaveBeenCalled();
  });
});

describe('intents', () => {
  it('ignores a press on a row that is already cancelled', async () => {
    expect((await service.recordIntent({ action: 'force', payment: cancelled })).recorded).toBe(
      false,
    );
    expect(await db.intents.count()).toBe(0);
  });
});

describe('reconciliation actions', () => {
  it('starts, opens the manager site, resolves manually, undoes, and rejects illegal steps', async () => {
    await service.observePayments({ payments: [{ ...cancelled, note: '강제취소' }] });
    const id = `p:${live.key}`;
    await service.start(id);
    expect(openManager).toHaveBeenCalledOnce();
    expect((await db.records.get(id))?.state).toBe('in_progress');
    expect((await db.settings.get('handoff'))?.value).toMatchObject({ id });
    const resolved = await service.act(id, {
      type: 'resolve',
      evidence: { at: now, source: 'manual', invoice: null, note: '전화로 확인' },
      reason: '전화로 확인',
    });
    expect(resolved.state).toBe('resolved');
    expect((await service.act(id, { type: 'undo' })).state).toBe('in_progress');
    await expect(service.act(id, { type: 'undo' })).rejects.toThrow();
    await expect(service.act('p:nope', { type: 'undo' })).rejects.toThrow(/No reconciliation/);
  });
});

describe('businesses and diagnostics', () => {
  it('learns businesses by 사업자번호 and remembers which one the manager site is for', async () => {
    await service.learnBusinesses({
      businesses: [{ name: '해솔학원', bizNo: '220-81-62517', smsPayStatus: '사용가능' }],
    });
    const { businessId } = await service.nextManagerBusiness({
      business: { name: '해솔학원', bizNo: '220-81-62517', smsPayStatus: null },
    });
    expect(businessId).toBe('b:2208162517');
    const row = await db.businesses.get(businessId);
    expect(row).toMatchObject({
      name: '해솔학원',
      bizNo: '2208162517',
      smsPayStatus: '사용가능',
      passwordPolicy: 'derive',
    });
    expect((await db.settings.get('nextManagerBusiness'))?.value).toMatchObject({ businessId });
  });

  it('records each unrecognised layout once, and nothing for recognised pages', async () => {
    const report = {
      site: 'macgai' as const,
      url: 'https://edu.macgai7.com/x',
      pageKind: 'unrecognized',
      missing: ['납부금액'],
    };
    await service.reportPage(report);
    await service.reportPage(report);
    await service.reportPage({ ...report, pageKind: 'macgai-student-payments', missing: [] });
    expect(await db.diagnostics.count()).toBe(1);
  });
});
