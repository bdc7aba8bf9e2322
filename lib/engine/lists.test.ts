import { describe, expect, it } from 'vitest';
import { academyPayments, studentPayments } from '@/lib/sites/macgai';
import { findLists, isDataRow, matchLists, readRow, rowCells, scanLists } from './lists';

function dom(html: string): Document {
  document.body.innerHTML = html;
  return document;
}

const spec = studentPayments.list;

describe('findLists', () => {
  it('finds a table by header words in any order, with extra columns', () => {
    const doc =
      dom(`<table><thead><tr><th>비고</th><th>결제상태</th><th>영수증</th><th>납부금액</th><th>납부일자</th></tr></thead>
      <tbody><tr><td>메모</td><td>결제대기</td><td>-</td><td>150,000</td><td>2026-11-03</td></tr></tbody></table>`);
    const { found } = findLists(doc, spec);
    expect(found).toHaveLength(1);
    const list = found[0];
    expect(list?.rows).toHaveLength(1);
    expect(readRow(list!.rows[0]!, list!.columns)).toEqual({
      note: '메모',
      status: '결제대기',
      amount: '150,000',
      date: '2026-11-03',
    });
  });

  it('finds ARIA grids made of divs', () => {
    const doc =
      dom(`<div role="grid"><div role="row"><div role="columnheader">결제상태</div><div role="columnheader">납부 금액</div><div role="columnheader">납부일자</div></div>
      <div role="row"><div role="gridcell">결제완료</div><div role="gridcell">90,000</div><div role="gridcell">2026.11.01</div></div></div>`);
    const { found } = findLists(doc, spec);
    expect(found).toHaveLength(1);
    expect(readRow(found[0]!.rows[0]!, found[0]!.columns)).toMatchObject({
      amount: '90,000',
      status: '결제완료',
    });
  });

  it('reports a near miss with what was missing, and never counts a layout table', () => {
    const doc = dom(
      `<table><tr><td><table><tr><th>납부일자</th><th>결제수단</th><th>참고사항</th></tr><tr><td>2026-11-01</td><td>현금</td><td></td></tr></table></td></tr></table>`,
    );
    const { found, nearMisses } = findLists(doc, spec);
    expect(found).toHaveLength(0);
    expect(nearMisses).toHaveLength(1);
    expect(nearMisses[0]?.missing.sort()).toEqual(['amount', 'status']);
  });

  it('lines cells up across colspans and skips the empty-result row', () => {
    const doc = dom(`<table><tr><th colspan="2">납부일자</th><th>납부금액</th><th>결제상태</th></tr>
      <tr><td>2026-11-01</td><td>(목)</td><td>1,000</td><td>결제완료</td></tr>
      <tr><td colspan="4">조회된 내역이 없습니다.</td></tr></table>`);
    const list = findLists(doc, spec).found[0]!;
    expect(readRow(list.rows[0]!, list.columns)).toMatchObject({
      amount: '1,000',
      status: '결제완료',
    });
    expect(isDataRow(list.rows[0]!, list.columns)).toBe(true);
    expect(isDataRow(list.rows[1]!, list.columns)).toBe(false);
  });

  it('skips what a script put in a row between its cells, and caps a huge colspan', () => {
    const doc = dom(`<table><tr><th>납부일자</th><th>납부금액</th><th>결제상태</th></tr>
      <tr><td>2026-11-01</td><td>1,000</td><td>결제완료</td></tr>
      <tr><td colspan="999">합계</td></tr></table>`);
    const list = findLists(doc, spec).found[0]!;
    const row = list.rows[0]!;
    row.insertBefore(document.createElement('div'), row.children[1]!).textContent = '광고';
    expect(readRow(row, list.columns)).toMatchObject({ date: '2026-11-01', amount: '1,000' });
    expect(rowCells(list.rows[1]!)).toHaveLength(50);
  });
});

describe('scanLists', () => {
  it('reads each table once for every spec, in document order with grids', () => {
    const doc =
      dom(`<div role="grid"><div role="row"><div role="columnheader">결제상태</div><div role="columnheader">납부금액</div><div role="columnheader">납부일자</div></div>
      <div role="row"><div role="gridcell">결제완료</div><div role="gridcell">90,000</div><div role="gridcell">2026.11.01</div></div></div>
      <table><tr><th>학생명</th><th>납부일자</th><th>납부금액</th><th>결제상태</th></tr>
      <tr><td>김민준</td><td>2026-11-03</td><td>150,000</td><td>결제대기</td></tr></table>`);
    const lists = scanLists(doc);
    expect(lists.map((l) => l.element.tagName)).toEqual(['DIV', 'TABLE']);
    const student = matchLists(lists, spec).found;
    const academy = matchLists(lists, academyPayments.list).found;
    expect(student).toHaveLength(2);
    expect(academy.map((l) => l.element.tagName)).toEqual(['TABLE']);
    // The same reading: the same rows and cells, whichever spec took the list.
    expect(academy[0]!.rows).toBe(student[1]!.rows);
    expect(academy[0]!.cellsOf(0)).toBe(student[1]!.cellsOf(0));
    expect(findLists(doc, spec).found.map((l) => l.rows)).toEqual(student.map((l) => l.rows));
  });

  it('leaves the rows of a nested table to that table', () => {
    const doc = dom(`<table id="outer"><tr><th>납부일자</th><th>납부금액</th><th>결제상태</th></tr>
      <tr><td>2026-11-03</td><td>150,000</td><td><table><tr><td>안쪽</td></tr></table>결제대기</td></tr></table>`);
    const list = findLists(doc, spec).found[0]!;
    expect(list.element.id).toBe('outer');
    expect(list.rows).toHaveLength(1);
    expect(readRow(list.rows[0]!, list.columns, list.cellsOf(0))).toMatchObject({
      amount: '150,000',
    });
  });
});
