/**
 * Hangul-aware edit distance: syllables are split into jamo (initial, medial, final) so that
 * "민준" vs "민중" differ by one jamo rather than one whole syllable.
 */

const SYLLABLE_BASE = 0xac00;
const SYLLABLE_LAST = 0xd7a3;

/** True for a precomposed Hangul syllable (가–힣). */
export function isHangulSyllable(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return c >= SYLLABLE_BASE && c <= SYLLABLE_LAST;
}

/**
 * A string as jamo tokens: each syllable becomes initial (0–18), medial (100–120) and final
 * (201–227, omitted when absent); any other character is its code point + 1000.
 */
export function toJamo(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c >= SYLLABLE_BASE && c <= SYLLABLE_LAST) {
      const k = c - SYLLABLE_BASE;
      out.push(Math.floor(k / 588), 100 + Math.floor((k % 588) / 28));
      if (k % 28 !== 0) out.push(200 + (k % 28));
    } else {
      out.push(c + 1000);
    }
  }
  return out;
}

/** Levenshtein distance between two token arrays (O(a·b) time, O(b) memory). */
export function editDistance(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** One DP row, reused by {@link jamoDistance} (grown when a longer input comes along). */
let row = new Int32Array(64);

/**
 * {@link editDistance} without allocating: the matcher's hot path compares many short names.
 * Same result for any input.
 */
export function jamoDistance(a: readonly number[], b: readonly number[]): number {
  const n = b.length;
  if (a.length === 0) return n;
  if (n === 0) return a.length;
  if (row.length <= n) row = new Int32Array(2 * n + 2);
  const prev = row;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const ai = a[i - 1];
    let diag = prev[0] as number; // prev[j - 1] of the row before
    prev[0] = i;
    for (let j = 1; j <= n; j++) {
      const up = prev[j] as number;
      const left = prev[j - 1] as number;
      const sub = diag + (ai === b[j - 1] ? 0 : 1);
      prev[j] = Math.min(up + 1, left + 1, sub);
      diag = up;
    }
  }
  return prev[n] as number;
}

/** 1 − (jamo edit distance / longer jamo length), in [0, 1]; 1 for two empty strings. */
export function jamoSimilarity(a: string, b: string): number {
  const ja = toJamo(a);
  const jb = toJamo(b);
  const longest = Math.max(ja.length, jb.length);
  return longest === 0 ? 1 : 1 - jamoDistance(ja, jb) / longest;
}
