import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ManagerInvoice } from '@/lib/domain';
import { rowCells } from '@/lib/engine/lists';
import { type Recognized, recognize } from '@/lib/engine/recognize';
import { type InvoiceField, manager } from '@/lib/sites/manager';
import { readInvoices } from './manager-read';

/** A saved replica page (tests/fixtures/html, scripts/save-html-fixtures.ts) as the document. */
function load(name: string): void {
  const file = join(import.meta.dirname, '../../tests/fixtures/html', `${name}.html`);
  document.documentElement.innerHTML = readFileSync(file, 'utf8').replace(/<link\b[^>]*>/gi, '');
}

function page(): Recognized<InvoiceField, string> {
  const r = recognize(document, manager.pages);
  if (!r.recognized) throw new Error(`not recognised: ${r.missing}`);
  return r;
}

const BIZ = 'b:2208162517';
const bodyRows = () => Array.from(document.querySelectorAll('#billTable tbody tr'));
const invoices = (businessId: string | null = BIZ): ManagerInvoice[] =>
  readInvoices(page(), businessId).map((r) => r.invoice);

describe('readInvoices on the saved 청구서관리 page', () => {
  it('reads every invoice row, in page order', () => {
    load('manager-bills');
    const rows = readInvoices(page(), BIZ);
    expect(rows).toHaveLength(20);
    expect(rows.map((r) => r.row)).toEqual(bodyRows());
    expect(rows.every((r) => r.invoice.businessId === BIZ)).toBe(true);
  });

  it('reads a paid invoice exactly: phone normalised, amount in won, registered to the minute', () => {
    load('manager-bills');
    expect(invoices()[0]).toEqual({
      key: `inv|${BIZ}|01059296244|고나은|450000|2026-11-24T19:48|0`,
      businessId: BIZ,
      customer: '고나은',
      customerRaw: '고나은',
      phone: '01059296244',
      reason: '11월 수강료',
      amount: 450000,
      registeredAt: '2026-11-24T19:48',
      status: '결제완료',
      paidAt: '2026-11-25 15:36:58',
      method: '신용카드',
      cardCompany: '현대카드',
      approvalNo: '76103591',
    });
  });

  it('reads an unpaid invoice with its "-" cells as null, and a phone written without hyphens', () => {
    load('manager-bills');
    expect(invoices()[6]).toEqual({
      key: `inv|${BIZ}|01059765023|강하윤|250000|2026-11-24T14:09|0`,
      businessId: BIZ,
      customer: '강하윤',
      customerRaw: '강하윤',
      phone: '01059765023',
      reason: '11월 수강료',
      amount: 250000,
      registeredAt: '2026-11-24T14:09',
      status: '발송완료',
      paidAt: null,
      method: null,
      cardCompany: null,
      approvalNo: null,
    });
    // 계좌이체 has no card company: '-' there too, but an approval number.
    expect(invoices()[10]).toMatchObject({
      customer: '오연우',
      method: '계좌이체',
      cardCompany: null,
      approvalNo: '80441831',
    });
  });

  it('keeps the free-text 고객명 raw and keys the base name without its note', () => {
    load('manager-bills');
    const all = invoices();
    expect(all[3]).toMatchObject({
      customer: '이정우',
      customerRaw: '이정우(초6)',
      phone: '01076180352',
      amount: 15000,
      registeredAt: '2026-11-24T17:02',
      key: `inv|${BIZ}|01076180352|이정우|15000|2026-11-24T17:02|0`,
    });
    expect(all[16]).toMatchObject({ customer: '배지훈', customerRaw: '배지훈(초2)' });
    // A written-together honorific is not split off by the name parser (the matcher copes).
    expect(all[5]).toMatchObject({ customerRaw: '박동현어머님', status: '발송완료' });
  });

  it('reads a 파기 row (no X any more) with the same fields', () => {
    load('manager-bills');
    expect(invoices()[7]).toMatchObject({
      customer: '박지후',
      status: '파기',
      amount: 350000,
      registeredAt: '2026-11-24T13:19',
      paidAt: null,
    });
  });

  it('gives the cell of the 결제취소 column as the cancel cell, and the first cell', () => {
    load('manager-bills');
    for (const r of readInvoices(page(), BIZ)) {
      const cells = rowCells(r.row);
      expect(r.cancelCell).toBe(cells[10]);
      expect(r.firstCell).toBe(cells[0]);
    }
    const rows = readInvoices(page(), BIZ);
    expect(rows[0]?.cancelCell.querySelector('button')?.textContent).toBe('X');
    expect(rows[7]?.cancelCell.textContent).toBe(''); // the 파기 row's X is gone, the cell stays
  });

  it('reads the same page with the dialog open the same way', () => {
    load('manager-bills');
    const before = invoices();
    load('manager-bills-dialog');
    expect(invoices()).toEqual(before);
  });

  it('keys are stable: re-reading, and a status change, keep every key', () => {
    load('manager-bills');
    const keys = invoices().map((i) => i.key);
    expect(new Set(keys).size).toBe(20);
    expect(invoices().map((i) => i.key)).toEqual(keys);
    const status = rowCells(bodyRows()[5] as Element)[5] as Element;
    status.textContent = '결제취소';
    const after = invoices();
    expect(after[5]?.status).toBe('결제취소');
    expect(after.map((i) => i.key)).toEqual(keys);
  });

  it('numbers twin rows (same customer, amount and minute) by their order', () => {
    load('manager-bills');
    const first = bodyRows()[0] as Element;
    const twin = first.cloneNode(true) as Element;
    (rowCells(twin)[0] as Element).textContent = '2026-11-24 19:48:59'; // same minute
    first.after(twin);
    const all = invoices();
    expect(all).toHaveLength(21);
    expect(all[0]?.key).toBe(`inv|${BIZ}|01059296244|고나은|450000|2026-11-24T19:48|0`);
    expect(all[1]?.key).toBe(`inv|${BIZ}|01059296244|고나은|450000|2026-11-24T19:48|1`);
    expect(all[2]?.key).toBe(invoices()[2]?.key);
  });

  it('keys without a business when the tab has none', () => {
    load('manager-bills');
    expect(invoices(null)[0]).toMatchObject({
      businessId: null,
      key: 'inv||01059296244|고나은|450000|2026-11-24T19:48|0',
    });
  });

  it('skips rows it cannot read (no amount, no date, no name) and rows without cells', () => {
    load('manager-bills');
    const tbody = document.querySelector('#billTable tbody') as Element;
    const first = bodyRows()[0] as Element;
    const broken = (cell: number, text: string) => {
      const row = first.cloneNode(true) as Element;
      (rowCells(row)[cell] as Element).textContent = text;
      tbody.append(row);
    };
    broken(4, '-'); // 청구금액
    broken(0, '미정'); // 등록일자
    broken(1, ''); // 고객명
    tbody.insertAdjacentHTML('beforeend', '<tr><td colspan="12">합계 1,234,000원</td></tr>');
    expect(invoices()).toHaveLength(20);
  });
});

describe('readInvoices on a list without a 결제취소 column', () => {
  it('takes the last cell as the cancel cell', () => {
    document.body.innerHTML = `<table><thead><tr><th>고객명</th><th>청구핸드폰</th><th>청구금액</th><th>등록일자</th><th>상태</th><th>관리</th></tr></thead>
<tbody><tr><td>윤서진</td><td>010-7485-1651</td><td>280,000</td><td>2026.11.18</td><td>발송완료</td><td><button>X</button></td></tr></tbody></table>`;
    const [row] = readInvoices(page(), null);
    expect(row?.invoice).toMatchObject({
      customer: '윤서진',
      phone: '01074851651',
      amount: 280000,
      registeredAt: '2026-11-18',
      reason: '',
      paidAt: null,
      method: null,
    });
    expect(row?.cancelCell.textContent).toBe('X');
  });

  it('keeps an unreadable phone as null', () => {
    document.body.innerHTML = `<table><thead><tr><th>고객명</th><th>청구핸드폰</th><th>청구금액</th><th>등록일자</th><th>상태</th></tr></thead>
<tbody><tr><td>윤서진</td><td>02-123-4567</td><td>280,000</td><td>2026-11-18 09:05</td><td>발송완료</td></tr></tbody></table>`;
    expect(readInvoices(page(), null)[0]?.invoice).toMatchObject({
      phone: null,
      registeredAt: '2026-11-18T09:05',
      key: 'inv|||윤서진|280000|2026-11-18T09:05|0',
    });
  });
});
