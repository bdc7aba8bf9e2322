import { describe, expect, it } from 'vitest';
import { cellAmount, cellDate, cellPhone, cellText, isBlankRow, serialToDate } from './cells';
import { findHeader, readHeader } from './headers';
import { decodeText, isHtmlTable, parseCsv, parseHtmlTables } from './text-sheet';

const value = <T>(r: { ok: true; value: T } | { ok: false }) => (r.ok ? r.value : null);

describe('cells', () => {
  it('reads Excel serial numbers as Seoul wall-clock days (days since 1899-12-30)', () => {
    expect(serialToDate(46_352)).toEqual({ date: '2026-11-26', time: null });
    expect(serialToDate(46_352.6284722)).toEqual({ date: '2026-11-26', time: '15:05' });
    expect(serialToDate(12)).toBeNull();
    expect(value(cellDate(46_352))).toEqual({ date: '2026-11-26', time: null });
    expect(value(cellDate('46352'))).toEqual({ date: '2026-11-26', time: null });
    expect(value(cellDate(20_261_126))).toEqual({ date: '2026-11-26', time: null });
  });

  it('reads a Date cell by its wall clock, not shifted to Seoul (an evening stays on its day)', () => {
    const evening = new Date(Date.UTC(2026, 10, 26, 21, 30));
    expect(value(cellDate(evening))).toEqual({ date: '2026-11-26', time: '21:30' });
    expect(cellText(evening)).toBe('2026-11-26 21:30');
    expect(cellText(new Date(Date.UTC(2026, 10, 26)))).toBe('2026-11-26');
  });

  it('reads the date forms the sites write', () => {
    for (const text of [
      '2026.11.26',
      '2026. 11. 26.',
      '2026/11/26 (목)',
      '26.11.26',
      '2026-11-26 15:05',
    ]) {
      expect(value(cellDate(text))?.date, text).toBe('2026-11-26');
    }
    expect(cellDate('합계').ok).toBe(false);
  });

  it('reads amounts stored as numbers or as text', () => {
    expect(value(cellAmount(191000))).toBe(191000);
    expect(value(cellAmount(191000.0000001))).toBe(191000);
    expect(value(cellAmount('191,000원'))).toBe(191000);
    expect(value(cellAmount('₩191,000'))).toBe(191000);
    expect(value(cellAmount('(12,000)'))).toBe(-12000);
    expect(cellAmount('-').ok).toBe(false);
  });

  it('gives a phone stored as a number its leading 0 back', () => {
    expect(value(cellPhone(1012345678))).toBe('01012345678');
    expect(value(cellPhone('1012345678'))).toBe('01012345678');
    expect(value(cellPhone(111234567))).toBe('0111234567');
    expect(value(cellPhone('010-1234-5678'))).toBe('01012345678');
    expect(cellPhone(12345).ok).toBe(false);
  });

  it('tells blank rows', () => {
    expect(isBlankRow([null, '', '  ', undefined])).toBe(true);
    expect(isBlankRow([null, 0])).toBe(false);
  });
});

describe('text sheets', () => {
  it('parses CSV with quotes, doubled quotes, line breaks in cells, CRLF and a BOM', () => {
    const text = decodeText(
      new TextEncoder().encode('\uFEFFa,"b,1","c ""q"""\r\n1,"x\r\ny",3\r\n'),
    );
    expect(parseCsv(text as string)).toEqual([
      ['a', 'b,1', 'c "q"'],
      ['1', 'x\r\ny', '3'],
    ]);
  });

  it('detects tab- and semicolon-separated text', () => {
    expect(parseCsv('a\tb\tc\n1\t2\t3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
    expect(parseCsv('a;b;c\n1;2;3')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('decodes the CP949 Korean Excel saves "CSV" in, UTF-16 with a BOM, and refuses binary', () => {
    // "학생명,금액" in CP949 / EUC-KR.
    const cp949 = new Uint8Array([
      0xc7, 0xd0, 0xbb, 0xfd, 0xb8, 0xed, 0x2c, 0xb1, 0xdd, 0xbe, 0xd7,
    ]);
    expect(decodeText(cp949)).toBe('학생명,금액');
    const utf16 = new Uint8Array([0xff, 0xfe, 0x59, 0xd5, 0x2c, 0x00, 0x61, 0x00]);
    expect(decodeText(utf16)).toBe('학,a');
    expect(decodeText(new Uint8Array([0, 1, 2, 3, 0, 0, 0, 9, 200, 0]))).toBeNull();
  });

  it('reads the HTML tables some sites hand out as ".xls"', () => {
    const html =
      '<html><body><table border=1><tr><th colspan="3">청구서관리목록</th></tr>' +
      '<tr><th>고객명</th><th>청구금액</th><td>상태</tr>' +
      '<tr><td class="x">홍길동&amp;<b>형</b></td><td>191,000</td><td>발송완료</td></tr></table></body></html>';
    expect(isHtmlTable(html)).toBe(true);
    expect(parseHtmlTables(html)).toEqual([
      {
        name: 'table 1',
        rows: [
          ['청구서관리목록'],
          ['고객명', '청구금액', '상태'],
          ['홍길동&형', '191,000', '발송완료'],
        ],
      },
    ]);
  });
});

describe('header rows', () => {
  const manager = [
    'No',
    '고객명',
    '청구핸드폰',
    '청구사유',
    '청구금액',
    '등록일자',
    '상태',
    '결제일',
    '결제수단',
    '카드사',
    '승인번호',
  ];
  const macgai = [
    '번호',
    '학생명',
    '납부일자',
    '납부금액',
    '결제수단',
    '결제상태',
    '참고사항',
    '사업자명',
  ];

  it('finds the header under merged title rows and tells the sites apart by the adapters’ words', () => {
    const rows = [
      ['청구서관리목록'],
      ['조회기간: 2026-11-01 ~ 2026-11-30'],
      [],
      manager,
      ['1', '홍길동'],
    ];
    const h = findHeader(rows);
    expect(h.found?.site).toBe('manager');
    expect(h.found?.row).toBe(3);
    expect(h.found?.columns.get('registeredAt' as never)).toBe(5);
    expect(h.found?.columns.get('paidAt' as never)).toBe(7);
    expect(findHeader([['수납목록'], macgai]).found?.site).toBe('macgai');
  });

  it('never reads a manager export as MacGai (청구사유/청구핸드폰 exclude it)', () => {
    expect(readHeader('macgai', manager)).toBeNull();
    expect(readHeader('manager', macgai)).toBeNull();
    // Without those two, both fit; the site with more recognised columns wins.
    const loose = ['고객명', '핸드폰', '금액', '등록일자', '상태', '결제일', '카드사', '승인번호'];
    expect(readHeader('macgai', loose)).not.toBeNull();
    expect(findHeader([loose]).found?.site).toBe('manager');
  });

  it('says what the nearest row lacked', () => {
    const h = findHeader([['고객명', '청구금액', '비고']]);
    expect(h.found).toBeNull();
    expect(h.nearest.manager?.missing).toEqual(['청구핸드폰', '상태', '등록일자']);
  });
});
