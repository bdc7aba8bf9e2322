import { getByRole, queryByRole, within } from '@testing-library/dom';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, type Mock, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { OWN_PANEL_TAG } from '@/lib/engine/watch';
import type { QueueItem } from '@/lib/store/contract';
import { type PanelActions, type PanelState, panelRoot, renderPanel } from './panel';

/** i18n as "key(sub1|sub2)", so a test can tell which message shows with what. */
function message(key: string, subs?: string | string[]): string {
  const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
  return list.length ? `${key}(${list.join('|')})` : key;
}

const ACTIVE: QueueItem = {
  id: 'r1',
  state: 'pending',
  customer: '고나은',
  phone: '01059296244',
  amount: 450000,
  date: '2026-11-24',
  businessName: '해솔수학학원',
};
const OTHER: QueueItem = {
  id: 'r2',
  state: 'pending',
  customer: '윤서진',
  phone: null,
  amount: 280000,
  date: '2026-11-18',
  businessName: '해솔수학학원',
};
const who = (i: QueueItem) =>
  `panelItem(${i.customer}|${new Intl.NumberFormat('ko-KR').format(i.amount)}|${i.date})`;

function state(over: Partial<PanelState> = {}): PanelState {
  return {
    businessName: '해솔수학학원',
    collapsed: false,
    active: ACTIVE,
    status: 'idle',
    candidates: [],
    queue: [ACTIVE, OTHER],
    warning: null,
    storeOptIn: false,
    ...over,
  };
}

let act: { [K in keyof PanelActions]: Mock<PanelActions[K]> };

function render(s: PanelState): HTMLElement {
  const root = panelRoot();
  renderPanel(root, s, act);
  return root as unknown as HTMLElement;
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(
    message as typeof fakeBrowser.i18n.getMessage,
  );
  act = {
    toggle: vi.fn<PanelActions['toggle']>(),
    select: vi.fn<PanelActions['select']>(),
    pick: vi.fn<PanelActions['pick']>(),
    widen: vi.fn<PanelActions['widen']>(),
    continueWarning: vi.fn<PanelActions['continueWarning']>(),
    cancelWarning: vi.fn<PanelActions['cancelWarning']>(),
    optIn: vi.fn<PanelActions['optIn']>(),
  };
});
afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe('panelRoot', () => {
  it('creates one open shadow host per document, and reuses it', () => {
    const root = panelRoot();
    expect(document.querySelectorAll(OWN_PANEL_TAG)).toHaveLength(1);
    expect(root.mode).toBe('open');
    expect(panelRoot()).toBe(root);
    expect(document.querySelectorAll(OWN_PANEL_TAG)).toHaveLength(1);
  });
});

describe('renderPanel', () => {
  it('titles the box with the business, styled inside its shadow root', () => {
    const root = render(state());
    const box = getByRole(root, 'region', { name: 'panelTitle' });
    expect(within(box).getByRole('heading').textContent).toBe('panelTitle · 해솔수학학원');
    expect(root.querySelector('style')?.textContent).toContain(':host');
    expect(document.head.querySelector('style')).toBeNull();
  });

  it('titles it plainly when the tab has no business', () => {
    const root = render(state({ businessName: null }));
    expect(getByRole(root, 'heading').textContent).toBe('panelTitle');
  });

  it.each([
    ['login', 'panelLogin', ''],
    ['searching', 'panelSearching', ''],
    ['target', 'panelTarget', 'warn'],
    ['choose', 'panelChoose', 'warn'],
    ['none', 'panelNone', 'err'],
    ['filled', 'panelFilled', 'warn'],
    ['rejected', 'panelRejected', 'err'],
    ['resolved', 'panelResolved', 'ok'],
  ] as const)('status %s says %s about the active record', (status, key, cls) => {
    const root = render(state({ status }));
    const line = getByRole(root, 'status');
    expect(line.textContent).toBe(`${key}(${who(ACTIVE)})`);
    expect(line.className.trim()).toBe(`status ${cls}`.trim());
  });

  it('shows no status line when idle', () => {
    const root = render(state({ status: 'idle', active: null }));
    expect(queryByRole(root, 'status')).toBeNull();
  });

  it('lists candidates with the fields that tell them apart, and picks by key', async () => {
    const root = render(
      state({
        status: 'choose',
        candidates: [
          {
            key: 'inv|a',
            fields: [
              { label: '청구사유', value: '11월 특강비' },
              { label: '등록일자', value: '2026-11-24 18:16' },
            ],
          },
          { key: 'inv|b', fields: [] },
        ],
      }),
    );
    const items = root.querySelectorAll('li.cand');
    expect(Array.from(items, (li) => li.querySelector('.fields')?.textContent)).toEqual([
      '1. 청구사유: 11월 특강비 · 등록일자: 2026-11-24 18:16',
      '2. panelIdentical',
    ]);
    await userEvent.click(getByRole(root, 'button', { name: 'panelPick(2)' }));
    expect(act.pick).toHaveBeenCalledWith('inv|b');
    await userEvent.click(getByRole(root, 'button', { name: 'panelPick(1)' }));
    expect(act.pick).toHaveBeenLastCalledWith('inv|a');
    expect(act.pick).toHaveBeenCalledTimes(2);
  });

  it('lists no candidates outside the choose status', () => {
    const root = render(state({ status: 'target', candidates: [{ key: 'k', fields: [] }] }));
    expect(queryByRole(root, 'button', { name: 'panelPick(1)' })).toBeNull();
  });

  it('offers a wider search and a phone-only search when nothing was found', async () => {
    const root = render(state({ status: 'none' }));
    await userEvent.click(getByRole(root, 'button', { name: 'panelWiden' }));
    expect(act.widen).toHaveBeenLastCalledWith('wide');
    await userEvent.click(getByRole(root, 'button', { name: 'panelPhoneOnly' }));
    expect(act.widen).toHaveBeenLastCalledWith('phone');
    expect(act.widen).toHaveBeenCalledTimes(2);
  });

  it('offers to keep the password the user types after a rejection', async () => {
    const root = render(state({ status: 'rejected' }));
    const box = getByRole(root, 'checkbox', { name: 'panelStoreOptIn' }) as HTMLInputElement;
    expect(box.checked).toBe(false);
    await userEvent.click(box);
    expect(act.optIn).toHaveBeenCalledWith(true);
  });

  it('keeps the opt-in visible (checked) once filled, and can take it back', async () => {
    const root = render(state({ status: 'filled', storeOptIn: true }));
    const box = getByRole(root, 'checkbox', { name: 'panelStoreOptIn' }) as HTMLInputElement;
    expect(box.checked).toBe(true);
    await userEvent.click(box);
    expect(act.optIn).toHaveBeenCalledWith(false);
  });

  it('asks nothing about storing when filled without opting in', () => {
    const root = render(state({ status: 'filled' }));
    expect(queryByRole(root, 'checkbox')).toBeNull();
  });

  it.each([
    ['destroy', 'panelWarningDestroy'],
    ['resend', 'panelWarningResend'],
  ] as const)('warns before %s, with continue and cancel', async (warning, key) => {
    const root = render(state({ status: 'target', warning }));
    const dialog = getByRole(root, 'alertdialog', { name: 'panelWarningTitle' });
    expect(dialog.textContent).toContain(key);
    await userEvent.click(within(dialog).getByRole('button', { name: 'panelWarningContinue' }));
    expect(act.continueWarning).toHaveBeenCalledOnce();
    await userEvent.click(within(dialog).getByRole('button', { name: 'panelWarningCancel' }));
    expect(act.cancelWarning).toHaveBeenCalledOnce();
  });

  it('shows no warning box without a warning', () => {
    expect(queryByRole(render(state()), 'alertdialog')).toBeNull();
  });

  it('lists the rest of the queue with a 찾기 button per record, named after it', async () => {
    const THIRD = { ...OTHER, id: 'r3', customer: '이정우', amount: 15000, date: '2026-11-24' };
    const root = render(state({ queue: [ACTIVE, OTHER, THIRD] }));
    expect(root.textContent).toContain('panelQueue(3)');
    const list = getByRole(root, 'list', { name: 'panelQueueLabel' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2); // not the active one
    expect(list.textContent).not.toContain('고나은');
    await userEvent.click(within(list).getByRole('button', { name: `panelFind: ${who(THIRD)}` }));
    expect(act.select).toHaveBeenCalledWith('r3');
    await userEvent.click(within(list).getByRole('button', { name: `panelFind: ${who(OTHER)}` }));
    expect(act.select).toHaveBeenLastCalledWith('r2');
  });

  it('lists the whole queue when nothing is active', () => {
    const root = render(state({ active: null, queue: [ACTIVE, OTHER] }));
    const list = getByRole(root, 'list', { name: 'panelQueueLabel' });
    expect(within(list).getAllByRole('button')).toHaveLength(2);
  });

  it('collapses to its header, and says so on the toggle', async () => {
    let root = render(state({ status: 'target' }));
    const open = getByRole(root, 'button', { name: 'panelCollapse' });
    expect(open.getAttribute('aria-expanded')).toBe('true');
    await userEvent.click(open);
    expect(act.toggle).toHaveBeenCalledOnce();
    root = render(state({ status: 'target', collapsed: true, warning: 'destroy' }));
    const closed = getByRole(root, 'button', { name: 'panelOpen' });
    expect(closed.getAttribute('aria-expanded')).toBe('false');
    expect(queryByRole(root, 'status')).toBeNull();
    expect(queryByRole(root, 'alertdialog')).toBeNull();
    expect(queryByRole(root, 'list')).toBeNull();
  });

  it('re-renders in place: one box, one style', () => {
    render(state({ status: 'searching' }));
    const root = render(state({ status: 'target' }));
    expect(root.querySelectorAll('section')).toHaveLength(1);
    expect(root.querySelectorAll('style')).toHaveLength(1);
    expect(getByRole(root, 'status').textContent).toContain('panelTarget');
  });

  it('shows names with markup as text', () => {
    const evil = '<img src=x onerror="alert(1)"><b>김철수</b>';
    const root = render(
      state({
        businessName: '<script>alert(1)</script>학원',
        status: 'choose',
        active: { ...ACTIVE, customer: evil },
        queue: [{ ...OTHER, customer: evil }],
        candidates: [{ key: 'k', fields: [{ label: '고객명', value: evil }] }],
      }),
    );
    expect(root.querySelector('img, b, script')).toBeNull();
    expect(getByRole(root, 'heading').textContent).toBe(
      'panelTitle · <script>alert(1)</script>학원',
    );
    expect(getByRole(root, 'status').textContent).toContain(evil);
    expect(root.querySelector('.fields')?.textContent).toBe(`1. 고객명: ${evil}`);
    expect(getByRole(root, 'list', { name: 'panelQueueLabel' }).textContent).toContain(evil);
  });
});
