import { describe, expect, it } from 'vitest';
import {
  buildInvoiceIndex,
  buildPaymentIndex,
  explainDifference,
  explainPaymentDifference,
  inWindow,
  matchInvoice,
  matchPayment,
} from './match';
import { statusBonus } from './matching/score';
import { makeInvoice, makePayment } from './testing';

const payment = makePayment({ status: '결제취소', cause: 'force' });

describe('buildInvoiceIndex', () => {
  it('buckets by |amount| (sorted by day), phone and base name; keeps undated rows aside', () => {
    const a = makeInvoice({ registeredAt: '2026-11-20T10:00' });
    const b = makeInvoice({ registeredAt: '2026-11-01', customerRaw: '김민지(영어)' });
    const c = makeInvoice({ amount: -191000, registeredAt: '2026-11-10', phone: null });
    const bad = makeInvoice({ registeredAt: '어제' });
    const idx = buildInvoiceIndex([a, b, c, bad]);
    expect(idx.size).toBe(4);
    expect(idx.byAmount.get(191000)?.map((e) => e.item)).toEqual([b, c, a]);
    expect(idx.byPhone.get('01012345678')).toEqual([a, b, bad]);
    expect(idx.byName.get('김민지')).toEqual([b]);
    expect(idx.undated).toEqual([bad]);
  });

  it('inWindow returns exactly the rows within [lo, hi]', () => {
    const bucket = [1, 3, 3, 5, 8].map((day) => ({
      item: day,
      day,
      name: { key: '', text: '', given: null },
    }));
    expect(inWindow(bucket, 3, 5).map((e) => e.item)).toEqual([3, 3, 5]);
    expect(inWindow(bucket, 9, 20)).toEqual([]);
    expect(inWindow(bucket, -5, 0)).toEqual([]);
    expect(inWindow([], 0, 10)).toEqual([]);
  });
});

describe('matchPayment', () => {
  it('gives a unique match with reasons and margin', () => {
    const inv = makeInvoice({ businessId: 'b1' });
    const got = matchPayment(buildInvoiceIndex([inv]), { ...payment, businessId: 'b1' });
    expect(got.kind).toBe('unique');
    if (got.kind !== 'unique') return;
    expect(got.invoice).toBe(inv);
    expect(got.reasons).toEqual([
      'amount',
      'date:-6d',
      'phone:equal',
      'name:exact',
      'business:equal',
      'status:live',
    ]);
    expect(got.score).toBe(1);
    expect(got.margin).toBe(1);
  });

  it('returns none without a bucket, with an unreadable date, or for a non-AllTalkPay method', () => {
    const idx = buildInvoiceIndex([makeInvoice()]);
    expect(matchPayment(idx, { ...payment, amount: 5 }).kind).toBe('none');
    expect(matchPayment(idx, { ...payment, date: 'bad' }).kind).toBe('none');
    expect(matchPayment(idx, { ...payment, method: '현금' }).kind).toBe('none');
    expect(matchPayment(buildInvoiceIndex([]), payment).kind).toBe('none');
  });

  it('never turns equal-best candidates into one match, whatever the margin option', () => {
    const twins = [
      makeInvoice({ registeredAt: '2026-11-20T10:00' }),
      makeInvoice({ registeredAt: '2026-11-21T10:00' }),
    ];
    for (const minMargin of [0, -1, 0.001, 0.15]) {
      const got = matchPayment(buildInvoiceIndex(twins), payment, { minMargin });
      expect(got.kind).toBe('ambiguous');
      if (got.kind === 'ambiguous')
        expect(got.candidates.map((c) => c.invoice.registeredAt)).toEqual([
          '2026-11-21T10:00',
          '2026-11-20T10:00',
        ]);
    }
  });

  it('honours the window options', () => {
    const old = makeInvoice({ registeredAt: '2026-09-01' });
    expect(matchPayment(buildInvoiceIndex([old]), payment).kind).toBe('none');
    expect(matchPayment(buildInvoiceIndex([old]), payment, { windowBefore: 90 }).kind).toBe(
      'unique',
    );
    const late = makeInvoice({ registeredAt: '2026-12-01' });
    expect(matchPayment(buildInvoiceIndex([late]), payment, { windowAfter: 5 }).kind).toBe(
      'unique',
    );
  });

  it('prefers what the purpose asks for', () => {
    expect(statusBonus('결제중단', 'cancel')).toBe(0);
    expect(statusBonus('발송완료', 'cancel')).toBeGreaterThan(0);
    expect(statusBonus('결제취소', 'settle')).toBeGreaterThan(0);
    expect(statusBonus('발송완료', 'settle')).toBe(0);
    expect(statusBonus('결제취소', 'none')).toBe(0);
  });

  it('falls back to the base name when 고객명 is blank', () => {
    const inv = makeInvoice({ customerRaw: ' ', customer: '홍길동' });
    expect(matchPayment(buildInvoiceIndex([inv]), payment).kind).toBe('unique');
  });

  it('drops implausible candidates from an ambiguous list but not plausible ones', () => {
    const stranger = makeInvoice({ customerRaw: '박서준', phone: '01099998888' });
    expect(matchPayment(buildInvoiceIndex([stranger]), payment).kind).toBe('none');
    const sibling = makeInvoice({ customerRaw: '홍길순' });
    const got = matchPayment(buildInvoiceIndex([stranger, sibling]), payment);
    expect(got.kind === 'ambiguous' && got.candidates.map((c) => c.invoice)).toEqual([sibling]);
  });

  it('stays fast on large lists (one bucket, one window per lookup)', () => {
    const invoices = Array.from({ length: 20_000 }, (_, i) =>
      makeInvoice({
        key: `k${i}`,
        customerRaw: `학생${i}`,
        phone: `010${String(10_000_000 + i)}`,
        amount: 100_000 + (i % 50) * 1000,
        registeredAt: `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      }),
    );
    const t0 = performance.now();
    const idx = buildInvoiceIndex(invoices);
    for (let i = 0; i < 2000; i++) {
      matchPayment(
        idx,
        makePayment({
          customer: `학생${i}`,
          phone: null,
          amount: 100_000 + (i % 50) * 1000,
          date: '2026-06-15',
        }),
      );
    }
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});

describe('matchInvoice (drift direction)', () => {
  const live = makePayment({ status: '결제완료', date: '2026-11-22' });
  it('finds the MacGai payment of a cancelled invoice', () => {
    const inv = makeInvoice({ status: '결제취소', registeredAt: '2026-11-20T10:00' });
    const got = matchInvoice(
      buildPaymentIndex([
        live,
        makePayment({ customer: '김영수', phone: '01099990000', date: '2026-11-22' }),
      ]),
      inv,
    );
    expect(got.kind === 'unique' && got.payment).toBe(live);
  });

  it('skips other businesses and non-AllTalkPay payments, and reports ties', () => {
    const inv = makeInvoice({ status: '파기', businessId: 'b1', registeredAt: '2026-11-20' });
    const other = { ...live, businessId: 'b2' };
    const cash = { ...live, method: '현금', key: 'cash' };
    expect(matchInvoice(buildPaymentIndex([other, cash]), inv).kind).toBe('none');
    const twin = { ...live, key: 'twin' };
    const got = matchInvoice(buildPaymentIndex([live, twin]), inv);
    expect(got.kind === 'ambiguous' && got.candidates).toHaveLength(2);
    expect(matchInvoice(buildPaymentIndex([live]), { ...inv, registeredAt: '??' }).kind).toBe(
      'none',
    );
    expect(
      matchInvoice(buildPaymentIndex([live]), { ...inv, businessId: null, customerRaw: '' }).kind,
    ).toBe('unique');
  });
});

describe('explainDifference', () => {
  it('lists only the fields that tell the candidates apart', () => {
    const a = makeInvoice({
      customerRaw: '김민준',
      registeredAt: '2026-11-20T10:00',
      reason: '11월 수강료',
    });
    const b = makeInvoice({
      customerRaw: '김민지',
      registeredAt: '2026-11-20T10:00',
      reason: '11월 교재비',
    });
    const out = explainDifference([{ invoice: a }, { invoice: b }]);
    expect(out.map((d) => d.fields)).toEqual([
      [
        { field: 'name', label: '고객명', value: '김민준' },
        { field: 'reason', label: '청구사유', value: '11월 수강료' },
      ],
      [
        { field: 'name', label: '고객명', value: '김민지' },
        { field: 'reason', label: '청구사유', value: '11월 교재비' },
      ],
    ]);
    expect(out[0]?.key).toBe(a.key);
    const same = explainDifference([{ invoice: a }, { invoice: { ...a, key: 'x' } }]);
    expect(same.every((d) => d.fields.length === 0)).toBe(true);
    const dated = explainDifference([
      { invoice: a },
      { invoice: { ...a, registeredAt: '2026-11-21T09:00', phone: null } },
    ]);
    expect(dated[1]?.fields).toEqual([
      { field: 'date', label: '등록일자', value: '2026-11-21 09:00' },
      { field: 'phone', label: '청구핸드폰', value: '' },
    ]);
    expect(dated[0]?.fields[1]?.value).toBe('010-1234-5678');
  });

  it('does the same for payments', () => {
    const p = makePayment({ date: '2026-11-20' });
    const q = makePayment({ date: '2026-11-21', method: null, phone: null });
    const out = explainPaymentDifference([{ payment: p }, { payment: q }]);
    expect(out[0]?.fields.map((f) => f.field)).toEqual(['date', 'phone', 'method']);
    expect(out[1]?.fields.map((f) => f.value)).toEqual(['2026-11-21', '', '']);
  });
});
