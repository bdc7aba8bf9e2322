import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRecord, transition } from '@/lib/domain';
import { makeInvoice, makePayment } from '@/lib/domain/testing';
import { AUDIT_REASON, createAuditService } from './audit-service';
import { badgeView } from './badge';
import { openDb, type ReconDb } from './db';
import { route } from './router';
import { senderRules } from './senders';
import { toRow } from './service';

let db: ReconDb;
const NOW = Date.UTC(2026, 10, 30, 9);
const changed = vi.fn();
let audit: ReturnType<typeof createAuditService>;
const BIZ = 'b:2208162517';

beforeEach(() => {
  db = openDb(`audit-${Math.random()}`);
  changed.mockClear();
  audit = createAuditService({ db, now: () => NOW, changed });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const cancelled = (customer: string, fields: Parameters<typeof makePayment>[0] = {}) =>
  makePayment({
    customer,
    phone: null,
    status: '결제취소',
    businessId: BIZ,
    date: '2026-03-05',
    ...fields,
  });
const liveInvoice = (customer: string) =>
  makeInvoice({ customer, businessId: BIZ, registeredAt: '2026-03-04T10:00', status: '결제완료' });
const badge = async () =>
  (await badgeView(db, NOW, 3, { title: 't', perBusiness: () => '', unknownBusiness: '' })).text;

describe('audit.commit', () => {
  it('adds the confirmed pending ones with the invoice and the audit as evidence', async () => {
    const items = ['강하라', '홍선우', '윤서진'].map((n) => ({
      payment: cancelled(n),
      invoice: liveInvoice(n),
    }));
    const r = await audit.commit({ pending: items, drift: [] });
    expect(r).toEqual({ added: 3, alreadyKnown: 0, driftAdded: 0 });
    expect(changed).toHaveBeenCalledTimes(1);
    expect(await badge()).toBe('3');
    const rec = await db.records.get(`p:${items[0]?.payment.key}`);
    expect(rec).toMatchObject({ state: 'pending', businessId: BIZ, invoice: items[0]?.invoice });
    expect(rec?.payment?.cause).toBe('unknown');
    expect(rec?.events).toHaveLength(1);
    expect(rec?.events[0]).toMatchObject({
      type: 'created',
      to: 'pending',
      reason: AUDIT_REASON,
      evidence: { source: 'audit', invoice: items[0]?.invoice },
    });
    expect(await db.payments.count()).toBe(3);
  });

  it('merges with the store: no duplicates, unverified confirmed, decisions kept', async () => {
    const names = ['가', '나', '다', '라', '마'].map((n) => `김${n}온`);
    const [a, b, c, d, e] = names.map((n) => ({ payment: cancelled(n), invoice: liveInvoice(n) }));
    // a: already pending (seen by the overlay); b: unverified; c: resolved; d: dismissed.
    await db.records.put(toRow(createRecord('payment', a!.payment, NOW - 5000)));
    await db.records.put(
      toRow(createRecord('payment', b!.payment, NOW - 5000, { state: 'unverified' })),
    );
    const resolved = transition(
      createRecord('payment', c!.payment, NOW - 5000),
      { type: 'resolve', evidence: { at: NOW, source: 'manual', invoice: null, note: '환불함' } },
      NOW - 4000,
    );
    if (!resolved.ok) throw new Error('resolve');
    await db.records.put(toRow(resolved.value));
    const dismissed = transition(
      createRecord('payment', d!.payment, NOW - 5000),
      { type: 'dismiss', reason: '중복' },
      NOW - 4000,
    );
    if (!dismissed.ok) throw new Error('dismiss');
    await db.records.put(toRow(dismissed.value));
    expect(await badge()).toBe('1');

    // e appears twice in one payload: one record.
    const r = await audit.commit({ pending: [a!, b!, c!, d!, e!, e!], drift: [] });
    expect(r).toEqual({ added: 2, alreadyKnown: 4, driftAdded: 0 });
    expect(await badge()).toBe('3');
    expect(await db.records.count()).toBe(5);
    const confirmed = await db.records.get(`p:${b!.payment.key}`);
    expect(confirmed?.state).toBe('pending');
    expect(confirmed?.events.at(-1)).toMatchObject({
      type: 'confirmForce',
      from: 'unverified',
      evidence: { source: 'audit' },
    });
    expect((await db.records.get(`p:${c!.payment.key}`))?.state).toBe('resolved');
    expect((await db.records.get(`p:${d!.payment.key}`))?.state).toBe('dismissed');

    // Committing the same report again changes nothing.
    changed.mockClear();
    expect(await audit.commit({ pending: [a!, b!, c!, d!, e!], drift: [] })).toEqual({
      added: 0,
      alreadyKnown: 5,
      driftAdded: 0,
    });
    expect(changed).not.toHaveBeenCalled();
  });

  it('keeps the force cause written on the row', async () => {
    const p = cancelled('윤서진', { note: '강제취소 (환불 예정)' });
    await audit.commit({ pending: [{ payment: p, invoice: liveInvoice('윤서진') }], drift: [] });
    expect((await db.records.get(`p:${p.key}`))?.payment?.cause).toBe('force');
  });

  it('records drift once, and never for a payment the store already tracks', async () => {
    const live = (n: string) =>
      makePayment({ customer: n, phone: null, status: '결제완료', businessId: BIZ });
    const gone = (n: string) => makeInvoice({ customer: n, businessId: BIZ, status: '결제취소' });
    const x = { payment: live('정하늘'), invoice: gone('정하늘') };
    const y = { payment: live('서보람'), invoice: gone('서보람') };
    await db.records.put(toRow(createRecord('payment', y.payment, NOW, { state: 'unverified' })));
    const r = await audit.commit({ pending: [], drift: [x, y] });
    expect(r).toEqual({ added: 0, alreadyKnown: 1, driftAdded: 1 });
    expect((await db.records.get(`d:${x.invoice.key}`))?.state).toBe('drift');
    expect(await audit.commit({ pending: [], drift: [x] })).toEqual({
      added: 0,
      alreadyKnown: 1,
      driftAdded: 0,
    });
    expect(await badge()).toBe(''); // drift is not in the badge
  });

  it('is a page request, validated by the contract', async () => {
    const rules = senderRules({}, 'ext-id', 'chrome-extension://ext-id/');
    const handlers = { 'audit.commit': (p: never) => audit.commit(p) } as never;
    const page = { id: 'ext-id', url: 'chrome-extension://ext-id/audit.html' };
    const content = { id: 'ext-id', url: 'https://edu.macgai7.com/x', tab: { id: 1 } };
    const envelope = (payload: unknown) => ({
      channel: 'macgai-reconcile',
      type: 'audit.commit',
      payload,
    });
    const { CHANNEL } = await import('./channel');
    const good = {
      pending: [{ payment: cancelled('강하라'), invoice: liveInvoice('강하라') }],
      drift: [],
    };
    expect(
      await route(rules, handlers, { ...envelope(good), channel: CHANNEL }, page),
    ).toMatchObject({
      ok: true,
      data: { added: 1 },
    });
    expect(
      await route(rules, handlers, { ...envelope(good), channel: CHANNEL }, content),
    ).toMatchObject({
      ok: false,
    });
    const bad = {
      pending: [
        {
          payment: { ...good.pending[0]?.payment, date: '3월 5일' },
          invoice: good.pending[0]?.invoice,
        },
      ],
      drift: [],
    };
    expect(
      await route(rules, handlers, { ...envelope(bad), channel: CHANNEL }, page),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
  });
});
