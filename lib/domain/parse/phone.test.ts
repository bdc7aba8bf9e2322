import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectPhoneStyle, formatPhone, isMobile, parsePhone } from './phone';

describe('parsePhone', () => {
  it.each([
    ['010-1234-5678', '01012345678'],
    ['01012345678', '01012345678'],
    ['010 1234 5678', '01012345678'],
    ['010.1234.5678', '01012345678'],
    ['(010)1234-5678', '01012345678'],
    ['０１０－１２３４－５６７８', '01012345678'],
    ['  010-1234-5678  ', '01012345678'],
    ['+82 10-1234-5678', '01012345678'],
    ['+82-10-1234-5678', '01012345678'],
    ['82-10-1234-5678', '01012345678'],
    ['821012345678', '01012345678'],
    ['+82 (0)10-1234-5678', '01012345678'],
    ['0082 10 1234 5678', '01012345678'],
    ['011-123-4567', '0111234567'],
    ['016-1234-5678', '01612345678'],
    ['019.123.4567', '0191234567'],
    ['010\u20131234\u20135678', '01012345678'],
  ])('%s → %s', (input, digits) => {
    expect(parsePhone(input)).toEqual({ ok: true, value: digits });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['--', 'empty'],
    ['010-1234-567a', 'phone_chars'],
    ['HP 010-1234-5678', 'phone_chars'],
    ['+1 555 1234', 'phone_country'],
    ['02-123-4567', 'phone_invalid'],
    ['010-123-456', 'phone_invalid'],
    ['012-1234-5678', 'phone_invalid'],
    ['010-1234-56789', 'phone_invalid'],
  ])('%j is rejected with %s', (input, code) => {
    const r = parsePhone(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.input).toBe(input);
    }
  });

  it('tolerates non-string input at runtime', () => {
    expect(parsePhone(undefined as unknown as string).ok).toBe(false);
    expect(isMobile('010-1234-5678')).toBe(true);
    expect(isMobile('nope')).toBe(false);
  });
});

describe('formatPhone / detectPhoneStyle', () => {
  it.each([
    ['01012345678', '3-4-4', '010-1234-5678'],
    ['0111234567', '3-4-4', '011-123-4567'],
    ['01012345678', 'dots', '010.1234.5678'],
    ['0111234567', 'dots', '011.123.4567'],
    ['010-1234-5678', 'plain', '01012345678'],
  ] as const)('%s as %s → %s', (d, style, out) => {
    expect(formatPhone(d, style)).toBe(out);
  });

  it('defaults to 3-4-4 and returns invalid input trimmed', () => {
    expect(formatPhone('01012345678')).toBe('010-1234-5678');
    expect(formatPhone(' 02-123-4567 ')).toBe('02-123-4567');
  });

  it.each([
    ['010-1234-5678', '3-4-4'],
    ['010-XXXX-XXXX', '3-4-4'],
    ['010.1234.5678', 'dots'],
    ['01012345678', 'plain'],
    ['', '3-4-4'],
    ['핸드폰번호', '3-4-4'],
  ] as const)('detects %j as %s', (sample, style) => {
    expect(detectPhoneStyle(sample)).toBe(style);
  });

  const mobile = fc
    .tuple(fc.constantFrom('0', '1', '6', '7', '8', '9'), fc.stringMatching(/^\d{7,8}$/))
    .map(([c, rest]) => `01${c}${rest}`)
    .filter((d) => (d.startsWith('010') ? d.length === 11 || d.length === 10 : true));

  it('round-trips every valid number through every style', () => {
    fc.assert(
      fc.property(
        mobile,
        fc.constantFrom('3-4-4', 'plain', 'dots') as fc.Arbitrary<'3-4-4' | 'plain' | 'dots'>,
        (d, style) => {
          const shown = formatPhone(d, style);
          expect(parsePhone(shown)).toEqual({ ok: true, value: d });
          expect(detectPhoneStyle(shown)).toBe(style);
        },
      ),
    );
  });

  it('+82 forms normalize to the domestic form', () => {
    fc.assert(
      fc.property(mobile, (d) => {
        expect(parsePhone(`+82 ${d.slice(1)}`)).toEqual({ ok: true, value: d });
      }),
    );
  });
});
