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

  function accept(h: ExtraHost) {
    rules[h.site].push(new MatchPattern(pattern(h.origin)));
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
      const hosts = (await list()).filter((x) => x.origin !== h.origin);
      await db.settings.put({ key: 'extraHosts', value: [...hosts, h] });
      accept(h);
      await register(h);
      return { registered: true };
    },
    async remove(origin: string) {
      const hosts = await list();
      const gone = hosts.filter((x) => x.origin === origin);
      await db.settings.put({ key: 'extraHosts', value: hosts.filter((x) => x.origin !== origin) });
      for (const h of gone) {
        await browser.scripting.unregisterContentScripts({ ids: [scriptId(h)] }).catch(() => {});
        await browser.permissions.remove({ origins: [pattern(h.origin)] }).catch(() => false);
        for (const site of ['macgai', 'manager'] as const) {
          rules[site] = rules[site].filter((p) => !p.includes(`${h.origin}/`));
        }
      }
      return { removed: gone.length > 0 };
    },
  };
}
