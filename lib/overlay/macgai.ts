import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { MacgaiPayment } from '@/lib/domain/model';
import { plainName } from '@/lib/domain/parse/name';
import { isMacgaiCancelled } from '@/lib/domain/status';
import { readContext } from '@/lib/engine/context';
import {
  findLists,
  isDataRow,
  type ListCandidate,
  matchLists,
  readRow,
  scanLists,
} from '@/lib/engine/lists';
import { recognize } from '@/lib/engine/recognize';
import { fieldText, fold } from '@/lib/engine/text';
import { OWN_HOST_TAG, watch } from '@/lib/engine/watch';
import { t } from '@/lib/i18n';
import { businessPopup, macgai, paymentBusiness } from '@/lib/sites/macgai';
import type { Judgment } from '@/lib/store/channel';
import { call } from '@/lib/store/client';
import { clearFlag, drawFlags, type FlagTexts } from './flags';
import { type ReadRow, readAllTalkPayments } from './macgai-read';
import {
  contextScheduler,
  diagnosticsReporter,
  markPage,
  type OverlayOptions,
  onStoreChanged,
  personFilter,
} from './page';

/**
 * The MacGai overlay. On every (re-)render it reads the payment lists, sends what it saw to the
 * background (which records it before answering) and marks the rows from that answer. It watches
 * which row the user selects and which cancel button they press; it never clicks anything itself.
 */

const flagTexts = (): FlagTexts => ({
  pending: t('flagPending'),
  start: t('flagStart'),
  startLabel: t('flagStartLabel'),
  resolved: (time) => t('flagResolved', time),
  drift: t('flagDrift'),
  driftHint: t('flagDriftHint'),
});

function buttonText(el: Element): string {
  if (el instanceof HTMLInputElement) return el.value;
  return el.textContent ?? '';
}

/**
 * A click in one of our own flags (its [처리하기] button, its text) is neither a page button nor
 * a row selection. The browser retargets such a click to the flag's host for document listeners,
 * so `event.target` alone would read as a click on the row.
 */
function insideOwnFlag(event: Event): boolean {
  return event
    .composedPath()
    .some((node) => node instanceof Element && node.tagName.toLowerCase() === OWN_HOST_TAG);
}

function pressedButton(event: Event): Element | null {
  for (const node of event.composedPath()) {
    if (!(node instanceof Element)) continue;
    if (node.matches('button, input[type=button], input[type=submit], a, [role=button]'))
      return node;
  }
  return null;
}

function matchesWords(el: Element, words: readonly string[]): boolean {
  const text = fold(buttonText(el));
  return (
    text.length > 0 &&
    text.length <= 20 &&
    words.some((w) => text === fold(w) || text === `[${fold(w)}]`)
  );
}

export function startMacgaiOverlay(ctx: ContentScriptContext, options: OverlayOptions = {}): void {
  const byPerson = personFilter(options);
  const report = diagnosticsReporter('macgai');
  // Looked up on the first badge drawn: most pages never draw one.
  let textsOnce: FlagTexts | null = null;
  const texts = (): FlagTexts => {
    textsOnce ??= flagTexts();
    return textsOnce;
  };
  let shown: ReadRow[] = [];
  let selected: MacgaiPayment | null = null;
  let selectedBusiness: { name: string; bizNo: string | null; smsPayStatus: string | null } | null =
    null;
  let learned = '';
  let sequence = 0;
  let retryDelay = 0;
  /**
   * The background's answer per payment it judged, since its last 'changed' notice. A re-read row
   * that did not change keeps its payment object (macgai-read), so a re-scan sends only the rows
   * that are new or changed: re-sending a long list on every click would cost the page the
   * message and the background a transaction for nothing.
   */
  let judged = new WeakMap<MacgaiPayment, Judgment>();

  const start = (id: string) => {
    call('recon.start', { id }).catch((error) =>
      window.alert(t('flagStartFailed', String(error.message ?? error))),
    );
  };

  const shownLists = () => [
    ...new Set(
      shown.map((r) => r.row.closest('table, [role=grid], [role=table], [role=treegrid]') ?? r.row),
    ),
  ];
  const paymentOf = (el: Element): MacgaiPayment | null =>
    shown.find((r) => r.row === el || r.row.contains(el))?.payment ?? null;

  const scanBusinesses = (lists: readonly ListCandidate[]): boolean => {
    const list = matchLists(lists, businessPopup.list).found[0];
    if (!list) return false;
    markPage(businessPopup.kind);
    const businesses = list.rows
      .map((row, i) => ({ row, cells: list.cellsOf(i) }))
      // A "등록된 사업자가 없습니다" or title row is not a business.
      .filter(({ row, cells }) => isDataRow(row, list.columns, cells))
      .map(({ row, cells }) => readRow(row, list.columns, cells))
      .map((f) => ({ ...f, name: plainName(f.name ?? '') }))
      .filter((f) => f.name && f.bizNo)
      .map((f) => ({ name: f.name, bizNo: f.bizNo ?? null, smsPayStatus: f.smsPay ?? null }));
    const signature = JSON.stringify(businesses);
    if (businesses.length && signature !== learned) {
      learned = signature;
      call('businesses.learn', { businesses }).catch((e) => console.warn('[reconcile]', e));
    }
    return true;
  };

  /** A pressed cancel button must be recorded: retried a few times if the background is restarting. */
  const recordIntent = (payload: Parameters<typeof call<'payments.intent'>>[1], attempt = 0) => {
    call('payments.intent', payload).catch((error) => {
      if (attempt >= 5) console.warn('[reconcile] a pressed cancel could not be recorded', error);
      else ctx.setTimeout(() => recordIntent(payload, attempt + 1), 500 * 2 ** attempt);
    });
  };

  const scan = () => {
    const lists = scanLists(document);
    const result = recognize(document, macgai.pages, lists);
    if (!result.recognized) {
      for (const r of shown) clearFlag(r.row);
      shown = [];
      if (lists.length > 0 && scanBusinesses(lists)) return;
      markPage(result.kind);
      report(result);
      return;
    }
    markPage(result.kind);
    report(result);
    // Only AllTalkPay (문자결제) payments concern us; a list without a method column sends all.
    const rows = readAllTalkPayments(result);
    const stillShown = new Set(rows.map((r) => r.row));
    for (const old of shown) if (!stillShown.has(old.row)) clearFlag(old.row);
    shown = rows;
    const draw = () => {
      const items = rows.map((r) => ({
        row: r.row,
        anchor: r.anchor,
        judgment: r.row.isConnected ? (judged.get(r.payment) ?? null) : null,
      }));
      drawFlags(items, texts, start);
    };
    const fresh = rows.map((r) => r.payment).filter((p) => !judged.has(p));
    if (fresh.length === 0) {
      ++sequence; // an answer still on its way is older than this
      draw();
      return;
    }
    const mine = ++sequence;
    const answers = judged;
    call('payments.observe', { payments: fresh })
      .then(({ judgments }) => {
        retryDelay = 0;
        for (const p of fresh) answers.set(p, judgments[p.key] ?? null);
        if (mine !== sequence) return; // a newer scan will draw
        draw();
      })
      .catch((error) => {
        // Not recorded (the background was restarting, the database busy): these rows stay
        // unanswered, so the next scan sends them again — soon, and without waiting for the page.
        console.warn('[reconcile] payments not recorded yet; retrying', error);
        retryDelay = Math.min(Math.max(1_000, retryDelay * 2), 30_000);
        ctx.setTimeout(scan, retryDelay);
      });
  };

  // Capture phase: we see the click before the page's own handler opens its confirm().
  ctx.addEventListener(
    document,
    'click',
    (event) => {
      if (!byPerson(event) || insideOwnFlag(event)) return;
      const button = pressedButton(event);
      const target = event.target instanceof Element ? event.target : null;
      if (button && matchesWords(button, macgai.buttons.managerShortcut)) {
        if (selectedBusiness)
          call('manager.nextBusiness', { business: selectedBusiness }).catch(() => {});
        return;
      }
      const action = button
        ? matchesWords(button, macgai.buttons.forceCancel)
          ? 'force'
          : matchesWords(button, macgai.buttons.normalCancel)
            ? 'normal'
            : null
        : null;
      if (action) {
        const seen = paymentOf(button as Element) ?? selected;
        if (seen && !isMacgaiCancelled(seen.status)) {
          // The selected payment's detail box, when the page shows one, names its business.
          const box = readContext(document, paymentBusiness, shownLists()).business ?? '';
          const shownBusiness = fieldText(plainName(box), 'business') || null;
          const payment = { ...seen, businessName: seen.businessName ?? shownBusiness };
          recordIntent({ action, payment });
        }
        return;
      }
      if (target) {
        const payment = paymentOf(target);
        if (payment) selected = payment;
        const bizList = findLists(document, businessPopup.list).found[0];
        const bizRow = bizList?.rows.find((row) => row.contains(target));
        if (bizList && bizRow) {
          const f = readRow(bizRow, bizList.columns);
          const name = plainName(f.name ?? '');
          if (name)
            selectedBusiness = {
              name,
              bizNo: f.bizNo ?? null,
              smsPayStatus: f.smsPay ?? null,
            };
        }
      }
    },
    { capture: true },
  );

  ctx.addEventListener(
    document,
    'change',
    (event) => {
      const target = event.target;
      if (
        byPerson(event) &&
        target instanceof HTMLInputElement &&
        (target.type === 'checkbox' || target.type === 'radio') &&
        target.checked
      ) {
        const payment = paymentOf(target);
        if (payment) selected = payment;
      }
    },
    { capture: true },
  );

  const scheduler = contextScheduler(ctx);
  onStoreChanged(ctx, () => {
    judged = new WeakMap(); // every answer may have changed: ask again
    scheduler.requestAnimationFrame(scan);
  });
  watch(document.documentElement, scan, scheduler, (stop) => ctx.onInvalidated(stop));
}
