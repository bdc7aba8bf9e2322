// `npx tsx scripts/screenshot-audit.ts`: docs/screenshots/audit.png, a month-end audit report, from
// the test build (`npm run build:test` first; this script builds nothing). Chromium loads the
// extension, the audit page is given two generated exports (tests/fixtures/audit/generate.ts: a
// year of one academy's tuition with a backlog of force-cancels) through its file inputs, exactly
// as a user picks them, and the report is captured in Korean.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { BUILD_DIRS, launchWithExtension } from '../tests/e2e/browsers';
import {
  MESSY_XLSX,
  PLAIN_CSV,
  SMALL,
  scenario,
  writeMacgai,
  writeManager,
} from '../tests/fixtures/audit/generate';

const OUT = resolve('docs/screenshots/audit.png');

async function waitFor(page: Page, expression: string, timeout = 60_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await page.evaluate(expression).catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

if (!existsSync(join(BUILD_DIRS.chromium, 'manifest.json'))) {
  console.error(`No test build at ${BUILD_DIRS.chromium}: run \`npm run build:test\` first.`);
  process.exit(1);
}

const work = await mkdtemp(join(tmpdir(), 'reconcile-audit-shot-'));
const ext = await launchWithExtension('chromium');
try {
  const sc = scenario(SMALL);
  const manager = join(work, 'billing-list-2026.xlsx');
  const macgai = join(work, 'sunap-list-2026.csv');
  await writeFile(manager, await writeManager(sc.manager, MESSY_XLSX));
  await writeFile(macgai, await writeMacgai(sc.macgai, PLAIN_CSV));

  const page = await ext.openExtensionPage('audit.html', '.audit');
  await page.setViewport({ width: 1360, height: 1500, deviceScaleFactor: 1 });
  for (const [slot, path] of [
    ['manager', manager],
    ['macgai', macgai],
  ] as const) {
    const input = (await page.$(`#audit-file-${slot}`)) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(path);
    await waitFor(page, `document.querySelectorAll('[data-slot=${slot}] li').length === 1`);
  }
  await page.evaluate(() => {
    [...document.querySelectorAll('button')].find((b) => b.textContent === '대사 시작')?.click();
  });
  await waitFor(page, `!!document.querySelector('[data-action=add-pending]:not(:disabled)')`);
  await mkdir(resolve('docs/screenshots'), { recursive: true });
  await page.screenshot({ path: OUT, clip: { x: 0, y: 0, width: 1360, height: 1500 } });
  console.log(`wrote ${OUT}`);
} finally {
  await ext.close();
  await rm(work, { recursive: true, force: true });
}
