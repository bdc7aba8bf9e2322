import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import {
  buttonOf,
  fill,
  findButton,
  findPasswordDialog,
  labelIs,
  type PasswordDialog,
} from '@/lib/engine/form';
import { recognize } from '@/lib/engine/recognize';
import { fold } from '@/lib/engine/text';
import { OWN_HOST_TAG, OWN_PANEL_TAG, watch } from '@/lib/engine/watch';
import { t } from '@/lib/i18n';
import { manager } from '@/lib/sites/manager';
import { call } from '@/lib/store/client';
import type { ManagerSession, ManagerView, QueueItem } from '@/lib/store/contract';
import { markRow } from './manager-marks';
import { type InvoiceRow, readInvoices } from './manager-read';
import { fillSearch, type SearchMode } from './manager-search';
import {
  contextScheduler,
  diagnosticsReporter,
  markPage,
  type OverlayOptions,
  onStoreChanged,
  personFilter,
} from './page';
import { type PanelState, panelRoot, renderPanel } from './panel';

/**
 * The manager-site overlay. On 청구서관리 it shows this business's work queue, runs the search for
 * the reconciliation handed over from MacGai or the popup, points at the matching row (or asks
 * which one), fills the cancel password when the user opens the dialog for that row, and reports
 * the row's status so the background can confirm the cancel. It never presses 확인, never changes
 * anything on the site; the only thing it submits is the (read-only) search.
 */

const OWN = [OWN_HOST_TAG, OWN_PANEL_TAG];
const ARM_MS = 60_000;
const OPT_IN_MS = 5 * 60_000;

function isLoginPage(): boolean {
  if (!document.querySelector('input[type=password]')) return false;
  if (findPasswordDialog(document, manager.cancelDialog.words)) return false;
  const text = document.body?.textContent ?? '';
  return manager.login.words.some((w) => text.includes(w));
}

const contains = (el: Element, words: readonly string[]) =>
  words.some((w) =>
    fold((el.textContent ?? '') + ((el as HTMLInputElement).value ?? '')).includes(fold(w)),
  );

export function startManagerOverlay(ctx: ContentScriptContext, options: OverlayOptions = {}): void {
  const byPerson = personFilter(options);
  const report = diagnosticsReporter('manager');
  const panel: PanelState = {
    businessName: null,
    collapsed: false,
    active: null,
    status: 'idle',
    candidates: [],
    queue: [],
    warning: null,
    storeOptIn: false,
  };
  let session: ManagerSession | null = null;
  let view: ManagerView | null = null;
  let rows: InvoiceRow[] = [];
  let onList = false;
  let seq = 0;
  let navigated = false;
  let searchedHere = false;
  let scrolledTo: string | null = null;
  let lastResolved: QueueItem | null = null;
  let armed: { key: string; at: number } | null = null;
  let dialog: PasswordDialog | null = null;
  let rejectedShown = false;
  let typed: { value: string; at: number } | null = null;
  let held: HTMLElement | null = null;
  let acknowledged = false;

  const draw = () => {
    if (!onList && !panel.active && !panel.warning) {
      document.querySelector(OWN_PANEL_TAG)?.remove();
      return;
    }
    renderPanel(panelRoot(), panel, actions);
  };

  const businessId = () => session?.business?.id ?? null;

  async function search(mode: SearchMode) {
    const item = session?.active;
    if (!item) return;
    searchedHere = true;
    panel.status = 'searching';
    draw();
    await call('manager.handoff', { action: 'searched', mode });
    if (!fillSearch(document, item, mode))
      report({ recognized: false, kind: 'unrecognized', missing: ['검색'] });
  }

  const actions = {
    toggle() {
      panel.collapsed = !panel.collapsed;
      draw();
    },
    async select(id: string) {
      await call('manager.handoff', { action: 'select', id });
      session = null;
      searchedHere = false;
      scan();
    },
    async pick(key: string) {
      await call('manager.handoff', { action: 'pick', invoiceKey: key });
      scan();
    },
    widen(mode: 'wide' | 'phone') {
      void search(mode);
    },
    continueWarning() {
      acknowledged = true;
      panel.warning = null;
      draw();
      const button = held;
      held = null;
      button?.click(); // the user's own "계속": the site still asks its own confirm()
      acknowledged = false; // for that one click only: the next 파기/재발송 is warned again
    },
    cancelWarning() {
      held = null;
      panel.warning = null;
      draw();
    },
    optIn(checked: boolean) {
      panel.storeOptIn = checked;
      if (!checked) typed = null;
      draw();
    },
  };

  async function checkDialog() {
    const found = findPasswordDialog(document, manager.cancelDialog.words);
    if (!found) {
      dialog = null;
      return;
    }
    if (dialog?.dialog === found.dialog) {
      const text = fold(found.dialog.textContent);
      const rejected = manager.cancelDialog.rejected.some((w) => text.includes(fold(w)));
      if (rejected && !rejectedShown) {
        rejectedShown = true;
        panel.status = 'rejected';
        draw();
        void call('manager.log', { type: 'password.rejected', detail: armed?.key ?? '' });
      }
      return;
    }
    dialog = found;
    rejectedShown = false;
    const id = businessId();
    const forTarget = armed && view?.target?.key === armed.key && Date.now() - armed.at < ARM_MS;
    if (!forTarget || !id || found.input.value !== '') return;
    const { password } = await call('manager.password', { businessId: id });
    if (
      password &&
      dialog?.input === found.input &&
      found.input.isConnected &&
      found.input.value === ''
    ) {
      fill(found.input, password);
      panel.status = 'filled';
      draw();
    }
  }

  function drawMarks() {
    const candidates = view?.candidates ?? [];
    for (const r of rows) {
      const key = r.invoice.key;
      const n = candidates.findIndex((c) => c.key === key);
      if (view?.target?.key === key) {
        markRow(r.row, r.cancelCell, { kind: 'target', label: t('markTarget') });
        if (scrolledTo !== key) {
          scrolledTo = key;
          r.row.scrollIntoView({ block: 'center' });
        }
      } else if (n >= 0)
        markRow(r.row, r.firstCell, { kind: 'candidate', label: t('markCandidate', n + 1) });
      else markRow(r.row, r.cancelCell, null);
    }
  }

  async function run(mine: number) {
    const result = recognize(document, manager.pages);
    const login = !result.recognized && isLoginPage();
    onList = result.recognized;
    markPage(result.recognized ? result.kind : login ? 'manager-login' : result.kind);
    if (!result.recognized && !login) report(result);
    if (!session) {
      session = await call('manager.session', {
        url: location.href,
        pageText: (document.body?.textContent ?? '').slice(0, 20_000),
      });
      panel.businessName = session.business?.name ?? null;
      panel.queue = session.queue;
      panel.active = session.active;
    }
    if (mine !== seq) return;
    await checkDialog();
    if (!result.recognized) {
      if (session.active && session.handoff?.searched === null) {
        panel.status = login ? 'login' : 'searching';
        const link = login ? null : findButton(document, manager.menu.invoices);
        if (link instanceof HTMLAnchorElement && link.href && !navigated) {
          navigated = true;
          location.assign(link.href); // to 청구서관리: reading, not changing anything
        }
      }
      draw();
      return;
    }
    rows = readInvoices(result, businessId());
    if (session.active && session.handoff?.searched === null && !searchedHere) {
      await search('normal');
      return;
    }
    view = await call('manager.observe', {
      businessId: businessId(),
      listUrl: location.href,
      invoices: rows.map((r) => r.invoice),
    });
    if (mine !== seq) return;
    drawMarks();
    if (view.resolvedId) {
      lastResolved = session.active;
      if (typed && panel.storeOptIn && Date.now() - typed.at < OPT_IN_MS && businessId()) {
        await call('manager.password.store', {
          businessId: businessId() as string,
          password: typed.value,
        });
      }
      typed = null;
      panel.storeOptIn = false;
    }
    if (view.resolvedId || (!session.active && lastResolved)) {
      panel.status = 'resolved';
      panel.active = session.active ?? lastResolved;
    } else if (view.target) {
      if (panel.status !== 'filled' && panel.status !== 'rejected') panel.status = 'target';
    } else if (view.candidates.length) {
      panel.status = 'choose';
      panel.candidates = view.candidates;
    } else if (view.none) panel.status = 'none';
    else panel.status = session.active ? 'searching' : 'idle';
    draw();
  }

  const scan = () => {
    const mine = ++seq;
    run(mine).catch((error) => console.warn('[reconcile] manager overlay', error));
  };

  ctx.addEventListener(
    document,
    'click',
    (event) => {
      // Only a person's clicks count: a page script's synthetic click must not arm the password.
      if (!byPerson(event)) return;
      const button = buttonOf(event, OWN);
      if (!button) return;
      const row = rows.find((r) => r.row.contains(button));
      if (row && labelIs(button, manager.rowActions.cancel)) {
        armed = { key: row.invoice.key, at: Date.now() };
        return;
      }
      if (dialog?.dialog.contains(button) && labelIs(button, manager.cancelDialog.confirm)) {
        if (panel.storeOptIn) typed = { value: dialog.input.value, at: Date.now() };
        rejectedShown = false;
        return;
      }
      const kind = contains(button, manager.rowActions.destroy)
        ? 'destroy'
        : contains(button, manager.rowActions.resend)
          ? 'resend'
          : null;
      if (!kind || !row) return;
      if (acknowledged) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      held = button;
      panel.warning = kind;
      panel.collapsed = false;
      draw();
      void call('manager.log', {
        type: kind === 'resend' ? 'warning.resend' : 'warning.destroy',
        detail: row.invoice.key,
      });
    },
    { capture: true },
  );

  const scheduler = contextScheduler(ctx);
  onStoreChanged(ctx, () => {
    session = null;
    scheduler.setTimeout(scan, 0);
  });
  watch(document.documentElement, scan, scheduler, (stop) => ctx.onInvalidated(stop));
}
