import { clipText, SHORT_TEXT_MAX, TEXT_MAX } from '@/lib/domain/limits';

/** Visible text, folded so words match however a page spaces or widens them. */
export function fold(text: string | null | undefined): string {
  return (text ?? '').normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** Text content, except that a <select> shows only its chosen option (not all of them). */
function shownText(node: Node): string {
  if (node instanceof HTMLSelectElement) return ` ${node.selectedOptions[0]?.textContent ?? ''} `;
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  let text = '';
  for (const child of Array.from(node.childNodes)) text += shownText(child);
  return text;
}

const FIELD = 'input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, textarea';
const FORM_TAGS = new Set(['INPUT', 'SELECT', 'TEXTAREA']);

/**
 * Whether `el` may hold a form field. Walks a few descendants (a status cell's <span>, a link)
 * instead of running a selector query; a bigger cell is answered by querySelector.
 */
function mayHoldField(el: Element): boolean {
  let budget = 8;
  let node: Element | null = el.firstElementChild;
  while (node) {
    if (FORM_TAGS.has(node.tagName) || --budget === 0) return true;
    let next: Element | null = node.firstElementChild;
    while (!next && node && node !== el) {
      next = node.nextElementSibling;
      if (!next) node = node.parentElement;
    }
    if (node === el) return false;
    node = next;
  }
  return false;
}

/**
 * Whitespace collapsed and trimmed; text whose only space-like characters are single spaces
 * between other characters is returned as is.
 */
function collapse(text: string): string {
  let space = true; // a leading space is trimmed
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 && !space) {
      space = true;
      continue;
    }
    // Every \s character is in these ranges (a few others are too: they just take the long way).
    if (c <= 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x3000) || c === 0xfeff) {
      return text.replace(/\s+/g, ' ').trim();
    }
    space = false;
  }
  return space && text.length > 0 ? text.replace(/\s+/g, ' ').trim() : text;
}

/**
 * The text a person sees in a cell: input values included, whitespace collapsed. A cell without
 * form fields (the usual case) is read without any selector query.
 */
export function cellText(el: Element): string {
  return plainCellText(el) ?? fieldCellText(el);
}

/** {@link cellText} of a cell without form fields; null for a cell that may hold one. */
export function plainCellText(el: Element): string | null {
  return mayHoldField(el) ? null : collapse(el.textContent ?? '');
}

function fieldCellText(el: Element): string {
  const text = el.querySelector('select') ? shownText(el) : (el.textContent ?? '');
  if (!/\S/.test(text)) {
    const field = el.querySelector(FIELD);
    if (field) return ((field as HTMLInputElement).value ?? '').trim();
  }
  return collapse(text);
}

/**
 * How much text each field of a spec keeps: TEXT_MAX for its `long` fields, no limit for its
 * `whole` ones; any other field takes SHORT_TEXT_MAX (see {@link fieldText}).
 */
export function fieldLimits<F extends string>(spec: {
  long?: readonly F[];
  whole?: readonly F[];
}): ReadonlyMap<F, number> {
  const limits = new Map<F, number>();
  for (const f of spec.long ?? []) limits.set(f, TEXT_MAX);
  for (const f of spec.whole ?? []) limits.set(f, Number.POSITIVE_INFINITY);
  return limits;
}

/**
 * A cell's text as its field's value: cut to the field's limit ({@link fieldLimits}; the message
 * contract's, lib/domain/limits), so one odd cell never makes the store refuse the whole list.
 */
export function fieldText<F extends string>(
  text: string,
  field: F,
  limits?: ReadonlyMap<F, number>,
): string {
  return clipText(text, limits?.get(field) ?? SHORT_TEXT_MAX);
}

const folds = new WeakMap<object, [string, string[]][]>();

/** A spec's words per field, folded once (specs are constants). */
function foldedWords<F extends string>(
  fields: Readonly<Record<F, readonly string[]>>,
): [F, string[]][] {
  let words = folds.get(fields) as [F, string[]][] | undefined;
  if (!words) {
    words = (Object.keys(fields) as F[]).map((f) => [f, fields[f].map((w) => fold(w))]);
    folds.set(fields, words);
  }
  return words;
}

/** Which column is which field, and the fields no column could be told apart for. */
export interface FieldColumns<F extends string> {
  columns: Map<F, number>;
  /** Fields claimed equally by two different headers: neither is taken (never a guess). */
  ambiguous: F[];
}

/**
 * Which column is which field. A header matches a field when it contains one of the field's words;
 * when several could, the strongest claim wins: a header that is exactly a word, then a field's
 * earlier (more specific) word, then the field declared first. So "납부금액" takes the amount even
 * with a "할인금액" column to its left. When the strongest claim on a field comes from two headers
 * that say different things ("발송상태" and "처리상태" for the status, whose generic word is
 * 상태), the field is ambiguous: no column is taken for it, nor do the claimants go to another
 * field. The same header repeated (a column shown twice) is no ambiguity: the leftmost is taken.
 */
export function assignFields<F extends string>(
  headers: readonly (string | null)[],
  fields: Readonly<Record<F, readonly string[]>>,
): FieldColumns<F> {
  const claims: { field: F; column: number; exact: boolean; word: number; order: number }[] = [];
  const words = foldedWords(fields);
  const folded = headers.map((header) => fold(header));
  folded.forEach((h, column) => {
    if (!h) return;
    words.forEach(([field, ws], order) => {
      ws.forEach((w, word) => {
        if (h.includes(w)) claims.push({ field, column, exact: h === w, word, order });
      });
    });
  });
  claims.sort(
    (a, b) =>
      Number(b.exact) - Number(a.exact) ||
      a.word - b.word ||
      a.order - b.order ||
      a.column - b.column,
  );
  const columns = new Map<F, number>();
  const ambiguous: F[] = [];
  const decided = new Set<F>();
  const used = new Set<number>();
  for (let i = 0; i < claims.length; ) {
    const c = claims[i] as (typeof claims)[number];
    // Claims as strong for the same field are next to each other (sorted by column).
    let end = i + 1;
    while (end < claims.length) {
      const d = claims[end] as (typeof claims)[number];
      if (d.order !== c.order || d.word !== c.word || d.exact !== c.exact) break;
      end++;
    }
    if (!decided.has(c.field)) {
      const free = claims.slice(i, end).flatMap((d) => (used.has(d.column) ? [] : [d.column]));
      const first = free[0];
      if (first !== undefined) {
        decided.add(c.field);
        if (free.every((j) => folded[j] === folded[first])) columns.set(c.field, first);
        else ambiguous.push(c.field);
        for (const j of free) used.add(j);
      }
    }
    i = end;
  }
  return { columns, ambiguous };
}
