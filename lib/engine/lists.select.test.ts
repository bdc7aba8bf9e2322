import { describe, expect, it } from 'vitest';
import { studentPayments } from '@/lib/sites/macgai';
import { findLists, readRow } from './lists';

describe('lists with selects in their cells', () => {
  it('reads a header with a filter dropdown and a row with an editable status', () => {
    document.body.innerHTML = `<table>
      <thead><tr><th>납부일자</th><th>납부금액</th>
        <th>결제상태 <select><option>전체</option><option>결제완료</option><option>결제대기</option><option>대기취소</option><option>결제취소</option></select></th></tr></thead>
      <tbody><tr><td>2026-11-03</td><td>150,000</td>
        <td><select><option>결제완료</option><option selected>결제대기</option></select></td></tr></tbody>
    </table>`;
    const list = findLists(document, studentPayments.list).found[0];
    expect(list).toBeDefined();
    expect(readRow(list!.rows[0]!, list!.columns)).toEqual({
      date: '2026-11-03',
      amount: '150,000',
      status: '결제대기',
    });
  });
});
