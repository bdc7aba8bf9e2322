import type { Frame, Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseRef } from '../replica/types';
import { BROWSERS } from './browsers';
import {
  badgeBecomes,
  cancelRow,
  caseOf,
  frameWith,
  marks,
  rowWith,
  screenshot,
  storedRows,
  storeUntil,
  until,
  useE2E,
  waitForPageKind,
} from './fixture';

/**
 * The MacGai overlay in real browsers on the replica, driven as a person would. The extension's
 * store lives across the tests of one browser (as it would for a user), so each test uses its own
 * seeded case and compares the badge with what it was before.
 */
type Scope = Page | Frame;
type Rec = {
  id: string;
  state: string;
  payment: { customer: string; cause: string | null } | null;
};

const pendingSelector = `document.querySelectorAll('[data-reconcile="pending"]').length`;

describe.each(BROWSERS)('MacGai overlay in %s', (name) => {
  const e2e = useE2E(name);
  let badge = 0;

  beforeAll(() => {
    badge = 0;
  });

  const open = e2e.open;
  const payTabUrl = (c: CaseRef, layout = '') =>
    `${e2e.replica.macgaiUrl}/Student/StudentMng.aspx?sidx=${c.studentId}&tab=pay${layout}`;
  const payTab = async (c: CaseRef) => {
    const page = await open(payTabUrl(c));
    await waitForPageKind(page, 'macgai-student-payments');
    return page;
  };
  const records = () => storedRows<Rec>(e2e.ext, 'records');
  const markOf = (scope: Scope, c: CaseRef, status: string) =>
    rowWith(scope, [c.date, c.amountText, status]).then((row) =>
      row.evaluate((el) => el.getAttribute('data-reconcile')),
    );

  it('select + [강제취소] + accept → the row is flagged and the badge rises by one', async () => {
    const c = caseOf(e2e.replica, 'forceCancelTarget');
    const page = await payTab(c);
    await cancelRow(page, [c.date, c.amountText, '결제대기'], '강제취소');
    await until(page, `${pendingSelector} === 1`);
    badge += 1;
    await badgeBecomes(e2e.ext, String(badge));
    expect(await markOf(page, c, '대기취소')).toBe('pending');
    // The badge button is keyboard-reachable and named for the manager site.
    const label = await page.evaluate(() => {
      const host = document.querySelector('[data-reconcile="pending"] reconcile-flag');
      const button = host?.shadowRoot?.querySelector('button');
      return button?.getAttribute('aria-label') ?? button?.textContent ?? '';
    });
    expect(label).toContain('매니저');
    const stored = (await records()).find((r) => r.payment?.customer === c.studentName);
    expect(stored).toMatchObject({ state: 'pending', payment: { cause: 'force' } });
    await screenshot(page, `${name}-macgai-flagged`);
  });

  it('[결제취소] (synced by MacGai) flags nothing and records nothing', async () => {
    const c = caseOf(e2e.replica, 'normalCancelTarget');
    const page = await payTab(c);
    await cancelRow(page, [c.date, c.amountText, '결제대기'], '결제취소');
    await rowWith(page, [c.date, c.amountText, '대기취소']);
    await new Promise((r) => setTimeout(r, 500));
    expect(await markOf(page, c, '대기취소')).toBeNull();
    expect((await records()).some((r) => r.payment?.customer === c.studentName)).toBe(false);
    await badgeBecomes(e2e.ext, String(badge));
  });

  it('backing out of the confirm records nothing, even after later re-renders', async () => {
    const c = caseOf(e2e.replica, 'paidForceCancelTarget');
    const page = await payTab(c);
    e2e.dismissNext();
    await cancelRow(page, [c.date, c.amountText, '결제완료'], '강제취소');
    await page.select('select', '결제완료');
    await rowWith(page, [c.date, c.amountText, '결제완료']);
    await page.select('select', '');
    await rowWith(page, [c.date, c.amountText, '결제완료']);
    await new Promise((r) => setTimeout(r, 500));
    expect(await page.evaluate(pendingSelector)).toBe(0);
    expect((await records()).some((r) => r.payment?.customer === c.studentName)).toBe(false);
  });

  it('switching students, filtering and paging keep the flags exactly right', async () => {
    const c = caseOf(e2e.replica, 'forceCancelTarget');
    const sibling = caseOf(e2e.replica, 'siblingsSamePhone').members[0];
    const page = await payTab(sibling);
    await new Promise((r) => setTimeout(r, 300));
    expect(await page.evaluate(pendingSelector)).toBe(0);
    await page.goto(payTabUrl(c));
    await until(page, `${pendingSelector} === 1`);
    // Filter the list to 결제완료: the cancelled row goes, and so does its flag.
    await page.select('select', '결제완료');
    await until(
      page,
      `${pendingSelector} === 0 && ![...document.querySelectorAll('tr')].some((tr) => tr.textContent.includes('대기취소'))`,
    );
    await page.select('select', '');
    await until(page, `${pendingSelector} === 1`);
    expect((await marks(page)).map(([m]) => m)).toEqual(['pending']);

    // 수납현황 (academy-wide, 50 a page): the flagged payment shows up flagged on its page only.
    await page.goto(`${e2e.replica.macgaiUrl}/Account/SunapStatus.aspx`);
    await waitForPageKind(page, 'macgai-academy-payments');
    let found = false;
    for (let p = 1; p <= 20 && !found; p++) {
      if (p > 1) {
        const link = await page.$(`xpath/(//a[normalize-space(.)="${p}"])[1]`);
        if (!link) break;
        const first = await page.evaluate(() => document.querySelector('tbody tr')?.textContent);
        await link.click();
        await until(
          page,
          `document.querySelector('tbody tr')?.textContent !== ${JSON.stringify(first)}`,
        );
        await new Promise((r) => setTimeout(r, 300));
      }
      const flagged = await marks(page);
      const ours = flagged.filter(
        ([, text]) => text.includes(c.studentName) && text.includes(c.amountText),
      );
      const others = flagged.filter(
        ([m, text]) => m === 'pending' && !text.includes(c.studentName),
      );
      expect(others).toEqual([]);
      if (ours.length) {
        expect(ours.map(([m]) => m)).toEqual(['pending']);
        found = true;
      }
    }
    expect(found).toBe(true);
  });

  it('works in the grid layout, inside the app shell frame', async () => {
    const c = caseOf(e2e.replica, 'paidForceCancelTarget');
    const shell = await open(`${e2e.replica.macgaiUrl}/c_index.aspx?layout=grid`);
    const frame = await frameWith(shell, '.aspx');
    await frame.goto(payTabUrl(c, '&layout=grid'));
    await waitForPageKind(frame, 'macgai-student-payments');
    await cancelRow(frame, [c.date, c.amountText, '결제완료'], '강제취소');
    await until(frame, `${pendingSelector} === 1`);
    badge += 1;
    await badgeBecomes(e2e.ext, String(badge));
    expect(await markOf(frame, c, '결제취소')).toBe('pending');
    expect(
      await frame.evaluate(() =>
        document.querySelector('[role=grid] [data-reconcile]')?.getAttribute('role'),
      ),
    ).toBe('row');
  });

  it('reads 강제취소 written on the row, and keeps a plain 결제취소 of unknown cause as unverified', async () => {
    const worded = caseOf(e2e.replica, 'forceCancelWordInNote');
    const page = await payTab(worded);
    await until(page, `${pendingSelector} >= 1`);
    badge += 1;
    await badgeBecomes(e2e.ext, String(badge));
    const plain = caseOf(e2e.replica, 'alreadyForceCancelled');
    await page.goto(payTabUrl(plain));
    await waitForPageKind(page, 'macgai-student-payments');
    await storeUntil<Rec>(e2e.ext, 'records', (rows) =>
      rows.some((r) => r.payment?.customer === plain.studentName && r.state === 'unverified'),
    );
    expect(await markOf(page, plain, plain.paymentStatus)).toBeNull();
    await badgeBecomes(e2e.ext, String(badge));
  });

  it('shows a name with markup as text and runs no script from it', async () => {
    const c = caseOf(e2e.replica, 'markupName');
    const page = await payTab(c);
    await new Promise((r) => setTimeout(r, 500));
    expect(e2e.dialogs.filter((d) => d === '1')).toEqual([]);
    expect(await page.evaluate(() => document.querySelectorAll('img').length)).toBe(0);
  });

  it('the flag button starts the reconciliation on an open manager-site tab', async () => {
    const c = caseOf(e2e.replica, 'forceCancelTarget');
    const manager = await open(`${e2e.replica.managerUrl}/login.do`);
    const page = await payTab(c);
    await until(page, `${pendingSelector} === 1`);
    await page.evaluate(() => {
      const host = document.querySelector('[data-reconcile="pending"] reconcile-flag');
      (host?.shadowRoot?.querySelector('button') as HTMLButtonElement | null)?.focus();
    });
    await page.keyboard.press('Enter');
    await until(manager, `document.visibilityState === 'visible'`);
    await storeUntil<Rec>(e2e.ext, 'records', (rows) =>
      rows.some((r) => r.payment?.customer === c.studentName && r.state === 'in_progress'),
    );
    // Still pending work: the row keeps its flag and the badge its count.
    await badgeBecomes(e2e.ext, String(badge));
    expect(await page.evaluate(pendingSelector)).toBe(1);
  });
});
