/**
 * Text helpers shared by the parsers: Unicode folding (NFKC turns full-width digits, letters,
 * punctuation and the ideographic space into ASCII) and whitespace clean-up.
 */

/** Zero-width characters and BOM, which pages copied from Excel or HTML often carry. */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
/** C0/C1 control characters other than whitespace. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g;

/**
 * How plain `s` is: 2 when it holds only printable ASCII other than the space, and precomposed
 * Hangul syllables; 1 when it also holds single spaces, none at either end; 0 otherwise. NFKC
 * leaves such text alone and it holds nothing invisible or control, so {@link fold} returns it
 * unchanged (at 1 and 2), {@link foldSpaces} too, and {@link foldNoSpaces} at 2 — most of what
 * pages show (dates, amounts, Hangul words), read without a normalisation or a regular expression.
 */
function plainness(s: string): 0 | 1 | 2 {
  let level: 1 | 2 = 2;
  let prev = 0x20; // a leading space is not plain
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20) {
      if (prev === 0x20) return 0;
      level = 1;
    } else if (c < 0x20 || (c > 0x7e && (c < 0xac00 || c > 0xd7a3))) return 0;
    prev = c;
  }
  return prev === 0x20 && s.length > 0 ? 0 : level;
}

/** NFKC-fold, drop invisible/control characters. Never throws (lone surrogates are kept). */
export function fold(s: string): string {
  if (plainness(s) !== 0) return s;
  return s.normalize('NFKC').replace(INVISIBLE, '').replace(CONTROL, '');
}

/** {@link fold}, then collapse runs of whitespace to one space and trim. */
export function foldSpaces(s: string): string {
  if (plainness(s) !== 0) return s;
  return fold(s).replace(/\s+/g, ' ').trim();
}

/** {@link fold}, then remove all whitespace. */
export function foldNoSpaces(s: string): string {
  if (plainness(s) === 2) return s;
  return fold(s).replace(/\s+/g, '');
}

/** Any non-string (e.g. `undefined` from a missing cell) as an empty string. */
export function asText(s: unknown): string {
  return typeof s === 'string' ? s : '';
}
