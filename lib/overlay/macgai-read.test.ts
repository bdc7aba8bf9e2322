import { describe, expect, it } from 'vitest';
import { type Recognized, recognize } from '@/lib/engine/recognize';
import { type MacgaiField, macgai, type StudentContext } from '@/lib/sites/macgai';
import { readPayments } from './macgai-read';

function page(html: string): Recognized<MacgaiField, StudentContext> {
  document.body.innerHTML = html;
  const r = recognize(document, macgai.pages);
  if (!r.recognized) throw new Error(`unrecognized: ${r.missing}`);
  return r;
}

const HEAD =
  '<tr><th>학생명</th><th>납부일자</th><th>납부금액</th><th>결제수단</th><th>결제상태</th><th>사업자명</th></tr>';

describe('readPayments', () => {
  it('reads every list on the page, numbering twins within each list', () => {
    const row =
      '<tr><td>김민준</td><td>2026-11-03</td><td>150,000</td><td>문자결제</td><td>결제대기</td><td>해솔수학학원</td></tr>';
    const r = readPayments(page(`<table>${HEAD}${row}${row}</table><table>${HEAD}${row}</table>`));
    expect(r.rows.map((x) => x.payment.key)).toEqual([
      'pay|김민준|2026-11-03|150000|문자결제|0',
      'pay|김민준|2026-11-03|150000|문자결제|1',
      'pay|김민준|2026-11-03|150000|문자결제|0',
    ]);
    expect(r.rows[0]!.payment).toMatchObject({
      businessName: '해솔수학학원',
      businessId: null,
      cause: null,
    });
  });

  it('treats blank method, business and status cells as unknown', () => {
    const r = readPayments(
      page(
        `<table>${HEAD}<tr><td>김민준</td><td>2026-11-03</td><td>150,000</td><td> </td><td></td><td></td></tr></table>`,
      ),
    );
    expect(r.rows[0]!.payment).toMatchObject({
      method: null,
      businessName: null,
      status: '',
      note: '',
    });
  });

  it('anchors the flag on the row itself when the row has no status cell', () => {
    const r = readPayments(
      page(
        `<table>${HEAD}<tr><td>김민준</td><td>2026-11-03</td><td>150,000</td><td>문자결제</td></tr></table>`,
      ),
    );
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]!.anchor).toBe(r.rows[0]!.row);
    expect(r.rows[0]!.payment.status).toBe('');
  });

  it('does not read a row without a student name as anyone', () => {
    const r = readPayments(
      page(
        `<table>${HEAD}<tr><td></td><td>2026-11-03</td><td>150,000</td><td>문자결제</td><td>결제대기</td><td></td></tr></table>`,
      ),
    );
    expect(r).toEqual({ rows: [], unreadable: 1 });
  });

  describe('on a re-scan', () => {
    const row = (name: string, date: string, status = '결제대기') =>
      `<tr><td>${name}</td><td>${date}</td><td>150,000</td><td>문자결제</td><td>${status}</td><td>해솔수학학원</td></tr>`;
    const again = () => {
      const r = recognize(document, macgai.pages);
      if (!r.recognized) throw new Error('unrecognized');
      return readPayments(r);
    };

    it('keeps what unchanged rows were read as, and reads a changed row again', () => {
      const first = readPayments(
        page(`<table>${HEAD}${row('김민준', '2026-11-03')}${row('이서연', '2026-11-04')}</table>`),
      );
      const cells = document.querySelectorAll('tr')[2]!.children;
      cells[4]!.textContent = '대기취소';
      const second = again();
      expect(second.rows[0]!.payment).toBe(first.rows[0]!.payment);
      expect(second.rows[1]!.payment).not.toBe(first.rows[1]!.payment);
      expect(second.rows[1]!.payment).toMatchObject({ customer: '이서연', status: '대기취소' });
      expect(second.rows[1]!.payment.key).toBe(first.rows[1]!.payment.key);
    });

    it('keeps unchanged rows over many scans, and still sees a row change after them', () => {
      const first = readPayments(
        page(`<table>${HEAD}${row('김민준', '2026-11-03')}${row('이서연', '2026-11-04')}</table>`),
      );
      // The second scan compares the cells (a first read keeps no row text), later ones the text.
      for (let scan = 0; scan < 3; scan++) {
        const next = again();
        expect(next.rows.map((r) => r.payment)).toEqual(first.rows.map((r) => r.payment));
        expect(next.rows[1]!.payment).toBe(first.rows[1]!.payment);
      }
      document.querySelectorAll('tr')[2]!.children[4]!.textContent = '대기취소';
      const changed = again();
      expect(changed.rows[0]!.payment).toBe(first.rows[0]!.payment);
      expect(changed.rows[1]!.payment).toMatchObject({ customer: '이서연', status: '대기취소' });
    });

    it('numbers twins again when one of them leaves the list', () => {
      const twin = row('김민준', '2026-11-03');
      const first = readPayments(page(`<table>${HEAD}${twin}${twin}</table>`));
      expect(first.rows.map((r) => r.payment.key.endsWith('|1'))).toEqual([false, true]);
      document.querySelectorAll('tr')[1]!.remove();
      const second = again();
      expect(second.rows).toHaveLength(1);
      expect(second.rows[0]!.payment.key).toBe(first.rows[0]!.payment.key);
      expect(second.rows[0]!.row).toBe(first.rows[1]!.row);
    });

    it('reads a row with a form field again every time (a typed value changes no text)', () => {
      const first = readPayments(
        page(
          `<table>${HEAD}<tr><td>김민준</td><td>2026-11-03</td><td><input value="150,000"></td><td>문자결제</td><td>결제대기</td><td></td></tr></table>`,
        ),
      );
      expect(first.rows[0]!.payment.amount).toBe(150000);
      (document.querySelector('input') as HTMLInputElement).value = '180,000';
      expect(again().rows[0]!.payment.amount).toBe(180000);
    });

    it('reads the rows again for another student around the list', () => {
      const html = (name: string) =>
        `<label for="n">학생명</label><input id="n" value="${name}">
        <table><tr><th>납부일자</th><th>납부금액</th><th>결제상태</th></tr>
        <tr><td>2026-11-03</td><td>150,000</td><td>결제대기</td></tr></table>`;
      const first = readPayments(page(html('김민준')));
      (document.getElementById('n') as HTMLInputElement).value = '이서연';
      const second = again();
      expect(first.rows[0]!.payment.customer).toBe('김민준');
      expect(second.rows[0]!.payment.customer).toBe('이서연');
    });

    it('moves the flag to the status cell the page put in place of the old one', () => {
      readPayments(page(`<table>${HEAD}${row('김민준', '2026-11-03')}</table>`));
      const tr = document.querySelectorAll('tr')[1]!;
      const fresh = document.createElement('td');
      fresh.textContent = '결제대기';
      tr.children[4]!.replaceWith(fresh);
      expect(again().rows[0]!.anchor).toBe(fresh);
    });
  });
});
