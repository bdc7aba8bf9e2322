/**
 * Stable identities for rows that carry no id on screen.
 *
 * paymentKey — MacGai shows no payment id. The key is built only from fields that are the same
 * on every page a payment appears on (the student's 결제 탭, 수납현황, 수납목록, 미납현황) and
 * that do not change when the payment is cancelled:
 *   normalized student base name · 납부일자 · amount (signed) · 결제수단 · occurrence.
 * Deliberately NOT in the key: 결제상태 and 참고사항 (they change on cancel), phone and business
 * (some lists lack them). The amount is kept signed because a cancel changes the row's status,
 * not its amount; a separate reversal row (if a list ever shows one) then gets its own key.
 * Limits:
 *  - Two payments of the same student, day, amount and method are indistinguishable; they are
 *    told apart only by `occurrence` (their order within one list), which is stable only while
 *    the list shows both in the same order. Callers number twins with {@link withOccurrences}.
 *  - Two students with the same name, paying the same amount on the same day by the same method
 *    collide unless they appear in one list (then occurrence separates them).
 *  - If a list shows the method differently (or not at all), the caller must supply the same
 *    normalized method (e.g. '문자결제' from a 수납현황 filter), or keys will differ across pages.
 *  - Editing a payment's date or amount in MacGai makes it a new payment.
 *  - Each part is cut to {@link KEY_PART_MAX} characters, so a key (and its record id) stays
 *    within the message contract's limit whatever a cell holds: names or methods that agree on
 *    their first 60 characters are the same in a key.
 *
 * invoiceKey — the manager site shows no invoice id either:
 *   businessId? · phone · base name · amount · registeredAt (with time when shown) · occurrence.
 */
import { clipText } from './limits';
import type { MacgaiPayment, ManagerInvoice } from './model';
import { nameKey } from './parse/name';
import { foldNoSpaces } from './parse/text';

/** The fields {@link paymentKey} reads. */
export type PaymentKeyFields = Pick<MacgaiPayment, 'customer' | 'date' | 'amount' | 'method'>;
/** The fields {@link invoiceKey} reads. */
export type InvoiceKeyFields = Pick<
  ManagerInvoice,
  'businessId' | 'phone' | 'customer' | 'amount' | 'registeredAt'
>;

/** The most characters one part of a key keeps (see the module comment). */
export const KEY_PART_MAX = 60;

/** Escape the joiner so no field can forge another field's boundary; cut to KEY_PART_MAX. */
const part = (s: string): string =>
  clipText(
    s.includes('%') || s.includes('|') ? s.replace(/%/g, '%25').replace(/\|/g, '%7C') : s,
    KEY_PART_MAX,
  );
const occ = (n: number): string => String(Number.isInteger(n) && n > 0 ? n : 0);

/** Normalized 결제수단 for keys: folded, whitespace removed; '' when unknown. */
export function methodKey(method: string | null): string {
  return method === null ? '' : foldNoSpaces(method);
}

/**
 * `part(f(s))`, remembered for the last `s`: a list's rows repeat one student's name (a 결제 탭)
 * and one method, so keying a long list folds each of them once.
 */
function lastPart<S>(f: (s: S) => string): (s: S) => string {
  let input: S | undefined;
  let output = '';
  return (s) => {
    if (s !== input || output === '') {
      output = part(f(s));
      input = s;
    }
    return output;
  };
}

const namePart = lastPart(nameKey);
const methodPart = lastPart(methodKey);

/** Stable key of a MacGai payment (see the module comment for what it includes and why). */
export function paymentKey(fields: PaymentKeyFields, occurrence = 0): string {
  return `pay|${namePart(fields.customer)}|${part(fields.date)}|${fields.amount}|${methodPart(fields.method)}|${occ(occurrence)}`;
}

/** Stable key of a manager-site invoice (see the module comment). */
export function invoiceKey(fields: InvoiceKeyFields, occurrence = 0): string {
  return [
    'inv',
    part(fields.businessId ?? ''),
    part(fields.phone ?? ''),
    part(nameKey(fields.customer)),
    String(fields.amount),
    part(fields.registeredAt),
    occ(occurrence),
  ].join('|');
}

/**
 * Number identical rows within one list: the n-th row whose base key (occurrence 0) was already
 * seen gets occurrence n. Returns the final keys in list order.
 */
export function withOccurrences<T>(
  rows: readonly T[],
  keyOf: (row: T, occurrence: number) => string,
): string[] {
  const seen = new Map<string, number>();
  return rows.map((row) => {
    const base = keyOf(row, 0);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return keyOf(row, n);
  });
}

/** Keys for a list of payments, numbering identical twins. */
export function paymentKeys(rows: readonly PaymentKeyFields[]): string[] {
  return withOccurrences(rows, paymentKey);
}

/** Keys for a list of invoices, numbering identical twins. */
export function invoiceKeys(rows: readonly InvoiceKeyFields[]): string[] {
  return withOccurrences(rows, invoiceKey);
}
