// `npx tsx scripts/screenshots.ts`: docs/screenshots/popup.png and options.png from the test build
// (`npm run build:test` first; this script builds nothing). Chromium loads the extension, the
// options page imports a realistic backup (the replica academy's students and businesses, see
// demo-backup.ts) exactly as a user would pick the file, and both pages are captured in Korean.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { BUILD_DIRS, launchWithExtension } from '../tests/e2e/browsers';
import { demoBackup } from './demo-backup';

const OUT = resolve('docs/screenshots');

async function waitFor(page: Page, expression: string, timeout = 15_000): Promise<void> {
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

const work = await mkdtemp(join(tmpdir(), 'reconcile-shots-'));
const ext = await launchWithExtension('chromium');
try {
  const file = join(work, 'backup.json');
  await writeFile(file, JSON.stringify(demoBackup({ pending: 14 })));

  const options = await ext.openExtensionPage('options.html', 'input[type=file]');
  const input = await options.$('input[type=file]');
  if (!input) throw new Error('no import field');
  await input.uploadFile(file);
  await waitFor(options, `document.querySelector('#data .status--done') !== null`);
  await waitFor(options, `document.querySelectorAll('#businesses tbody tr').length === 2`);

  await mkdir(OUT, { recursive: true });
  const popup = await ext.openExtensionPage('popup.html', '.item');
  await popup.setViewport({ width: 400, height: 600, deviceScaleFactor: 2 });
  await waitFor(popup, `document.querySelectorAll('.item').length > 3`);
  // Open one reason form, as the user would after pressing 처리 완료로 표시.
  const resolveButton = await popup.$('xpath/(//button[normalize-space(.)="처리 완료로 표시"])[2]');
  await resolveButton?.click();
  await popup.type('.reason__input', '매니저 사이트에서 직접 취소함');
  await popup.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await popup.screenshot({
    path: join(OUT, 'popup.png'),
    clip: { x: 0, y: 0, width: 400, height: 600 },
  });

  await options.setViewport({ width: 960, height: 900, deviceScaleFactor: 1 });
  await options.bringToFront();
  await options.evaluate(() => window.scrollTo(0, 0));
  await options.screenshot({ path: join(OUT, 'options.png'), fullPage: true });
  console.log(`Wrote ${join(OUT, 'popup.png')} and ${join(OUT, 'options.png')}`);
} finally {
  await ext.close();
  await rm(work, { recursive: true, force: true });
}
