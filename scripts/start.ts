// `npm start`: builds the test build, starts both replica sites and opens Chromium with the
// extension on the MacGai replica — headed when there is a display, headless otherwise.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { startReplica } from '../tests/replica/server';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const extension = resolve('.output/test/chrome-mv3');
const firefoxExtension = resolve('.output/test/firefox-mv3');

const build = spawnSync('npm', ['run', 'build:test'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const replica = await startReplica({
  macgaiPort: Number(process.env.MACGAI_PORT ?? 5301),
  managerPort: Number(process.env.MANAGER_PORT ?? 5302),
});
const headed = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

console.log(`
  MacGai replica        ${replica.macgaiUrl}/
  Manager-site replica  ${replica.managerUrl}/login.do
  Extension (Chromium)  ${extension}
  Extension (Firefox)   ${firefoxExtension}

  To load it yourself:
    Chrome / Whale / Edge: open chrome://extensions (whale://extensions, edge://extensions),
      turn on Developer mode, "Load unpacked", choose ${extension}
    Firefox: open about:debugging#/runtime/this-firefox, "Load Temporary Add-on…",
      choose ${firefoxExtension}/manifest.json
`);

if (!existsSync(chromium)) {
  console.log(
    `  No Chromium at ${chromium} (set CHROMIUM_PATH). The replicas keep running; Ctrl-C stops.`,
  );
} else {
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: !headed,
    pipe: true,
    enableExtensions: true,
    defaultViewport: null,
    args: [
      '--no-first-run',
      '--disable-background-networking',
      '--disable-sync',
      '--lang=ko-KR',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
  });
  await browser.installExtension(extension);
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  await page.goto(`${replica.macgaiUrl}/`);
  console.log(
    headed
      ? '  Chromium is open with the extension on the MacGai replica. Close it or press Ctrl-C to stop.'
      : '  No display found: Chromium runs headless (the replicas and the extension work; nothing to see).\n  Open the URLs above in your own browser with the extension loaded. Ctrl-C stops.',
  );
  browser.on('disconnected', async () => {
    await replica.close();
    process.exit(0);
  });
}

process.on('SIGINT', async () => {
  await replica.close();
  process.exit(0);
});
