import { describe, expect, it } from 'vitest';
import { BROWSERS } from './browsers';
import { caseOf, frameWith, press, screenshot, useE2E, waitForPageKind } from './fixture';

describe.each(BROWSERS)('smoke in %s', (name) => {
  const e2e = useE2E(name);

  it('runs on the MacGai replica and recognises a student 결제 탭', async () => {
    const c = caseOf(e2e.replica, 'forceCancelTarget');
    const page = await e2e.page(
      `${e2e.replica.macgaiUrl}/Student/StudentMng.aspx?sidx=${c.studentId}&tab=pay`,
    );
    expect(await waitForPageKind(page, 'macgai-student-payments')).toBe('macgai-student-payments');
    await screenshot(page, `${name}-macgai-student-pay`);
    await page.goto(`${e2e.replica.macgaiUrl}/Account/SunapStatus.aspx`);
    expect(await waitForPageKind(page, 'macgai-academy-payments')).toBe('macgai-academy-payments');
    await screenshot(page, `${name}-macgai-sunap-status`);
    await page.close();
  });

  it('runs inside the grid layout frame, and says unrecognized on a page with no list', async () => {
    const c = caseOf(e2e.replica, 'forceCancelTarget');
    const page = await e2e.page(`${e2e.replica.macgaiUrl}/c_index.aspx?layout=grid`);
    expect(await waitForPageKind(page, 'unrecognized')).toBe('unrecognized');
    const frame = await frameWith(page, '.aspx');
    await frame.goto(
      `${e2e.replica.macgaiUrl}/Student/StudentMng.aspx?layout=grid&sidx=${c.studentId}&tab=pay`,
    );
    expect(await waitForPageKind(frame, 'macgai-student-payments')).toBe('macgai-student-payments');
    await page.close();
  });

  it('runs on the manager replica: login page, then 청구서관리', async () => {
    const cred = e2e.replica.state().credentials[0]!;
    const page = await e2e.page(`${e2e.replica.managerUrl}/bill/billList.do`);
    expect(await waitForPageKind(page, 'manager-login')).toBe('manager-login');
    await screenshot(page, `${name}-manager-login`);
    await page.type('input[type=text]', cred.loginId);
    await page.type('input[type=password]', cred.password);
    await Promise.all([page.waitForNavigation(), press(page, '로그인')]);
    expect(await waitForPageKind(page, 'manager-invoices')).toBe('manager-invoices');
    await screenshot(page, `${name}-manager-bill-list`);
    await page.close();
  });

  it('opens the popup in Korean, and its count agrees with the readable badge', async () => {
    const popup = await e2e.ext.openExtensionPage('popup.html', 'h1');
    const text = await popup.evaluate(() => document.body.textContent ?? '');
    expect(text).toContain('맥가이 강제취소 대사 도우미');
    // The pages visited above may already show 강제취소 written on a row: whatever the popup
    // counts, the badge says the same.
    const badge = await e2e.ext.badgeText();
    expect(badge).toMatch(/^(\d+|999\+)?$/);
    const count = await popup.evaluate(
      () => document.body.textContent?.match(/(\d+)건/)?.[1] ?? '0',
    );
    expect(badge === '' ? '0' : badge).toBe(count);
    await popup.close();
  });
});
