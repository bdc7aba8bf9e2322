import { describe, expect, it } from 'vitest';
import { studentPayments } from '@/lib/sites/macgai';
import { readContext } from './context';

/** The shapes a labelled value takes around a list, beyond those in context.test.ts. */
const labels = studentPayments.context!;

describe('readContext field shapes', () => {
  it('reads a select, a textarea and a value nested in the next element', () => {
    document.body.innerHTML = `
      <label>학생명</label><select><option>김민준</option><option selected>이서연</option></select>
      <dl><dt>학부모HP*</dt><dd><div><textarea> 010-1111-2222 </textarea></div></dd></dl>`;
    expect(readContext(document, labels)).toEqual({ name: '이서연', phone: '010-1111-2222' });
  });

  it('reads an input inside the label, and a label whose control is elsewhere', () => {
    document.body.innerHTML = `<label>이름 : <input value="박지호"></label>
      <label for="hp">학부모 핸드폰</label><span></span><input id="hp" value="01033334444">`;
    expect(readContext(document, labels)).toEqual({ name: '박지호', phone: '01033334444' });
    document.body.innerHTML = `<label>이름</label><p>  </p><label for="hp">학부모핸드폰</label><input id="hp" value="01033334444">`;
    expect(readContext(document, labels)).toEqual({ phone: '01033334444' });
  });

  it('skips a label whose only neighbour repeats the label, and long texts', () => {
    document.body.innerHTML = `<th>학생명</th><td>학생명</td>
      <p>학생명이 표시되는 곳입니다 학생명이 표시되는 곳입니다</p><span>원생명</span><b>최유나</b>`;
    expect(readContext(document, labels)).toEqual({ name: '최유나' });
  });

  it('keeps the first value found for a label', () => {
    document.body.innerHTML = `<span>학생명</span><b>정민서</b><span>학생명</span><b>정민호</b>`;
    expect(readContext(document, labels)).toEqual({ name: '정민서' });
  });
});
