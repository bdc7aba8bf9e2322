import { describe, expect, it } from 'vitest';
import { createRecord } from '@/lib/domain';
import { makePayment } from '@/lib/domain/testing';
import type { BusinessRow } from '@/lib/store/db';
import { toRow } from '@/lib/store/service';
import { groupRows, itemOf, matcher } from './rows';

const biz = (id: string, name: string): BusinessRow => ({
  id,
  name,
  bizNo: null,
  smsPayStatus: null,
  managerUrl: null,
  managerAccount: null,
  passwordPolicy: 'derive',
  updatedAt: 0,
});
const businesses = new Map([
  ['b:1', biz('b:1', '해솔아트앤뮤직')],
  ['b:2', biz('b:2', '가나수학')],
]);
const item = (customer: string, fields: Parameters<typeof makePayment>[0] = {}) =>
  itemOf(toRow(createRecord('payment', makePayment({ customer, ...fields }), 1)), businesses);

describe('popup rows', () => {
  it('groups by business name, then a business only named on the page, the unknown last', () => {
    const rows = groupRows([
      item('가', {}),
      item('나', { businessId: 'b:1' }),
      item('다', { businessId: 'b:2' }),
      item('라', { businessId: 'b:1' }),
      item('마', { businessName: '다른학원' }),
    ]);
    expect(
      rows.map((r) => (r.kind === 'group' ? `[${r.name ?? '?'} ${r.count}]` : r.item.name)),
    ).toEqual([
      '[가나수학 1]',
      '다',
      '[다른학원 1]',
      '마',
      '[해솔아트앤뮤직 2]',
      '나',
      '라',
      '[? 1]',
      '가',
    ]);
  });

  it('matches names, phone digits and amounts', () => {
    const a = item('윤서진', { phone: '01012345678', amount: 280000, businessId: 'b:1' });
    const b = item('한지우', { phone: '01099990000', amount: -150000 });
    const find = (q: string) => [a, b].filter(matcher(q)).map((i) => i.name);
    expect(find('')).toEqual(['윤서진', '한지우']);
    expect(find(' 서진 ')).toEqual(['윤서진']);
    expect(find('해솔')).toEqual(['윤서진']);
    expect(find('010-9999')).toEqual(['한지우']);
    expect(find('280,000원')).toEqual(['윤서진']);
    expect(find('150000')).toEqual(['한지우']);
    expect(find('x1')).toEqual([]);
  });
});
