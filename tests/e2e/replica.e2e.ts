import type { ElementHandle, Frame, Page } from 'puppeteer-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CaseRef, ReplicaState } from '../replica/types';
import { BROWSERS } from './browsers';
import { caseOf, press, rowWith, screenshot, until, useE2E } from './fixture';

/**
 * The replicas as a MacGai user drives them, in real browsers: select a payment row, press
 * [결제취소]/[강제취소], answer the native confirm; log in to the manager site, search 청구서관리,
 * cancel with the password dialog; the business popup and its manager-site jump; the grid layout.
 */
type Scope = Page | Frame;
type Cred = ReplicaState['credentials'][number];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The text of `row`'s cell under the column header `header` (table or ARIA grid). */
function cellOf(row: ElementHandle, header: string): Promise<string> {
  return row.evaluate((el, h) => {
    const grid = el.closest('[role=grid]');
    const heads = grid
      ? Array.from(grid.querySelectorAll('[role=columnheader]'))
      : Array.from(el.closest('table')?.tHead?.rows[0]?.cells ?? []);
    const cells = grid
      ? Array.from(el.querySelectorAll('[role=gridcell]'))
      : Array.from(el.children);
    const i = heads.findIndex((c) => c.textContent?.trim() === h);
    return cells[i]?.textContent?.trim() ?? `(no column ${h})`;
  }, header);
}

/** The payment row of `c` in a 결제 탭, showing `status`. */
const payRow = (scope: Scope, c: CaseRef, status: string) =>
  rowWith(scope, [c.date, c.amountText, status]);

describe.each(BROWSERS)('replicas in %s', (name) => {
  const e2e = useE2E(name);
  const digits = (s: string | null) => (s ?? '').replace(/\D/g, '');

  beforeEach(() => {
    e2e.replica.reset();
    e2e.dialogs.length = 0;
  });

  const open = e2e.open;
  const payTab = (c: CaseRef) =>
    open(`${e2e.replica.macgaiUrl}/Student/StudentMng.aspx?sidx=${c.studentId}&tab=pay`);
  const payment = (id: number) => e2e.replica.state().payments.find((p) => p.id === id);
  const invoice = (id: number | null) => e2e.replica.state().invoices.find((i) => i.id === id);
  const cred = (businessId: number) =>
    e2e.replica.state().credentials.find((c) => c.businessId === businessId) as Cred;

  async function dialogSeen(text: string, timeout = 10_000): Promise<void> {
    const deadline = Date.now() + timeout;
    while (!e2e.dialogs.some((d) => d.includes(text))) {
      if (Date.now() > deadline) throw new Error(`no dialog "${text}" in ${e2e.dialogs}`);
      await sleep(50);
    }
  }

  /** Clicks the row and waits for its 결제 상세 to show. */
  async function selectPayment(scope: Scope, c: CaseRef, status: string): Promise<void> {
    await (await payRow(scope, c, status)).click();
    await until(
      scope,
      `(document.getElementById('pnlPayDetail')?.textContent ?? '').includes(${JSON.stringify(`${c.amountText}원`)})`,
    );
  }

  /** Logs out (sessions are per browser), then in through the login form. */
  async function managerLogin(page: Page, who: Cred): Promise<void> {
    await page.goto(`${e2e.replica.managerUrl}/logout.do`);
    await page.waitForSelector('#userId');
    await page.type('#userId', who.loginId);
    await page.type('#userPw', who.password);
    await Promise.all([page.waitForNavigation(), press(page, '로그인')]);
    await until(page, `document.body.innerText.includes(${JSON.stringify(who.name)})`);
  }

  /** 청구서관리 from the left menu, searched by 고객 (custNm) or 핸드폰번호 (hpNo). */
  async function searchBills(page: Page, field: 'custNm' | 'hpNo', value: string) {
    await Promise.all([page.waitForNavigation(), press(page, '청구서관리')]);
    await page.type(`#${field}`, value);
    await Promise.all([page.waitForNavigation(), press(page, '검색')]);
  }

  /** A new manager tab logged in as c's business, 청구서관리 searched by c's phone. */
  async function managerBills(c: CaseRef): Promise<Page> {
    const page = await open(`${e2e.replica.managerUrl}/login.do`);
    await managerLogin(page, cred(c.businessId));
    await searchBills(page, 'hpNo', digits(c.invoicePhone));
    return page;
  }
  const billStatus = async (page: Page, c: CaseRef) =>
    cellOf(await rowWith(page, [c.registeredAt ?? '', c.invoiceAmountText ?? '']), '상태');

  it('강제취소 cancels in MacGai only: the manager invoice stays 발송완료', async () => {
    const c = caseOf(e2e.replica, 'forceCancelTarget');
    const page = await payTab(c);
    await selectPayment(page, c, '결제대기');
    await press(page, '강제취소');
    const row = await payRow(page, c, '대기취소');
    expect(await cellOf(row, '결제상태')).toBe('대기취소');
    expect(e2e.dialogs[0]).toContain('강제취소 하시겠습니까');
    await screenshot(page, `${name}-replica-force-cancelled`);
    expect(payment(c.paymentId)?.status).toBe('대기취소');
    expect(invoice(c.invoiceId)?.status).toBe('발송완료');
    const manager = await managerBills(c);
    expect(await billStatus(manager, c)).toBe('발송완료');
  });

  it('결제취소 syncs: 결제대기 → invoice 파기, 결제완료 → invoice 결제취소', async () => {
    for (const [key, from, to, inv] of [
      ['normalCancelTarget', '결제대기', '대기취소', '파기'],
      ['paidNormalCancelTarget', '결제완료', '결제취소', '결제취소'],
    ] as const) {
      const c = caseOf(e2e.replica, key);
      const page = await payTab(c);
      await selectPayment(page, c, from);
      await press(page, '결제취소');
      expect(await cellOf(await payRow(page, c, to), '결제상태')).toBe(to);
      expect(payment(c.paymentId)?.status).toBe(to);
      expect(invoice(c.invoiceId)?.status).toBe(inv);
      const manager = await managerBills(c);
      expect(await billStatus(manager, c)).toBe(inv);
    }
  });

  it('a dismissed confirm changes nothing; no selection → an alert', async () => {
    const c = caseOf(e2e.replica, 'forceCancelTarget');
    const before = e2e.replica.state().log.length;
    const page = await payTab(c);
    await press(page, '강제취소');
    await dialogSeen('결제 내역을 선택하세요.');
    for (const button of ['강제취소', '결제취소']) {
      await selectPayment(page, c, '결제대기');
      e2e.dismissNext();
      await press(page, button);
      await dialogSeen(button === '강제취소' ? '강제취소 하시겠습니까' : '결제를 취소하시겠습니까');
    }
    await sleep(300); // nothing is expected to happen: give a wrong request the time to land
    expect(await cellOf(await payRow(page, c, '결제대기'), '결제상태')).toBe('결제대기');
    expect(payment(c.paymentId)?.status).toBe('결제대기');
    expect(invoice(c.invoiceId)?.status).toBe('발송완료');
    expect(e2e.replica.state().log.length).toBe(before);
    expect(e2e.dialogs).toHaveLength(3);
  });

  it('manager 결제취소: X, a wrong password is refused, the right one cancels', async () => {
    const c = caseOf(e2e.replica, 'forceCancelTarget');
    const who = cred(c.businessId);
    const page = await open(`${e2e.replica.managerUrl}/login.do`);
    await managerLogin(page, who);
    await searchBills(page, 'custNm', c.customerName ?? '');
    const row = await rowWith(page, [c.registeredAt ?? '', c.invoiceAmountText ?? '']);
    expect(await cellOf(row, '청구핸드폰')).toBe(c.invoicePhone);
    const x = await row.waitForSelector('xpath/.//button[normalize-space(.)="X"]');
    await x?.click();
    const dialog = 'div[role=dialog][aria-modal=true]';
    await page.waitForSelector(`${dialog} input[type=password]`, { visible: true });
    expect(await page.$eval(dialog, (d) => d.textContent)).toContain(c.customerName ?? '');
    await page.type(`${dialog} input[type=password]`, '000000');
    await press(page, '확인');
    await until(
      page,
      `document.querySelector('${dialog}')?.textContent.includes('비밀번호가 일치하지 않습니다.')`,
    );
    expect(invoice(c.invoiceId)?.status).toBe('발송완료');
    expect(await billStatus(page, c)).toBe('발송완료');
    await page.type(`${dialog} input[type=password]`, who.cancelPassword);
    await press(page, '확인');
    await until(page, `!document.querySelector('${dialog}')`);
    await rowWith(page, [c.registeredAt ?? '', '결제취소']);
    expect(await billStatus(page, c)).toBe('결제취소');
    expect(invoice(c.invoiceId)?.status).toBe('결제취소');
    expect(payment(c.paymentId)?.status).toBe('결제대기'); // manager actions never touch MacGai
  });

  it('학원정보관리 → [사업자 추가] popup → [매니저 사이트 바로가기] as the 2nd business', async () => {
    const biz = e2e.replica.state().businesses[1];
    if (!biz) throw new Error('the seed has one business only');
    const page = await open(`${e2e.replica.macgaiUrl}/`);
    await Promise.all([page.waitForNavigation(), press(page, '학원정보관리')]);
    const popupOf = (p: Page) =>
      new Promise<Page>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error('no popup window')), 15_000);
        p.once('popup', (w) => {
          clearTimeout(t);
          if (w) e2e.closeAfterTest(w);
          w ? resolve(w) : reject(new Error('popup without a page'));
        });
      });
    const [popup] = await Promise.all([popupOf(page), press(page, '사업자 추가')]);
    await until(popup, `document.body?.innerText.includes('결제 사업자 관리')`, 15_000);
    await (await rowWith(popup, [biz.name, biz.bizNo])).click();
    expect(await popup.$eval(`input[name=rdoBiz][value="${biz.id}"]`, (r) => r.checked)).toBe(true);
    const [manager] = await Promise.all([popupOf(popup), press(popup, '매니저 사이트 바로가기')]);
    await until(
      manager,
      `location.pathname === '/main.do' && document.body?.innerText.includes(${JSON.stringify(biz.name)})`,
      15_000,
    );
    expect(new URL(manager.url()).origin).toBe(new URL(e2e.replica.managerUrl).origin);
    const other = e2e.replica.state().businesses[0]?.name ?? '';
    expect(await manager.evaluate(() => document.body.textContent)).not.toContain(other);
    await screenshot(manager, `${name}-replica-manager-sso`);
  });

  it('grid layout: menu → student → 결제 탭 in the frame; 강제취소 works the same', async () => {
    const c = caseOf(e2e.replica, 'forceCancelTarget');
    const page = await open(`${e2e.replica.macgaiUrl}/c_index.aspx?layout=grid`);
    const frame = await (await page.waitForSelector('iframe[name=ifrmContent]'))?.contentFrame();
    if (!frame) throw new Error('no content frame');
    await press(page, '학생관리');
    await frame.waitForSelector('#txtKeyword', { visible: true });
    await frame.type('#txtKeyword', c.studentName);
    await press(frame, '검색');
    await until(
      frame,
      `document.getElementById('txtKeyword')?.defaultValue === ${JSON.stringify(c.studentName)}`,
    );
    await frame.waitForSelector(`xpath///*[@role="row"]//a[normalize-space(.)="${c.studentName}"]`);
    await press(frame, c.studentName);
    await frame.waitForSelector('xpath///a[@role="tab" and normalize-space(.)="결제"]');
    await press(frame, '결제');
    await frame.waitForSelector(
      'xpath///*[@role="columnheader" and normalize-space(.)="수납항목"]',
    );
    expect(page.url()).toContain('/c_index.aspx'); // the top page never left the shell
    await selectPayment(frame, c, '결제대기');
    const selected = await payRow(frame, c, '결제대기');
    expect(await selected.evaluate((r) => r.getAttribute('aria-selected'))).toBe('true');
    await press(frame, '강제취소');
    const row = await payRow(frame, c, '대기취소');
    expect(await cellOf(row, '결제상태')).toBe('대기취소');
    expect(await cellOf(row, '수납항목')).toBe(c.item);
    expect(payment(c.paymentId)?.status).toBe('대기취소');
    expect(invoice(c.invoiceId)?.status).toBe('발송완료');
    const manager = await managerBills(c);
    expect(await billStatus(manager, c)).toBe('발송완료');
  });

  it('a name with markup renders as text on both sites, and runs nothing', async () => {
    const c = caseOf(e2e.replica, 'markupName');
    const mg = e2e.replica.macgaiUrl;
    const checks = [
      [`${mg}/Student/StudentMng.aspx?sidx=${c.studentId}&tab=info`, '#txtStuName'],
      [`${mg}/Student/StudentMng.aspx?sidx=${c.studentId}&tab=pay&layout=grid`, '#tblStuBase'],
    ] as const;
    for (const [url, field] of checks) {
      const page = await open(url);
      const text = await page.$eval(field, (el) =>
        el instanceof HTMLInputElement ? el.value : (el.textContent ?? ''),
      );
      expect(text).toContain(c.studentName);
      expect(await page.$eval('.page-title', (h) => h.textContent)).toContain('<img');
      expect(await page.$$eval('#content img, .stu-context img', (imgs) => imgs.length)).toBe(0);
    }
    const manager = await managerBills(c);
    const row = await rowWith(manager, [c.registeredAt ?? '', c.invoiceAmountText ?? '']);
    expect(await cellOf(row, '고객명')).toBe(c.customerName);
    expect(await row.$$eval('img', (imgs) => imgs.length)).toBe(0);
    await sleep(500); // a broken <img onerror> would alert within this
    expect(e2e.dialogs).toEqual([]);
  });
});
