import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAllTalkPay, type MacgaiPayment } from '@/lib/domain';
import { findLists, readRow } from '@/lib/engine/lists';
import { type Recognized, recognize } from '@/lib/engine/recognize';
import { readPayments } from '@/lib/overlay/macgai-read';
import { businessPopup, type MacgaiField, macgai, type StudentContext } from '@/lib/sites/macgai';
import { manager } from '@/lib/sites/manager';

/**
 * The MacGai adapter and the engine on the replica pages as Chromium rendered them
 * (tests/fixtures/html, written by scripts/save-html-fixtures.ts from the seeded replica).
 */

const DIR = join(import.meta.dirname, '../fixtures/html');

/** Loads a fixture as the document. No server here: stylesheets and frames must not load. */
function load(name: string): Document {
  const html = readFileSync(join(DIR, `${name}.html`), 'utf8')
    .replace(/<link\b[^>]*>/gi, '')
    .replace(/(<iframe\b[^>]*?)\ssrc="[^"]*"/gi, '$1');
  document.documentElement.innerHTML = html;
  return document;
}

type Page = Recognized<MacgaiField, StudentContext>;

function student(name: string): Page {
  const r = recognize(load(name), macgai.pages);
  if (!r.recognized) throw new Error(`${name} not recognised: ${r.missing}`);
  return r;
}

const payments = (page: Page): MacgaiPayment[] => readPayments(page).rows.map((r) => r.payment);
const keys = (page: Page): string[] => payments(page).map((p) => p.key);

/** A 문자결제 payment of a student's 결제 탭 (they carry no business: the tab has no column). */
function sms(
  customer: string,
  phone: string,
  amount: number,
  rows: [date: string, status: string, note: string][],
): MacgaiPayment[] {
  return rows.map(([date, status, note]) => ({
    key: `pay|${customer}|${date}|${amount}|문자결제|0`,
    customer,
    phone,
    amount,
    date,
    method: '문자결제',
    status,
    note,
    businessName: null,
    businessId: null,
    cause: null,
  }));
}

const STUDENTS: Record<string, { name: string; phone: string; payments: MacgaiPayment[] }> = {
  markup: {
    name: '이수아<img src=x onerror=alert(1)>',
    phone: '010-8603-4800',
    payments: sms('이수아', '01086034800', 180_000, [
      ['2026-11-16', '결제대기', '[문자결제] 알림톡 발송 11/16'],
      ['2026-10-07', '결제완료', '[문자결제] BC카드 일시불'],
      ['2026-09-07', '결제완료', '[문자결제] 현대카드 일시불'],
    ]),
  },
  'sibling-a': {
    name: '정민서',
    phone: '010-6483-5841',
    payments: sms('정민서', '01064835841', 220_000, [
      ['2026-11-19', '결제대기', '[문자결제] 알림톡 발송 11/19'],
      ['2026-10-03', '결제완료', '[문자결제] 삼성카드 일시불'],
      ['2026-09-06', '결제완료', '[문자결제] 롯데카드 일시불'],
    ]),
  },
  'sibling-b': {
    name: '정민호',
    phone: '010-6483-5841',
    payments: sms('정민호', '01064835841', 220_000, [
      ['2026-11-20', '결제대기', '[문자결제] 알림톡 발송 11/20'],
      ['2026-10-06', '결제완료', '[문자결제] KB국민카드 일시불'],
      ['2026-09-06', '결제완료', '[문자결제] 삼성카드 일시불'],
    ]),
  },
  'same-amount': {
    name: '조하은',
    phone: '010-4535-7375',
    payments: sms('조하은', '01045357375', 280_000, [
      ['2026-11-16', '결제대기', '[문자결제] 알림톡 발송 11/16'],
      ['2026-11-04', '결제완료', '[문자결제] 계좌이체'],
      ['2026-10-09', '결제완료', '[문자결제] 계좌이체'],
      ['2026-09-05', '결제완료', '[문자결제] 삼성카드 일시불'],
    ]),
  },
  'force-word': {
    name: '임소율',
    phone: '010-5445-9433',
    payments: sms('임소율', '01054459433', 180_000, [
      ['2026-11-05', '강제취소', '[문자결제] 신한카드 일시불'],
      ['2026-10-06', '결제완료', '[문자결제] 삼성카드 일시불'],
      ['2026-09-06', '결제완료', '[문자결제] 계좌이체'],
    ]),
  },
};

describe.each(Object.entries(STUDENTS))('student 결제 탭: %s', (id, expected) => {
  it.each([
    ['default', ''],
    ['grid', '-grid'],
  ])('%s layout is a student payment list with the student context', (_layout, suffix) => {
    const page = student(`macgai-student-pay-${id}${suffix}`);
    expect(page.kind).toBe('macgai-student-payments');
    expect(page.context).toEqual({ name: expected.name, phone: expected.phone });
    expect(page.lists).toHaveLength(1);
    expect([...page.lists[0]!.columns.keys()].sort()).toEqual(
      ['amount', 'date', 'method', 'note', 'status'].sort(),
    );
  });

  it.each([
    ['default', ''],
    ['grid', '-grid'],
  ])('%s layout reads the exact payments', (_layout, suffix) => {
    const page = student(`macgai-student-pay-${id}${suffix}`);
    const read = readPayments(page);
    expect(read.unreadable).toBe(0);
    expect(read.rows.map((r) => r.payment)).toEqual(expected.payments);
    for (const r of read.rows) {
      // The flag sits in the status cell of its own row.
      expect(r.row.contains(r.anchor)).toBe(true);
      expect(r.anchor.textContent?.trim()).toBe(r.payment.status);
      expect(isAllTalkPay(r.payment.method)).toBe(true);
    }
  });

  it('gives the same keys (and payments) in the default and grid layouts', () => {
    const plain = payments(student(`macgai-student-pay-${id}`));
    const grid = payments(student(`macgai-student-pay-${id}-grid`));
    expect(grid.map((p) => p.key)).toEqual(plain.map((p) => p.key));
    expect(grid).toEqual(plain);
  });
});

describe('student names and siblings', () => {
  it('reads a markup name as a safe base name, never as an element', () => {
    for (const suffix of ['', '-grid']) {
      const page = student(`macgai-student-pay-markup${suffix}`);
      expect(document.querySelector('img')).toBeNull();
      for (const p of payments(page)) {
        expect(p.customer).toBe('이수아');
        expect(p.key).not.toMatch(/[<>]/);
        expect(JSON.stringify(p)).not.toContain('<');
      }
    }
  });

  it('keeps siblings who share one 학부모HP apart', () => {
    const a = payments(student('macgai-student-pay-sibling-a'));
    const b = payments(student('macgai-student-pay-sibling-b'));
    expect(new Set([...a, ...b].map((p) => p.phone))).toEqual(new Set(['01064835841']));
    const ka = new Set(a.map((p) => p.key));
    expect(b.some((p) => ka.has(p.key))).toBe(false);
  });
});

describe('수납현황 (결제수단 = 문자결제)', () => {
  it.each([
    'macgai-sunap-sms-p1',
    'macgai-sunap-sms-p2',
    'macgai-sunap-sms-p1-grid',
    'macgai-sunap-sms-p2-grid',
  ])('%s is an academy-wide list of 50 readable 문자결제 payments', (name) => {
    const page = student(name);
    expect(page.kind).toBe('macgai-academy-payments');
    expect(page.context).toEqual({});
    const read = readPayments(page);
    expect(read.unreadable).toBe(0);
    expect(read.rows).toHaveLength(50);
    for (const { payment: p, anchor } of read.rows) {
      expect(p.method).toBe('문자결제');
      expect(p.phone).toBeNull(); // the list has no phone column and no student context
      expect(['해솔수학학원', '해솔아트앤뮤직']).toContain(p.businessName);
      expect(['결제완료', '결제대기', '대기취소', '결제취소', '강제취소']).toContain(p.status);
      expect(p.customer).toMatch(/^[가-힣]{2,4}$/);
      expect(p.date).toMatch(/^2026-1[01]-\d\d$/);
      expect(Number.isInteger(p.amount) && p.amount > 0).toBe(true);
      expect(anchor.textContent?.trim()).toBe(p.status);
    }
    expect(new Set(read.rows.map((r) => r.payment.key)).size).toBe(50);
  });

  it.each(['p1', 'p2'])('page %s has the same keys in both layouts', (n) => {
    const plain = payments(student(`macgai-sunap-sms-${n}`));
    const grid = payments(student(`macgai-sunap-sms-${n}-grid`));
    expect(grid.map((p) => p.key)).toEqual(plain.map((p) => p.key));
    expect(grid).toEqual(plain);
  });

  it('gives a payment the same key as the student 결제 탭 does', () => {
    const academy = new Set([
      ...keys(student('macgai-sunap-sms-p1')),
      ...keys(student('macgai-sunap-sms-p2')),
    ]);
    // Each of these students has a 결제대기 payment from 11-16 to 11-20: on page 1 or 2.
    for (const id of ['markup', 'sibling-a', 'sibling-b', 'same-amount']) {
      const first = STUDENTS[id]!.payments[0]!;
      expect(academy.has(first.key), `${id} ${first.key}`).toBe(true);
    }
    // The markup name reads as the same base name on the academy list.
    const p2 = payments(student('macgai-sunap-sms-p2'));
    expect(p2.find((p) => p.customer === '이수아')?.key).toBe(STUDENTS.markup!.payments[0]!.key);
  });
});

describe('pages that are not payment lists', () => {
  it.each([
    'macgai-shell',
    'macgai-shell-grid',
    'macgai-student-info',
    'macgai-student-info-grid',
    'macgai-academy-info',
    'macgai-academy-info-grid',
    'macgai-biz-popup',
    'macgai-biz-popup-grid',
    'manager-login',
  ])('%s is unrecognized, with nothing that came close', (name) => {
    expect(recognize(load(name), macgai.pages)).toEqual({
      recognized: false,
      kind: 'unrecognized',
      missing: [],
    });
  });

  it('reads the student context on the 신상정보 tab, but without a list it is no page kind', () => {
    load('macgai-student-info');
    const spec = macgai.pages[1]!;
    expect(spec.kind).toBe('macgai-student-payments');
    expect(findLists(document, spec.list).found).toHaveLength(0);
  });

  // 고객명/등록일자/청구금액/상태 would fit the MacGai words; its 청구사유 column says it is not.
  it.each(['manager-bills', 'manager-bills-dialog'])(
    'the MacGai adapter does not claim the manager page %s',
    (name) => {
      expect(recognize(load(name), macgai.pages).kind).toBe('unrecognized');
    },
  );
});

describe('결제 사업자 관리 popup', () => {
  const expected = [
    { name: '해솔수학학원', bizNo: '220-81-62517', smsPay: '사용가능' },
    { name: '해솔아트앤뮤직', bizNo: '105-87-04281', smsPay: '사용가능' },
  ];

  it.each(['macgai-biz-popup', 'macgai-biz-popup-grid'])('%s lists name + 사업자번호', (name) => {
    const { found } = findLists(load(name), businessPopup.list);
    expect(found).toHaveLength(1);
    const list = found[0]!;
    expect([...list.columns.keys()].sort()).toEqual(['bizNo', 'name', 'smsPay']);
    expect(list.rows.map((r) => readRow(r, list.columns))).toEqual(expected);
    // The radio column comes first; the row still holds it (a click there selects the business).
    expect(list.rows[0]!.querySelector('input[type=radio]')).not.toBeNull();
  });

  it('is not found on the shell or a payment list', () => {
    for (const name of ['macgai-shell', 'macgai-student-pay-markup', 'macgai-sunap-sms-p1']) {
      expect(findLists(load(name), businessPopup.list).found).toHaveLength(0);
    }
  });

  it('also matches the business summary on 학원정보관리 (same businesses, same columns)', () => {
    const list = findLists(load('macgai-academy-info'), businessPopup.list).found[0]!;
    expect(list.rows.map((r) => readRow(r, list.columns))).toEqual(expected);
  });
});

describe('manager site', () => {
  it.each(['manager-bills', 'manager-bills-dialog'])(
    '%s is the invoice list with every column mapped',
    (name) => {
      const r = recognize(load(name), manager.pages);
      if (!r.recognized) throw new Error(`not recognised: ${r.missing}`);
      expect(r.kind).toBe('manager-invoices');
      expect(r.lists).toHaveLength(1);
      const list = r.lists[0]!;
      expect(Object.fromEntries(list.columns)).toEqual({
        registeredAt: 0,
        customer: 1,
        phone: 2,
        reason: 3,
        amount: 4,
        status: 5,
        paidAt: 6,
        method: 7,
        cardCompany: 8,
        approvalNo: 9,
        cancel: 10,
      });
      expect(list.rows).toHaveLength(20);
      const first = readRow(list.rows[0]!, list.columns);
      expect(first.registeredAt).toMatch(/^2026-\d\d-\d\d \d\d:\d\d:\d\d$/);
      expect(first.amount).toMatch(/^[\d,]+원$/);
    },
  );

  it('has the cancel dialog with a password field outside the list', () => {
    load('manager-bills-dialog');
    const dialog = document.querySelector('[role=dialog]')!;
    expect(dialog.textContent).toContain('비밀번호');
    expect(dialog.querySelector('input[type=password]')).not.toBeNull();
    const list = recognize(document, manager.pages);
    expect(list.recognized && list.lists[0]!.element.contains(dialog)).toBe(false);
  });

  it('the login page is no invoice list, and has a password field', () => {
    expect(recognize(load('manager-login'), manager.pages)).toEqual({
      recognized: false,
      kind: 'unrecognized',
      missing: [],
    });
    expect(document.querySelector('input[type=password]')).not.toBeNull();
    expect(manager.login.words.some((w) => document.body.textContent?.includes(w))).toBe(true);
  });

  it.each(['macgai-student-pay-markup', 'macgai-sunap-sms-p1-grid', 'macgai-biz-popup'])(
    'MacGai page %s is no manager page',
    (name) => {
      expect(recognize(load(name), manager.pages).kind).toBe('unrecognized');
    },
  );
});
