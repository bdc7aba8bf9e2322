import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { isAllTalkPay, type MacgaiPayment } from '@/lib/domain';
import { type Recognized, recognize, type Unrecognized } from '@/lib/engine/recognize';
import { readPayments } from '@/lib/overlay/macgai-read';
import { type MacgaiField, macgai, type StudentContext } from '@/lib/sites/macgai';

/**
 * Layouts MacGai might ship that the replica does not: each test takes a saved 결제 탭 (both
 * layouts) and changes its DOM the way a site redesign would — column order, missing and extra
 * columns, other date/amount/phone spellings, an empty list, layout tables around everything.
 */

const DIR = join(import.meta.dirname, '../fixtures/html');

function load(name: string): void {
  document.documentElement.innerHTML = readFileSync(join(DIR, `${name}.html`), 'utf8').replace(
    /<link\b[^>]*>/gi,
    '',
  );
}

type Result = Recognized<MacgaiField, StudentContext> | Unrecognized;
const scan = (): Result => recognize(document, macgai.pages);

function recognised(): Recognized<MacgaiField, StudentContext> {
  const r = scan();
  if (!r.recognized) throw new Error(`not recognised, missing ${r.missing}`);
  return r;
}

const read = () => readPayments(recognised());
const payments = (): MacgaiPayment[] => read().rows.map((r) => r.payment);

// --- list surgery, for a <table> and for an ARIA grid alike -----------------------------------

const list = (): Element => document.getElementById('gvPayList')!;
const isGrid = (): boolean => list().getAttribute('role') === 'grid';

function rows(): Element[] {
  const l = list();
  return l instanceof HTMLTableElement ? Array.from(l.rows) : [...l.querySelectorAll('[role=row]')];
}

function cells(row: Element): Element[] {
  return Array.from(row.children).filter(
    (c) => c.tagName === 'TD' || c.tagName === 'TH' || c.hasAttribute('role'),
  );
}

const header = (): Element => rows()[0]!;
const dataRows = (): Element[] => rows().slice(1);

function columnOf(title: string): number {
  const i = cells(header()).findIndex((c) => c.textContent?.trim() === title);
  if (i < 0) throw new Error(`no column ${title}`);
  return i;
}

/** Each row whose cells line up with the header (not a "no results" row spanning them all). */
function eachAligned(fn: (cells: Element[], row: Element, isHeader: boolean) => void): void {
  const width = cells(header()).length;
  for (const row of rows()) {
    const cs = cells(row);
    if (cs.length === width) fn(cs, row, row === header());
  }
}

function newCell(isHeader: boolean, text: string): Element {
  if (isGrid()) {
    const div = document.createElement('div');
    div.setAttribute('role', isHeader ? 'columnheader' : 'gridcell');
    div.textContent = text;
    return div;
  }
  const cell = document.createElement(isHeader ? 'th' : 'td');
  cell.textContent = text;
  return cell;
}

/** Reorders every row's cells: `order[i]` is the old index of the new i-th column. */
function reorder(order: number[]): void {
  eachAligned((cs, row) => {
    for (const i of order) row.append(cs[i]!);
  });
}

function removeColumn(title: string): void {
  const i = columnOf(title);
  eachAligned((cs) => cs[i]!.remove());
}

function addColumn(at: number, title: string, value: (row: number) => string): void {
  let n = 0;
  eachAligned((cs, row, isHeader) => {
    const cell = newCell(isHeader, isHeader ? title : value(n++));
    row.insertBefore(cell, cs[at] ?? null);
  });
}

function setColumn(title: string, value: (old: string, row: number) => string): void {
  const i = columnOf(title);
  dataRows().forEach((row, n) => {
    const cell = cells(row)[i]!;
    cell.textContent = value(cell.textContent?.trim() ?? '', n);
  });
}

/** The value shown next to a context label (readonly input, or dt → dd > span). */
function setContext(label: string, value: string): void {
  for (const el of document.querySelectorAll('label, dt')) {
    if (el.textContent?.trim() !== label) continue;
    if (el instanceof HTMLLabelElement && el.control) {
      (el.control as HTMLInputElement).value = value;
    } else {
      const span = el.nextElementSibling?.querySelector('span');
      if (span) span.textContent = value;
    }
    return;
  }
  throw new Error(`no context label ${label}`);
}

function renameContext(label: string, to: string): void {
  for (const el of document.querySelectorAll('label, dt')) {
    if (el.textContent?.trim() === label) el.textContent = to;
  }
}

const WEEKDAYS = '일월화수목금토';
function weekday(ymd: string): string {
  return WEEKDAYS[new Date(`${ymd}T00:00:00Z`).getUTCDay()]!;
}

// ------------------------------------------------------------------------------------------------

describe.each([
  ['default', 'macgai-student-pay-markup'],
  ['grid', 'macgai-student-pay-markup-grid'],
])('%s layout variants', (_layout, fixture) => {
  let original: MacgaiPayment[];

  beforeEach(() => {
    load(fixture);
    original = payments();
    expect(original).toHaveLength(3);
  });

  it('reads the same payments with the columns in another order (header and cells moved together)', () => {
    const width = cells(header()).length;
    const reversed = Array.from({ length: width }, (_, i) => width - 1 - i);
    reorder(reversed);
    expect(cells(header())[0]!.textContent).toBe('참고사항');
    expect(payments()).toEqual(original);
    // A rotation too: no column is where it was.
    reorder(Array.from({ length: width }, (_, i) => (i + 3) % width));
    const again = read();
    expect(again.rows.map((r) => r.payment)).toEqual(original);
    for (const r of again.rows) expect(r.anchor.textContent?.trim()).toBe(r.payment.status);
  });

  it('ignores extra columns, wherever they are', () => {
    addColumn(0, '선택', () => '');
    addColumn(2, 'No', (n) => String(n + 1));
    addColumn(cells(header()).length, '담당자', () => '김선생');
    addColumn(4, '영수증번호', (n) => `R-${n}`);
    const r = recognised();
    expect(r.kind).toBe('macgai-student-payments');
    expect(payments()).toEqual(original);
  });

  it('still recognises the list without 참고사항 (note is empty)', () => {
    removeColumn('참고사항');
    const r = recognised();
    expect(r.kind).toBe('macgai-student-payments');
    expect(r.lists[0]!.columns.has('note')).toBe(false);
    expect(payments()).toEqual(original.map((p) => ({ ...p, note: '' })));
  });

  it('without 결제수단 every row is judged (method unknown), not only 문자결제', () => {
    // One row paid in cash: with the column it is not an AllTalkPay row.
    setColumn('결제수단', (old, n) => (n === 1 ? '현금' : old));
    const judged = (ps: MacgaiPayment[]) => ps.filter((p) => isAllTalkPay(p.method) !== false);
    expect(judged(payments())).toHaveLength(2);

    removeColumn('결제수단');
    const r = recognised();
    expect(r.kind).toBe('macgai-student-payments');
    const ps = payments();
    expect(ps.map((p) => p.method)).toEqual([null, null, null]);
    expect(judged(ps)).toHaveLength(3);
    // The key has an empty method part then (the key module documents this limit).
    expect(ps[0]!.key).toBe('pay|이수아|2026-11-16|180000||0');
  });

  it('without 결제상태 the page is unrecognized, naming what was missing', () => {
    removeColumn('결제상태');
    // Every near miss is reported with its field's first word: the 결제 탭 lacks `status`
    // ('결제상태'); as an academy-wide list it would also lack `name` ('학생명').
    expect(scan()).toEqual({
      recognized: false,
      kind: 'unrecognized',
      missing: ['결제상태', '학생명'],
    });
  });

  it('without 납부일자 or 납부금액 the page is unrecognized', () => {
    removeColumn('납부일자');
    const r = scan();
    expect(r.recognized).toBe(false);
    expect(r.recognized === false && r.missing).toContain('납부일자');
    load(fixture);
    removeColumn('납부금액');
    expect(scan().recognized === false && (scan() as Unrecognized).missing).toContain('납부금액');
  });

  it('without the student name around the list the page is unrecognized (학생명)', () => {
    renameContext('학생명', '성별');
    expect(scan()).toEqual({ recognized: false, kind: 'unrecognized', missing: ['학생명'] });
  });

  it('reads a hyphenless or +82 학부모HP, and other spellings of its label', () => {
    setContext('학부모HP', '01086034800');
    expect(new Set(payments().map((p) => p.phone))).toEqual(new Set(['01086034800']));
    setContext('학부모HP', '+82 10-8603-4800');
    expect(new Set(payments().map((p) => p.phone))).toEqual(new Set(['01086034800']));
    renameContext('학부모HP', '학부모 HP :');
    expect(new Set(payments().map((p) => p.phone))).toEqual(new Set(['01086034800']));
  });

  it('keeps payments without a usable 학부모HP (phone null), and without one at all', () => {
    setContext('학부모HP', '-');
    expect(payments()).toEqual(original.map((p) => ({ ...p, phone: null })));
    renameContext('학부모HP', '비상연락');
    const r = recognised();
    expect(r.context.phone).toBeUndefined();
    expect(payments()).toEqual(original.map((p) => ({ ...p, phone: null })));
  });

  it('reads dates with a weekday and a time ("2026.11.18 (수) 오후 3:05"), same keys', () => {
    setColumn('납부일자', (ymd) => `${ymd.replaceAll('-', '.')} (${weekday(ymd)}) 오후 3:05`);
    expect(rows()[1]!.textContent).toContain('2026.11.16 (월) 오후 3:05');
    expect(payments()).toEqual(original);
  });

  it('does not read a date whose weekday contradicts it (unreadable, never judged)', () => {
    setColumn('납부일자', (ymd, n) => (n === 0 ? `${ymd} (${weekday('2026-11-17')})` : ymd));
    const r = read();
    expect(r.unreadable).toBe(1);
    expect(r.rows.map((x) => x.payment)).toEqual(original.slice(1));
  });

  it('reads amounts with 원 / ₩ / spaces, same keys; a refund keeps its sign', () => {
    setColumn('납부금액', (old, n) => [`${old}원`, `₩${old}`, `${old} 원`][n]!);
    expect(payments()).toEqual(original);
    setColumn('납부금액', (old, n) => (n === 0 ? `-${old}` : old));
    const first = payments()[0]!;
    expect(first.amount).toBe(-180_000);
    expect(first.key).toBe('pay|이수아|2026-11-16|-180000|문자결제|0');
  });

  it('counts rows it cannot read and keeps reading the others', () => {
    setColumn('납부금액', (old, n) => (n === 2 ? '별도 문의' : old));
    setColumn('납부일자', (old, n) => (n === 1 ? '-' : old));
    const r = read();
    expect(r.unreadable).toBe(2);
    expect(r.rows.map((x) => x.payment)).toEqual(original.slice(0, 1));
  });

  it('numbers identical twin rows by occurrence, in list order', () => {
    const twin = dataRows()[0]!;
    twin.after(twin.cloneNode(true));
    const keys = payments().map((p) => p.key);
    expect(keys.slice(0, 2)).toEqual([
      'pay|이수아|2026-11-16|180000|문자결제|0',
      'pay|이수아|2026-11-16|180000|문자결제|1',
    ]);
    expect(new Set(keys).size).toBe(4);
  });

  it('an empty list ("조회된 내역이 없습니다") is still the page, with no payments', () => {
    for (const row of dataRows()) row.remove();
    if (isGrid()) {
      const p = document.createElement('p');
      p.textContent = '조회된 결제 내역이 없습니다.';
      list().after(p);
    } else {
      const tr = document.createElement('tr');
      tr.innerHTML = `<td colspan="${cells(header()).length}" class="empty">조회된 내역이 없습니다</td>`;
      list().querySelector('tbody')!.append(tr);
    }
    const r = recognised();
    expect(r.kind).toBe('macgai-student-payments');
    expect(readPayments(r)).toEqual({ rows: [], unreadable: 0 });
  });

  it('finds the list inside nested layout tables, and never takes a layout table for it', () => {
    const content = document.getElementById('content')!;
    const outer = document.createElement('table');
    outer.innerHTML =
      '<tbody><tr><td class="left">메뉴</td><td class="main"><table><tbody><tr><td class="inner"></td></tr></tbody></table></td></tr></tbody>';
    content.before(outer);
    outer.querySelector('td.inner')!.append(content);
    const r = recognised();
    expect(r.lists).toHaveLength(1);
    expect(r.lists[0]!.element).toBe(list());
    expect(r.context).toEqual({
      name: '이수아<img src=x onerror=alert(1)>',
      phone: '010-8603-4800',
    });
    expect(payments()).toEqual(original);
  });

  // A header that is exactly a field's word ('납부금액') beats one that only contains '금액'.
  it('an extra 할인금액 column left of 납부금액 does not take the amount', () => {
    addColumn(columnOf('납부금액'), '할인금액', () => '0');
    expect(payments()).toEqual(original);
  });

  it('reads rows whose cells hold inputs or line breaks', () => {
    setColumn('참고사항', () => '');
    const noteIndex = columnOf('참고사항');
    dataRows().forEach((row, n) => {
      const input = document.createElement('input');
      input.value = `메모 ${n}`;
      cells(row)[noteIndex]!.append(input);
    });
    setColumn('납부금액', (old) => ` \n ${old} \n `);
    expect(payments().map((p) => p.note)).toEqual(['메모 0', '메모 1', '메모 2']);
    expect(payments().map((p) => p.amount)).toEqual([180_000, 180_000, 180_000]);
  });
});

describe('academy-wide list variants', () => {
  it('reads 학생명 from the rows and a phone column when the list has one', () => {
    load('macgai-sunap-sms-p2');
    const table = document.getElementById('gvSunap') as HTMLTableElement;
    const original = payments();
    for (const row of Array.from(table.rows)) {
      const cell = document.createElement(row.parentElement?.tagName === 'THEAD' ? 'th' : 'td');
      cell.textContent = row.parentElement?.tagName === 'THEAD' ? '학부모HP' : '010 1234 5678';
      row.append(cell);
    }
    const r = recognised();
    expect(r.kind).toBe('macgai-academy-payments');
    expect(r.lists[0]!.columns.get('phone')).toBe(9);
    expect(payments()).toEqual(original.map((p) => ({ ...p, phone: '01012345678' })));
  });

  it('skips rows whose name is no name at all', () => {
    load('macgai-sunap-sms-p1');
    const table = document.getElementById('gvSunap') as HTMLTableElement;
    const nameCell = table.querySelector('tbody > tr')!.children[2]!;
    nameCell.textContent = '(탈퇴)';
    const r = read();
    expect(r.unreadable).toBe(1);
    expect(r.rows).toHaveLength(49);
  });
});
