import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bizNoCheckDigit, bizNoPasswordDefault, formatBizNo, parseBizNo } from './bizno';

describe('parseBizNo', () => {
  it.each([
    ['220-81-62517', '2208162517'],
    ['2208162517', '2208162517'],
    ['220 81 62517', '2208162517'],
    ['２２０－８１－６２５１７', '2208162517'],
    [' 220-81-62517 ', '2208162517'],
  ])('%s → %s', (input, digits) => {
    expect(parseBizNo(input)).toEqual({ ok: true, value: digits });
  });

  it.each([
    ['', 'empty'],
    ['220-81-6251', 'bizno_format'],
    ['22-081-62517', 'bizno_format'],
    ['220-81-6251a', 'bizno_format'],
    ['220816251700', 'bizno_format'],
    ['220-81-62518', 'bizno_checksum'],
    ['120-81-62517', 'bizno_checksum'],
  ])('%j is rejected with %s', (input, code) => {
    const r = parseBizNo(input);
    expect(r.ok ? 'ok' : r.error.code).toBe(code);
  });

  it('computes the check digit including the 9th-digit carry', () => {
    expect(bizNoCheckDigit('220816251')).toBe(7);
    expect(bizNoCheckDigit('12345678')).toBeNull();
  });

  it('accepts exactly one check digit for any nine digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), (first9) => {
        const valid = [...'0123456789'].filter((c) => parseBizNo(`${first9}${c}`).ok);
        expect(valid).toEqual([String(bizNoCheckDigit(first9))]);
        const formatted = formatBizNo(`${first9}${valid[0]}`);
        expect(formatted).toMatch(/^\d{3}-\d{2}-\d{5}$/);
        expect(parseBizNo(formatted)).toEqual({ ok: true, value: `${first9}${valid[0]}` });
      }),
    );
  });
});

describe('formatBizNo / bizNoPasswordDefault', () => {
  it('formats and derives the default cancel password', () => {
    expect(formatBizNo('2208162517')).toBe('220-81-62517');
    expect(formatBizNo('220-81-62517')).toBe('220-81-62517');
    expect(formatBizNo(' 12345 ')).toBe('12345');
    expect(bizNoPasswordDefault('220-81-62517')).toBe('162517');
    expect(bizNoPasswordDefault('2208162517')).toBe('162517');
    expect(bizNoPasswordDefault('220-81-6251')).toBeNull();
  });
});
