import type { Page } from 'puppeteer-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseRef } from '../replica/types';
import { BROWSERS, type ExtensionBrowser } from './browsers';
import {
  badgeBecomes,
  cancelRow,
  caseOf,
  press,
  rowWith,
  screenshot,
  storeUntil,
  until,
  useE2E,
  waitForPageKind,
} from './fixture';

/**
 * The whole loop, as staff would do it: force-cancel in MacGai, press the row's 매니저 button,
 * and finish on the manager site with the extension's help. Every user action is counted.
 */
type Rec = { id: string; state: string; payment: { customer: string } | null };

/** Counts a person's clicks and keystrokes in one reconciliation (the bench reports them). */
class ActionCounter {
  clicks = 0;
  keys = 0;
  get total() {
    return this.clicks + this.keys;
  }
}

describe.each(BROWSERS)('manager-site overlay in %s', (name) => {
  const e2e = useE2E(name);
  const opened: Page[] = [];
  let badge = 0;
  afterEach(async () => {
    for (const p of opened.splice(0)) if (!p.isClosed()) await p.close().catch(() => {});
  });
  const open = async (url: string) => {
    const page = await e2e.page(url);
    opened.push(page);
    return page;
  };
  const newTab = (ext: ExtensionBrowser) =>
    new Promise<Page>((resolve) => {
      ext.browser.once('targetcreated', async (t) => {
        const p = await t.page();
        if (p) resolve(p);
      });
    });

  /** MacGai's business popup → pick the business → [매니저 사이트 바로가기]: the manager tab. */
  async function managerFor(c: CaseRef): Promise<Page> {
    const biz = await open(`${e2e.replica.macgaiUrl}/Academy/BizPopup.aspx`);
    await waitForPageKind(biz, 'macgai-businesses');
    const business = e2e.replica.state().businesses.find((b) => b.id === c.businessId);
    await (await rowWith(biz, [business?.name ?? '?'])).click();
    const tab = newTab(e2e.ext);
    await press(biz, '매니저 사이트 바로가기');
    const manager = await tab;
    opened.push(manager);
    manager.on('dialog', (d) => void d.accept());
    await until(manager, `location.pathname.endsWith('/main.do')`);
    return manager;
  }

  /** Force-cancel `c` in MacGai and press its 매니저 button; returns the MacGai page. */
  async function forceCancelAndStart(
    c: CaseRef,
    status: string,
    count: ActionCounter,
  ): Promise<Page> {
    const page = await open(
      `${e2e.replica.macgaiUrl}/Student/StudentMng.aspx?sidx=${c.studentId}&tab=pay`,
    );
    await waitForPageKind(page, 'macgai-student-payments');
    // The force-cancel itself (row, [강제취소], the confirm's OK) is the work the user set out to
    // do; the reconciliation's own actions are counted from the 매니저 button on.
    await cancelRow(page, [c.date, c.amountText, status], '강제취소');
    await until(page, `document.querySelector('[data-reconcile="pending"]') !== null`);
    badge += 1;
    await badgeBecomes(e2e.ext, String(badge));
    count.clicks += 1;
    await page.evaluate(() => {
      const host = document.querySelector('[data-reconcile="pending"] reconcile-flag');
      host?.shadowRoot?.querySelector('button')?.click();
    });
    return page;
  }

  it('force-cancel → 매니저 → search filled → target → X → password pre-filled → 확인 → resolved', async () => {
    const c = caseOf(e2e.replica, 'forceCancelTarget');
    const manager = await managerFor(c);
    const count = new ActionCounter();
    const macgai = await forceCancelAndStart(c, '결제대기', count);
    await manager.bringToFront();
    await waitForPageKind(manager, 'manager-invoices');
    const target = await until<string>(
      manager,
      `document.querySelector('[data-reconcile="target"]')?.textContent`,
      15_000,
    );
    expect(target).toContain(c.registeredAt ?? '?');
    expect(
      await manager.evaluate(() => (document.querySelector('#hpNo') as HTMLInputElement).value),
    ).toBe((c.parentHp ?? '').replace(/\D/g, ''));
    expect(
      await manager.evaluate(() => document.querySelectorAll('[data-reconcile="target"]').length),
    ).toBe(1);
    await screenshot(manager, `${name}-manager-target`);
    const x = await manager.waitForSelector('[data-reconcile="target"] .btn-x');
    await x?.click();
    count.clicks += 1;
    const filled = await until<string>(
      manager,
      `document.querySelector('[role=dialog] input[type=password]')?.value`,
    );
    expect(filled).toBe(
      e2e.replica.state().credentials.find((k) => k.businessId === c.businessId)?.cancelPassword,
    );
    // The field's value property holds it; no attribute or text anywhere in the page does.
    expect(
      await manager.evaluate((v) => document.documentElement.outerHTML.includes(v), filled),
    ).toBe(false);
    await screenshot(manager, `${name}-manager-password`);
    await press(manager, '확인');
    count.clicks += 1;
    await until(manager, `!document.querySelector('[role=dialog]')`);
    expect(e2e.replica.state().invoices.find((i) => i.id === c.invoiceId)?.status).toBe('결제취소');
    await storeUntil<Rec>(e2e.ext, 'records', (rows) =>
      rows.some((r) => r.payment?.customer === c.studentName && r.state === 'resolved'),
    );
    badge -= 1;
    await badgeBecomes(e2e.ext, String(badge || ''));
    await macgai.bringToFront();
    await until(macgai, `document.querySelector('[data-reconcile="resolved"]') !== null`);
    expect(count.keys).toBe(0);
    expect(count.total).toBeLessThanOrEqual(4);
    console.log(
      `[bench] actions per reconciliation (${name}): ${count.clicks} clicks, ${count.keys} keystrokes`,
    );
  });
});
