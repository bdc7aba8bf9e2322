import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getByRole, queryByRole, within } from '@testing-library/dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ManagerInvoice } from '@/lib/domain';
import { OWN_HOST_TAG, OWN_PANEL_TAG } from '@/lib/engine/watch';
import { CHANNEL } from '@/lib/store/channel';
import { call } from '@/lib/store/client';
import type { Handoff, ManagerSession, ManagerView, QueueItem } from '@/lib/store/contract';
import { startManagerOverlay } from './manager';

vi.mock('@/lib/store/client', () => ({ call: vi.fn() }));

const callMock = vi.mocked(call);
let ctx: ContentScriptContext;
const pageKind = () => document.documentElement.getAttribute('data-reconcile-page');

/** i18n as "key(sub1|sub2)", so a test can tell which message shows with what. */
function message(key: string, subs?: string | string[]): string {
  const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
  return list.length ? `${key}(${list.join('|')})` : key;
}

beforeEach(() => {
  fakeBrowser.reset();
  callMock.mockReset();
  vi.spyOn(console, 'debug').mockImplementation(() => {}); // WXT logs each invalidation
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(
    message as typeof fakeBrowser.i18n.getMessage,
  );
  ctx = new ContentScriptContext('manager-test');
});
afterEach(() => {
  ctx.notifyInvalidated();
  document.body.innerHTML = '';
  document.documentElement.removeAttribute('data-reconcile-page');
  vi.restoreAllMocks();
});

describe('startManagerOverlay: the page kind', () => {
  // The background never answers here: only what the overlay decides on its own is asserted.
  beforeEach(() => {
    callMock.mockImplementation(() => new Promise(() => {}));
  });

  it('recognises the login page', () => {
    document.body.innerHTML = `<form><h1>매니저 로그인</h1><input name="id"><input type="password" name="pw"><button>로그인</button></form>`;
    startManagerOverlay(ctx);
    expect(pageKind()).toBe('manager-login');
    expect(call).not.toHaveBeenCalledWith('page.report', expect.anything());
  });

  it('recognises the 청구서관리 list', () => {
    document.body.innerHTML = `<h2>청구서관리</h2><table><thead><tr><th>고객명</th><th>청구핸드폰</th><th>청구사유</th><th>청구금액</th><th>등록일자</th><th>결제일</th><th>상태</th></tr></thead>
<tbody><tr><td>윤서진</td><td>010-7485-1651</td><td>11월 수강료</td><td>280,000</td><td>2026-11-18 10:00</td><td></td><td>발송완료</td></tr></tbody></table>`;
    startManagerOverlay(ctx);
    expect(pageKind()).toBe('manager-invoices');
    expect(call).not.toHaveBeenCalledWith('page.report', expect.anything());
  });

  it('calls anything else unrecognised, and reports a near miss', () => {
    document.body.innerHTML = `<table><tr><th>고객명</th><th>청구금액</th><th>상태</th></tr></table>`;
    startManagerOverlay(ctx);
    expect(pageKind()).toBe('unrecognized');
    expect(call).toHaveBeenCalledWith(
      'page.report',
      expect.objectContaining({ site: 'manager', pageKind: 'unrecognized' }),
    );
  });

  it('is no login page when the password field is some dialog, or no login words are near', () => {
    document.body.innerHTML = `<div role="dialog"><p>비밀번호를 입력해 주세요</p><input type="password"></div>`;
    startManagerOverlay(ctx);
    expect(pageKind()).toBe('unrecognized');
    ctx.notifyInvalidated();
    ctx = new ContentScriptContext('manager-test');
    document.body.innerHTML = `<form><h1>설정</h1><input type="password"></form>`;
    startManagerOverlay(ctx);
    expect(pageKind()).toBe('unrecognized');
  });
});

// ---------------------------------------------------------------------------------------------
// With a background that answers, on the saved replica pages.

const FIXTURES = join(import.meta.dirname, '../../tests/fixtures/html');
const fixture = (name: string) =>
  readFileSync(join(FIXTURES, `${name}.html`), 'utf8').replace(/<link\b[^>]*>/gi, '');

/** A saved replica page as the document. No server here: stylesheets must not load. */
function load(name: string): void {
  document.documentElement.innerHTML = fixture(name);
}

/** The site's own 결제취소 password dialog, as it opens (from the saved page with it open). */
const DIALOG = (() => {
  const html = fixture('manager-bills-dialog');
  return html.slice(html.indexOf('<div class="layer-dim">'), html.indexOf('</body>'));
})();

const BIZ = { id: 'b:2208162517', name: '해솔수학학원' };
const ACTIVE: QueueItem = {
  id: 'r1',
  state: 'pending',
  customer: '고나은',
  phone: '01059296244',
  amount: 450000,
  date: '2026-11-24',
  businessName: BIZ.name,
};
const OTHER: QueueItem = {
  id: 'r2',
  state: 'pending',
  customer: '윤서진',
  phone: null,
  amount: 280000,
  date: '2026-11-18',
  businessName: BIZ.name,
};
const PASSWORD = 'pw-7315';
const who = (i: QueueItem) =>
  `panelItem(${i.customer}|${new Intl.NumberFormat('ko-KR').format(i.amount)}|${i.date})`;

function session(searched: Handoff['searched'], active: QueueItem | null = ACTIVE): ManagerSession {
  return {
    business: BIZ,
    queue: [ACTIVE, OTHER],
    handoff: active
      ? { id: active.id, businessId: BIZ.id, at: 1, searched, pickedKey: null }
      : null,
    active,
  };
}

function view(over: Partial<ManagerView> = {}): ManagerView {
  return {
    target: null,
    candidates: [],
    none: false,
    settled: 0,
    drift: 0,
    resolvedId: null,
    ...over,
  };
}

type Answers = {
  session: () => ManagerSession | Promise<ManagerSession>;
  observe: (invoices: ManagerInvoice[]) => ManagerView | Promise<ManagerView>;
  password: () =>
    | { password: string | null; source: 'stored' | 'derived' | null }
    | Promise<{
        password: string | null;
        source: 'stored' | 'derived' | null;
      }>;
};
let answers: Answers;

function answer(): void {
  callMock.mockImplementation((async (type: string, payload: unknown) => {
    switch (type) {
      case 'manager.session':
        return answers.session();
      case 'manager.observe':
        return answers.observe((payload as { invoices: ManagerInvoice[] }).invoices);
      case 'manager.password':
        return answers.password();
      case 'manager.handoff':
        return { handoff: null };
      case 'manager.log':
        return { logged: true };
      case 'manager.password.store':
        return { stored: true };
      default:
        return { recorded: true };
    }
  }) as unknown as typeof call);
}

const calls = (type: string): unknown[] =>
  callMock.mock.calls.filter(([t]) => t === type).map(([, payload]) => payload);
const lastObserved = (): ManagerInvoice[] =>
  (calls('manager.observe').at(-1) as { invoices: ManagerInvoice[] }).invoices;

/** The key of the invoice read from the row of `customer` (and `amount`). */
function keyOf(invoices: ManagerInvoice[], customer: string, amount?: number): string {
  const found = invoices.find(
    (i) => i.customerRaw === customer && (amount === undefined || i.amount === amount),
  );
  if (!found) throw new Error(`no invoice for ${customer}`);
  return found.key;
}
/** A view pointing at the row of `customer` (and `amount`). */
const targetOn =
  (customer: string, amount?: number) =>
  (invoices: ManagerInvoice[]): ManagerView =>
    view({ target: { key: keyOf(invoices, customer, amount), recordId: ACTIVE.id } });

const rows = () =>
  Array.from(document.querySelectorAll<HTMLTableRowElement>('#billTable tbody tr'));
function rowOf(customer: string, amount?: string): HTMLTableRowElement {
  const row = rows().find(
    (r) => r.cells[1]?.textContent === customer && (!amount || r.cells[4]?.textContent === amount),
  );
  if (!row) throw new Error(`no row for ${customer}`);
  return row;
}
const buttonIn = (el: ParentNode, text: string) =>
  Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.trim() === text) as
    | HTMLButtonElement
    | undefined;
const pillOf = (el: Element) =>
  el.querySelector(OWN_HOST_TAG)?.shadowRoot?.querySelector('span')?.textContent;

function panel(): HTMLElement {
  const root = document.querySelector(OWN_PANEL_TAG)?.shadowRoot;
  if (!root) throw new Error('no panel');
  return root as unknown as HTMLElement;
}
const statusText = () => queryByRole(panel(), 'status')?.textContent;

/** Submits of the page's search form (prevented: happy-dom must not navigate). */
let submitted: number;
let searchClicks: number;

function listenToSearch(): void {
  submitted = 0;
  searchClicks = 0;
  document.querySelector('form#searchForm')?.addEventListener('submit', (e) => {
    submitted++;
    e.preventDefault();
  });
  buttonIn(document, '검색')?.addEventListener('click', () => searchClicks++);
}

function billsPage(): void {
  load('manager-bills');
  listenToSearch();
}

function openDialog(): HTMLElement {
  document.body.insertAdjacentHTML('beforeend', DIALOG);
  return document.querySelector('[role=dialog]') as HTMLElement;
}
const passwordInput = () => document.getElementById('cancelPw') as HTMLInputElement;

/**
 * A person's click. happy-dom trusts no event, so the overlay is told which clicks are a person's;
 * `element.click()` stays what it is in a browser: a script's click.
 */
const people = new WeakSet<Event>();
const byPerson = (event: Event) => people.has(event);
function press(el: Element | null | undefined): void {
  if (!el) throw new Error('nothing to press');
  const event = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
  people.add(event);
  el.dispatchEvent(event);
}
const start = () => startManagerOverlay(ctx, { byPerson });

describe('startManagerOverlay with the background answering', () => {
  beforeEach(() => {
    answers = {
      session: () => session('normal'),
      observe: () => view(),
      password: () => ({ password: PASSWORD, source: 'derived' }),
    };
    answer();
  });

  describe('a hand-over not yet searched', () => {
    it('fills the search for it and submits it, once, reporting the normal search', async () => {
      billsPage();
      answers.session = () => session(null);
      start();
      await vi.waitFor(() => expect(submitted).toBe(1));
      expect(calls('manager.handoff')).toEqual([{ action: 'searched', mode: 'normal' }]);
      const value = (id: string) => (document.getElementById(id) as HTMLInputElement).value;
      expect(value('startDate')).toBe('2026-10-15');
      expect(value('endDate')).toBe('2026-11-27');
      expect(value('hpNo')).toBe('01059296244');
      expect(value('custNm')).toBe('');
      expect(searchClicks).toBe(1);
      expect(pageKind()).toBe('manager-invoices');
      expect(statusText()).toBe(`panelSearching(${who(ACTIVE)})`);
      expect(calls('manager.observe')).toEqual([]);
      // The page changing under it (the list re-rendering) does not search again.
      rows()[0]?.setAttribute('class', 'on');
      await vi.waitFor(() => expect(calls('manager.observe')).toHaveLength(1));
      expect(submitted).toBe(1);
      expect(calls('manager.handoff')).toHaveLength(1);
    });

    it('reports a list page whose search form it cannot find', async () => {
      billsPage();
      document.getElementById('searchForm')?.remove();
      answers.session = () => session(null);
      start();
      await vi.waitFor(() =>
        expect(calls('page.report')).toEqual([
          expect.objectContaining({ site: 'manager', pageKind: 'unrecognized', missing: ['검색'] }),
        ]),
      );
      expect(calls('manager.handoff')).toEqual([{ action: 'searched', mode: 'normal' }]);
    });

    it('goes to 청구서관리 from another page of the site, through its menu', async () => {
      load('manager-bills');
      const main = document.getElementById('content') as HTMLElement;
      main.innerHTML = '<h2 class="tit">대시보드</h2><p>오늘 결제 3건</p>';
      const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => {});
      answers.session = () => session(null);
      start();
      await vi.waitFor(() => expect(assign).toHaveBeenCalledOnce());
      expect(assign).toHaveBeenCalledWith(new URL('/bill/billList.do', location.href).href);
      expect(pageKind()).toBe('unrecognized');
      expect(statusText()).toBe(`panelSearching(${who(ACTIVE)})`);
      expect(calls('manager.handoff')).toEqual([]);
      main.append(document.createElement('p')); // the page changes: still one navigation
      await vi.waitFor(() => expect(calls('manager.session')).toHaveLength(1));
      await new Promise((r) => setTimeout(r, 300));
      expect(assign).toHaveBeenCalledOnce();
    });

    it('asks to log in on the login page, and goes nowhere', async () => {
      load('manager-login');
      const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => {});
      answers.session = () => session(null);
      start();
      expect(pageKind()).toBe('manager-login');
      await vi.waitFor(() => expect(statusText()).toBe(`panelLogin(${who(ACTIVE)})`));
      expect(assign).not.toHaveBeenCalled();
      expect(calls('page.report')).toEqual([]);
    });
  });

  it('shows nothing on the login page when nothing is handed over', async () => {
    load('manager-login');
    answers.session = () => session(null, null);
    start();
    expect(pageKind()).toBe('manager-login');
    await vi.waitFor(() => expect(calls('manager.session')).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 50));
    expect(document.querySelector(OWN_PANEL_TAG)).toBeNull();
  });

  describe('a searched hand-over', () => {
    it("sends the page's invoices and marks the row the background points at", async () => {
      billsPage();
      const target = rowOf('고나은');
      const scroll = vi.spyOn(target, 'scrollIntoView');
      answers.observe = targetOn('고나은');
      start();
      await vi.waitFor(() => expect(target.getAttribute('data-reconcile')).toBe('target'));
      expect(calls('manager.session')).toEqual([
        { url: location.href, pageText: expect.stringContaining('청구서관리') },
      ]);
      const sent = calls('manager.observe')[0] as {
        businessId: string;
        invoices: ManagerInvoice[];
      };
      expect(sent).toMatchObject({ businessId: BIZ.id, listUrl: location.href });
      expect(sent.invoices).toHaveLength(20);
      expect(sent.invoices[0]).toMatchObject({
        customer: '고나은',
        phone: '01059296244',
        amount: 450000,
        registeredAt: '2026-11-24T19:48',
        businessId: BIZ.id,
      });
      expect(rows().filter((r) => r.hasAttribute('data-reconcile'))).toEqual([target]);
      expect(pillOf(target.cells[10] as Element)).toBe('markTarget');
      expect(scroll).toHaveBeenCalledWith({ block: 'center' });
      expect(statusText()).toBe(`panelTarget(${who(ACTIVE)})`);
      expect(calls('manager.handoff')).toEqual([]); // already searched: no new search
      expect(submitted).toBe(0);
      // A re-render rescans but does not scroll the user away again.
      rows()[3]?.setAttribute('class', 'on');
      await vi.waitFor(() => expect(calls('manager.observe')).toHaveLength(2));
      expect(scroll).toHaveBeenCalledOnce();
      expect(target.querySelectorAll(OWN_HOST_TAG)).toHaveLength(1);
    });

    it('marks the candidates, lists them in the panel, and points at the one picked', async () => {
      billsPage();
      let picked: string | null = null;
      answers.observe = (invoices) => {
        const a = keyOf(invoices, '이정우', 120000);
        const b = keyOf(invoices, '이정우', 220000);
        if (picked) return view({ target: { key: picked, recordId: ACTIVE.id } });
        return view({
          candidates: [
            { key: a, fields: [{ label: '청구사유', value: '11월 특강비' }] },
            { key: b, fields: [{ label: '청구사유', value: '11월 수강료' }] },
          ],
        });
      };
      start();
      const first = rowOf('이정우', '120,000원');
      const second = rowOf('이정우', '220,000원');
      await vi.waitFor(() => expect(second.getAttribute('data-reconcile')).toBe('candidate'));
      expect(first.getAttribute('data-reconcile')).toBe('candidate');
      expect(pillOf(first.cells[0] as Element)).toBe('markCandidate(1)');
      expect(pillOf(second.cells[0] as Element)).toBe('markCandidate(2)');
      expect(rows().filter((r) => r.hasAttribute('data-reconcile'))).toHaveLength(2);
      expect(statusText()).toBe(`panelChoose(${who(ACTIVE)})`);
      expect(panel().textContent).toContain('1. 청구사유: 11월 특강비');
      expect(panel().textContent).toContain('2. 청구사유: 11월 수강료');

      const key = keyOf(lastObserved(), '이정우', 220000);
      callMock.mockImplementationOnce((async (type: string) => {
        if (type === 'manager.handoff') picked = key;
        return { handoff: null };
      }) as unknown as typeof call);
      getByRole(panel(), 'button', { name: 'panelPick(2)' }).click();
      expect(calls('manager.handoff')).toEqual([{ action: 'pick', invoiceKey: key }]);
      await vi.waitFor(() => expect(second.getAttribute('data-reconcile')).toBe('target'));
      expect(first.hasAttribute('data-reconcile')).toBe(false);
      expect(first.querySelector(OWN_HOST_TAG)).toBeNull();
      expect(pillOf(second.cells[10] as Element)).toBe('markTarget');
      expect(statusText()).toBe(`panelTarget(${who(ACTIVE)})`);
    });

    it('offers a wider search when nothing plausible is listed, and runs it', async () => {
      billsPage();
      answers.observe = () => view({ none: true });
      start();
      await vi.waitFor(() => expect(statusText()).toBe(`panelNone(${who(ACTIVE)})`));
      getByRole(panel(), 'button', { name: 'panelWiden' }).click();
      await vi.waitFor(() => expect(submitted).toBe(1));
      expect(calls('manager.handoff')).toEqual([{ action: 'searched', mode: 'wide' }]);
      expect((document.getElementById('startDate') as HTMLInputElement).value).toBe('2026-07-27');
      expect((document.getElementById('endDate') as HTMLInputElement).value).toBe('2026-12-24');
      expect(statusText()).toBe(`panelSearching(${who(ACTIVE)})`);
      // The wider list comes back without it either: now by phone only.
      rows()[0]?.setAttribute('class', 'on');
      await vi.waitFor(() => expect(statusText()).toBe(`panelNone(${who(ACTIVE)})`));
      getByRole(panel(), 'button', { name: 'panelPhoneOnly' }).click();
      await vi.waitFor(() => expect(submitted).toBe(2));
      expect(calls('manager.handoff')).toContainEqual({ action: 'searched', mode: 'phone' });
    });

    it('keeps searching while the list does not show the record yet', async () => {
      billsPage();
      start();
      await vi.waitFor(() => expect(statusText()).toBe(`panelSearching(${who(ACTIVE)})`));
      expect(rows().some((r) => r.hasAttribute('data-reconcile'))).toBe(false);
    });
  });

  describe('the cancel password', () => {
    async function targetShown(): Promise<HTMLTableRowElement> {
      billsPage();
      answers.observe = targetOn('고나은');
      start();
      const target = rowOf('고나은');
      await vi.waitFor(() => expect(target.getAttribute('data-reconcile')).toBe('target'));
      return target;
    }

    it("fills it when the user opens the target row's X, and never presses 확인", async () => {
      const target = await targetShown();
      press(target.cells[10]?.querySelector('button'));
      const dialog = openDialog();
      const confirm = vi.fn();
      buttonIn(dialog, '확인')?.addEventListener('click', confirm);
      const heard: string[] = [];
      passwordInput().addEventListener('input', () => heard.push('input'));
      passwordInput().addEventListener('change', () => heard.push('change'));
      await vi.waitFor(() => expect(passwordInput().value).toBe(PASSWORD));
      expect(calls('manager.password')).toEqual([{ businessId: BIZ.id }]);
      expect(heard).toEqual(['input', 'change']);
      expect(statusText()).toBe(`panelFilled(${who(ACTIVE)})`);
      // Rescans while the dialog stays open neither fill again nor press anything.
      dialog.querySelector('.layer-msg')?.append(' ');
      await vi.waitFor(() => expect(calls('manager.observe').length).toBeGreaterThan(2));
      await new Promise((r) => setTimeout(r, 50));
      expect(calls('manager.password')).toHaveLength(1);
      expect(statusText()).toBe(`panelFilled(${who(ACTIVE)})`);
      expect(confirm).not.toHaveBeenCalled();
    });

    it("does not take a page script's click on the X for the user's", async () => {
      const target = await targetShown();
      (buttonIn(target, 'X') as HTMLButtonElement).click();
      openDialog();
      await vi.waitFor(() => expect(calls('manager.observe')).toHaveLength(2));
      await new Promise((r) => setTimeout(r, 50));
      expect(calls('manager.password')).toEqual([]);
      expect(passwordInput().value).toBe('');
    });

    it("does not fill the dialog of another row's X", async () => {
      await targetShown();
      press(rowOf('강하윤어머님').cells[10]?.querySelector('button'));
      openDialog();
      await vi.waitFor(() => expect(calls('manager.observe')).toHaveLength(2));
      await new Promise((r) => setTimeout(r, 50));
      expect(calls('manager.password')).toEqual([]);
      expect(passwordInput().value).toBe('');
      expect(statusText()).toBe(`panelTarget(${who(ACTIVE)})`);
    });

    it('does not fill a dialog nobody opened from a row, or one opened over a minute ago', async () => {
      const target = await targetShown();
      openDialog();
      await vi.waitFor(() => expect(calls('manager.observe')).toHaveLength(2));
      expect(calls('manager.password')).toEqual([]);
      document.querySelector('.layer-dim')?.remove();
      await vi.waitFor(() => expect(calls('manager.observe')).toHaveLength(3));

      press(target.cells[10]?.querySelector('button'));
      const later = Date.now() + 61_000;
      vi.spyOn(Date, 'now').mockReturnValue(later);
      openDialog();
      await vi.waitFor(() => expect(calls('manager.observe')).toHaveLength(4));
      await new Promise((r) => setTimeout(r, 50));
      expect(calls('manager.password')).toEqual([]);
      expect(passwordInput().value).toBe('');
    });

    it('leaves alone what the user typed, and fills nothing without a password', async () => {
      const target = await targetShown();
      let release!: (v: { password: string | null; source: null }) => void;
      answers.password = () => new Promise((r) => (release = r));
      press(target.cells[10]?.querySelector('button'));
      openDialog();
      await vi.waitFor(() => expect(calls('manager.password')).toHaveLength(1));
      passwordInput().value = 'typed';
      release({ password: PASSWORD, source: null });
      await vi.waitFor(() => expect(calls('manager.observe')).toHaveLength(2));
      expect(passwordInput().value).toBe('typed');

      document.querySelector('.layer-dim')?.remove();
      await vi.waitFor(() => expect(calls('manager.observe')).toHaveLength(3));
      answers.password = () => ({ password: null, source: null });
      press(target.cells[10]?.querySelector('button'));
      openDialog();
      await vi.waitFor(() => expect(calls('manager.password')).toHaveLength(2));
      await vi.waitFor(() => expect(calls('manager.observe')).toHaveLength(4));
      expect(passwordInput().value).toBe('');
      expect(statusText()).toBe(`panelTarget(${who(ACTIVE)})`);
    });

    it('says when the site rejects it, logs that without the password, and stores the one the user then types if asked', async () => {
      const target = await targetShown();
      press(target.cells[10]?.querySelector('button'));
      const dialog = openDialog();
      await vi.waitFor(() => expect(passwordInput().value).toBe(PASSWORD));
      press(buttonIn(dialog, '확인')); // the user's own 확인
      (dialog.querySelector('.layer-err') as HTMLElement).textContent =
        '비밀번호가 일치하지 않습니다.';
      await vi.waitFor(() => expect(statusText()).toBe(`panelRejected(${who(ACTIVE)})`));
      const key = keyOf(lastObserved(), '고나은');
      expect(calls('manager.log')).toEqual([{ type: 'password.rejected', detail: key }]);
      expect(
        JSON.stringify(callMock.mock.calls.filter(([t]) => t !== 'manager.session')),
      ).not.toContain(PASSWORD);
      // Further changes in the same dialog do not log it again.
      dialog.querySelector('.layer-msg')?.append(' ');
      await vi.waitFor(() => expect(calls('manager.observe').length).toBeGreaterThan(3));
      expect(calls('manager.log')).toHaveLength(1);
      expect(statusText()).toBe(`panelRejected(${who(ACTIVE)})`);

      const optIn = getByRole(panel(), 'checkbox', { name: 'panelStoreOptIn' }) as HTMLInputElement;
      optIn.click();
      expect((getByRole(panel(), 'checkbox') as HTMLInputElement).checked).toBe(true);
      passwordInput().value = 'new-pw-2026';
      press(buttonIn(dialog, '확인'));

      // The site takes it: the dialog closes and the row turns 결제취소.
      answers.observe = (invoices) => {
        const v = targetOn('고나은')(invoices);
        const cancelled = invoices.find((i) => i.customer === '고나은')?.status === '결제취소';
        return cancelled ? { ...v, resolvedId: ACTIVE.id } : v;
      };
      document.querySelector('.layer-dim')?.remove();
      (target.cells[5] as HTMLElement).textContent = '결제취소';
      await vi.waitFor(() => expect(statusText()).toBe(`panelResolved(${who(ACTIVE)})`));
      expect(calls('manager.password.store')).toEqual([
        { businessId: BIZ.id, password: 'new-pw-2026' },
      ]);
      expect(queryByRole(panel(), 'checkbox')).toBeNull();
    });

    it('stores nothing when the user did not opt in, or took it back', async () => {
      const target = await targetShown();
      press(target.cells[10]?.querySelector('button'));
      const dialog = openDialog();
      await vi.waitFor(() => expect(passwordInput().value).toBe(PASSWORD));
      press(buttonIn(dialog, '확인'));
      (dialog.querySelector('.layer-err') as HTMLElement).textContent =
        '비밀번호가 올바르지 않습니다.';
      await vi.waitFor(() => expect(statusText()).toBe(`panelRejected(${who(ACTIVE)})`));
      (getByRole(panel(), 'checkbox') as HTMLInputElement).click();
      passwordInput().value = 'new-pw-2026';
      press(buttonIn(dialog, '확인'));
      (getByRole(panel(), 'checkbox') as HTMLInputElement).click(); // changed their mind
      expect((getByRole(panel(), 'checkbox') as HTMLInputElement).checked).toBe(false);
      answers.observe = (invoices) => ({ ...targetOn('고나은')(invoices), resolvedId: ACTIVE.id });
      document.querySelector('.layer-dim')?.remove();
      await vi.waitFor(() => expect(statusText()).toBe(`panelResolved(${who(ACTIVE)})`));
      expect(calls('manager.password.store')).toEqual([]);
    });
  });

  it('asks for no password in a tab whose business it does not know', async () => {
    billsPage();
    answers.session = () => ({ ...session('normal'), business: null });
    answers.observe = targetOn('고나은');
    start();
    const target = rowOf('고나은');
    await vi.waitFor(() => expect(target.getAttribute('data-reconcile')).toBe('target'));
    expect(calls('manager.observe')[0]).toMatchObject({ businessId: null });
    expect(getByRole(panel(), 'heading').textContent).toBe('panelTitle');
    press(target.cells[10]?.querySelector('button'));
    openDialog();
    await vi.waitFor(() => expect(calls('manager.observe')).toHaveLength(2));
    await new Promise((r) => setTimeout(r, 50));
    expect(calls('manager.password')).toEqual([]);
    expect(passwordInput().value).toBe('');
  });

  it('keeps saying resolved after the background drops the record from the hand-over', async () => {
    billsPage();
    answers.observe = (invoices) => ({ ...targetOn('고나은')(invoices), resolvedId: ACTIVE.id });
    start();
    await vi.waitFor(() => expect(statusText()).toBe(`panelResolved(${who(ACTIVE)})`));
    answers.session = () => ({ ...session(null, null), queue: [OTHER] });
    answers.observe = () => view();
    await fakeBrowser.runtime.onMessage.trigger({ channel: CHANNEL, type: 'changed' }, {});
    await vi.waitFor(() => expect(calls('manager.session')).toHaveLength(2));
    await vi.waitFor(() => expect(calls('manager.observe')).toHaveLength(2));
    await vi.waitFor(() => expect(statusText()).toBe(`panelResolved(${who(ACTIVE)})`));
    expect(panel().textContent).toContain('panelQueue(1)');
  });

  describe('actions MacGai never hears of', () => {
    it('holds a click on 파기 until the user reads the warning, then lets it through once', async () => {
      billsPage();
      start();
      await vi.waitFor(() => expect(calls('manager.observe')).toHaveLength(1));
      const row = rowOf('박동현어머님');
      const destroy = buttonIn(row, '파기') as HTMLButtonElement;
      const page = vi.fn();
      destroy.addEventListener('click', page);
      press(destroy);
      expect(page).not.toHaveBeenCalled();
      const warning = getByRole(panel(), 'alertdialog', { name: 'panelWarningTitle' });
      expect(warning.textContent).toContain('panelWarningDestroy');
      const key = keyOf(lastObserved(), '박동현어머님');
      expect(calls('manager.log')).toEqual([{ type: 'warning.destroy', detail: key }]);

      within(warning).getByRole('button', { name: 'panelWarningContinue' }).click();
      expect(page).toHaveBeenCalledOnce();
      expect(queryByRole(panel(), 'alertdialog')).toBeNull();
      expect(calls('manager.log')).toHaveLength(1);
    });

    it('warns again on the next such click after one was let through', async () => {
      billsPage();
      start();
      await vi.waitFor(() => expect(calls('manager.observe')).toHaveLength(1));
      const destroy = buttonIn(rowOf('박동현어머님'), '파기') as HTMLButtonElement;
      const page = vi.fn();
      destroy.addEventListener('click', page);
      press(destroy);
      getByRole(panel(), 'button', { name: 'panelWarningContinue' }).click();
      expect(page).toHaveBeenCalledOnce();

      press(destroy);
      expect(page).toHaveBeenCalledOnce();
      expect(getByRole(panel(), 'alertdialog').textContent).toContain('panelWarningDestroy');
      expect(calls('manager.log')).toHaveLength(2);
    });

    it('warns before 알림톡 재발송 too, and cancelling keeps the click from the page', async () => {
      billsPage();
      start();
      await vi.waitFor(() => expect(calls('manager.observe')).toHaveLength(1));
      const resend = buttonIn(rowOf('최나은'), '알림톡 재발송') as HTMLButtonElement;
      const page = vi.fn();
      resend.addEventListener('click', page);
      panel(); // drawn before: collapse it, the warning must open it again
      getByRole(panel(), 'button', { name: 'panelCollapse' }).click();
      expect(
        getByRole(panel(), 'button', { name: 'panelOpen' }).getAttribute('aria-expanded'),
      ).toBe('false');
      press(resend);
      expect(page).not.toHaveBeenCalled();
      const warning = getByRole(panel(), 'alertdialog');
      expect(warning.textContent).toContain('panelWarningResend');
      expect(calls('manager.log')).toEqual([
        { type: 'warning.resend', detail: keyOf(lastObserved(), '최나은') },
      ]);
      within(warning).getByRole('button', { name: 'panelWarningCancel' }).click();
      expect(queryByRole(panel(), 'alertdialog')).toBeNull();
      expect(page).not.toHaveBeenCalled();
    });

    it('holds a 파기 written as a link just the same', async () => {
      billsPage();
      const cell = rowOf('최나은').cells[11] as HTMLElement;
      cell.innerHTML = '<a href="#" role="button">파기</a>';
      start();
      await vi.waitFor(() => expect(calls('manager.observe')).toHaveLength(1));
      const page = vi.fn();
      cell.querySelector('a')?.addEventListener('click', page);
      press(cell.querySelector('a'));
      expect(page).not.toHaveBeenCalled();
      expect(getByRole(panel(), 'alertdialog').textContent).toContain('panelWarningDestroy');
    });

    it("lets a page script's click on 파기 through: only a person's click is held", async () => {
      billsPage();
      startManagerOverlay(ctx); // the browser's own test: event.isTrusted
      await vi.waitFor(() => expect(calls('manager.observe')).toHaveLength(1));
      const destroy = buttonIn(rowOf('박동현어머님'), '파기') as HTMLButtonElement;
      const page = vi.fn();
      destroy.addEventListener('click', page);
      destroy.click();
      expect(page).toHaveBeenCalledOnce();
      expect(calls('manager.log')).toEqual([]);
    });

    it('lets other clicks through: the X, buttons outside the list, a plain cell', async () => {
      billsPage();
      document.body.insertAdjacentHTML(
        'beforeend',
        '<button type="button" id="free">파기</button>',
      );
      start();
      await vi.waitFor(() => expect(calls('manager.observe')).toHaveLength(1));
      const page = vi.fn();
      document.addEventListener('click', page);
      press(rowOf('최나은').cells[10]?.querySelector('button'));
      press(document.getElementById('free'));
      press(rowOf('최나은').cells[1]);
      expect(page).toHaveBeenCalledTimes(3);
      expect(queryByRole(panel(), 'alertdialog')).toBeNull();
      expect(calls('manager.log')).toEqual([]);
    });
  });

  describe('the work queue', () => {
    it('switches to another record: asks the background, then searches for it', async () => {
      billsPage();
      start();
      await vi.waitFor(() => expect(statusText()).toBe(`panelSearching(${who(ACTIVE)})`));
      answers.session = () => ({ ...session(null, OTHER) });
      getByRole(panel(), 'button', { name: `panelFind: ${who(OTHER)}` }).click();
      expect(calls('manager.handoff')).toEqual([{ action: 'select', id: OTHER.id }]);
      await vi.waitFor(() => expect(submitted).toBe(1));
      expect(calls('manager.session')).toHaveLength(2);
      expect((document.getElementById('custNm') as HTMLInputElement).value).toBe('윤서진');
      expect((document.getElementById('hpNo') as HTMLInputElement).value).toBe('');
      expect(calls('manager.handoff')).toContainEqual({ action: 'searched', mode: 'normal' });
      expect(statusText()).toBe(`panelSearching(${who(OTHER)})`);
    });

    it('shows the queue on the list even with nothing handed over, titled with the business', async () => {
      billsPage();
      answers.session = () => session(null, null);
      start();
      await vi.waitFor(() => expect(calls('manager.observe')).toHaveLength(1));
      await vi.waitFor(() => expect(panel().textContent).toContain('panelQueue(2)'));
      expect(getByRole(panel(), 'heading').textContent).toBe(`panelTitle · ${BIZ.name}`);
      expect(statusText()).toBeUndefined();
      expect(calls('manager.handoff')).toEqual([]);
    });

    it('shows no panel off the list with nothing handed over', async () => {
      load('manager-bills');
      (document.getElementById('content') as HTMLElement).innerHTML = '<h2>정산관리</h2>';
      const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => {});
      answers.session = () => session(null, null);
      start();
      await vi.waitFor(() => expect(calls('manager.session')).toHaveLength(1));
      await new Promise((r) => setTimeout(r, 50));
      expect(document.querySelector(OWN_PANEL_TAG)).toBeNull();
      expect(assign).not.toHaveBeenCalled();
    });
  });

  describe('timing', () => {
    it('drops a scan overtaken by a newer one', async () => {
      billsPage();
      const pending: ((s: ManagerSession) => void)[] = [];
      answers.session = () => new Promise((r) => pending.push(r));
      answers.observe = targetOn('고나은');
      start();
      await vi.waitFor(() => expect(pending).toHaveLength(1));
      rows()[0]?.setAttribute('class', 'on'); // a second scan starts while the first waits
      await vi.waitFor(() => expect(pending).toHaveLength(2));
      pending[0]?.(session('normal'));
      await new Promise((r) => setTimeout(r, 20));
      expect(calls('manager.observe')).toEqual([]);
      pending[1]?.(session('normal'));
      await vi.waitFor(() => expect(rowOf('고나은').getAttribute('data-reconcile')).toBe('target'));
      expect(calls('manager.observe')).toHaveLength(1);
    });

    it('draws nothing from a view that arrives after a newer scan started', async () => {
      billsPage();
      const pending: ((v: ManagerView) => void)[] = [];
      answers.observe = () => new Promise((r) => pending.push(r));
      start();
      await vi.waitFor(() => expect(pending).toHaveLength(1));
      rows()[0]?.setAttribute('class', 'on');
      await vi.waitFor(() => expect(pending).toHaveLength(2));
      const key = keyOf(lastObserved(), '고나은');
      pending[0]?.(view({ target: { key, recordId: ACTIVE.id } }));
      await new Promise((r) => setTimeout(r, 20));
      expect(rowOf('고나은').hasAttribute('data-reconcile')).toBe(false);
      pending[1]?.(view({ none: true }));
      await vi.waitFor(() => expect(statusText()).toBe(`panelNone(${who(ACTIVE)})`));
      expect(rowOf('고나은').hasAttribute('data-reconcile')).toBe(false);
    });

    it('warns in the console, and keeps the page as it is, when the background fails', async () => {
      billsPage();
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      answers.session = () => Promise.reject(new Error('no background'));
      start();
      await vi.waitFor(() =>
        expect(warn).toHaveBeenCalledWith('[reconcile] manager overlay', expect.any(Error)),
      );
      expect(pageKind()).toBe('manager-invoices');
      expect(document.querySelector(OWN_PANEL_TAG)).toBeNull();
    });

    it('stops with the content script', async () => {
      billsPage();
      start();
      await vi.waitFor(() => expect(calls('manager.observe')).toHaveLength(1));
      ctx.notifyInvalidated();
      rows()[0]?.setAttribute('class', 'on');
      await fakeBrowser.runtime.onMessage.trigger({ channel: CHANNEL, type: 'changed' }, {});
      const destroy = buttonIn(rowOf('박동현어머님'), '파기') as HTMLButtonElement;
      const page = vi.fn();
      destroy.addEventListener('click', page);
      press(destroy);
      await new Promise((r) => setTimeout(r, 300));
      expect(calls('manager.observe')).toHaveLength(1);
      expect(calls('manager.session')).toHaveLength(1);
      expect(page).toHaveBeenCalledOnce();
    });
  });
});
