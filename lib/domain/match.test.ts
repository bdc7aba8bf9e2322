import fc from 'fast-check';
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
import { Homes, quickDayNumber } from './matching/indexes';
import { clearlyCloser, decide, type Scored, statusBonus } from './matching/score';
import { dayNumber } from './parse/day';
import { nameForm } from './parse/name';
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

describe('index building', () => {
  it('numbers homes in the order they come, and finds them again (past the first table size)', () => {
    const width = 700;
    const homes = new Homes(width);
    const expected = new Map<number, number>();
    const r = fc.sample(
      fc.tuple(fc.integer({ min: -1, max: 40 }), fc.integer({ min: 0, max: width - 1 })),
      { numRuns: 6_000, seed: 7 },
    );
    for (const [business, amount] of r) {
      const key = (business + 1) * width + amount;
      if (!expected.has(key)) expected.set(key, expected.size);
      expect(homes.number(business, amount)).toBe(expected.get(key));
    }
    expect(homes.count).toBe(expected.size);
    expect(expected.size).toBeGreaterThan(2_000); // the table grew a few times
    for (let business = -1; business <= 40; business++) {
      for (let amount = 0; amount < width; amount++) {
        expect(homes.get(business, amount)).toBe(
          expected.get((business + 1) * width + amount) ?? -1,
        );
      }
    }
  });

  it('finds a payment without a phone among many businesses and amounts', () => {
    const invoices = Array.from({ length: 6_000 }, (_, i) =>
      makeInvoice({
        key: `k${i}`,
        businessId: `b:${i % 97}`,
        customerRaw: `학생${i}`,
        phone: `010${String(10_000_000 + i)}`,
        amount: 100_000 + (i % 1_009) * 100,
        registeredAt: '2026-11-20',
      }),
    );
    const index = buildInvoiceIndex(invoices);
    for (const i of [0, 1, 96, 97, 1_008, 1_009, 5_999]) {
      const inv = invoices[i];
      if (!inv) throw new Error('no invoice');
      const got = matchPayment(
        index,
        makePayment({
          businessId: inv.businessId,
          customer: inv.customerRaw,
          phone: null,
          amount: inv.amount,
          date: '2026-11-21',
        }),
      );
      expect(got.kind === 'unique' && got.invoice).toBe(inv);
    }
  });

  it('quickDayNumber reads days exactly as dayNumber does', () => {
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    const dated = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.constantFrom('', 'T10:00', ' 10:00', 'T', 'x', '\t9', '\u3000'),
      )
      .map(([y, m, d, t]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}${t}`);
    const noisy = fc.string({ unit: fc.constantFrom(...'0123456789-T :/'), maxLength: 16 });
    fc.assert(
      fc.property(fc.oneof(dated, noisy, fc.string()), (s) => {
        expect(quickDayNumber(s)).toBe(dayNumber(s));
      }),
      { numRuns: 5000 },
    );
    for (const s of ['2024-02-29', '2023-02-29', '2000-02-29', '1900-02-29', '0999-12-31']) {
      expect(quickDayNumber(s)).toBe(dayNumber(s));
    }
    // Every day (and every day-of-month up to 31) around the years it reads from a table.
    for (let y = 1899; y <= 2200; y++) {
      for (let m = 1; m <= 12; m++) {
        for (let d = 1; d <= 31; d++) {
          const s = `${y}-${pad(m, 2)}-${pad(d, 2)}`;
          if (quickDayNumber(s) !== dayNumber(s)) expect(quickDayNumber(s)).toBe(dayNumber(s));
        }
      }
    }
  });

  it('orders rows by day whatever the input order and day range', () => {
    const days = ['2999-01-01', '1900-06-01', '2026-11-20T10:00', '2026-11-20T09:00', '2026-01-01'];
    const rows = days.map((d, i) => makeInvoice({ key: `k${i}`, registeredAt: d }));
    const wide = buildInvoiceIndex(rows).byAmount.get(191000) ?? [];
    expect(wide.map((e) => e.item.key)).toEqual(['k1', 'k4', 'k2', 'k3', 'k0']);
    const near = buildInvoiceIndex(rows.slice(2).reverse()).byAmount.get(191000) ?? [];
    expect(near.map((e) => e.item.key)).toEqual(['k4', 'k3', 'k2']);
    expect(near[0]?.name).toEqual(nameForm('홍길동'));
    expect(near[0]?.day).toBe(dayNumber('2026-01-01'));
  });

  it('files a row whose base name is blank under the name read from 고객명', () => {
    const inv = makeInvoice({ customer: '', customerRaw: '홍길동(영어)', phone: '01099998888' });
    const got = matchPayment(buildInvoiceIndex([inv]), payment);
    expect(got.kind === 'ambiguous' && got.candidates.map((c) => c.invoice)).toEqual([inv]);
  });
});

describe('date closeness', () => {
  const monthly = (date: string, fields: Parameters<typeof makeInvoice>[0] = {}) =>
    makeInvoice({ registeredAt: `${date}T10:00`, ...fields });

  it('picks this month over last month, and says so', () => {
    const last = monthly('2026-10-20');
    const now = monthly('2026-11-20');
    const got = matchPayment(buildInvoiceIndex([last, now]), { ...payment, date: '2026-11-23' });
    expect(got.kind === 'unique' && got.invoice).toBe(now);
    if (got.kind !== 'unique') return;
    expect(got.reasons).toEqual([
      'amount',
      'date:-3d',
      'date:closest',
      'phone:equal',
      'name:exact',
      'status:live',
    ]);
    expect(got.margin).toBe(0.15);
  });

  it('defines clearly closer as within 7 days and 14 days nearer', () => {
    expect(clearlyCloser({ delta: -7 }, { delta: -21 })).toBe(true);
    expect(clearlyCloser({ delta: -7 }, { delta: -20 })).toBe(false);
    expect(clearlyCloser({ delta: -8 }, { delta: -40 })).toBe(false);
    expect(clearlyCloser({ delta: 3 }, { delta: -17 })).toBe(true);
  });

  it('never separates two equal candidates, and lets the status rule stand only when near', () => {
    const base: Scored<string> = {
      item: 'a',
      score: 1,
      identity: 0.85,
      nameSim: 1,
      phone: 'equal',
      delta: -3,
      business: false,
      status: 'live',
    };
    const key = (s: string) => s;
    expect(decide([base, { ...base, item: 'b' }], 0.15, key).kind).toBe('ambiguous');
    expect(decide([base, { ...base, item: 'b', delta: -30 }], 0.15, key)).toMatchObject({
      kind: 'unique',
      best: { item: 'a' },
      closest: true,
    });
    // The far one leads on its status; the near one is the same person: neither wins.
    const far = { ...base, item: 'b', delta: -30 };
    const nearDead = { ...base, score: 0.85 };
    expect(decide([far, nearDead], 0.15, key).kind).toBe('ambiguous');
    // A near rival that is clearly someone else does not stop a clear winner.
    const stranger = { ...base, item: 'c', score: 0.1, identity: -0.05, nameSim: 0.6 };
    expect(decide([far, { ...stranger, phone: 'differ' as const }], 0.15, key).kind).toBe('unique');
  });

  it('looks through the business before letting a far match stand against a near one', () => {
    const last = monthly('2026-10-20', { businessId: 'b1' });
    const nick = monthly('2026-11-20', {
      businessId: 'b1',
      customerRaw: '길동이',
      phone: '01099998888',
    });
    const pay = { ...payment, businessId: 'b1', date: '2026-11-23' };
    const got = matchPayment(buildInvoiceIndex([last, nick]), pay);
    expect(got.kind === 'ambiguous' && got.candidates.map((c) => c.invoice)).toEqual([last, nick]);
    const other = monthly('2026-11-20', {
      businessId: 'b1',
      customerRaw: '박서준',
      phone: '01099998888',
    });
    expect(matchPayment(buildInvoiceIndex([last, other]), pay).kind).toBe('unique');
  });

  it('works the same in the drift direction', () => {
    const inv = makeInvoice({ status: '결제취소', registeredAt: '2026-10-20T10:00' });
    const own = makePayment({ date: '2026-10-22' });
    const next = makePayment({ date: '2026-11-20' });
    const got = matchInvoice(buildPaymentIndex([own, next]), inv);
    expect(got.kind === 'unique' && got.payment).toBe(own);
    expect(got.kind === 'unique' && got.reasons).toContain('date:closest');
  });
});

describe('candidates without a phone', () => {
  const noPhone = { ...payment, customer: '김민준', phone: null, businessId: 'b1' };
  const inv = (customerRaw: string, status = '발송완료', phone = '01055550101') =>
    makeInvoice({ customerRaw, status, phone, businessId: 'b1', key: customerRaw + status });

  it('scores the rows of the business a screen cannot rule out, and settles on the rest', () => {
    const own = inv('김민준');
    const lookalike = inv('김빈준'); // one jamo off, sharing no two letters
    expect(matchPayment(buildInvoiceIndex([own, lookalike]), noPhone).kind).toBe('unique');
    // A stopped invoice scores lower: the look-alike then comes within the margin.
    const stopped = inv('김민준', '결제중단');
    const got = matchPayment(buildInvoiceIndex([stopped, lookalike]), noPhone);
    expect(got.kind === 'ambiguous' && got.candidates.map((c) => c.invoice)).toEqual([
      stopped,
      lookalike,
    ]);
    const joint = inv('김민지/김민준 형제');
    expect(matchPayment(buildInvoiceIndex([own, joint]), noPhone).kind).toBe('ambiguous');
    // Names that are not plain text are read through their parsed form.
    const marked = inv('<b>김민지</b>/김민준 형제');
    const other = inv('<i>박서준</i>');
    expect(matchPayment(buildInvoiceIndex([own, marked, other]), noPhone)).toMatchObject({
      kind: 'ambiguous',
      candidates: [{ invoice: own }, { invoice: marked }],
    });
    expect(matchPayment(buildInvoiceIndex([own, other]), noPhone).kind).toBe('unique');
  });

  it("without a business, takes the same-name rows and their family's rows", () => {
    const own = inv('김민준');
    const joint = inv('김민지/김민준 형제');
    const anon = { ...noPhone, businessId: null };
    expect(matchPayment(buildInvoiceIndex([own, joint]), anon).kind).toBe('ambiguous');
    const nickname = makeInvoice({ customerRaw: '민준이', phone: null, key: 'n' });
    const got = matchPayment(buildInvoiceIndex([nickname]), anon);
    expect(got.kind === 'ambiguous' && got.candidates.map((c) => c.invoice)).toEqual([nickname]);
  });
});
