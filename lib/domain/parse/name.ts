/**
 * Customer names. MacGai shows student names; the manager site's 고객명 is free text that may
 * carry notes ("홍선우(클라리넷)", "강하라/치과진료비12,900원포함", "김민준 (형)", "이서연-중2")
 * or markup. Matching compares the *base* name.
 */
import { err, ok, type Result } from '../result';
import { jamoSimilarity } from './hangul';
import { stripMarkup } from './markup';
import { asText, fold, foldSpaces } from './text';

/** A name split into its base (the person) and the rest (notes), plus the cleaned full text. */
export interface ParsedName {
  base: string;
  note: string;
  /** The whole name as safe plain text (markup removed, NFKC-folded, spaces collapsed). */
  text: string;
}

/** Longer input is rejected rather than scanned (a name cell is never this long). */
export const MAX_NAME_LENGTH = 500;

const LEADING_GROUP = /^[([{]([^)\]}]*)[)\]}]\s*/;
/** A leading school-year/class tag ("2학년 ", "중2 ", "초등 3반 ") that is not part of the name. */
const LEADING_TAG =
  /^(?:\d+\s*(?:학년|반|기)|[초중고]\s*\d+|[초중고]등(?:\s*\d+\s*(?:학년|반))?)(?:\s+|[-_/|,:;~+·.]+)/;
const EDGE_SEPARATORS = /^[\s\-_/|,:;~+·.]+|[\s\-_/|,:;~+·.]+$/g;

function readBase(rest: string): { raw: string; value: string } {
  // "김 민준": a lone surname syllable, a space, then the given name.
  const spaced = /^([가-힣]) ([가-힣]{1,3})(?![가-힣])/.exec(rest);
  if (spaced) return { raw: spaced[0], value: `${spaced[1]}${spaced[2]}` };
  const m =
    /^[가-힣]+/.exec(rest) ?? /^[A-Za-z]+(?:[ .'-][A-Za-z]+)*/.exec(rest) ?? /^\p{L}+/u.exec(rest);
  const raw = m?.[0] ?? '';
  return { raw, value: raw };
}

function cleanNote(n: string): string {
  return n
    .replace(/[()[\]{}]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(EDGE_SEPARATORS, '')
    .trim();
}

/**
 * Split a name into base and note. The base is the first run of letters: Hangul syllables
 * (Hangul names have no inner spaces, except "김 민준" which is joined), or Latin words
 * ("John Smith"), or any other letters. Leading bracket groups ("[영어]홍길동") and any text
 * before or after the base become the note.
 * Errors: `empty`, `name_too_long`, `name_empty` (no letters at all, e.g. "(형)" or "123").
 */
export function parseName(input: string): Result<ParsedName> {
  const s = asText(input);
  if (s.length > MAX_NAME_LENGTH)
    return err('name_too_long', s, `Names longer than ${MAX_NAME_LENGTH} characters are not read`);
  const text = foldSpaces(stripMarkup(s));
  if (text === '') return err('empty', s, 'No name given');
  const notes: string[] = [];
  let rest = text;
  for (let g = LEADING_GROUP.exec(rest); g; g = LEADING_GROUP.exec(rest)) {
    notes.push(g[1] ?? '');
    rest = rest.slice(g[0].length);
  }
  const tag = LEADING_TAG.exec(rest);
  if (tag) {
    notes.push(tag[0]);
    rest = rest.slice(tag[0].length);
  }
  const lead = /^[^\p{L}]*/u.exec(rest)?.[0] ?? '';
  notes.push(lead);
  rest = rest.slice(lead.length);
  const base = readBase(rest);
  if (base.value === '') return err('name_empty', s, 'No name found in the text');
  notes.push(rest.slice(base.raw.length));
  const note = notes
    .map(cleanNote)
    .filter((n) => n !== '')
    .join(' ');
  return ok({ base: base.value, note, text });
}

/** Comparison key for a name: NFKC, lower-case, letters and digits only ("Kim Min-jun" → "kimminjun"). */
export function nameKey(name: string): string {
  return fold(asText(name))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** The base name of free text, or its cleaned text when no base can be found. */
export function baseName(input: string): string {
  const r = parseName(input);
  return r.ok ? r.value.base : foldSpaces(stripMarkup(asText(input).slice(0, MAX_NAME_LENGTH)));
}

/** A name prepared for repeated comparison (see {@link compareNameForms}). */
export interface NameForm {
  key: string; // nameKey of the base
  text: string; // nameKey of the whole text (notes included)
  given: string | null; // Hangul given name of a 3–4 syllable base
}

export function nameForm(input: string): NameForm {
  const r = parseName(input);
  const key = r.ok ? nameKey(r.value.base) : '';
  const text = r.ok ? nameKey(r.value.text) : '';
  const hangul = /^[가-힣]{3,4}$/.test(key);
  const given = hangul ? key.slice(key.length === 3 ? 1 : 2) : null;
  return { key, text, given };
}

/** Similarity levels; the gaps between them are what the matcher's margins rely on. */
export const NAME_SIM = { exact: 1, contains: 0.9, given: 0.8, weakCap: 0.6 } as const;

/**
 * Similarity of two prepared names in [0, 1], symmetric:
 * 1 equal bases; 0.9 one base (≥ 2 letters) appears in the other's full text ("홍길동" in
 * "2학년 홍길동" or "김민지/김민준 형제"); 0.8 one's Hangul given name appears in the other
 * ("길동이" for "홍길동"); otherwise at most 0.6 from the jamo edit distance (siblings
 * "김민준"/"김민지" land here, so a sibling never looks like a strong match).
 */
export function compareNameForms(a: NameForm, b: NameForm): number {
  if (a.key === '' || b.key === '') return 0;
  if (a.key === b.key) return NAME_SIM.exact;
  if (
    (a.key.length >= 2 && b.text.includes(a.key)) ||
    (b.key.length >= 2 && a.text.includes(b.key))
  ) {
    return NAME_SIM.contains;
  }
  if (
    (a.given !== null && b.text.includes(a.given)) ||
    (b.given !== null && a.text.includes(b.given))
  ) {
    return NAME_SIM.given;
  }
  return NAME_SIM.weakCap * jamoSimilarity(a.key, b.key);
}

/** {@link compareNameForms} on two raw names (free text accepted; bases are compared). */
export function nameSimilarity(a: string, b: string): number {
  return compareNameForms(nameForm(a), nameForm(b));
}
