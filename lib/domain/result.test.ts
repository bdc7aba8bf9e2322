import { describe, expect, it } from 'vitest';
import { isHangulSyllable } from './parse/hangul';
import { isOpenState } from './reconcile';
import { err, MAX_ERROR_INPUT, ok, unwrapOr } from './result';

describe('Result', () => {
  it('wraps values and errors, clipping long inputs', () => {
    expect(unwrapOr(ok(1), 0)).toBe(1);
    expect(unwrapOr(err('x', 'in', 'msg'), 0)).toBe(0);
    const e = err('x', 'a'.repeat(MAX_ERROR_INPUT + 50), 'msg');
    expect(!e.ok && e.error.input.length).toBe(MAX_ERROR_INPUT);
  });

  it('small helpers', () => {
    expect(isHangulSyllable('가')).toBe(true);
    expect(isHangulSyllable('ㄱ')).toBe(false);
    expect(isHangulSyllable('')).toBe(false);
    expect(isOpenState('pending')).toBe(true);
    expect(isOpenState('resolved')).toBe(false);
  });
});
