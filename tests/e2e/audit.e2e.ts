import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bigScenario,
  MESSY_XLSX,
  PLAIN_CSV,
  type Scenario,
  SMALL,
  scenario,
  writeMacgai,
  writeManager,
} from '../fixtures/audit/generate';
import { BROWSERS } from './browsers';
import { badgeBecomes, screenshot, storedRows, until, useE2E } from './fixture';

/**
 * The month-end audit page of the built extension, driven as a person would: choose the two
 * exports in the file inputs (puppeteer's ElementHandle.uploadFile: CDP in Chromium, WebDriver
 * BiDi input.setFiles in Firefox), start, read the report, add the pending ones and watch the
 * toolbar badge rise by exactly that number.
 */

const GROUPS = [
  'pending',
  'drift',
  'paidOneSide',
  'ambiguous',
  'unmatchedMacgai',
  'unmatchedManager',
] as const;

let dir = '';
let sc: Scenario;
const files = { manager: '', macgai: '', macgaiCsv: '', bigManager: '', bigMacgai: '' };
let big: Scenario;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'audit-e2e-'));
  sc = scenario(SMALL);
  // ASCII names: Chromium's file chooser (CDP DOM.setFileInputFiles) drops non-ASCII paths in
  // this headless setup; Firefox takes them. The page reads the names only to show them.
  files.manager = join(dir, 'billing-list.xlsx');
  files.macgai = join(dir, 'sunap-list.xlsx');
  files.macgaiCsv = join(dir, 'sunap-status.csv');
  await writeFile(files.manager, await writeManager(sc.manager, MESSY_XLSX));
  await writeFile(files.macgai, await writeMacgai(sc.macgai, MESSY_XLSX));
  await writeFile(files.macgaiCsv, await writeMacgai(sc.macgai, PLAIN_CSV));
  big = bigScenario(50_000);
  files.bigManager = join(dir, 'billing-50k.xlsx');
  files.bigMacgai = join(dir, 'sunap-50k.xlsx');
  await writeFile(files.bigManager, await writeManager(big.manager, { format: 'xlsx' }));
  await writeFile(files.bigMacgai, await writeMacgai(big.macgai, { format: 'xlsx' }));
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function choose(page: Page, slot: 'manager' | 'macgai', path: string): Promise<void> {
  const input = (await page.waitForSelector(
    `#audit-file-${slot}`,
  )) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(path);
  const name = path.split('/').pop() as string;
  await until(
    page,
    `[...document.querySelectorAll('[data-slot=${slot}] li')].some((li) => li.textContent.includes(${JSON.stringify(name)}))`,
  );
}

async function start(page: Page): Promise<void> {
  await page.bringToFront();
  await page.evaluate(() => {
    const button = [...document.querySelectorAll('button')].find(
      (b) => b.textContent === '대사 시작',
    );
    (button as HTMLButtonElement).click();
  });
}

async function counts(page: Page): Promise<Record<(typeof GROUPS)[number], number>> {
  try {
    await until(page, `!!document.querySelector('[data-group=pending] .audit__count-n')`, 60_000);
  } catch (error) {
    const shown = await page.evaluate(() => document.querySelector('.audit')?.textContent);
    throw new Error(`${String(error)}\npage: ${shown?.slice(0, 1500)}`);
  }
  return page.evaluate(
    (groups) => {
      const out: Record<string, number> = {};
      for (const g of groups) {
        const text = document.querySelector(`[data-group=${g}] .audit__count-n`)?.textContent ?? '';
        out[g] = Number(text.replace(/\D/g, ''));
      }
      return out;
    },
    GROUPS as unknown as string[],
  ) as Promise<Record<(typeof GROUPS)[number], number>>;
}

describe.each(BROWSERS)('month-end audit in %s', (name) => {
  const e2e = useE2E(name);

  it('reads both exports, reports every group and adds the pending ones to the queue', async () => {
    const page = await e2e.ext.openExtensionPage('audit.html', '.audit');
    await page.setViewport({ width: 1280, height: 900 });
    expect(await page.evaluate(() => document.querySelector('h1')?.textContent)).toBe('월말 대사');
    await choose(page, 'manager', files.manager);
    await choose(page, 'macgai', files.macgai);
    await start(page);
    const expected = sc.expected();
    expect(await counts(page)).toEqual({
      pending: expected.pending,
      drift: expected.drift,
      paidOneSide: expected.paidOneSide,
      ambiguous: expected.ambiguous,
      unmatchedMacgai: expected.unmatchedMacgai,
      unmatchedManager: expected.unmatchedManager,
    });
    await screenshot(page, `${name}-audit-report`);
    // Nothing is written before the user confirms.
    expect(await storedRows(e2e.ext, 'records')).toEqual([]);
    const before = await e2e.ext.badgeText();
    expect(before).toBe('');

    const label = await until<string>(
      page,
      `(() => { const b = document.querySelector('[data-action=add-pending]'); return b && !b.disabled && b.textContent; })()`,
    );
    expect(label).toContain(`(${expected.pending}건)`);
    await page.bringToFront();
    await page.click('[data-action=add-pending]');
    await badgeBecomes(e2e.ext, String(expected.pending), 20_000);
    const notice = await until<string>(
      page,
      `document.querySelector('.audit__notice')?.textContent`,
    );
    expect(notice).toContain(`${expected.pending}건을 작업 목록에 추가했습니다`);
    const records = await storedRows<{ id: string; state: string }>(e2e.ext, 'records');
    expect(records.filter((r) => r.state === 'pending')).toHaveLength(expected.pending);
    // Everything is in the queue now: the button has nothing left to add.
    await until(page, `document.querySelector('[data-action=add-pending]').disabled`);
    await page.close();
  });

  it('runs again over a CSV without adding duplicates, and names a file in the wrong slot', async () => {
    const page = await e2e.ext.openExtensionPage('audit.html', '.audit');
    await choose(page, 'manager', files.manager);
    await choose(page, 'macgai', files.macgaiCsv);
    await start(page);
    const expected = sc.expected();
    expect((await counts(page)).pending).toBe(expected.pending);
    // The store already has all of them: nothing to add, the badge stays.
    await until(page, `document.querySelector('[data-action=add-pending]')?.disabled === true`);
    expect(await e2e.ext.badgeText()).toBe(String(expected.pending));

    const wrong = await e2e.ext.openExtensionPage('audit.html', '.audit');
    await choose(wrong, 'manager', files.macgai);
    await choose(wrong, 'macgai', files.macgaiCsv);
    await start(wrong);
    const problem = await until<string>(
      wrong,
      `document.querySelector('.audit__problems')?.textContent`,
      60_000,
    );
    expect(problem).toContain('이 파일은 맥가이 내보내기로 보입니다');
    await wrong.close();
    await page.close();
  });

  it('audits 50,000 rows per file in its worker while the page keeps painting', async () => {
    const page = await e2e.ext.openExtensionPage('audit.html', '.audit');
    await choose(page, 'manager', files.bigManager);
    await choose(page, 'macgai', files.bigMacgai);
    await page.bringToFront();
    // Frames: the longest gap between two animation frames while the audit runs.
    await page.evaluate(() => {
      const w = window as unknown as { gaps: number[]; watching: boolean };
      w.gaps = [];
      w.watching = true;
      let last = performance.now();
      const frame = (now: number) => {
        w.gaps.push(now - last);
        last = now;
        if (w.watching) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    await start(page);
    await until(page, `!!document.querySelector('[role=progressbar]')`);
    const c = await counts(page);
    const gaps = await page.evaluate(() => {
      const w = window as unknown as { gaps: number[]; watching: boolean };
      w.watching = false;
      return w.gaps;
    });
    const e = big.expected();
    expect(c.pending).toBe(e.pending);
    expect(c.drift).toBe(e.drift);
    expect(c.unmatchedManager).toBe(e.unmatchedManager);
    // Painting went on while the worker read and matched (no long freeze).
    expect(gaps.length).toBeGreaterThan(20);
    expect(Math.max(...gaps)).toBeLessThan(500);
    await page.close();
  }, 120_000);
});
