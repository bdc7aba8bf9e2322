/**
 * 사업자등록번호 (business registration number), ###-##-#####.
 * Its last digit is a check digit; the manager site's initial cancel password is its last six digits.
 */
import { err, ok, type Result } from '../result';
import { asText, fold } from './text';

const WEIGHTS = [1, 3, 7, 1, 3, 7, 1, 3, 5] as const;

/**
 * The check digit for the first nine digits (a 9-digit string): weighted sum with 1,3,7,1,3,7,1,3,5,
 * plus floor(9th digit × 5 / 10); check = (10 − sum mod 10) mod 10. Null when not 9 digits.
 */
export function bizNoCheckDigit(first9: string): number | null {
  if (!/^\d{9}$/.test(first9)) return null;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(first9[i]) * (WEIGHTS[i] ?? 0);
  sum += Math.floor((Number(first9[8]) * 5) / 10);
  return (10 - (sum % 10)) % 10;
}

/**
 * Parse "220-81-62517", "2208162517", "220 81 62517" (full-width digits too) into 10 digits.
 * Errors: `empty`, `bizno_format` (not 10 digits in ###-##-##### shape), `bizno_checksum`.
 */
export function parseBizNo(input: string): Result<string> {
  const s = asText(input);
  const t = fold(s).trim();
  if (t === '') return err('empty', s, 'No business number given');
  const m = /^(\d{3})[\s\-\u2010-\u2015]*(\d{2})[\s\-\u2010-\u2015]*(\d{5})$/.exec(t);
  if (!m) return err('bizno_format', s, 'A business number has 10 digits: ###-##-#####');
  const digits = `${m[1]}${m[2]}${m[3]}`;
  if (bizNoCheckDigit(digits.slice(0, 9)) !== Number(digits[9])) {
    return err('bizno_checksum', s, 'The check digit does not match; a digit is probably mistyped');
  }
  return ok(digits);
}

/** "2208162517" → "220-81-62517". Input that is not 10 digits (after folding) is returned trimmed. */
export function formatBizNo(bizNo: string): string {
  const d = fold(asText(bizNo)).replace(/[\s\-\u2010-\u2015]/g, '');
  if (!/^\d{10}$/.test(d)) return asText(bizNo).trim();
  return `${d.slice(0, 3)}-${d.slice(3, 5)}-${d.slice(5)}`;
}

/**
 * The manager site's initial cancel password: the last 6 digits of the business number
 * (checksum not required — it is whatever number was registered). Null when not 10 digits.
 */
export function bizNoPasswordDefault(bizNo: string): string | null {
  const d = fold(asText(bizNo)).replace(/[\s\-\u2010-\u2015]/g, '');
  return /^\d{10}$/.test(d) ? d.slice(4) : null;
}
