import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import { MANAGER_HOME } from '@/lib/sites/hosts';
import { createAuditService } from './audit-service';
import { applyBadge, type BadgeApi, badgeView } from './badge';
import { CHANNEL, type ChangedNotice } from './channel';
import { type BusinessRow, openDb } from './db';
import { extraHosts } from './extra-hosts';
import { createManagerService } from './manager-service';
import { createPagesService } from './pages-service';
import { type Handlers, route } from './router';
import { senderRules } from './senders';
import { createService } from './service';

/**
 * Wires the store into the background. Runs on every wake of the MV3 worker / event page: the
 * badge is recomputed from the database each time, so a killed worker never leaves it stale.
 */

const OVERDUE_DAYS_DEFAULT = 3;
/** How long the badge refresh waits after a change for the requests in flight to finish. */
const BADGE_QUIET_MS = 20;
/** The longest a stream of requests can hold the badge refresh back. */
const BADGE_MAX_DEFER_MS = 1_000;

function action(): BadgeApi {
  // MV3 has `action`; an MV2 build would have `browserAction`.
  const api = browser.action ?? (browser as unknown as { browserAction: BadgeApi }).browserAction;
  return api as unknown as BadgeApi;
}

export function startBackground(): void {
  const db = openDb();
  const manifest = browser.runtime.getManifest();
  const managerPatterns =
    manifest.content_scripts?.find((cs) =>
      cs.js?.some((f) => f.includes('content-scripts/manager.js')),
    )?.matches ?? [];

  /** Requests being handled right now (a badge refresh lets them go first, below). */
  let handling = 0;
  /**
   * The badge counts every open record on the indexes, which IndexedDB does in time proportional
   * to their number, in a read transaction the next write has to wait for (about half a second
   * with 50k open records). While a page sends request after request, the refresh waits for a
   * pause — a few milliseconds after the last reply, at most a second — instead of holding up each
   * write for a count the next write outdates. The badge still follows every change.
   * (A pause: no request in flight, none started or finished in the last BADGE_QUIET_MS.)
   */
  let lastRequest = 0;
  const writersPause = async () => {
    const until = Date.now() + BADGE_MAX_DEFER_MS;
    for (;;) {
      const quietFor = Date.now() - lastRequest;
      if ((handling === 0 && quietFor >= BADGE_QUIET_MS) || Date.now() >= until) return;
      const wait = handling > 0 ? BADGE_QUIET_MS : BADGE_QUIET_MS - quietFor;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  };

  let badgeQueued: Promise<void> | null = null;
  const refreshBadge = (): Promise<void> => {
    badgeQueued ??= (async () => {
      await writersPause();
      badgeQueued = null;
      const setting = await db.settings.get('overdueDays');
      const days = typeof setting?.value === 'number' ? setting.value : OVERDUE_DAYS_DEFAULT;
      const view = await badgeView(db, Date.now(), days, {
        title: t('extName'),
        perBusiness: (name, n) => t('badgeTooltipLine', name, n),
        unknownBusiness: t('badgeUnknownBusiness'),
      });
      await applyBadge(action(), view);
    })().catch((error) => console.error('[reconcile] badge', error));
    return badgeQueued;
  };

  const notifyTabs = async () => {
    const notice: ChangedNotice = { channel: CHANNEL, type: 'changed' };
    const tabs = await browser.tabs.query({});
    for (const tab of tabs) {
      if (tab.id !== undefined) browser.tabs.sendMessage(tab.id, notice).catch(() => {});
    }
  };

  const openManager = async (business: BusinessRow | null): Promise<boolean> => {
    const existing = managerPatterns.length
      ? await browser.tabs.query({ url: managerPatterns })
      : [];
    const tab = existing.find((t) => t.id !== undefined);
    if (tab?.id !== undefined) {
      await browser.tabs.update(tab.id, { active: true });
      if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
      return true;
    }
    await browser.tabs.create({ url: business?.managerUrl ?? MANAGER_HOME });
    return true;
  };

  const service = createService({
    db,
    now: Date.now,
    changed: () => {
      void refreshBadge();
      notifyTabs().catch(() => {});
    },
    openManager,
  });

  const managerService = createManagerService({ db, now: Date.now, changed: service.changed });

  const pages = createPagesService({ db, now: Date.now, changed: service.changed });
  const audit = createAuditService({ db, now: Date.now, changed: service.changed });
  const rules = senderRules(manifest, browser.runtime.id, browser.runtime.getURL('/'));
  const hosts = extraHosts(db, rules);

  const handlers: Handlers = {
    'business.save': (p) => pages.saveBusiness(p),
    'business.delete': (p) => pages.deleteBusiness(p.id),
    'settings.set': (p) => pages.setSetting(p),
    'hosts.add': (p) => hosts.add(p.origin, p.site),
    'hosts.remove': (p) => hosts.remove(p.origin),
    'data.import': (p) => pages.importBackup(p.backup),
    'audit.commit': (p) => audit.commit(p),
    'data.clear': () => pages.clearAll(),
    'diagnostics.clear': () => pages.clearDiagnostics(),
    'manager.session': (p, s) => managerService.session(p, s.tabId),
    'manager.observe': (p) => managerService.observe(p),
    'manager.handoff': (p) => managerService.handoff(p),
    'manager.password': (p, s) => managerService.password(p.businessId, s.tabId),
    'manager.password.store': (p) => managerService.storePassword(p.businessId, p.password),
    'manager.log': (p, s) => managerService.log(p, s.tabId),
    'page.report': (p) => service.reportPage(p),
    'payments.observe': (p) => service.observePayments(p),
    'payments.intent': (p) => service.recordIntent(p),
    'businesses.learn': (p) => service.learnBusinesses(p),
    'manager.nextBusiness': (p) => service.nextManagerBusiness(p),
    'recon.start': (p) => service.start(p.id),
    'recon.act': async (p) => {
      const action =
        p.action === 'undo'
          ? ({ type: 'undo' } as const)
          : p.action === 'dismiss'
            ? ({ type: 'dismiss', reason: p.reason ?? '' } as const)
            : ({
                type: 'resolve',
                evidence: { at: Date.now(), source: 'manual', invoice: null, note: p.reason },
                reason: p.reason,
              } as const);
      const record = await service.act(p.id, action);
      return { state: record.state };
    },
  };

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if ((message as { channel?: unknown })?.channel !== CHANNEL) return undefined;
    handling++;
    lastRequest = Date.now();
    return route(rules, handlers, message, sender).finally(() => {
      handling--;
      lastRequest = Date.now();
    });
  });

  void hosts.restore().catch((error) => console.error('[reconcile] extra hosts', error));
  void navigator.storage?.persist?.().catch(() => false);
  void refreshBadge();
}
