import { describe, expect, it } from 'vitest';
import { macgai } from '@/lib/sites/macgai';
import { recognize } from './recognize';

describe('recognize', () => {
  it('tells an academy-wide list from a student 결제 탭', () => {
    document.body.innerHTML = `<table><tr><th>학생명</th><th>납부일자</th><th>납부금액</th><th>결제상태</th></tr></table>`;
    expect(recognize(document, macgai.pages).kind).toBe('macgai-academy-payments');
    document.body.innerHTML = `<label for="n">학생명</label><input id="n" value="김민준">
      <table><tr><th>납부일자</th><th>납부금액</th><th>결제상태</th></tr></table>`;
    const r = recognize(document, macgai.pages);
    expect(r.kind).toBe('macgai-student-payments');
    expect(r.recognized && r.context).toEqual({ name: '김민준' });
  });

  it('is unrecognized without the student, saying what was missing', () => {
    document.body.innerHTML = `<table><tr><th>납부일자</th><th>납부금액</th><th>결제상태</th></tr></table>`;
    expect(recognize(document, macgai.pages)).toEqual({
      recognized: false,
      kind: 'unrecognized',
      missing: ['학생명'],
    });
  });

  it('is unrecognized with nothing missing on a page with no list at all', () => {
    document.body.innerHTML = `<p>공지사항</p>`;
    expect(recognize(document, macgai.pages)).toEqual({
      recognized: false,
      kind: 'unrecognized',
      missing: [],
    });
  });
});
