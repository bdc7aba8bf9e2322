import { OWN_PANEL_TAG } from '@/lib/engine/watch';
import { t } from '@/lib/i18n';
import type { QueueItem } from '@/lib/store/contract';

/**
 * The work-queue panel on the manager site: a small collapsible box in a shadow root, in Korean.
 * It only shows and asks; every change to the site is the user's own click.
 */

export type PanelStatus =
  | 'idle'
  | 'login'
  | 'searching'
  | 'target'
  | 'choose'
  | 'none'
  | 'filled'
  | 'rejected'
  | 'resolved';

export interface PanelState {
  businessName: string | null;
  collapsed: boolean;
  active: QueueItem | null;
  status: PanelStatus;
  candidates: { key: string; fields: { label: string; value: string }[] }[];
  queue: QueueItem[];
  warning: 'resend' | 'destroy' | null;
  storeOptIn: boolean;
}

export interface PanelActions {
  toggle(): void;
  select(id: string): void;
  pick(key: string): void;
  widen(mode: 'wide' | 'phone'): void;
  continueWarning(): void;
  cancelWarning(): void;
  optIn(checked: boolean): void;
}

const STYLE = `
:host { all: initial; position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; }
.box { width: 340px; max-height: 70vh; overflow: auto; background: #fff; color: #1f2933; border: 1px solid #cbd2d9;
  border-radius: 10px; box-shadow: 0 6px 24px rgba(0,0,0,.18); font: 13px/1.5 'Noto Sans KR','Malgun Gothic',sans-serif; }
header { display: flex; align-items: center; justify-content: space-between; padding: 8px 12px; background: #f5f7fa;
  border-bottom: 1px solid #e4e7eb; border-radius: 10px 10px 0 0; }
h2 { font-size: 13px; margin: 0; }
.body { padding: 10px 12px; }
.status { margin: 0 0 8px; }
.status.ok { color: #2f6f3e; } .status.warn { color: #8a3b00; } .status.err { color: #b42318; }
.warning { background: #fff4e5; border: 1px solid #f0b37e; border-radius: 8px; padding: 8px; margin-bottom: 8px; }
ul { list-style: none; margin: 0; padding: 0; }
li { border-top: 1px solid #e4e7eb; padding: 6px 0; display: flex; gap: 6px; justify-content: space-between; align-items: center; }
.cand { display: block; }
.fields { color: #52606d; font-size: 12px; }
button { font: inherit; border: 1px solid #9aa5b1; background: #fff; border-radius: 6px; padding: 2px 8px; cursor: pointer; }
button.primary { border-color: #0f766e; color: #0f766e; }
button:focus-visible, input:focus-visible { outline: 2px solid #2563eb; outline-offset: 1px; }
label { display: flex; gap: 6px; align-items: flex-start; margin-top: 6px; }
`;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function describe(item: QueueItem): string {
  return t(
    'panelItem',
    item.customer,
    new Intl.NumberFormat('ko-KR').format(item.amount),
    item.date,
  );
}

function statusLine(state: PanelState): HTMLElement | null {
  const who = state.active ? describe(state.active) : '';
  const line = (key: Parameters<typeof t>[0], cls = '') =>
    el('p', { className: `status ${cls}`, textContent: t(key, who) });
  switch (state.status) {
    case 'login':
      return line('panelLogin');
    case 'searching':
      return line('panelSearching');
    case 'target':
      return line('panelTarget', 'warn');
    case 'choose':
      return line('panelChoose', 'warn');
    case 'none':
      return line('panelNone', 'err');
    case 'filled':
      return line('panelFilled', 'warn');
    case 'rejected':
      return line('panelRejected', 'err');
    case 'resolved':
      return line('panelResolved', 'ok');
    default:
      return null;
  }
}

export function renderPanel(root: ShadowRoot, state: PanelState, act: PanelActions): void {
  const box = el('section', { className: 'box' });
  box.setAttribute('aria-label', t('panelTitle'));
  const toggle = el('button', {
    type: 'button',
    textContent: state.collapsed ? t('panelOpen') : t('panelCollapse'),
  });
  toggle.setAttribute('aria-expanded', String(!state.collapsed));
  toggle.addEventListener('click', act.toggle);
  const title = state.businessName ? `${t('panelTitle')} · ${state.businessName}` : t('panelTitle');
  box.append(el('header', {}, el('h2', { textContent: title }), toggle));
  if (!state.collapsed) {
    const body = el('div', { className: 'body' });
    if (state.warning) {
      const warn = el('div', { className: 'warning' });
      warn.setAttribute('role', 'alertdialog');
      warn.setAttribute('aria-label', t('panelWarningTitle'));
      const go = el('button', {
        type: 'button',
        className: 'primary',
        textContent: t('panelWarningContinue'),
      });
      go.addEventListener('click', act.continueWarning);
      const stop = el('button', { type: 'button', textContent: t('panelWarningCancel') });
      stop.addEventListener('click', act.cancelWarning);
      warn.append(
        el('p', {
          textContent: t(state.warning === 'resend' ? 'panelWarningResend' : 'panelWarningDestroy'),
        }),
        go,
        ' ',
        stop,
      );
      body.append(warn);
    }
    const status = statusLine(state);
    if (status) {
      status.setAttribute('role', 'status');
      body.append(status);
    }
    if (state.status === 'choose') {
      const list = el('ul');
      state.candidates.forEach((c, i) => {
        const pick = el('button', {
          type: 'button',
          className: 'primary',
          textContent: t('panelPick', i + 1),
        });
        pick.addEventListener('click', () => act.pick(c.key));
        const fields =
          c.fields.map((f) => `${f.label}: ${f.value}`).join(' · ') || t('panelIdentical');
        list.append(
          el(
            'li',
            { className: 'cand' },
            el('div', { className: 'fields', textContent: `${i + 1}. ${fields}` }),
            pick,
          ),
        );
      });
      body.append(list);
    }
    if (state.status === 'none') {
      const wide = el('button', { type: 'button', textContent: t('panelWiden') });
      wide.addEventListener('click', () => act.widen('wide'));
      const phone = el('button', { type: 'button', textContent: t('panelPhoneOnly') });
      phone.addEventListener('click', () => act.widen('phone'));
      body.append(wide, ' ', phone);
    }
    if (state.status === 'rejected' || (state.status === 'filled' && state.storeOptIn)) {
      const box2 = el('input', { type: 'checkbox', checked: state.storeOptIn });
      box2.addEventListener('change', () => act.optIn(box2.checked));
      body.append(el('label', {}, box2, el('span', { textContent: t('panelStoreOptIn') })));
    }
    const others = state.queue.filter((q) => q.id !== state.active?.id);
    body.append(el('p', { className: 'status', textContent: t('panelQueue', state.queue.length) }));
    const queue = el('ul');
    queue.setAttribute('aria-label', t('panelQueueLabel'));
    for (const item of others) {
      const go = el('button', { type: 'button', textContent: t('panelFind') });
      go.setAttribute('aria-label', `${t('panelFind')}: ${describe(item)}`);
      go.addEventListener('click', () => act.select(item.id));
      queue.append(el('li', {}, el('span', { textContent: describe(item) }), go));
    }
    body.append(queue);
    box.append(body);
  }
  root.replaceChildren(el('style', { textContent: STYLE }), box);
}

/** The panel's host, created once per document. */
export function panelRoot(): ShadowRoot {
  const existing = document.querySelector(OWN_PANEL_TAG);
  if (existing?.shadowRoot) return existing.shadowRoot;
  const host = document.createElement(OWN_PANEL_TAG);
  host.attachShadow({ mode: 'open' });
  document.body.append(host);
  return host.shadowRoot as ShadowRoot;
}
