import { describe, expect, it, vi } from 'vitest';
import { createRecord } from '@/lib/domain';
import { makePayment } from '@/lib/domain/testing';
import { applyBadge, badgeView } from './badge';
import { openDb } from './db';
import { toRow } from './service';

const DAY = 86_400_000;
const names = {
  title: '도우미',
  perBusiness: (n: string, c: number) => `${n}: ${c}건`,
  unknownBusiness: '사업자 미확인',
};

describe('badge', () => {
  it('counts open records, turns red when one is older than the limit, and lists businesses', async () => {
    const db = openDb(`badge-${Math.random()}`);
    expect(await badgeView(db, 10 * DAY, 3, names)).toEqual({
      text: '',
      color: '#5f6b7a',
      title: '도우미',
    });
    await db.businesses.put({
      id: 'b:1',
      name: '해솔',
      bizNo: null,
      smsPayStatus: null,
      managerUrl: null,
      managerAccount: null,
      passwordPolicy: 'derive',
      updatedAt: 0,
    });
    const a = createRecord(
      'payment',
      makePayment({ customer: '가나', businessId: 'b:1' }),
      9 * DAY,
    );
    const b = createRecord(
      'payment',
      makePayment({ customer: '다라', businessId: 'b:1' }),
      9 * DAY,
    );
    const c = createRecord(
      'payment',
      makePayment({ customer: '마바', businessId: 'b:2' }),
      9 * DAY,
      {
        state: 'unverified',
      },
    );
    const d = createRecord('payment', makePayment({ customer: '사아' }), 9 * DAY);
    await db.records.bulkPut([a, b, c, d].map(toRow));
    expect(await badgeView(db, 10 * DAY, 3, names)).toEqual({
      text: '3',
      color: '#5f6b7a',
      title: '도우미\n해솔: 2건\n사업자 미확인: 1건',
    });
    expect((await badgeView(db, 13 * DAY, 3, names)).color).toBe('#c62828');
    db.close();
  });

  it('writes text, colour and title to the toolbar action', async () => {
    const api = { setBadgeText: vi.fn(), setBadgeBackgroundColor: vi.fn(), setTitle: vi.fn() };
    await applyBadge(api, { text: '3', color: '#c62828', title: 't' });
    expect(api.setBadgeText).toHaveBeenCalledWith({ text: '3' });
    expect(api.setBadgeBackgroundColor).toHaveBeenCalledWith({ color: '#c62828' });
    expect(api.setTitle).toHaveBeenCalledWith({ title: 't' });
  });
});
