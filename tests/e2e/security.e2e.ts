import { describe, expect, it } from 'vitest';
import { BROWSERS } from './browsers';
import {
  badgeBecomes,
  caseOf,
  rowWith,
  storedRows,
  until,
  useE2E,
  waitForPageKind,
} from './fixture';

/**
 * A hostile page on the sites' own origins gets nothing and changes nothing: it cannot reach the
 * extension's messaging, its synthetic clicks count for nothing, and a password field it shows is
 * never filled. (Markup in scraped names is covered in macgai.e2e.ts and manager.e2e.ts.)
 */
type Rec = { id: string; state: string; payment: { customer: string } | null };

describe.each(BROWSERS)('hostile pages in %s', (name) => {
  const e2e = useE2E(name);
  const open = e2e.open;
  const settle = () => new Promise((r) => setTimeout(r, 800));

  it('window messages and the extension APIs are out of a page’s reach', async () => {
    const c = caseOf(e2e.replica, 'forceCancelTarget');
    const page = await open(
      `${e2e.replica.macgaiUrl}/Student/StudentMng.aspx?sidx=${c.studentId}&tab=pay`,
    );
    await waitForPageKind(page, 'macgai-student-payments');
    const reach = await page.evaluate(() => {
      const g = globalThis as unknown as {
        chrome?: { runtime?: { sendMessage?: unknown } };
        browser?: unknown;
      };
      const forged = {
        channel: 'macgai-reconcile',
        type: 'payments.observe',
        payload: {
          payments: [
            {
              key: 'pay|x|2026-11-01|1|문자결제|0',
              customer: 'x',
              status: '결제취소',
              note: '강제취소',
            },
          ],
        },
      };
      window.postMessage(forged, '*');
      document.dispatchEvent(new CustomEvent('macgai-reconcile', { detail: forged }));
      return { sendMessage: typeof g.chrome?.runtime?.sendMessage, browser: typeof g.browser };
    });
    expect(reach).toEqual({ sendMessage: 'undefined', browser: 'undefined' });
    await settle();
    expect(
      (await storedRows<Rec>(e2e.ext, 'records')).some((r) => r.payment?.customer === 'x'),
    ).toBe(false);
  });

  it('a script’s synthetic [강제취소] click and a rewritten status never make a force-cancel', async () => {
    const c = caseOf(e2e.replica, 'paidForceCancelTarget');
    const page = await open(
      `${e2e.replica.macgaiUrl}/Student/StudentMng.aspx?sidx=${c.studentId}&tab=pay`,
    );
    await waitForPageKind(page, 'macgai-student-payments');
    const row = await rowWith(page, [c.date, c.amountText, '결제완료']);
    await row.evaluate((tr) => {
      tr.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      const button = [...document.querySelectorAll('button, input[type=button]')].find(
        (b) => (b.textContent ?? (b as HTMLInputElement).value).trim() === '강제취소',
      ) as HTMLElement;
      // A script clicks the button without the site's confirm, then fakes the result on screen.
      const realConfirm = window.confirm;
      window.confirm = () => false;
      button.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      window.confirm = realConfirm;
      for (const td of tr.querySelectorAll('td'))
        if (td.textContent?.trim() === '결제완료') td.textContent = '결제취소';
    });
    await settle();
    const records = await storedRows<Rec>(e2e.ext, 'records');
    const mine = records.filter((r) => r.payment?.customer === c.studentName);
    // At most the honest reading of what the page now shows: cancelled, cause unknown.
    expect(mine.every((r) => r.state === 'unverified')).toBe(true);
    expect(
      await page.evaluate(() => document.querySelectorAll('[data-reconcile="pending"]').length),
    ).toBe(0);
    await badgeBecomes(e2e.ext, '');
  });

  it('a password dialog faked on MacGai, or shown without a person’s X on the target, is never filled', async () => {
    const macgai = await open(`${e2e.replica.macgaiUrl}/Academy/AcademyInfo.aspx`);
    const fake = `(() => {
      const d = document.createElement('div');
      d.setAttribute('role', 'dialog');
      d.setAttribute('aria-modal', 'true');
      d.innerHTML = '<h3>결제취소</h3><p>결제취소 비밀번호를 입력해 주세요.</p><label>비밀번호 <input type="password" id="fakePw"></label><button>확인</button>';
      document.body.append(d);
    })()`;
    await macgai.evaluate(fake);
    await settle();
    expect(
      await macgai.evaluate(() => (document.getElementById('fakePw') as HTMLInputElement).value),
    ).toBe('');

    const cred = e2e.replica.state().credentials[0];
    const manager = await open(`${e2e.replica.managerUrl}/login.do`);
    await manager.type('input[type=text]', cred?.loginId ?? '');
    await manager.type('input[type=password]', cred?.password ?? '');
    await Promise.all([
      manager.waitForNavigation(),
      manager.click('button[type=submit], input[type=submit]'),
    ]);
    await manager.goto(`${e2e.replica.managerUrl}/bill/billList.do`);
    await waitForPageKind(manager, 'manager-invoices');
    // A script clicks the first row's X (not a person), and a dialog opens: nothing is filled.
    await manager.evaluate(() => {
      const x = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'X');
      x?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
    await until(manager, `document.querySelector('[role=dialog] input[type=password]') !== null`);
    await settle();
    expect(
      await manager.evaluate(
        () =>
          (document.querySelector('[role=dialog] input[type=password]') as HTMLInputElement).value,
      ),
    ).toBe('');
    await manager.evaluate(fake);
    await settle();
    expect(
      await manager.evaluate(() => (document.getElementById('fakePw') as HTMLInputElement).value),
    ).toBe('');
    const log = await storedRows<{ detail: string }>(e2e.ext, 'log');
    expect(JSON.stringify(log)).not.toContain(cred?.cancelPassword ?? '-');
  });
});
