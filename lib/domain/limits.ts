/**
 * How long a text field may be: the message contract (lib/store/contract.ts) validates with these,
 * and whatever reads a page or a file clips to them, so one odd cell never makes the store refuse
 * a whole list.
 */

/** Free text: 참고사항, reasons, URLs. */
export const TEXT_MAX = 2000;
/** Every other string: names, statuses, methods, ids and keys. */
export const SHORT_TEXT_MAX = 300;

/** `text` cut to at most `max` UTF-16 units, never between the halves of a surrogate pair. */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  const c = text.charCodeAt(max - 1);
  return text.slice(0, c >= 0xd800 && c <= 0xdbff ? max - 1 : max);
}
