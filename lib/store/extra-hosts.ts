import { browser } from 'wxt/browser';
import { MatchPattern } from 'wxt/utils/match-patterns';
import type { ReconDb } from './db';
import type { SenderRules } from './senders';

/**
 * Sites beyond the production hosts (an academy whose MacGai or manager site lives on another
 * domain). The options page asks the browser for the origin (optional host permission, a user
 * gesture); here the content script is registered for it and its tabs are accepted as senders.
 */

export interface ExtraHost {
  origin: string;
  site: 'macgai' | 'manager';
}

const SCRIPT = {
  macgai: 'content-scripts/macgai.js',
  manager: 'content-scripts/manager.js',
} as const;
const scriptId = (h: ExtraHost) => `extra-${h.site}-${h.origin.replace(/[^a-z0-9]/gi, '_')}`;
const pattern = (origin: string) => `${origin.replace(/:\d+$/, '')}/*`;

export function extraHosts(db: ReconDb, rules: SenderRules) {
  async function list(): Promise<ExtraHost[]> {
    return ((await db.settings.get('extraHosts'))?.value as ExtraHost[] | undefined) ?? [];
  }

  /** The sender rules accept() added, by origin: remove() takes back these and nothing else. */
  const accepted = new Map<string, MatchPattern[]>();

  function accept(h: ExtraHost) {
    const p = new MatchPattern(pattern(h.origin));
    rules[h.site].push(p);
    accepted.set(h.origin, [...(accepted.get(h.origin) ?? []), p]);
  }

  async function register(h: ExtraHost) {
    const existing = await browser.scripting.getRegisteredContentScripts({ ids: [scriptId(h)] });
    if (existing.length) return;
    await browser.scripting.registerContentScripts([
      {
        id: scriptId(h),
        matches: [pattern(h.origin)],
        js: [SCRIPT[h.site]],
        allFrames: true,
        runAt: 'document_idle',
      },
    ]);
  }

  async function forget(origin: string, kept: ExtraHost[]) {
    const gone = (await list()).filter((x) => x.origin === origin);
    for (const h of gone) {
      await browser.scripting.unregisterContentScripts({ ids: [scriptId(h)] }).catch(() => {});
      // The permission is per host, not per port: keep it while another added origin needs it.
      if (!kept.some((x) => pattern(x.origin) === pattern(h.origin)))
        await browser.permissions.remove({ origins: [pattern(h.origin)] }).catch(() => false);
    }
    // Only the rules added for this origin: a built-in host it overlaps must stay accepted.
    const mine = accepted.get(origin) ?? [];
    accepted.delete(origin);
    for (const site of ['macgai', 'manager'] as const) {
      rules[site] = rules[site].filter((p) => !mine.includes(p));
    }
    return gone.length > 0;
  }

  return {
    /** On every wake: accept the stored hosts' tabs; re-register scripts the browser dropped. */
    async restore() {
      for (const h of await list()) {
        accept(h);
        if (await browser.permissions.contains({ origins: [pattern(h.origin)] })) await register(h);
      }
    },
    async add(origin: string, site: ExtraHost['site']) {
      const h = { origin: origin.toLowerCase(), site };
      if (!(await browser.permissions.contains({ origins: [pattern(h.origin)] }))) {
        throw Object.assign(new Error('Site access was not granted for this address.'), {
          code: 'not_granted',
        });
      }
      const all = await list();
      const hosts = all.filter((x) => x.origin !== h.origin);
      // The same address added again as the other site: the old script and rules go first.
      if (all.some((x) => x.origin === h.origin && x.site !== h.site))
        await forget(h.origin, [...hosts, h]);
      await db.settings.put({ key: 'extraHosts', value: [...hosts, h] });
      accept(h);
      await register(h);
      return { registered: true };
    },
    async remove(input: string) {
      const origin = input.toLowerCase();
      const kept = (await list()).filter((x) => x.origin !== origin);
      const removed = await forget(origin, kept);
      await db.settings.put({ key: 'extraHosts', value: kept });
      return { removed };
    },
  };
}
