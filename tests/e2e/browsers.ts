import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { zipSync } from 'fflate';
import puppeteer, {
  type Browser,
  type CDPSession,
  type LaunchOptions,
  type Page,
} from 'puppeteer-core';

/**
 * Real browsers with the `npm run build:test` extension loaded: one per test file, reused across
 * its tests, each with a fresh profile. See ../shared/BROWSERS.md for why it is done this way.
 */
export type BrowserName = 'chromium' | 'firefox';

export const BUILD_DIRS: Record<BrowserName, string> = {
  chromium: resolve('.output/test/chrome-mv3'),
  firefox: resolve('.output/test/firefox-mv3'),
};

const GECKO_ID = 'macgai-reconcile@academy-tools.kr';
const FIREFOX_UUID = '6f1c3d2e-8a4b-4c5d-9e0f-1a2b3c4d5e6f';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/**
 * Chromium as every test, bench and script here launches it: headless, the flags this closed
 * network needs, a fixed viewport, and a Korean UI (the extension's i18n follows it).
 */
export function launchChromium(extra: LaunchOptions = {}): Promise<Browser> {
  return puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    pipe: true,
    defaultViewport: { width: 1280, height: 900 },
    env: { ...process.env, LANGUAGE: 'ko', LANG: 'ko_KR.UTF-8' },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--lang=ko-KR',
      '--window-size=1280,900',
    ],
    ...extra,
  });
}

export interface ExtensionBrowser {
  name: BrowserName;
  browser: Browser;
  /** chrome-extension://ID or moz-extension://UUID */
  origin: string;
  profileDir: string;
  /** Opens an extension page (popup.html, options.html) in a tab and waits until it has rendered. */
  openExtensionPage(path: string, ready?: string): Promise<Page>;
  /** Evaluates a function in an extension page (where `browser`/`chrome` APIs exist). */
  inExtension<T>(fn: string): Promise<T>;
  badgeText(): Promise<string>;
  /**
   * Stops the background now, as the browser does to an idle one: Chromium stops the service
   * worker (CDP); Firefox terminates the event page (what about:debugging's button does).
   * Resolves once the browser says it stopped (a waiting message may wake it again at once);
   * rejects if it does not.
   */
  suspendBackground(): Promise<void>;
  /** Whether the background (service worker / event page) is running. */
  backgroundRunning(): Promise<boolean>;
  close(): Promise<void>;
}

/** `promise`, or a rejection naming `what` once `ms` have passed. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** puppeteer's BiDi connection (not public API): for the Firefox commands puppeteer does not wrap. */
type SendBidi = (method: string, params: object) => Promise<{ result: Record<string, unknown> }>;

/** Every file of a directory, for a zip. */
async function filesOf(dir: string, root = dir, out: Record<string, Uint8Array> = {}) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await filesOf(path, root, out);
    else out[relative(root, path)] = new Uint8Array(await readFile(path));
  }
  return out;
}

/** Runs privileged (chrome-scope) script in Firefox over WebDriver BiDi; needs --remote-allow-system-access. */
async function firefoxChrome<T>(browser: Browser, expression: string): Promise<T> {
  const connection = (browser as unknown as { connection: { send: SendBidi } }).connection;
  const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const [context] = tree.result.contexts as { context: string }[];
  if (!context) throw new Error('no chrome-scope browsing context');
  const { result } = await connection.send('script.evaluate', {
    expression,
    target: { context: context.context },
    awaitPromise: true,
  });
  if (result.type !== 'success') throw new Error(`chrome-scope script: ${JSON.stringify(result)}`);
  return (result.result as { value: T }).value;
}

export async function launchWithExtension(
  name: BrowserName,
  opts: {
    /**
     * A profile that outlives the browser (a restart). Firefox then installs the packed add-on
     * permanently (Firefox ESR accepts it unsigned with xpinstall.signatures.required=false), as
     * a temporary add-on and its data are removed at shutdown; a relaunch on the profile finds it
     * installed and installs nothing.
     */
    profileDir?: string;
    prefs?: Record<string, unknown>;
    /** Another unpacked Chromium build than the test build (the bench's floor build). */
    chromiumDir?: string;
  } = {},
): Promise<ExtensionBrowser> {
  const profileDir = opts.profileDir ?? (await mkdtemp(join(tmpdir(), `reconcile-${name}-`)));
  let browser: Browser;
  let origin: string;
  if (name === 'chromium') {
    browser = await launchChromium({ enableExtensions: true, userDataDir: profileDir });
    const id = await browser.installExtension(opts.chromiumDir ?? BUILD_DIRS.chromium);
    origin = `chrome-extension://${id}`;
  } else {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      defaultViewport: { width: 1280, height: 900 },
      userDataDir: profileDir,
      args: ['--remote-allow-system-access', '--width=1280', '--height=900'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
        'intl.accept_languages': 'ko-KR, ko',
        'intl.locale.requested': 'ko',
        'xpinstall.signatures.required': false,
        ...opts.prefs,
      },
    });
    if (!opts.profileDir) await browser.installExtension(BUILD_DIRS.firefox);
    else if (!existsSync(join(profileDir, 'extensions', `${GECKO_ID}.xpi`))) {
      const xpi = join(await mkdtemp(join(tmpdir(), 'reconcile-xpi-')), 'reconcile.xpi');
      await writeFile(xpi, zipSync(await filesOf(BUILD_DIRS.firefox)));
      const connection = (browser as unknown as { connection: { send: SendBidi } }).connection;
      await connection.send('webExtension.install', {
        extensionData: { type: 'archivePath', path: xpi },
        'moz:permanent': true,
      });
      await rm(xpi, { force: true });
    }
    origin = `moz-extension://${FIREFOX_UUID}`;
  }

  async function openExtensionPage(path: string, ready = 'body > *'): Promise<Page> {
    const page = await browser.newPage();
    // Firefox never resolves goto() on moz-extension:// pages: start it and poll instead.
    page.goto(`${origin}/${path}`).catch(() => {});
    const deadline = Date.now() + 20_000;
    for (;;) {
      const found = await within(
        page.evaluate(
          (sel, o) => location.origin === o && document.querySelector(sel) !== null,
          ready,
          origin,
        ),
        2_000,
        path,
      ).catch(() => false);
      if (found) return page;
      if (Date.now() > deadline) throw new Error(`${path} did not render ${ready}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  let helperPage: Page | null = null;
  async function inExtension<T>(fn: string): Promise<T> {
    if (!helperPage || helperPage.isClosed()) helperPage = await openExtensionPage('popup.html');
    // Bounded: an evaluation caught by a navigation or a busy browser must fail (and be retried
    // by the caller's poll), never stall the test until its own timeout.
    return within(
      helperPage.evaluate(`(${fn})()`) as Promise<T>,
      10_000,
      'an extension-page probe',
    );
  }

  /** Firefox: the event page's state ('stopped' when terminated). */
  const eventPageState = () =>
    firefoxChrome<string>(
      browser,
      `WebExtensionPolicy.getByID(${JSON.stringify(GECKO_ID)}).extension.backgroundState`,
    );

  return {
    name,
    browser,
    origin,
    profileDir,
    openExtensionPage,
    inExtension,
    badgeText: () =>
      inExtension<string>(
        '() => (globalThis.chrome?.action ?? globalThis.browser.action).getBadgeText({})',
      ),
    async suspendBackground() {
      if (name === 'chromium') {
        const page = await browser.newPage();
        const session = await page.createCDPSession();
        // stopAllWorkers answers before the worker has stopped, and a worker caught starting (woken
        // by a message a moment before) can stay "stopping" for seconds, refusing every message
        // ("Receiving end does not exist") meanwhile. Done once Chromium reports it stopped (a
        // queued message may wake it again at once, as after any stop by the browser itself).
        let stopped = false;
        session.on(
          'ServiceWorker.workerVersionUpdated',
          (e: { versions: { scriptURL: string; runningStatus: string }[] }) => {
            for (const v of e.versions)
              if (v.scriptURL.startsWith(origin) && v.runningStatus === 'stopped') stopped = true;
          },
        );
        await session.send('ServiceWorker.enable');
        await session.send('ServiceWorker.stopAllWorkers');
        const deadline = Date.now() + 15_000;
        while (!stopped && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        await page.close();
        if (!stopped) throw new Error('the service worker did not stop within 15 s');
      } else {
        await firefoxChrome(
          browser,
          `WebExtensionPolicy.getByID(${JSON.stringify(GECKO_ID)}).extension.terminateBackground({ disableResetIdleForTest: true })`,
        );
        if ((await eventPageState()) !== 'stopped') throw new Error('the event page did not stop');
      }
    },
    async backgroundRunning() {
      if (name === 'chromium') {
        return browser
          .targets()
          .some((t) => t.type() === 'service_worker' && t.url().startsWith(origin));
      }
      return (await eventPageState()) !== 'stopped';
    },
    async close() {
      // A browser that does not close within 15 s is killed: a hung shutdown must not hang CI.
      await within(browser.close(), 15_000, 'closing the browser').catch(() =>
        browser.process()?.kill('SIGKILL'),
      );
      if (!opts.profileDir) await rm(profileDir, { recursive: true, force: true });
    },
  };
}

export const BROWSERS: BrowserName[] = (process.env.E2E_BROWSERS?.split(',') as
  | BrowserName[]
  | undefined) ?? ['chromium', 'firefox'];

interface ContextDescription {
  id: number;
  origin: string;
  auxData?: { type?: string; frameId?: string };
}

/**
 * Evaluates expressions in the extension's content-script world of a page's main frame
 * (Chromium, CDP): messages sent from there take exactly the path the content script's own take.
 */
export interface ContentWorld {
  evaluate<T>(expression: string): Promise<T>;
}

/** Opens `url` in `page` and finds the MacGai or manager-site content script's world in it. */
export async function contentWorld(page: Page, origin: string, url: string): Promise<ContentWorld> {
  const session: CDPSession = await page.createCDPSession();
  const contexts = new Map<number, ContextDescription>();
  session.on('Runtime.executionContextCreated', (e: { context: ContextDescription }) => {
    contexts.set(e.context.id, e.context);
  });
  session.on('Runtime.executionContextDestroyed', (e: { executionContextId: number }) => {
    contexts.delete(e.executionContextId);
  });
  session.on('Runtime.executionContextsCleared', () => contexts.clear());
  await session.send('Runtime.enable');
  await page.goto(url);
  await page.waitForFunction(
    () => document.documentElement.getAttribute('data-reconcile-page') !== null,
    { timeout: 15_000 },
  );
  const tree = (await session.send('Page.getFrameTree')) as {
    frameTree: { frame: { id: string } };
  };
  const frameId = tree.frameTree.frame.id;
  const find = () =>
    [...contexts.values()].find(
      (c) => c.auxData?.type === 'isolated' && c.origin === origin && c.auxData.frameId === frameId,
    );
  const context = find();
  if (!context) throw new Error(`no content-script world of ${origin} in ${url}`);
  return {
    async evaluate<T>(expression: string): Promise<T> {
      const r = (await session.send('Runtime.evaluate', {
        contextId: context.id,
        expression,
        awaitPromise: true,
        returnByValue: true,
      })) as {
        result: { value?: unknown };
        exceptionDetails?: { text: string; exception?: { description?: string } };
      };
      if (r.exceptionDetails) {
        const d = r.exceptionDetails;
        throw new Error(`in the content script: ${d.exception?.description ?? d.text}`);
      }
      return r.result.value as T;
    },
  };
}
