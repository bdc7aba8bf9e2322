/**
 * Customer names. MacGai shows student names; the manager site's 고객명 is free text that may
 * carry notes ("홍선우(클라리넷)", "강하라/치과진료비12,900원포함", "김민준 (형)", "이서연-중2")
 * or markup. Matching compares the *base* name.
 */
import { SHORT_TEXT_MAX } from '../limits';
import { err, ok, type Result } from '../result';
import { jamoDistance, toJamo } from './hangul';
import { stripMarkup } from './markup';
import { asText, fold, foldSpaces } from './text';

/** A name split into its base (the person) and the rest (notes), plus the cleaned full text. */
export interface ParsedName {
  base: string;
  note: string;
  /** The whole name as safe plain text (markup removed, NFKC-folded, spaces collapsed). */
  text: string;
}

/**
 * Longer input is rejected rather than scanned (a name cell is never this long); a name read is
 * never longer either, so it always fits the message contract (lib/domain/limits).
 */
export const MAX_NAME_LENGTH = SHORT_TEXT_MAX;

const LEADING_GROUP = /^[([{]([^)\]}]*)[)\]}]\s*/;
/** A leading school-year/class tag ("2학년 ", "중2 ", "초등 3반 ") that is not part of the name. */
const LEADING_TAG =
  /^(?:\d+\s*(?:학년|반|기)|[초중고]\s*\d+|[초중고]등(?:\s*\d+\s*(?:학년|반))?)(?:\s+|[-_/|,:;~+·.]+)/;
const EDGE_SEPARATORS = /^[\s\-_/|,:;~+·.]+|[\s\-_/|,:;~+·.]+$/g;

const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;

/**
 * True when `s` holds only printable ASCII other than `<`, `>`, `&`, and precomposed Hangul
 * syllables. Such text is unchanged by {@link stripMarkup} (no tag, comment or entity can start)
 * and by {@link fold} (NFKC leaves ASCII and precomposed syllables alone; nothing invisible or
 * control), so the parsers may skip both — that is most names, and most of the parsing cost.
 */
function isPlain(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e) {
      if (c === 0x3c || c === 0x3e || c === 0x26) return false;
    } else if (c < HANGUL_FIRST || c > HANGUL_LAST) return false;
  }
  return true;
}

/** True for a non-empty run of precomposed Hangul syllables only ("홍길동"). */
function isHangulWord(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < HANGUL_FIRST || c > HANGUL_LAST) return false;
  }
  return true;
}

/** {@link nameKey} of plain text (see {@link isPlain}): letters and digits, Latin lower-cased. */
function plainKey(s: string): string {
  let out = '';
  let from = 0; // start of the pending run of characters kept as they are
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const keep = c >= HANGUL_FIRST || (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a);
    if (keep) continue;
    out += s.slice(from, i);
    from = i + 1;
    if (c >= 0x41 && c <= 0x5a) out += String.fromCharCode(c + 32);
  }
  return from === 0 ? s : out + s.slice(from);
}

function readBase(rest: string): { raw: string; value: string } {
  // "김 민준": a lone surname syllable, a space, then the given name.
  const spaced = /^([가-힣]) ([가-힣]{1,3})(?![가-힣])/.exec(rest);
  if (spaced) return { raw: spaced[0], value: `${spaced[1]}${spaced[2]}` };
  const m =
    /^[가-힣]+/.exec(rest) ?? /^[A-Za-z]+(?:[ .'-][A-Za-z]+)*/.exec(rest) ?? /^\p{L}+/u.exec(rest);
  const raw = m?.[0] ?? '';
  return { raw, value: raw };
}

/**
 * What a parent is called after the child's name ("강하윤어머님", "하윤맘"), longest first: moved to
 * the note as "(학부모)" is.
 */
const TITLES = [
  '학부모님',
  '어머님',
  '어머니',
  '아버님',
  '아버지',
  '학부모',
  '보호자',
  '엄마',
  '아빠',
  '님',
  '맘',
] as const;

const TITLE_ENDS = new Set(TITLES.map((t) => t.charCodeAt(t.length - 1)));

/**
 * How many trailing syllables of a Hangul base are a parent's title ({@link TITLES}, the longest
 * that ends it); 0 when none does, or when what would remain is no plausible name (2–4
 * syllables: "어머님" alone stays whole).
 */
function titleLength(base: string): number {
  // Most names end in no title's last syllable: answered without a search.
  if (base.length < 3 || !TITLE_ENDS.has(base.charCodeAt(base.length - 1))) return 0;
  const title = TITLES.find((t) => base.endsWith(t));
  if (!title || !isHangulWord(base)) return 0;
  const rest = base.length - title.length;
  return rest >= 2 && rest <= 4 ? title.length : 0;
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
 * ("John Smith"), or any other letters. Leading bracket groups ("[영어]홍길동"), any text
 * before or after the base, and a parent's title ending a Hangul base ("강하윤어머님") become the
 * note.
 * Errors: `empty`, `name_too_long`, `name_empty` (no letters at all, e.g. "(형)" or "123").
 */
export function parseName(input: string): Result<ParsedName> {
  const s = asText(input);
  // A bare Hangul name ("홍길동", most cells) is its own base and text, without a note (unless
  // it ends in a parent's title: "강하윤어머님").
  if (s.length <= MAX_NAME_LENGTH && isHangulWord(s) && titleLength(s) === 0) {
    return ok({ base: s, note: '', text: s });
  }
  const r = splitName(s);
  if (r === 'name_too_long')
    return err(r, s, `Names longer than ${MAX_NAME_LENGTH} characters are not read`);
  if (r === 'empty') return err(r, s, 'No name given');
  if (r === 'name_empty') return err(r, s, 'No name found in the text');
  const note = r.notes
    .map(cleanNote)
    .filter((n) => n !== '')
    .join(' ');
  return ok({ base: r.base, note, text: r.text });
}

interface Split {
  base: string;
  text: string;
  /** The pieces around the base, not yet cleaned. */
  notes: string[];
}

/** {@link parseName} up to, not including, the clean-up of the note (which a key never needs). */
function splitName(s: string): Split | 'name_too_long' | 'empty' | 'name_empty' {
  if (s.length > MAX_NAME_LENGTH) return 'name_too_long';
  const text = isPlain(s) ? s.replace(/ {2,}/g, ' ').trim() : foldSpaces(stripMarkup(s));
  if (text === '') return 'empty';
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
  if (base.value === '') return 'name_empty';
  if (base.value.length > MAX_NAME_LENGTH) return 'name_too_long'; // NFKC may lengthen text
  const title = titleLength(base.value);
  if (title > 0) notes.push(base.value.slice(-title));
  notes.push(rest.slice(base.raw.length));
  return { base: title > 0 ? base.value.slice(0, -title) : base.value, text, notes };
}

/**
 * A name that is not a person's (a 사업자명) as plain text: markup removed as from a customer's
 * name ({@link stripMarkup}), whitespace collapsed — otherwise as shown (not NFKC-folded, so a
 * business keeps the name and id it was learned with).
 */
export function plainName(input: string): string {
  const s = asText(input);
  return (/[<>&]/.test(s) ? stripMarkup(s) : s).replace(/\s+/g, ' ').trim();
}

/** Comparison key for a name: NFKC, lower-case, letters and digits only ("Kim Min-jun" → "kimminjun"). */
export function nameKey(name: string): string {
  const s = asText(name);
  if (isPlain(s)) return plainKey(s);
  return fold(s)
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
  /** The key as jamo, filled in by the first comparison that needs it. */
  jamo?: readonly number[];
}

function givenOf(key: string): string | null {
  return (key.length === 3 || key.length === 4) && isHangulWord(key)
    ? key.slice(key.length === 3 ? 1 : 2)
    : null;
}

const NOT_A_LEAD = new Set([0xcd08, 0xc911, 0xace0]); // 초 중 고: may start a school-year tag

/**
 * The form of plain text that starts with a Hangul name followed by a note ("홍길동(피아노)",
 * "홍길동 (형)", "홍길동-중2"): no bracket group or school tag can lead, so the base is the first
 * Hangul run — what {@link splitName} finds, without its regular expressions. null for anything
 * else ("김 민준", "중2 이서연", "[영어]홍길동"…), which takes the general path.
 */
function plainHangulLead(s: string): NameForm | null {
  const text = s.replace(/ {2,}/g, ' ').trim();
  if (text === '') return null;
  const c0 = text.charCodeAt(0);
  if (c0 < HANGUL_FIRST || c0 > HANGUL_LAST || NOT_A_LEAD.has(c0)) return null;
  let n = 1;
  while (n < text.length) {
    const c = text.charCodeAt(n);
    if (c < HANGUL_FIRST || c > HANGUL_LAST) break;
    n++;
  }
  if (n === 1 && text.charCodeAt(1) === 0x20) return null; // maybe "김 민준"
  const run = text.slice(0, n);
  const key = run.slice(0, run.length - titleLength(run));
  return { key, text: plainKey(text), given: givenOf(key) };
}

/**
 * {@link nameForm} of the usual plain input — a bare Hangul name, or one followed by a note (see
 * plainHangulLead) — read without parsing; null for anything else (which the parse reads).
 */
export function quickNameForm(input: string): NameForm | null {
  const s = asText(input);
  if (s.length > MAX_NAME_LENGTH || !isPlain(s)) return null;
  if (isHangulWord(s)) {
    const key = s.slice(0, s.length - titleLength(s));
    return { key, text: s, given: givenOf(key) };
  }
  return plainHangulLead(s);
}

/**
 * {@link parseName} once, read into comparable keys. A bare Hangul name ("홍길동", most rows)
 * is its own base, text and key, and is recognised without parsing.
 */
export function nameForm(input: string): NameForm {
  const quick = quickNameForm(input);
  if (quick) return quick;
  const r = splitName(asText(input));
  if (typeof r === 'string') return { key: '', text: '', given: null };
  const key = nameKey(r.base);
  return { key, text: nameKey(r.text), given: givenOf(key) };
}

/**
 * Whether the full-text key of a name (`nameForm(input).text`) contains one of some letter pairs,
 * given as char codes [a0, b0, a1, b1, …], or the letter `single` (−1: none). Plain input (see
 * {@link isPlain}) is read as it stands, without building the key; `null` for any other input
 * (read its form then, and ask {@link keyHas}). For plain text too long to be a name (for which
 * nameForm has no text) the answer may be a false "yes".
 */
export function plainTextHas(
  input: string,
  pairs: readonly number[],
  single: number,
): boolean | null {
  if (!isPlain(input)) return null;
  let prev = -1;
  for (let i = 0; i < input.length; i++) {
    let c = input.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) c += 32;
    else if (!(c >= HANGUL_FIRST || (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a))) continue;
    if (c === single) return true;
    if (prev >= 0) {
      for (let k = 0; k < pairs.length; k += 2)
        if (pairs[k] === prev && pairs[k + 1] === c) return true;
    }
    prev = c;
  }
  return false;
}

/** Words per letter-pair set: 128 bits (few names hold more than a dozen letter pairs). */
export const PAIR_WORDS = 4;

/** The bit (0–127) that stands for the letter pair (a, b) in a {@link letterPairs} set. */
export function pairBit(a: number, b: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) >>> 25;
}

/**
 * The letter pairs of a name's full-text key (`nameForm(input).text`) as a 128-bit set (see
 * {@link pairBit}), written to out[4·at … 4·at + 3] — read from plain input as it stands.
 * Returns false, writing nothing, for other input. A set answers "may the key contain this
 * pair?": "no" is certain, "yes" is to be checked.
 */
export function plainLetterPairs(input: string, out: Int32Array, at: number): boolean {
  const base = PAIR_WORDS * at;
  let w0 = 0;
  let w1 = 0;
  let w2 = 0;
  let w3 = 0;
  let prev = -1;
  for (let i = 0; i < input.length; i++) {
    let c = input.charCodeAt(i);
    if (c >= HANGUL_FIRST) {
      if (c > HANGUL_LAST) return false;
    } else if (c >= 0x61 && c <= 0x7a) {
      // a–z
    } else if (c >= 0x41 && c <= 0x5a) {
      c += 32;
    } else if (c >= 0x30 && c <= 0x39) {
      // 0–9
    } else if (c < 0x20 || c > 0x7e || c === 0x3c || c === 0x3e || c === 0x26) {
      return false; // not plain
    } else {
      continue; // punctuation and spaces are not part of the key
    }
    if (prev >= 0) {
      const bit = pairBit(prev, c);
      const mask = 1 << (bit & 31);
      const word = bit >>> 5;
      if (word === 0) w0 |= mask;
      else if (word === 1) w1 |= mask;
      else if (word === 2) w2 |= mask;
      else w3 |= mask;
    }
    prev = c;
  }
  out[base] = w0;
  out[base + 1] = w1;
  out[base + 2] = w2;
  out[base + 3] = w3;
  return true;
}

/** {@link plainLetterPairs} of a key (`nameForm(…).text`) itself. */
export function letterPairs(key: string, out: Int32Array, at: number): void {
  const base = PAIR_WORDS * at;
  for (let i = 0; i + 1 < key.length; i++) {
    const bit = pairBit(key.charCodeAt(i), key.charCodeAt(i + 1));
    out[base + (bit >>> 5)] = (out[base + (bit >>> 5)] as number) | (1 << (bit & 31));
  }
}

/** {@link plainTextHas} on a key (`nameForm(…).text`) itself. */
export function keyHas(key: string, pairs: readonly number[], single: number): boolean {
  let prev = -1;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c === single) return true;
    if (prev >= 0) {
      for (let k = 0; k < pairs.length; k += 2)
        if (pairs[k] === prev && pairs[k + 1] === c) return true;
    }
    prev = c;
  }
  return false;
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
  a.jamo ??= toJamo(a.key);
  b.jamo ??= toJamo(b.key);
  const longest = Math.max(a.jamo.length, b.jamo.length);
  return NAME_SIM.weakCap * (1 - jamoDistance(a.jamo, b.jamo) / longest);
}

/** {@link compareNameForms} on two raw names (free text accepted; bases are compared). */
export function nameSimilarity(a: string, b: string): number {
  return compareNameForms(nameForm(a), nameForm(b));
}
