import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAmount, groupThousands, parseAmount } from './amount';

describe('parseAmount', () => {
  it.each([
    ['12,000원', 12000],
    ['₩191,000', 191000],
    ['191000', 191000],
    ['-12,000', -12000],
    ['(12,000)', -12000],
    ['(12,000원)', -12000],
    ['△12,000', -12000],
    ['△ 12,000원', -12000],
    ['−12,000원', -12000],
    ['-₩12,000', -12000],
    ['₩-12,000', -12000],
    ['１２，０００원', 12000],
    ['￦１２，０００', 12000],
    ['12,000 원', 12000],
    ['12, 000원', 12000],
    ['+12,000', 12000],
    ['KRW 5,000', 5000],
    ['5000KRW', 5000],
    ['12000.00', 12000],
    ['0원', 0],
    ['-0', 0],
    ['1,234,567,890원', 1234567890],
  ])('%s → %d', (input, won) => {
    expect(parseAmount(input)).toEqual({ ok: true, value: won });
  });

  it.each([
    ['', 'empty'],
    ['원', 'amount_format'],
    ['1,2000', 'amount_format'],
    ['12,00', 'amount_format'],
    ['12.000원', 'amount_format'],
    ['12.50', 'amount_fraction'],
    ['12000.5', 'amount_fraction'],
    ['(-12,000)', 'amount_format'],
    ['abc', 'amount_format'],
    ['12,000달러', 'amount_format'],
    ['99999999999999999999', 'amount_range'],
  ])('%j is rejected with %s', (input, code) => {
    const r = parseAmount(input);
    expect(r.ok ? 'ok' : r.error.code).toBe(code);
  });
});

describe('formatAmount', () => {
  it.each([
    [12000, '12,000원'],
    [-12000, '-12,000원'],
    [0, '0원'],
    [999, '999원'],
    [1000000, '1,000,000원'],
  ])('%d → %s', (n, s) => {
    expect(formatAmount(n)).toBe(s);
  });

  it('groups without a locale', () => {
    expect(groupThousands(-1234567)).toBe('-1,234,567');
  });

  it('round-trips every safe integer', () => {
    fc.assert(
      fc.property(
        fc.maxSafeInteger().map((n) => (n === 0 ? 0 : n)),
        (n) => {
          expect(parseAmount(formatAmount(n))).toEqual({ ok: true, value: n === 0 ? 0 : n });
        },
      ),
    );
  });

  it('reads the accounting forms of any amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e12 }), (n) => {
        const g = groupThousands(n);
        expect(parseAmount(`(${g})`)).toEqual({ ok: true, value: -n });
        expect(parseAmount(`△${g}원`)).toEqual({ ok: true, value: -n });
        expect(parseAmount(`₩${g}`)).toEqual({ ok: true, value: n });
      }),
    );
  });
});

describe('parseAmount on plain digits (read without the patterns)', () => {
  it('agrees with the patterns (the same text after ₩) on digits, commas and 원', () => {
    const text = fc
      .array(fc.constantFrom('0', '1', '5', '9', ','), { minLength: 1, maxLength: 20 })
      .chain((cs) => fc.constantFrom(cs.join(''), `${cs.join('')}원`));
    fc.assert(
      fc.property(text, (s) => {
        const fast = parseAmount(s);
        const general = parseAmount(`₩${s}`);
        expect(fast.ok).toBe(general.ok);
        if (fast.ok && general.ok) expect(fast.value).toBe(general.value);
        if (!fast.ok && !general.ok) expect(fast.error.code).toBe(general.error.code);
      }),
      { numRuns: 3000 },
    );
  });
});
