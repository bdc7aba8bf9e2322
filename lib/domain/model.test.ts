import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SHORT_TEXT_MAX } from './limits';
import {
  classifyManagerStatus,
  driftRecordId,
  invoiceKey,
  invoiceKeys,
  isAllTalkPay,
  isMacgaiCancelled,
  isMacgaiLive,
  isManagerCancelled,
  isManagerDead,
  isManagerLive,
  mentionsForceCancel,
  methodKey,
  paymentKey,
  paymentKeys,
  paymentRecordId,
} from './model';
import { makeInvoice, makePayment } from './testing';

describe('MacGai status words', () => {
  it.each([
    ['결제취소', true],
    ['대기취소', true],
    ['강제취소', true],
    [' 결제 취소 ', true],
    ['취소', true],
    ['취소완료', true],
    ['결제완료', false],
    ['결제대기', false],
    ['', false],
  ])('isMacgaiCancelled(%j) = %s', (s, v) => {
    expect(isMacgaiCancelled(s)).toBe(v);
  });

  it('recognises live rows', () => {
    expect(isMacgaiLive('결제완료')).toBe(true);
    expect(isMacgaiLive('결제대기')).toBe(true);
    expect(isMacgaiLive('결제취소')).toBe(false);
    expect(isMacgaiLive('???')).toBe(false);
  });

  it.each([
    ['문자결제', true],
    [' 문자 결제 ', true],
    ['올톡페이', true],
    ['카드', false],
    ['현금', false],
    ['CMS카드', false],
    ['', null],
    [null, null],
  ])('isAllTalkPay(%j) = %s', (m, v) => {
    expect(isAllTalkPay(m)).toBe(v);
  });

  it('finds 강제취소 in the status or the note', () => {
    expect(mentionsForceCancel('강제취소', '')).toBe(true);
    expect(mentionsForceCancel('결제취소', '2026-11-26 강제 취소 (관리자)')).toBe(true);
    expect(mentionsForceCancel('결제취소', '알림톡 발송')).toBe(false);
  });
});

describe('manager status words', () => {
  it.each([
    ['결제취소', 'cancelled'],
    ['파기', 'cancelled'],
    ['취소완료', 'cancelled'],
    ['발송완료', 'live'],
    ['결제완료', 'live'],
    ['결제대기', 'live'],
    ['예약발송', 'live'],
    ['결제중단', 'dead'],
    ['발송실패', 'dead'],
    ['뭔가새로운상태', 'unknown'],
    ['', 'unknown'],
  ] as const)('%s is %s', (s, cls) => {
    expect(classifyManagerStatus(s)).toBe(cls);
    expect(isManagerCancelled(s)).toBe(cls === 'cancelled');
    expect(isManagerLive(s)).toBe(cls === 'live');
    expect(isManagerDead(s)).toBe(cls === 'dead');
  });
});

describe('paymentKey', () => {
  it('ignores status, note, phone, business and cause', () => {
    const live = makePayment({
      status: '결제완료',
      note: '',
      phone: '01012345678',
      businessId: 'b1',
    });
    const cancelled = makePayment({
      status: '결제취소',
      note: '강제취소',
      phone: null,
      businessId: null,
      cause: 'force',
    });
    expect(cancelled.key).toBe(live.key);
  });

  it('uses the base name, day, signed amount, method and occurrence', () => {
    const base = { customer: '홍길동', date: '2026-11-26', amount: 191000, method: '문자결제' };
    const k = paymentKey(base);
    expect(paymentKey({ ...base, customer: '  홍길동 ' })).toBe(k);
    expect(paymentKey({ ...base, method: ' 문자 결제' })).toBe(k);
    expect(paymentKey({ ...base, customer: '홍길순' })).not.toBe(k);
    expect(paymentKey({ ...base, date: '2026-11-27' })).not.toBe(k);
    expect(paymentKey({ ...base, amount: -191000 })).not.toBe(k);
    expect(paymentKey({ ...base, method: null })).not.toBe(k);
    expect(paymentKey(base, 1)).not.toBe(k);
    expect(paymentKey(base, -1)).toBe(k);
    expect(methodKey(null)).toBe('');
  });

  it('numbers identical twins in list order', () => {
    const row = { customer: '홍길동', date: '2026-11-26', amount: 1000, method: '현금' };
    const keys = paymentKeys([row, { ...row, amount: 2000 }, row, row]);
    expect(new Set(keys).size).toBe(4);
    expect(keys[0]).toBe(paymentKey(row, 0));
    expect(keys[2]).toBe(paymentKey(row, 1));
    expect(keys[3]).toBe(paymentKey(row, 2));
  });

  it('cannot be forged across field boundaries', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const x = paymentKey({ customer: a, date: b, amount: 1, method: null });
        const y = paymentKey({ customer: `${a}|${b}`, date: '', amount: 1, method: null });
        if (a !== '' || b !== '') expect(x === y && b !== '').toBe(false);
      }),
    );
  });
});

describe('invoiceKey', () => {
  it('includes business, phone, base name, amount and time', () => {
    const inv = makeInvoice({ customerRaw: '홍길동(영어)' });
    expect(inv.key).toBe(invoiceKey({ ...inv, customer: '홍길동' }));
    expect(invoiceKey({ ...inv, registeredAt: '2026-11-20T10:01' })).not.toBe(inv.key);
    expect(invoiceKey({ ...inv, businessId: 'b2' })).not.toBe(inv.key);
    expect(invoiceKey({ ...inv, phone: null })).not.toBe(inv.key);
    const keys = invoiceKeys([inv, inv]);
    expect(keys[0]).not.toBe(keys[1]);
  });

  it('stays, with its record id, within the message contract limit whatever a cell holds', () => {
    const long = '|%'.repeat(5000);
    const p = paymentKey(
      { customer: '가'.repeat(300), date: long, amount: -Number.MAX_SAFE_INTEGER, method: long },
      49_999,
    );
    const i = invoiceKey(
      {
        businessId: long,
        phone: long,
        customer: 'x'.repeat(300),
        amount: Number.MAX_SAFE_INTEGER,
        registeredAt: long,
      },
      49_999,
    );
    for (const id of [paymentRecordId({ key: p }), driftRecordId({ key: i })])
      expect(id.length).toBeLessThanOrEqual(SHORT_TEXT_MAX);
    // Short parts are kept whole: keys of real rows are unchanged.
    expect(
      paymentKey({ customer: '홍길동', date: '2026-11-26', amount: 1, method: '문자 결제' }),
    ).toBe('pay|홍길동|2026-11-26|1|문자결제|0');
  });

  it('makes record ids', () => {
    expect(paymentRecordId({ key: 'k' })).toBe('p:k');
    expect(driftRecordId({ key: 'k' })).toBe('d:k');
  });
});
