import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance, jamoDistance, jamoSimilarity, toJamo } from './hangul';
import { decodeEntities, stripMarkup } from './markup';
import {
  baseName,
  keyHas,
  letterPairs,
  MAX_NAME_LENGTH,
  NAME_SIM,
  nameForm,
  nameKey,
  nameSimilarity,
  PAIR_WORDS,
  parseName,
  plainLetterPairs,
  plainTextHas,
} from './name';

describe('parseName', () => {
  it.each([
    ['홍길동', '홍길동', ''],
    ['  홍길동  ', '홍길동', ''],
    ['홍선우(클라리넷)', '홍선우', '클라리넷'],
    ['홍선우（클라리넷）', '홍선우', '클라리넷'],
    ['강하라/치과진료비12,900원포함', '강하라', '치과진료비12,900원포함'],
    ['김민준 (형)', '김민준', '형'],
    ['이서연-중2', '이서연', '중2'],
    ['이서연_중2', '이서연', '중2'],
    ['홍길동 중2', '홍길동', '중2'],
    ['[영어]홍길동', '홍길동', '영어'],
    ['(형) 김민준', '김민준', '형'],
    ['2학년 홍길동', '홍길동', '2학년'],
    ['중2 이서연', '이서연', '중2'],
    ['김 민준', '김민준', ''],
    ['홍길동(영어)(수학)', '홍길동', '영어 수학'],
    ['<img src=x onerror=alert(1)>김철수', '김철수', ''],
    ['<script>alert(1)</script>김철수', '김철수', ''],
    ['<b>박</b>지민', '박지민', ''],
    ['&lt;img src=x onerror=alert(1)&gt;김철수', '김철수', ''],
    ['김철수<!-- x -->', '김철수', ''],
    ['홍길동&nbsp;(영어)', '홍길동', '영어'],
    ['John Smith(piano)', 'John Smith', 'piano'],
    ['Ｊｏｈｎ', 'John', ''],
    ["Mary-Jane O'Neil", "Mary-Jane O'Neil", ''],
    ['张伟', '张伟', ''],
    ['홍\u200b길동', '홍길동', ''],
    // A parent named by the child: the title goes to the note, as "(학부모)" does.
    ['강하윤어머님', '강하윤', '어머님'],
    ['강하윤 어머님', '강하윤', '어머님'],
    ['강하윤(학부모)', '강하윤', '학부모'],
    ['강하윤어머니', '강하윤', '어머니'],
    ['강하윤아버님', '강하윤', '아버님'],
    ['김도윤아버지(수학)', '김도윤', '아버지 수학'],
    ['강하윤학부모', '강하윤', '학부모'],
    ['강하윤학부모님', '강하윤', '학부모님'],
    ['강하윤님', '강하윤', '님'],
    ['하윤맘', '하윤', '맘'],
    ['남궁민수엄마', '남궁민수', '엄마'],
    ['이서연-중2어머님', '이서연', '중2어머님'],
    // …only when a plausible name (2–4 syllables) remains.
    ['하님', '하님', ''],
    ['김맘', '김맘', ''],
    ['어머님', '어머님', ''],
    ['김어머니', '김어머니', ''],
    ['제갈공명선생님', '제갈공명선생님', ''],
    ['Kim님', 'Kim', '님'],
  ])('%s → base %s, note %s', (input, base, note) => {
    const r = parseName(input);
    expect(r.ok && { base: r.value.base, note: r.value.note }).toEqual({ base, note });
  });

  it('never leaves markup in the base or text', () => {
    const r = parseName('<img src=x onerror=alert(1)>김철수<b>');
    expect(r.ok && r.value.text).toBe('김철수');
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['<br>', 'empty'],
    ['(형)', 'name_empty'],
    ['12345', 'name_empty'],
    ['가'.repeat(MAX_NAME_LENGTH + 1), 'name_too_long'],
  ])('%j is rejected with %s', (input, code) => {
    const r = parseName(input);
    expect(r.ok ? 'ok' : r.error.code).toBe(code);
  });

  it('baseName falls back to the cleaned text', () => {
    expect(baseName('홍선우(클라리넷)')).toBe('홍선우');
    expect(baseName('(형)')).toBe('(형)');
    expect(nameKey('Kim Min-jun')).toBe('kimminjun');
  });

  it('strips markup and decodes entities safely', () => {
    expect(decodeEntities('&#xD800;&#0;&#x1F600;&#65;&amp;&unknown;')).toBe(
      '\ufffd\ufffd😀A&&unknown;',
    );
    expect(stripMarkup('a<br>b')).toBe('a b');
    expect(stripMarkup('x &lt; y')).toBe('x   y');
  });

  it('never puts "<" or ">" into base, note or text', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('<', '>', 'a', '김', ' ', '&', 'l', 't', ';', '(', '/'),
        }),
        (s) => {
          const r = parseName(s);
          if (r.ok) expect(`${r.value.base}${r.value.note}${r.value.text}`).not.toMatch(/[<>]/);
        },
      ),
    );
  });
});

describe('nameSimilarity', () => {
  it.each([
    ['홍길동', '홍길동', 1],
    ['홍길동', '홍길동(영어)', 1],
    ['홍길동', '[영어] 홍길동', 1],
    ['김민준', '김민지/김민준 형제', NAME_SIM.contains],
    ['민준', '김민준', NAME_SIM.contains],
    ['홍길동', '길동이', NAME_SIM.given],
    ['남궁민수', '민수', NAME_SIM.contains],
    ['', '홍길동', 0],
    ['(형)', '홍길동', 0],
  ])('%s ~ %s = %d', (a, b, s) => {
    expect(nameSimilarity(a, b)).toBe(s);
  });

  it.each([
    ['김민준', '김민지'],
    ['홍길동', '홍길순'],
    ['김서연', '김서윤'],
    ['김민준', '김민중'],
  ])('siblings and typos stay weak: %s ~ %s', (a, b) => {
    const s = nameSimilarity(a, b);
    expect(s).toBeGreaterThan(0);
    expect(s).toBeLessThanOrEqual(NAME_SIM.weakCap);
  });

  it('is symmetric, bounded, and 1 on itself', () => {
    const hangul = fc.string({
      unit: fc.constantFrom('김', '민', '준', '지', '홍', '길', '동', '이', '(', ')', '/', ' '),
      maxLength: 8,
    });
    fc.assert(
      fc.property(hangul, hangul, (a, b) => {
        const s = nameSimilarity(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(nameSimilarity(b, a)).toBe(s);
        if (parseName(a).ok) expect(nameSimilarity(a, a)).toBe(1);
      }),
    );
  });
});

describe('hangul edit distance', () => {
  it('splits syllables into jamo', () => {
    expect(toJamo('가')).toEqual([0, 100]);
    expect(toJamo('각')).toEqual([0, 100, 201]);
    expect(toJamo('A')).toEqual([65 + 1000]);
    expect(editDistance([], [1, 2])).toBe(2);
    expect(editDistance([1], [])).toBe(1);
    expect(jamoSimilarity('', '')).toBe(1);
    expect(jamoSimilarity('민준', '민중')).toBeCloseTo(5 / 6);
  });
});

describe('fast paths for plain names', () => {
  // A trailing zero-width space makes any text non-plain (the full Unicode path) and is then
  // folded away, so `x + ZW` is read exactly as the general path reads `x`.
  const ZW = '\u200b';
  const plain = fc.string({
    unit: fc.constantFrom(
      ...'김민준홍길동이초중고등학년반기님맘',
      ...'Aa Zz09',
      ' ',
      ' ',
      '(',
      ')',
      '[',
      ']',
      '{',
      '}',
      '-',
      '/',
      '_',
      '.',
      ',',
      "'",
      '|',
    ),
    maxLength: 14,
  });

  it('read plain text exactly as the general path does', () => {
    fc.assert(
      fc.property(plain, (s) => {
        expect(nameKey(s)).toBe(nameKey(s + ZW));
        expect(nameForm(s)).toEqual(nameForm(s + ZW));
        const fast = parseName(s);
        const slow = parseName(s + ZW);
        expect(fast.ok ? fast.value : fast.error.code).toEqual(
          slow.ok ? slow.value : slow.error.code,
        );
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['홍길동', { key: '홍길동', text: '홍길동', given: '길동' }],
    ['남궁민수', { key: '남궁민수', text: '남궁민수', given: '민수' }],
    ['홍길동(피아노)', { key: '홍길동', text: '홍길동피아노', given: '길동' }],
    ['  홍길동   학부모님 ', { key: '홍길동', text: '홍길동학부모님', given: '길동' }],
    ['김 민준', { key: '김민준', text: '김민준', given: '민준' }],
    ['강하윤어머님', { key: '강하윤', text: '강하윤어머님', given: '하윤' }],
    ['강하윤님(피아노)', { key: '강하윤', text: '강하윤님피아노', given: '하윤' }],
    ['하윤맘', { key: '하윤', text: '하윤맘', given: null }],
    ['중2 이서연', { key: '이서연', text: '중2이서연', given: '서연' }],
    ['중앙', { key: '중앙', text: '중앙', given: null }],
    ['Kim Min-jun', { key: 'kimminjun', text: 'kimminjun', given: null }],
    ['(형)', { key: '', text: '', given: null }],
    ['가'.repeat(MAX_NAME_LENGTH + 1), { key: '', text: '', given: null }],
  ])('nameForm(%j)', (input, form) => {
    expect(nameForm(input)).toEqual(form);
  });

  it('plainTextHas reads letter pairs of plain text as its key would show them', () => {
    const letter = fc.constantFrom(...'김민준홍길동이aAz09').map((c) => c.charCodeAt(0));
    const pairs = fc.array(fc.tuple(letter, letter), { maxLength: 3 }).map((ps) => ps.flat());
    fc.assert(
      fc.property(plain, pairs, fc.oneof(fc.constant(-1), letter), (s, ps, single) => {
        if (!parseName(s).ok) return;
        expect(plainTextHas(s, ps, single)).toBe(keyHas(nameForm(s).text, ps, single));
      }),
      { numRuns: 3000 },
    );
    const minjun = [...'김민'].map((c) => c.charCodeAt(0));
    expect(plainTextHas('김민지/김민준 형제', minjun, -1)).toBe(true);
    expect(plainTextHas('김 민준', minjun, -1)).toBe(true);
    expect(plainTextHas('박서준', minjun, -1)).toBe(false);
    expect(plainTextHas('Kim', [], 'k'.charCodeAt(0))).toBe(true);
    expect(plainTextHas('<b>김민준</b>', minjun, -1)).toBeNull();
    expect(keyHas('김민준', minjun, -1)).toBe(true);
    expect(keyHas('', minjun, -1)).toBe(false);
  });

  it('plainLetterPairs sets the letter pairs of the key, and declines text that is not plain', () => {
    fc.assert(
      fc.property(plain, (s) => {
        if (!parseName(s).ok) return;
        const fast = new Int32Array(PAIR_WORDS);
        const slow = new Int32Array(PAIR_WORDS);
        expect(plainLetterPairs(s, fast, 0)).toBe(true);
        letterPairs(nameForm(s).text, slow, 0);
        expect([...fast]).toEqual([...slow]);
      }),
      { numRuns: 2000 },
    );
    const out = new Int32Array(2 * PAIR_WORDS);
    for (const s of ['<b>홍길동</b>', 'Ｋｉｍ', '홍\u200b길동', 'a&b', '김\t민준']) {
      expect(plainLetterPairs(s, out, 1)).toBe(false);
    }
    expect([...out]).toEqual(Array(2 * PAIR_WORDS).fill(0));
  });

  it('jamoDistance is editDistance without allocating, for any lengths', () => {
    const tokens = fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 90 });
    fc.assert(
      fc.property(tokens, tokens, (a, b) => {
        expect(jamoDistance(a, b)).toBe(editDistance(a, b));
      }),
      { numRuns: 300 },
    );
  });
});
