import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type ReplicaHandle, startReplica } from '../replica/server';
import type { Cases } from '../replica/types';
import { type BrowserName, type ExtensionBrowser, launchWithExtension, within } from './browsers';

/**
 * One browser (fresh profile) and one replica server per describe block, reused by its tests.
 * Pages are driven as a person would: click the row, press the button, accept the confirm().
 */

export interface E2E {
  ext: ExtensionBrowser;
  replica: ReplicaHandle;
  /** Native confirm()/alert() messages seen, in order (all accepted unless `dismissNext`). */
  dialogs: string[];
  /** The next confirm() is dismissed (the user backs out). */
  dismissNext(): void;
  /** A new tab, brought to front (background tabs get no animation frames). */
  page(url?: string): Promise<Page>;
  /** {@link page}, closed when the current test ends. */
  open(url: string): Promise<Page>;
  /** A tab the site opened during the test (a popup, a new tab), closed when the test ends. */
  closeAfterTest(page: Page): void;
}

export function useE2E(
  name: BrowserName,
  opts: Parameters<typeof launchWithExtension>[1] = {},
): E2E {
  const ctx = { dialogs: [] as string[] } as E2E;
  let dismiss = false;
  beforeAll(async () => {
    ctx.replica = await startReplica();
    ctx.ext = await launchWithExtension(name, opts);
  });
  afterAll(async () => {
    await ctx.ext?.close();
    await ctx.replica?.close();
  });
  const opened: Page[] = [];
  afterEach(async () => {
    for (const p of opened.splice(0)) if (!p.isClosed()) await p.close().catch(() => {});
  });
  ctx.dismissNext = () => {
    dismiss = true;
  };
  ctx.page = async (url?: string) => {
    const page = await ctx.ext.browser.newPage();
    page.on('dialog', (d) => {
      ctx.dialogs.push(d.message());
      if (dismiss && d.type() === 'confirm') {
        dismiss = false;
        void d.dismiss();
      } else void d.accept();
    });
    await page.bringToFront();
    if (url) await page.goto(url);
    return page;
  };
  ctx.closeAfterTest = (page: Page) => {
    opened.push(page);
  };
  ctx.open = async (url: string) => {
    const page = await ctx.page(url);
    opened.push(page);
    return page;
  };
  return ctx;
}

type Scope = Page | Frame;

/**
 * Brings the scope's tab to front. Opening any other tab (an extension page to read the badge,
 * a CDP helper) hides this one, and a hidden tab gets no animation frames: clicks would hang.
 */
export async function front(scope: Scope): Promise<void> {
  const page = 'page' in scope && typeof scope.page === 'function' ? scope.page() : (scope as Page);
  await page.bringToFront();
}

/** A table row or ARIA grid row that shows every one of `texts`. */
export async function rowWith(scope: Scope, texts: string[]) {
  await front(scope);
  const cond = texts.map((t) => `contains(normalize-space(.), ${JSON.stringify(t)})`).join(' and ');
  const handle = await scope.waitForSelector(
    `xpath/(//tr[${cond}] | //*[@role="row"][${cond}])[last()]`,
    {
      timeout: 10_000,
    },
  );
  if (!handle) throw new Error(`no row with ${texts.join(', ')}`);
  return handle;
}

/** Clicks the button (or input button) whose visible text is `label`. */
export async function press(scope: Scope, label: string): Promise<void> {
  await front(scope);
  const q = JSON.stringify(label);
  const button = await scope.waitForSelector(
    `xpath/(//button[normalize-space(.)=${q}] | //input[(@type="button" or @type="submit") and @value=${q}] | //a[normalize-space(.)=${q}])[1]`,
    { visible: true, timeout: 10_000 },
  );
  if (!button) throw new Error(`no button ${label}`);
  await button.click();
}

/**
 * Waits until the expression is truthy in the page and returns its value. Polls from Node with a
 * Node-side deadline, so a throttled or navigating page can neither hang it nor outlive it.
 */
export async function until<T>(scope: Scope, expression: string, timeout = 10_000): Promise<T> {
  const deadline = Date.now() + timeout;
  let lastError: unknown = null;
  for (;;) {
    const value = await within(scope.evaluate(expression), 2_000, 'a page probe').catch(
      (error: unknown) => {
        lastError = error;
        return null;
      },
    );
    if (value) return value as T;
    if (Date.now() > deadline) {
      throw new Error(
        `timed out waiting for ${expression}${lastError ? ` (${String(lastError)})` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `data-reconcile` marks on the rows of a document, as [mark, row text] pairs. */
export async function marks(scope: Scope): Promise<[string, string][]> {
  return scope.evaluate(() =>
    Array.from(document.querySelectorAll('[data-reconcile]')).map(
      (el) =>
        [
          el.getAttribute('data-reconcile') ?? '',
          (el.textContent ?? '').replace(/\s+/g, ' ').trim(),
        ] as [string, string],
    ),
  );
}

export async function pageKind(scope: Scope): Promise<string | null> {
  return scope.evaluate(() => document.documentElement.getAttribute('data-reconcile-page'));
}

/** Polls until the page kind is set by the content script. */
export async function waitForPageKind(scope: Scope, kind?: string): Promise<string> {
  const expr = kind
    ? `document.documentElement.getAttribute('data-reconcile-page') === ${JSON.stringify(kind)} && ${JSON.stringify(kind)}`
    : `document.documentElement.getAttribute('data-reconcile-page')`;
  return until<string>(scope, expr);
}

export async function badgeBecomes(
  ext: ExtensionBrowser,
  text: string,
  timeout = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    last = await ext.badgeText().catch((error: unknown) => `(${String(error)})`);
    if (last === text) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`badge stayed "${last}", expected "${text}"`);
}

export const SCREENSHOT_DIR = resolve('artifacts/screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
}

/** The child frame whose URL contains `part` (the grid layout's content frame). */
export async function frameWith(page: Page, part: string): Promise<Frame> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const frame = page.frames().find((f) => f !== page.mainFrame() && f.url().includes(part));
    if (frame) return frame;
    if (Date.now() > deadline) throw new Error(`no frame with ${part}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function caseOf<K extends keyof Cases>(replica: ReplicaHandle, name: K): Cases[K] {
  return replica.state().cases[name];
}

/** A person's cancel in MacGai: click the payment row, press the button; the fixture accepts the confirm. */
export async function cancelRow(
  scope: Scope,
  rowTexts: string[],
  button: '강제취소' | '결제취소',
): Promise<void> {
  const row = await rowWith(scope, rowTexts);
  await row.click();
  await press(scope, button);
}

/** Every row of one table of the extension's store, read from an extension page (the real IndexedDB). */
export async function storedRows<T = Record<string, unknown>>(
  ext: ExtensionBrowser,
  table: string,
): Promise<T[]> {
  // Until the background has created the database there are no rows: the probe must neither
  // create an empty database (Dexie would then upgrade from it) nor wait for a store that does
  // not exist yet.
  return ext.inExtension<T[]>(`() => new Promise((resolve, reject) => {
    const name = ${JSON.stringify(table)};
    const open = indexedDB.open('macgai-reconcile');
    open.onupgradeneeded = () => open.transaction.abort();
    open.onerror = () => (open.error?.name === 'AbortError' ? resolve([]) : reject(open.error));
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains(name)) { db.close(); resolve([]); return; }
      const req = db.transaction(name).objectStore(name).getAll();
      req.onsuccess = () => { resolve(req.result); db.close(); };
      req.onerror = () => { reject(req.error); db.close(); };
    };
  })`);
}

/** Polls a table of the store until `ok(rows)` holds. */
export async function storeUntil<T = Record<string, unknown>>(
  ext: ExtensionBrowser,
  table: string,
  ok: (rows: T[]) => boolean,
  timeout = 10_000,
): Promise<T[]> {
  const deadline = Date.now() + timeout;
  let last = '';
  for (;;) {
    const rows = await storedRows<T>(ext, table).catch((error: unknown) => {
      last = String(error);
      return [] as T[];
    });
    if (ok(rows)) return rows;
    if (Date.now() > deadline)
      throw new Error(
        `store ${table} never matched: ${JSON.stringify(rows).slice(0, 500)} ${last}`.trim(),
      );
    await new Promise((r) => setTimeout(r, 150));
  }
}
