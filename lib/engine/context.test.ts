import { describe, expect, it } from 'vitest';
import { studentPayments } from '@/lib/sites/macgai';
import { readContext } from './context';

const labels = studentPayments.context!;

describe('readContext', () => {
  it('reads <label for> inputs', () => {
    document.body.innerHTML = `<label for="a">학생명</label><input id="a" value="김민준">
      <label for="b">학부모HP</label><input id="b" value="010-1234-5678">`;
    expect(readContext(document, labels)).toEqual({ name: '김민준', phone: '010-1234-5678' });
  });

  it('reads th/td, dt/dd and label + span', () => {
    document.body.innerHTML = `<table><tr><th>학생명</th><td>이서연</td></tr></table>
      <dl><dt>학부모 HP :</dt><dd>01098765432</dd></dl>`;
    expect(readContext(document, labels)).toEqual({ name: '이서연', phone: '01098765432' });
  });

  it('never reads inside an excluded list and ignores labels without values', () => {
    document.body.innerHTML = `<table id="list"><tr><th>학생명</th><th>금액</th></tr></table><span>학부모HP</span>`;
    const list = document.getElementById('list')!;
    expect(readContext(document, labels, [list])).toEqual({});
  });
});
