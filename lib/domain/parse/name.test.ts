import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance, jamoSimilarity, toJamo } from './hangul';
import { decodeEntities, stripMarkup } from './markup';
import { baseName, MAX_NAME_LENGTH, NAME_SIM, nameKey, nameSimilarity, parseName } from './name';

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
