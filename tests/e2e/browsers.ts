import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type LaunchOptions, type Page } from 'puppeteer-core';

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
  /** Chromium: stops the service worker (CDP). Firefox: waits for the event page to suspend. */
  suspendBackground(): Promise<void>;
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

export async function launchWithExtension(
  name: BrowserName,
  opts: { profileDir?: string; prefs?: Record<string, unknown> } = {},
): Promise<ExtensionBrowser> {
  const profileDir = opts.profileDir ?? (await mkdtemp(join(tmpdir(), `reconcile-${name}-`)));
  let browser: Browser;
  let origin: string;
  if (name === 'chromium') {
    browser = await launchChromium({ enableExtensions: true, userDataDir: profileDir });
    const id = await browser.installExtension(BUILD_DIRS.chromium);
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
        ...opts.prefs,
      },
    });
    await browser.installExtension(BUILD_DIRS.firefox);
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
        await session.send('ServiceWorker.enable');
        await session.send('ServiceWorker.stopAllWorkers');
        await page.close();
      } else {
        // Firefox suspends an idle MV3 event page after extensions.background.idle.timeout.
        await new Promise((r) =>
          setTimeout(
            r,
            Number(opts.prefs?.['extensions.background.idle.timeout'] ?? 30) * 1000 + 2000,
          ),
        );
      }
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
