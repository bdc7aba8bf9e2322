/**
 * Text helpers shared by the parsers: Unicode folding (NFKC turns full-width digits, letters,
 * punctuation and the ideographic space into ASCII) and whitespace clean-up.
 */

/** Zero-width characters and BOM, which pages copied from Excel or HTML often carry. */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
/** C0/C1 control characters other than whitespace. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g;

/** NFKC-fold, drop invisible/control characters. Never throws (lone surrogates are kept). */
export function fold(s: string): string {
  return s.normalize('NFKC').replace(INVISIBLE, '').replace(CONTROL, '');
}

/** {@link fold}, then collapse runs of whitespace to one space and trim. */
export function foldSpaces(s: string): string {
  return fold(s).replace(/\s+/g, ' ').trim();
}

/** {@link fold}, then remove all whitespace. */
export function foldNoSpaces(s: string): string {
  return fold(s).replace(/\s+/g, '');
}

/** Any non-string (e.g. `undefined` from a missing cell) as an empty string. */
export function asText(s: unknown): string {
  return typeof s === 'string' ? s : '';
}
