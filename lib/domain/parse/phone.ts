/**
 * Korean mobile numbers (학부모HP on MacGai, 청구핸드폰 on the manager site).
 * Normalized form: digits only, domestic prefix, e.g. "01012345678".
 */
import { err, ok, type Result } from '../result';
import { asText, fold } from './text';

/** How a site writes a number: "010-1234-5678", "01012345678" or "010.1234.5678". */
export type PhoneStyle = '3-4-4' | 'plain' | 'dots';

/** Valid normalized mobile numbers (010 + 8 digits, legacy 011/016/017/018/019 + 7–8 digits). */
export const MOBILE_RE = /^01[016789]\d{7,8}$/;

/** Separators people and sites put inside numbers: spaces, hyphens/dashes, dots, parentheses. */
const SEPARATORS = /[\s\-\u2010-\u2015\u2212.()[\]]/g;

/**
 * Parse a mobile number written any usual way: "010-1234-5678", "010 1234 5678", "(010)1234.5678",
 * full-width digits, "+82 10-1234-5678", "82-10-…", "+82 (0)10…", "0082 10…".
 * Errors: `empty`, `phone_chars` (letters or symbols left), `phone_country` (+ not followed by 82),
 * `phone_invalid` (digits, but not a Korean mobile number).
 */
export function parsePhone(input: string): Result<string> {
  const s = asText(input);
  let t = fold(s).replace(SEPARATORS, '');
  if (t === '') return err('empty', s, 'No phone number given');
  const plus = t.startsWith('+');
  if (plus) t = t.slice(1);
  if (!/^\d+$/.test(t))
    return err('phone_chars', s, 'A phone number may hold only digits and separators');
  if (t.startsWith('0082')) t = t.slice(2);
  if (plus && !t.startsWith('82'))
    return err('phone_country', s, 'Only Korean (+82) numbers are supported');
  if (t.startsWith('82')) {
    const rest = t.slice(2);
    t = rest.startsWith('0') ? rest : `0${rest}`;
  }
  if (!MOBILE_RE.test(t))
    return err('phone_invalid', s, 'Not a Korean mobile number (01X + 7–8 digits)');
  return ok(t);
}

/** True when {@link parsePhone} accepts the input. */
export function isMobile(input: string): boolean {
  return parsePhone(input).ok;
}

/**
 * Show a number in a site's style: 11 digits as 3-4-4, 10 digits as 3-3-4 ("011-123-4567").
 * Input that is not a valid mobile number is returned trimmed and otherwise unchanged.
 */
export function formatPhone(digits: string, style: PhoneStyle = '3-4-4'): string {
  const r = parsePhone(digits);
  if (!r.ok) return asText(digits).trim();
  const d = r.value;
  if (style === 'plain') return d;
  const sep = style === 'dots' ? '.' : '-';
  const mid = d.length === 11 ? 4 : 3;
  return [d.slice(0, 3), d.slice(3, 3 + mid), d.slice(3 + mid)].join(sep);
}

/**
 * The style a sample uses (a value already in a search field, its placeholder, or a number
 * shown in the list), so a search can be filled in the site's own format.
 * Hyphens win over dots; a bare run of 10+ digits is 'plain'; anything else defaults to '3-4-4'.
 */
export function detectPhoneStyle(sample: string): PhoneStyle {
  const t = fold(asText(sample));
  if (/[\dXx*#]\s*[-\u2010-\u2015]\s*[\dXx*#]/.test(t)) return '3-4-4';
  if (/[\dXx*#]\s*\.\s*[\dXx*#]/.test(t)) return 'dots';
  if (/\d{10,}/.test(t)) return 'plain';
  return '3-4-4';
}
