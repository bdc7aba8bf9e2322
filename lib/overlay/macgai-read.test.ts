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
});
