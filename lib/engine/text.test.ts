import { describe, expect, it } from 'vitest';
import { macgai } from '@/lib/sites/macgai';
import { assignFields, cellText, fold } from './text';

const fields = macgai.pages[1]!.list.fields;

describe('fold', () => {
  it('ignores spacing, width and case', () => {
    expect(fold(' 납부 일자 ')).toBe('납부일자');
    expect(fold('ＨＰ')).toBe('hp');
    expect(fold(null)).toBe('');
    expect(fold(undefined)).toBe('');
  });
});

describe('cellText', () => {
  it('collapses whitespace, and reads an input when the cell has no text', () => {
    document.body.innerHTML = `<table><tr>
      <td id="a">  150,000\n 원 </td>
      <td id="b"><input value=" 결제대기 "></td>
      <td id="c"><select><option>현금</option><option selected>문자결제</option></select></td>
      <td id="d">메모 <input value="무시"></td>
      <td id="e"><input type="checkbox" checked></td>
      <td id="f"><input type="hidden" value="123"></td>
    </tr></table>`;
    const text = (id: string) => cellText(document.getElementById(id)!);
    expect(['a', 'b', 'c', 'd', 'e', 'f'].map(text)).toEqual([
      '150,000 원',
      '결제대기',
      '문자결제',
      '메모',
      '',
      '',
    ]);
  });
});

describe('assignFields', () => {
  it('maps headers to fields by their words, one column per field', () => {
    const m = assignFields(
      ['납부 일자', '결제상태', '학부모HP', '참고사항', '   ', null, '영수증'],
      fields,
    );
    expect(Object.fromEntries(m.columns)).toEqual({ date: 0, status: 1, phone: 2, note: 3 });
    expect(m.ambiguous).toEqual([]);
  });

  it('gives a field to the header that is exactly its word, then to its more specific word', () => {
    const column = (headers: string[], field: keyof typeof fields) =>
      assignFields(headers, fields).columns.get(field);
    expect(column(['할인금액', '납부금액'], 'amount')).toBe(1);
    expect(column(['청구금액', '금액'], 'amount')).toBe(1);
    expect(column(['등록일자', '납부일자'], 'date')).toBe(1);
    expect(column(['비고', '메모'], 'note')).toBe(0);
    expect(column(['발송상태', '결제상태'], 'status')).toBe(1);
    expect(column(['발송상태', '상태'], 'status')).toBe(1);
  });

  it('takes no column for a field two different headers claim equally (ambiguous)', () => {
    // 상태 is the status's generic word: neither 발송상태 nor 처리상태 is more the status.
    const m = assignFields(['납부일자', '발송상태', '학생명', '처리상태', '납부금액'], fields);
    expect(Object.fromEntries(m.columns)).toEqual({ date: 0, name: 2, amount: 4 });
    expect(m.ambiguous).toEqual(['status']);
    // Two dates by the generic word 일시; two phones by HP.
    expect(assignFields(['결제일시', '등록일시'], fields).ambiguous).toEqual(['date']);
    expect(assignFields(['학생HP', '학부모HP'], fields).ambiguous).toEqual(['phone']);
    // A more specific claim ends the tie.
    expect(assignFields(['발송일시', '납부일자', '등록일시'], fields)).toEqual({
      columns: new Map([['date', 1]]),
      ambiguous: [],
    });
  });

  it('takes the leftmost of one header repeated (the same column shown twice)', () => {
    const m = assignFields(['학생명', '납부금액', '학생 명', '납부금액'], fields);
    expect(Object.fromEntries(m.columns)).toEqual({ name: 0, amount: 1 });
    expect(m.ambiguous).toEqual([]);
  });

  it('never gives a column claimed for an ambiguous field to a weaker field', () => {
    // Both claim amount by 금액 (equally); neither becomes something else.
    const m = assignFields(['할인금액', '잔여금액'], { amount: ['금액'], note: ['잔여'] });
    expect(m).toEqual({ columns: new Map(), ambiguous: ['amount'] });
  });
});

describe('cellText with a select', () => {
  it('reads only the chosen option, not every option, with the text around it', () => {
    document.body.innerHTML = `<table><tr>
      <td id="a"><select><option value="01">현금</option><option value="05" selected>문자결제</option></select></td>
      <td id="b">결제상태 <select><option>전체</option><option>결제완료</option></select></td>
      <td id="c"><select></select></td>
    </tr></table>`;
    const text = (id: string) => cellText(document.getElementById(id)!);
    expect(text('a')).toBe('문자결제');
    expect(text('b')).toBe('결제상태 전체');
    expect(text('c')).toBe('');
  });
});

describe('cellText, fields deeper in the cell', () => {
  it('finds an input or select wrapped in other elements, and reads plain markup as text', () => {
    document.body.innerHTML = `<table><tr>
      <td id="a"><div><span><input value=" 결제대기 "></span></div></td>
      <td id="b"><span class="st-ok">결제완료</span> <a href="#">보기</a></td>
      <td id="c"><div><b>1</b><b>2</b><b>3</b><b>4</b><b>5</b><b>6</b><b>7</b><b>8</b><b>9</b><select><option>현금</option><option selected>문자결제</option></select></div></td>
    </tr></table>`;
    const text = (id: string) => cellText(document.getElementById(id)!);
    expect(['a', 'b', 'c'].map(text)).toEqual(['결제대기', '결제완료 보기', '123456789 문자결제']);
  });
});

describe('cellText, whitespace', () => {
  it('collapses every kind of space, and leaves text without any as it is', () => {
    document.body.innerHTML = '<table><tr><td id="a"></td><td id="b">2026-11-03</td></tr></table>';
    document.getElementById('a')!.textContent = '\u00a0결제\u3000\u3000완료\ufeff\t';
    expect(cellText(document.getElementById('a')!)).toBe('결제 완료');
    expect(cellText(document.getElementById('b')!)).toBe('2026-11-03');
  });
});
