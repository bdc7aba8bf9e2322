/**
 * Won amounts as shown on both sites ("12,000원", "₩191,000", "191000", "(12,000)", "△12,000").
 * Values are integer won; the sign of refunds and reversals is kept.
 */
import { err, ok, type Result } from '../result';
import { asText, foldNoSpaces } from './text';

/** Signs that mean minus: ASCII hyphen, the minus sign, dashes, and the Korean accounting △. */
const MINUS = /^[-\u2010-\u2015\u2212\u25b3]/;
const CURRENCY_PREFIX = /^(?:KRW|₩|\\)/i;
const CURRENCY_SUFFIX = /(?:원|KRW)$/i;
/** 12,000 | 12000, optionally with a zero fraction ("12000.00" from spreadsheets). */
const NUMBER = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/**
 * "150,000", "150000" or "150,000원" (how lists show amounts), read without the patterns: ASCII
 * digits, properly grouped if grouped at all, at most 15 of them (always a safe integer). null
 * for anything else, which takes the general path.
 */
function plainWon(s: string): number | null {
  let end = s.length;
  if (end > 1 && s.charCodeAt(end - 1) === 0xc6d0) end--; // 원
  let n = 0;
  let digits = 0;
  /** Digits since the last comma; -1 before the first comma. */
  let group = -1;
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      n = n * 10 + (c - 0x30);
      digits++;
      if (group >= 0 && ++group > 3) return null;
    } else if (c === 0x2c && digits > 0 && (group === -1 ? digits <= 3 : group === 3)) {
      group = 0;
    } else return null;
  }
  if (digits === 0 || digits > 15 || (group !== -1 && group !== 3)) return null;
  return n;
}

/**
 * Parse a won amount. Accepts thousands commas (properly grouped), "원"/"₩"/"KRW", spaces,
 * full-width digits, a leading +/−/△, or accounting parentheses for negatives.
 * "12.000" (a dot before exactly three digits) is rejected as ambiguous, never read as 12.
 * Errors: `empty`, `amount_format`, `amount_fraction` (non-zero decimals), `amount_range`.
 */
export function parseAmount(input: string): Result<number> {
  const s = asText(input);
  const plain = plainWon(s);
  if (plain !== null) return ok(plain);
  let t = foldNoSpaces(s);
  if (t === '') return err('empty', s, 'No amount given');
  let negative = false;
  const paren = /^\((.*)\)$/.exec(t);
  if (paren) {
    negative = true;
    t = paren[1] ?? '';
  }
  t = t.replace(CURRENCY_PREFIX, '');
  if (MINUS.test(t)) {
    if (negative) return err('amount_format', s, 'Two minus signs in one amount');
    negative = true;
    t = t.slice(1);
  } else if (t.startsWith('+')) {
    t = t.slice(1);
  }
  t = t.replace(CURRENCY_PREFIX, '').replace(CURRENCY_SUFFIX, '');
  const m = NUMBER.exec(t);
  if (!m) return err('amount_format', s, 'Not an amount like "12,000원"');
  const fraction = m[2];
  if (fraction !== undefined && fraction.length === 3) {
    return err(
      'amount_format',
      s,
      'Ambiguous: a dot before three digits may be a thousands separator',
    );
  }
  if (fraction !== undefined && /[1-9]/.test(fraction)) {
    return err('amount_fraction', s, 'Won amounts have no fractional part');
  }
  const n = Number((m[1] ?? '').replace(/,/g, ''));
  if (!Number.isSafeInteger(n)) return err('amount_range', s, 'Amount is too large');
  return ok(negative && n !== 0 ? -n : n);
}

/** Group digits by thousands: 1234567 → "1,234,567" (locale-independent). */
export function groupThousands(n: number): string {
  const digits = String(Math.trunc(Math.abs(n)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 && Math.trunc(n) !== 0 ? `-${grouped}` : grouped;
}

/** Show an amount the way MacGai does: 12000 → "12,000원", -12000 → "-12,000원". */
export function formatAmount(won: number): string {
  return `${groupThousands(won)}원`;
}
