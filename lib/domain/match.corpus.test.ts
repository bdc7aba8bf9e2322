/**
 * The labelled matching corpus (tests/fixtures/match-corpus.json) and a generator of random
 * families. The one hard rule: never a unique match to a wrong invoice.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import corpus from '../../tests/fixtures/match-corpus.json';
import { paymentKey } from './keys';
import {
  buildInvoiceIndex,
  buildPaymentIndex,
  type InvoiceMatch,
  type MatchOptions,
  matchInvoice,
  matchPayment,
} from './match';
import type { MacgaiPayment, ManagerInvoice } from './model';
import { addDays, parseAmount, parseDate, parseName, parsePhone, toDateTimeString } from './parse';
import type { Result } from './result';
import { makeInvoice, makePayment } from './testing';

interface RawPayment {
  customer: string;
  phone: string | null;
  amount: string;
  date: string;
  method: string | null;
  status: string;
  businessId: string | null;
}
interface RawInvoice {
  key: string;
  customer: string;
  phone: string | null;
  reason: string;
  amount: string;
  registeredAt: string;
  status: string;
  businessId: string | null;
}
interface Expected {
  kind: 'unique' | 'ambiguous' | 'none';
  invoiceKey?: string;
  mustInclude?: string[];
  safe?: string[];
}
interface Case {
  id: string;
  category: string;
  description: string;
  payment: RawPayment;
  invoices: RawInvoice[];
  expected: Expected;
  options?: MatchOptions;
}

function get<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`corpus value did not parse: ${r.error.code} ${r.error.input}`);
  return r.value;
}
const phoneOf = (s: string | null): string | null => (s === null ? null : get(parsePhone(s)));

/** Read a corpus row the way the content scripts will: through the parsers. */
function toPayment(raw: RawPayment): MacgaiPayment {
  const fields = {
    customer: get(parseName(raw.customer)).base,
    date: get(parseDate(raw.date)).date,
    amount: get(parseAmount(raw.amount)),
    method: raw.method,
  };
  return makePayment({
    ...fields,
    key: paymentKey(fields),
    phone: phoneOf(raw.phone),
    status: raw.status,
    businessId: raw.businessId,
  });
}

function toInvoice(raw: RawInvoice): ManagerInvoice {
  return makeInvoice({
    key: raw.key,
    customerRaw: raw.customer,
    customer: get(parseName(raw.customer)).base,
    phone: phoneOf(raw.phone),
    reason: raw.reason,
    amount: get(parseAmount(raw.amount)),
    registeredAt: toDateTimeString(get(parseDate(raw.registeredAt))),
    status: raw.status,
    businessId: raw.businessId,
  });
}

type Verdict = 'correct' | 'safe' | 'missed' | 'wrong';

function judge(e: Expected, got: InvoiceMatch): Verdict {
  if (got.kind === 'unique') {
    return e.kind === 'unique' && got.invoice.key === e.invoiceKey ? 'correct' : 'wrong';
  }
  if (got.kind === e.kind) {
    if (got.kind === 'ambiguous') {
      const keys = got.candidates.map((c) => c.invoice.key);
      return (e.mustInclude ?? []).every((k) => keys.includes(k)) ? 'correct' : 'missed';
    }
    return 'correct';
  }
  return e.safe?.includes(got.kind) ? 'safe' : 'missed';
}

const cases = (corpus as { cases: Case[] }).cases;

describe('match corpus', () => {
  const results = cases.map((c) => {
    const got = matchPayment(
      buildInvoiceIndex(c.invoices.map(toInvoice)),
      toPayment(c.payment),
      c.options,
    );
    return { c, got, verdict: judge(c.expected, got) };
  });

  it('has enough labelled cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });

  it('never makes a wrong unique match, and reports the confusion counts', () => {
    const confusion: Record<string, Record<string, number>> = {};
    const verdicts: Record<Verdict, number> = { correct: 0, safe: 0, missed: 0, wrong: 0 };
    for (const { c, got, verdict } of results) {
      const label = `expected ${c.expected.kind}`;
      const row = confusion[label] ?? { unique: 0, ambiguous: 0, none: 0 };
      confusion[label] = row;
      row[got.kind] = (row[got.kind] ?? 0) + 1;
      verdicts[verdict] += 1;
    }
    console.log(`match corpus: ${cases.length} cases`, verdicts);
    console.table(confusion);
    const wrong = results
      .filter((r) => r.verdict === 'wrong')
      .map((r) => `${r.c.id}: got ${JSON.stringify(r.got)}`);
    expect(wrong).toEqual([]);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const r = results.find((x) => x.c === c);
    expect(r?.verdict, `${c.description} → ${JSON.stringify(r?.got)}`).toMatch(/^(correct|safe)$/);
  });
});

// ---------------------------------------------------------------------------------------------
// Random families

const SURNAMES = ['김', '이', '박', '최', '홍'];
const GIVEN = [
  '민준',
  '민지',
  '서연',
  '서윤',
  '지호',
  '지후',
  '하준',
  '하은',
  '길동',
  '길순',
  '도윤',
  '지우',
];
const AMOUNTS = [150_000, 191_000, 220_000];
const STATUSES = ['발송완료', '결제완료', '결제중단', '결제취소', '발송실패', '파기'];
const STYLES = ['exact', 'note', 'nickname', 'parent'] as const;
const PAY_DAY = '2026-11-26';

const bill = fc.record({
  amount: fc.constantFrom(...AMOUNTS),
  offset: fc.integer({ min: -50, max: 8 }),
  status: fc.constantFrom(...STATUSES),
  style: fc.constantFrom(...STYLES),
});
const kid = fc.record({
  given: fc.constantFrom(...GIVEN),
  bills: fc.array(bill, { maxLength: 3 }),
});
const family = fc.record({
  surname: fc.constantFrom(...SURNAMES),
  kids: fc.uniqueArray(kid, { minLength: 1, maxLength: 3, selector: (k) => k.given }),
});
const world = fc.record({
  families: fc.array(family, { minLength: 1, maxLength: 5 }),
  pick: fc.nat(),
  amount: fc.constantFrom(...AMOUNTS),
  phoneKnown: fc.boolean(),
});

type World = typeof world extends fc.Arbitrary<infer W> ? W : never;

const phoneOfFamily = (fi: number): string => `0105000${String(fi).padStart(4, '0')}`;
const day = (offset: number): string => {
  const d = new Date(Date.UTC(2026, 10, 26 + offset));
  return d.toISOString().slice(0, 10);
};

function shownName(surname: string, given: string, style: (typeof STYLES)[number]): string {
  if (style === 'note') return `${surname}${given}(영어)`;
  if (style === 'nickname') return `${given}이`;
  if (style === 'parent') return `${surname}지은 학부모`;
  return `${surname}${given}`;
}

/** Invoices of the world, each with its owner ("f0k1"); the chosen target kid and its full name. */
function invoicesOf(w: World) {
  const owners = new Map<string, string>();
  const invoices: ManagerInvoice[] = [];
  const people: { owner: string; name: string; fi: number }[] = [];
  w.families.forEach((f, fi) => {
    f.kids.forEach((k, ki) => {
      const owner = `f${fi}k${ki}`;
      people.push({ owner, name: `${f.surname}${k.given}`, fi });
      k.bills.forEach((b, bi) => {
        const key = `${owner}b${bi}`;
        owners.set(key, owner);
        invoices.push(
          makeInvoice({
            key,
            customerRaw: shownName(f.surname, k.given, b.style),
            phone: phoneOfFamily(fi),
            amount: b.amount,
            registeredAt: `${day(b.offset)}T10:${String(bi).padStart(2, '0')}`,
            status: b.status,
          }),
        );
      });
    });
  });
  return { owners, invoices, people };
}

/** Without a phone, two people with the same full name cannot be told apart by anyone. */
function distinguishable(w: World, people: { name: string }[]): boolean {
  return w.phoneKnown || new Set(people.map((p) => p.name)).size === people.length;
}

describe('random families', () => {
  it("never produce a unique match to another person's invoice", () => {
    fc.assert(
      fc.property(world, (w) => {
        const { owners, invoices, people } = invoicesOf(w);
        fc.pre(distinguishable(w, people));
        const target = people[w.pick % people.length];
        if (!target) return;
        const payment = makePayment({
          customer: target.name,
          phone: w.phoneKnown ? phoneOfFamily(target.fi) : null,
          amount: w.amount,
          date: PAY_DAY,
          status: '결제취소',
        });
        for (const purpose of ['cancel', 'settle'] as const) {
          const got = matchPayment(buildInvoiceIndex(invoices), payment, { purpose });
          if (got.kind === 'unique') expect(owners.get(got.invoice.key)).toBe(target.owner);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it("never match an invoice back to another person's payment (drift direction)", () => {
    fc.assert(
      fc.property(world, (w) => {
        const { owners, invoices, people } = invoicesOf(w);
        fc.pre(invoices.length > 0 && distinguishable(w, people));
        const payments: MacgaiPayment[] = [];
        const payOwner = new Map<string, string>();
        w.families.forEach((f, fi) => {
          f.kids.forEach((k, ki) => {
            k.bills.forEach((b, bi) => {
              const p = makePayment({
                customer: `${f.surname}${k.given}`,
                phone: w.phoneKnown ? phoneOfFamily(fi) : null,
                amount: b.amount,
                date: day(b.offset + (bi % 3)),
                status: '결제완료',
              });
              const key = `${p.key}#${fi}.${ki}.${bi}`;
              payOwner.set(key, `f${fi}k${ki}`);
              payments.push({ ...p, key });
            });
          });
        });
        const invoice = invoices[w.pick % invoices.length];
        if (!invoice) return;
        const got = matchInvoice(buildPaymentIndex(payments), invoice);
        if (got.kind === 'unique')
          expect(payOwner.get(got.payment.key)).toBe(owners.get(invoice.key));
      }),
      { numRuns: 1000 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Monthly tuition: each child billed every month (same amount, same parent phone), a payment
// dated 0–7 days after one of its invoices. Last month's invoice lies in the window too.

const MONTH_STYLES = ['exact', 'note', 'nickname'] as const;
const monthlyBill = fc.record({
  jitter: fc.integer({ min: 0, max: 3 }),
  status: fc.constantFrom(...STATUSES),
  style: fc.constantFrom(...MONTH_STYLES),
  /** A copy re-sent this many days later (0: none). */
  copy: fc.integer({ min: 0, max: 5 }),
});
const monthlyKid = fc.record({
  given: fc.constantFrom(...GIVEN),
  amount: fc.constantFrom(...AMOUNTS),
  months: fc.array(monthlyBill, { minLength: 3, maxLength: 3 }),
});
const monthlyWorld = fc.record({
  surname: fc.constantFrom(...SURNAMES),
  kids: fc.uniqueArray(monthlyKid, { minLength: 1, maxLength: 3, selector: (k) => k.given }),
  pick: fc.nat(),
  month: fc.integer({ min: 0, max: 2 }),
  paidAfter: fc.integer({ min: 0, max: 7 }),
  phoneKnown: fc.boolean(),
  purpose: fc.constantFrom('cancel', 'settle'),
});

/** Invoice days of month m (0–2) for a bill: the 20th of Sep, Oct, Nov plus a small jitter. */
const monthDay = (m: number, jitter: number): string => day(-67 + 30 * m + jitter);

describe('monthly tuition', () => {
  const PHONE = '01060000001';

  function monthlyInvoices(w: typeof monthlyWorld extends fc.Arbitrary<infer W> ? W : never) {
    const invoices: ManagerInvoice[] = [];
    const monthOf = new Map<string, string>(); // invoice key → "kid/month"
    w.kids.forEach((k, ki) => {
      k.months.forEach((b, m) => {
        const days = [monthDay(m, b.jitter), ...(b.copy ? [monthDay(m, b.jitter + b.copy)] : [])];
        days.forEach((d, ci) => {
          const key = `k${ki}m${m}c${ci}`;
          monthOf.set(key, `${ki}/${m}`);
          invoices.push(
            makeInvoice({
              key,
              customerRaw: shownName(w.surname, k.given, b.style),
              phone: PHONE,
              amount: k.amount,
              registeredAt: `${d}T10:00`,
              status: b.status,
            }),
          );
        });
      });
    });
    return { invoices, monthOf };
  }

  it("never match a payment uniquely to another month's (or another child's) invoice", () => {
    fc.assert(
      fc.property(monthlyWorld, (w) => {
        const { invoices, monthOf } = monthlyInvoices(w);
        const ki = w.pick % w.kids.length;
        const kid = w.kids[ki];
        const bill = kid?.months[w.month];
        if (!kid || !bill) return;
        const payment = makePayment({
          customer: `${w.surname}${kid.given}`,
          phone: w.phoneKnown ? PHONE : null,
          amount: kid.amount,
          date: addDays(monthDay(w.month, bill.jitter), w.paidAfter),
          status: '결제취소',
        });
        const got = matchPayment(buildInvoiceIndex(invoices), payment, { purpose: w.purpose });
        if (got.kind === 'unique') expect(monthOf.get(got.invoice.key)).toBe(`${ki}/${w.month}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('match a payment to its own month uniquely when its invoice is plain and live', () => {
    fc.assert(
      fc.property(monthlyWorld, (w) => {
        const ki = w.pick % w.kids.length;
        const kid = w.kids[ki];
        if (!kid) return;
        // This month's invoice: exact name, live, no copy; other months as generated.
        const months = kid.months.map((b, m) =>
          m === w.month ? { ...b, style: 'exact' as const, status: '발송완료', copy: 0 } : b,
        );
        const kids = w.kids.map((k, i) => (i === ki ? { ...k, months } : k));
        const { invoices, monthOf } = monthlyInvoices({ ...w, kids });
        const jitter = months[w.month]?.jitter ?? 0;
        const payment = makePayment({
          customer: `${w.surname}${kid.given}`,
          phone: PHONE,
          amount: kid.amount,
          date: addDays(monthDay(w.month, jitter), w.paidAfter),
          status: '결제취소',
        });
        const got = matchPayment(buildInvoiceIndex(invoices), payment);
        expect(got.kind).toBe('unique');
        if (got.kind === 'unique') expect(monthOf.get(got.invoice.key)).toBe(`${ki}/${w.month}`);
      }),
      { numRuns: 1000 },
    );
  });
});
