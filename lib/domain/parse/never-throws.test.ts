/**
 * Every parser, on any string at all, returns a typed result and never throws.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ERROR_INPUT, type Result } from '../result';
import { parseAmount } from './amount';
import { parseBizNo } from './bizno';
import { parseDate } from './date';
import { nameSimilarity, parseName } from './name';
import { detectPhoneStyle, formatPhone, parsePhone } from './phone';

const parsers: [string, (s: string) => Result<unknown>][] = [
  ['parsePhone', parsePhone],
  ['parseAmount', parseAmount],
  ['parseDate', parseDate],
  ['parseBizNo', parseBizNo],
  ['parseName', parseName],
];

/** Strings biased toward the characters the parsers care about, plus arbitrary Unicode. */
const messy = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.string({
    unit: fc.constantFrom(
      ...'0123456789０１２-.,/()[]{}<>&;# +₩원△−오전후시분년월일목\u3000\u200b\ud800\udc00:T',
    ),
  }),
);

function checkShape(r: Result<unknown>, input: string): void {
  if (r.ok) return;
  expect(typeof r.error.code).toBe('string');
  expect(r.error.code.length).toBeGreaterThan(0);
  expect(typeof r.error.message).toBe('string');
  expect(r.error.input).toBe(input.slice(0, MAX_ERROR_INPUT));
}

describe.each(parsers)('%s', (_name, parse) => {
  it('never throws and returns a typed error', () => {
    fc.assert(
      fc.property(messy, (s) => {
        checkShape(parse(s), s);
      }),
      { numRuns: 500 },
    );
  });

  it('survives very long input', () => {
    const long = `${'<script>'.repeat(2000)}010-1234-5678`;
    checkShape(parse(long), long);
  });

  it('returns a typed error for non-string input at runtime', () => {
    for (const bad of [undefined, null, 42, {}]) {
      const r = parse(bad as unknown as string);
      expect(r.ok).toBe(false);
    }
  });
});

describe('helpers on arbitrary strings', () => {
  it('never throw', () => {
    fc.assert(
      fc.property(messy, messy, (a, b) => {
        formatPhone(a);
        detectPhoneStyle(a);
        const s = nameSimilarity(a, b);
        expect(s >= 0 && s <= 1).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
