import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_V1 } from '@/lib/store/db';
import { BROWSERS, type BrowserName, BUILD_DIRS, launchWithExtension } from './browsers';
import { badgeBecomes, storedRows, storeUntil, until } from './fixture';
import { startSynthetic } from './synthetic';

/**
 * Staff must never lose a force-cancel: records survive two tabs recording a thousand changes at
 * once, an extension update that upgrades the database schema, a browser restart, and a
 * background killed in the middle of writes.
 */
type Rec = { id: string; state: string; stateSince?: number };

function useSite() {
  const ref = { url: '' };
  let site: Awaited<ReturnType<typeof startSynthetic>> | null = null;
  beforeAll(async () => {
    site = await startSynthetic();
    ref.url = site.url;
  });
  afterAll(async () => {
    await site?.close();
  });
  return ref;
}

describe.each(BROWSERS)('survival in %s', (name: BrowserName) => {
  const site = useSite();

  it('two tabs recording 1,000 changes at once lose none', async () => {
    const ext = await launchWithExtension(name);
    try {
      const [a, b] = await Promise.all([ext.browser.newPage(), ext.browser.newPage()]);
      // Both pages load (and record) at the same time; the store is polled rather than each load
      // awaited (Firefox's driver does not answer two concurrent navigations reliably).
      for (const [page, seed] of [
        [a, '가'],
        [b, '나'],
      ] as const) {
        page?.goto(`${site.url}/list?n=500&seed=${seed}`).catch(() => {});
      }
      const rows = await storeUntil<Rec>(ext, 'records', (r) => r.length >= 1000, 60_000);
      expect(rows).toHaveLength(1000);
      expect(rows.every((r) => r.state === 'pending')).toBe(true);
      await badgeBecomes(ext, '999+', 20_000);
    } finally {
      await ext.close();
    }
  });

  it('an update that upgrades the database from version 1 keeps every record', async () => {
    const ext = await launchWithExtension(name);
    try {
      const page = await ext.openExtensionPage('popup.html', '.popup__count');
      // Replace the database with one written by schema version 1 (as an old release left it).
      await page.evaluate(readFileSync('node_modules/dexie/dist/dexie.js', 'utf8'));
      const written = await page.evaluate(async (schema) => {
        const D = (globalThis as unknown as { Dexie: typeof import('dexie').default }).Dexie;
        await D.delete('macgai-reconcile');
        const old = new D('macgai-reconcile');
        old.version(1).stores(schema);
        const record = (i: number) => ({
          id: `p:pay|옛학생${i}|2026-10-01|100000|문자결제|0`,
          businessId: null,
          state: 'pending',
          payment: null,
          invoice: null,
          createdAt: 1_000 + i,
          updatedAt: 2_000 + i,
          events: [{ at: 2_000 + i, type: 'created', from: null, to: 'pending' }],
        });
        await old.table('records').bulkPut(Array.from({ length: 25 }, (_, i) => record(i)));
        old.close();
        return 25;
      }, SCHEMA_V1);
      expect(written).toBe(25);
      // The update: the browser loads the extension again (Chromium: the same unpacked directory
      // installed over itself; Firefox: runtime.reload()), and its background opens the database at v3.
      if (name === 'chromium') await ext.browser.installExtension(BUILD_DIRS.chromium);
      else await page.evaluate('browser.runtime.reload()').catch(() => {});
      await new Promise((r) => setTimeout(r, 1500));
      const rows = await storeUntil<Rec>(
        ext,
        'records',
        (r) => r.length === 25 && r.every((x) => x.stateSince !== undefined),
        20_000,
      );
      expect(rows.map((r) => r.stateSince).sort((x, y) => (x ?? 0) - (y ?? 0))[0]).toBe(2_000);
      await badgeBecomes(ext, '25', 20_000);
    } finally {
      await ext.close();
    }
  });

  it('a browser restart on the same profile keeps every record and the badge', async () => {
    const profileDir = await mkdtemp(join(tmpdir(), 'reconcile-restart-'));
    try {
      let ext = await launchWithExtension(name, { profileDir });
      const page = await ext.browser.newPage();
      await page.goto(`${site.url}/list?n=300&seed=라`);
      await storeUntil<Rec>(ext, 'records', (r) => r.length === 300, 30_000);
      await ext.close();
      ext = await launchWithExtension(name, { profileDir });
      expect(await storeUntil<Rec>(ext, 'records', (r) => r.length > 0, 20_000)).toHaveLength(300);
      await badgeBecomes(ext, '300', 20_000);
      await ext.close();
    } finally {
      await rm(profileDir, { recursive: true, force: true });
    }
  });

  it('a background (service worker, event page) stopped in the middle of writes loses nothing', async () => {
    const ext = await launchWithExtension(name);
    try {
      const page = await ext.browser.newPage();
      await page.bringToFront();
      const loading = page.goto(`${site.url}/list?n=800&seed=다`);
      // Stop the background repeatedly while the page's rows are being recorded.
      let stoppedWhileRunning = 0;
      for (let i = 0; i < 6; i++) {
        await new Promise((r) => setTimeout(r, 150));
        if (await ext.backgroundRunning()) stoppedWhileRunning++;
        await ext.suspendBackground();
      }
      await loading;
      expect(stoppedWhileRunning).toBeGreaterThan(0);
      await until(
        page,
        `document.querySelectorAll('[data-reconcile="pending"]').length === 800`,
        60_000,
      );
      expect(await storedRows<Rec>(ext, 'records')).toHaveLength(800);
    } finally {
      await ext.close();
    }
  });
});
