/**
 * Turn HTML-looking text into plain text. Names on the sites are free text and may contain
 * markup (by accident or as an attack, e.g. `<img src=x onerror=alert(1)>김철수`); the domain
 * keeps only the visible text and never any '<' or '>'.
 */

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};
const BLOCK_TAG = /<\/?(?:br|p|div|li|ul|ol|td|th|tr|table|h[1-6])\b[^>]*>/gi;
const ANY_TAG = /<\/?[a-zA-Z!?][^>]*>/g;

/** Decode the common HTML entities (named, decimal, hex); invalid code points become U+FFFD. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]+);/gi, (whole, body: string) => {
    if (body.startsWith('#')) {
      const hex = body[1] === 'x' || body[1] === 'X';
      const cp = Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
      const valid = cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff);
      return valid ? String.fromCodePoint(cp) : '\ufffd';
    }
    return NAMED[body.toLowerCase()] ?? whole;
  });
}

/**
 * Visible text of a markup-looking string: drops script/style blocks and comments, turns
 * block tags into spaces, removes other tags, decodes entities, removes tags that were
 * entity-escaped, and finally replaces any stray '<' or '>' with a space.
 */
export function stripMarkup(s: string): string {
  let t = s
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(BLOCK_TAG, ' ')
    .replace(ANY_TAG, '');
  t = decodeEntities(t).replace(BLOCK_TAG, ' ').replace(ANY_TAG, '');
  return t.replace(/[<>]/g, ' ');
}
