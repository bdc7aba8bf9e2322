/**
 * Popup first paint with 5,000 pending records (real Chromium, real IndexedDB), and the user's
 * actions per reconciliation on the manager site (counted by the manager-site e2e).
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoBackup } from '../scripts/demo-backup';
import { launchWithExtension } from '../tests/e2e/browsers';
import { below, median, type Row, type Section } from './table';

const PAINTS = 15;

async function popupPaint(): Promise<Row[]> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-popup-'));
  const ext = await launchWithExtension('chromium');
  try {
    const file = join(dir, 'backup.json');
    await writeFile(file, JSON.stringify(demoBackup({ pending: 5000, others: false })));
    const options = await ext.openExtensionPage('options.html', 'input[type=file]');
    await (await options.$('input[type=file]'))?.uploadFile(file);
    await options.bringToFront();
    await options.waitForFunction("document.body.textContent.includes('가져왔습니다:')", {
      timeout: 120_000,
    });
    const paints: number[] = [];
    for (let i = 0; i < PAINTS; i++) {
      await options.bringToFront();
      // The popup in a frame of an extension page (same origin): its own clock, 0 = navigation start.
      // A string, not a function: tsx would add helpers to a function that do not exist in the page.
      const painted = (await options.evaluate(`new Promise((resolve, reject) => {
        const frame = document.createElement('iframe');
        frame.style.cssText = 'width:400px;height:600px;border:0';
        frame.src = '/popup.html';
        document.body.prepend(frame);
        const deadline = performance.now() + 30000;
        const poll = () => {
          const win = frame.contentWindow;
          if (frame.contentDocument?.querySelector('.item') && win) {
            win.requestAnimationFrame(() => { resolve(win.performance.now()); frame.remove(); });
          } else if (performance.now() > deadline) reject(new Error('the popup drew no item'));
          else setTimeout(poll, 2);
        };
        poll();
      })`)) as number;
      paints.push(painted);
    }
    return [
      below(
        `popup first paint, 5,000 pending (median of ${PAINTS} opens)`,
        median(paints),
        'ms',
        150,
        `min ${Math.round(Math.min(...paints))} · max ${Math.round(Math.max(...paints))} ms`,
      ),
    ];
  } finally {
    await ext.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export const popupSection: Section = {
  title: 'popup first paint',
  method: `A JSON backup with 5,000 pending records is imported through the options page (the real import path); the popup then opens ${PAINTS} times in a frame of an extension page and its own clock is read when the first list item is on screen (0 = the popup's navigation start; the list is virtualised, so only a screenful is drawn).`,
  run: popupPaint,
};

/** Runs the manager-site e2e in Chromium; it counts the person's clicks and keystrokes. */
async function actions(): Promise<Row[]> {
  const run = spawnSync('npx', ['vitest', 'run', '--project', 'e2e', 'tests/e2e/manager.e2e.ts'], {
    encoding: 'utf8',
    env: { ...process.env, E2E_BROWSERS: 'chromium' },
  });
  const out = `${run.stdout}\n${run.stderr}`;
  const rows: Row[] = [];
  for (const m of out.matchAll(
    /\[bench\] actions per reconciliation(, siblings)? \(chromium\): (\d+) clicks, (\d+) keystrokes/g,
  )) {
    const clicks = Number(m[2]);
    const keys = Number(m[3]);
    const label = m[1] ? 'two siblings under one phone (the user picks one)' : 'one match';
    rows.push({
      name: `actions per reconciliation, ${label} (manual procedure ≈ 35)`,
      value: clicks + keys,
      unit: 'actions',
      target: '≤ 4, 0 keystrokes',
      pass: clicks + keys <= 4 && keys === 0,
      detail: `${clicks} clicks · ${keys} keystrokes`,
    });
  }
  if (rows.length === 0)
    throw new Error(`the manager e2e reported no action counts:\n${out.slice(-2000)}`);
  return rows;
}

export const actionsSection: Section = {
  title: 'manager-site actions',
  method:
    "tests/e2e/manager.e2e.ts drives the whole loop in Chromium as a person would (force-cancel in MacGai → the row's 매니저 button → the marked row's X → 확인) and counts every click and keystroke from the 매니저 button on; the force-cancel itself is the work the user set out to do. The manual procedure of SITES.md (open site, menu, three search fields, dates, search, find the row, X, type the 6-digit password, 확인, check) is about 35 actions.",
  run: actions,
};
