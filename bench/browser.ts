/**
 * Real Chromium with the test build of the extension: payment upserts through the background API
 * (content script → runtime.sendMessage → router → service → Dexie in the service worker), and
 * how long the toolbar badge takes to show a change.
 *
 * Code runs IN the MacGai content script's isolated world (CDP Runtime.evaluate with its context
 * id), so messages take exactly the path the content script's own messages take, sender checks
 * included. Times are taken inside the browser with performance.now().
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { WebWorker } from 'puppeteer-core';
import { createRecord } from '../lib/domain';
import type { MacgaiPayment } from '../lib/domain/model';
import { addDays } from '../lib/domain/parse/day';
import { makePayment } from '../lib/domain/testing';
import { CHANNEL } from '../lib/store/channel';
import { toRow } from '../lib/store/service';
import {
  BUILD_DIRS,
  type ContentWorld,
  contentWorld,
  type ExtensionBrowser,
  launchWithExtension,
} from '../tests/e2e/browsers';
import { startReplica } from '../tests/replica/server';
import { DAY0, int, koreanGiven, mobile, pick, type Rng, rng } from './data';
import { below, fmt, median, type Row, type Section } from './table';

const BUILD = BUILD_DIRS.chromium;
const SOURCES = ['lib', 'entrypoints', 'components', 'public', 'wxt.config.ts', 'package.json'];
/** The bench's own business name, so its records can be counted in the badge tooltip. */
const BENCH_BUSINESS = '벤치마크학원';
const BENCH_BIZ_NO = '123-45-67890';
const UPSERT_RUNS = 3;
const BADGE_CHANGES = 10;
const DAY0_MS = Date.UTC(2026, 10, 1);

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry.endsWith('.test.ts') || entry.endsWith('.test.tsx')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** The MacGai content script's floor build (see wxt.config.ts): main() returns at once. */
export const IDLE_BUILD = resolve('.output/bench-idle/chrome-mv3');

/**
 * Builds the Chromium test build (or, with `idle`, the floor build) when it is missing or older
 * than the sources.
 */
export function ensureTestBuild(idle = false): void {
  const dir = idle ? IDLE_BUILD : BUILD;
  const manifest = join(dir, 'manifest.json');
  const built = existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
  if (built > Math.max(...SOURCES.map(newestMtime))) return;
  const env = { ...process.env, RECONCILE_TEST_HOSTS: '1', ...(idle && { WXT_BENCH_IDLE: '1' }) };
  console.error(
    `[bench] building ${dir} (${idle ? 'WXT_BENCH_IDLE=1 ' : ''}RECONCILE_TEST_HOSTS=1 wxt build)…`,
  );
  const r = spawnSync('npx', ['wxt', 'build'], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`test build failed:\n${r.stdout}\n${r.stderr}`);
}

/** Fresh force-cancelled 문자결제 payments (each creates a pending record), unique keys. */
export function paymentFactory(seed: number) {
  const r: Rng = rng(seed);
  const used = new Set<string>();
  const one = (): MacgaiPayment => {
    for (;;) {
      const p = makePayment({
        businessId: null, // as the MacGai reader sends them
        businessName: BENCH_BUSINESS,
        customer: pick(r, [...'김이박최정강조윤장임']) + koreanGiven(r),
        phone: mobile(r),
        amount: pick(r, [150_000, 191_000, 200_000, 220_000, 250_000, 280_000, 300_000]),
        date: addDays(DAY0, int(r, 0, 89)),
        method: '문자결제',
        status: '결제취소',
        note: '강제취소',
        cause: null,
      });
      if (!used.has(p.key)) {
        used.add(p.key);
        return p;
      }
    }
  };
  return { one, many: (n: number) => Array.from({ length: n }, one) };
}

export interface UpsertResult {
  ms: number[];
  n: number;
  pending: number;
  error?: string;
}

/** Sends the payments in `batches` consecutive messages; times each round trip in the page. */
export function upsertExpression(payments: MacgaiPayment[], batches: number): string {
  return `(async () => {
    const payments = ${JSON.stringify(payments)};
    const size = Math.ceil(payments.length / ${batches});
    const ms = [];
    let n = 0, pending = 0;
    for (let b = 0; b < ${batches}; b++) {
      const msg = { channel: ${JSON.stringify(CHANNEL)}, type: 'payments.observe',
        payload: { payments: payments.slice(b * size, (b + 1) * size) } };
      const t0 = performance.now();
      const reply = await chrome.runtime.sendMessage(msg);
      ms.push(performance.now() - t0);
      if (!reply || !reply.ok) return { ms, n, pending, error: JSON.stringify(reply) };
      const judgments = Object.values(reply.data.judgments);
      n += judgments.length;
      pending += judgments.filter((j) => j && j.mark === 'pending').length;
    }
    return { ms, n, pending };
  })()`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The background's service worker, for waiting until it has finished its after-work. */
export async function serviceWorker(ext: ExtensionBrowser): Promise<WebWorker> {
  const target = await ext.browser.waitForTarget(
    (t) => t.type() === 'service_worker' && t.url().startsWith(ext.origin),
    { timeout: 10_000 },
  );
  const worker = await target.worker();
  if (!worker) throw new Error('no service worker');
  return worker;
}

/**
 * Tells the background the bench's business (as the MacGai 결제 사업자 popup would), so its records
 * carry a business id and the badge tooltip counts them under its name ("벤치마크학원: N건");
 * records of an unknown business are counted under "사업자 미확인" instead.
 */
export async function learnBenchBusiness(cs: ContentWorld): Promise<void> {
  const reply = await cs.evaluate<{ ok?: boolean } | undefined>(
    `chrome.runtime.sendMessage(${JSON.stringify({
      channel: CHANNEL,
      type: 'businesses.learn',
      payload: {
        businesses: [{ name: BENCH_BUSINESS, bizNo: BENCH_BIZ_NO, smsPayStatus: '사용가능' }],
      },
    })})`,
  );
  if (!reply?.ok) throw new Error(`businesses.learn refused: ${JSON.stringify(reply)}`);
}

/** Waits until the badge tooltip counts `open` bench records (the badge refresh has run). */
export async function settled(worker: WebWorker, open: number): Promise<void> {
  const want = `${BENCH_BUSINESS}: ${open}`;
  // Exactly that count ("벤치마크학원: 12건", never the 12 of "…: 120건").
  const line = new RegExp(`(^|\\n)${BENCH_BUSINESS}: ${open}(?!\\d)`);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const title = await worker.evaluate('chrome.action.getTitle({})');
    if (typeof title === 'string' && line.test(title)) break;
    if (Date.now() > deadline) throw new Error(`badge title never showed "${want}": ${title}`);
    await sleep(50);
  }
  await sleep(300); // let tab notifications and the page's own re-reads finish
}

async function upsertRows(ext: ExtensionBrowser, cs: ContentWorld, open0: number): Promise<Row[]> {
  const worker = await serviceWorker(ext);
  const factory = paymentFactory(7);
  let open = open0;
  const run = async (payments: MacgaiPayment[], batches: number, fresh = true) => {
    const n = payments.length;
    const r = await cs.evaluate<UpsertResult>(upsertExpression(payments, batches));
    if (r.error) throw new Error(`payments.observe refused: ${r.error}`);
    if (r.n !== n || r.pending !== n) {
      throw new Error(`expected ${n} pending judgments, got ${r.pending} of ${r.n}`);
    }
    if (fresh) open += n;
    await settled(worker, open);
    return r.ms;
  };
  await run(factory.many(1_000), 1); // warm-up: worker JIT, Dexie tables and indexes opened
  const single: number[] = [];
  const revisit: number[] = [];
  const batched: number[][] = [];
  for (let i = 0; i < UPSERT_RUNS; i++) {
    const payments = factory.many(10_000);
    single.push(...(await run(payments, 1)));
    revisit.push(...(await run(payments, 1, false)));
    batched.push(await run(factory.many(10_000), 10));
  }
  const totals = batched.map((ms) => ms.reduce((a, b) => a + b, 0));
  const perBatch = median(batched.flat());
  return [
    below(
      `Chromium: 10k payments.observe upserts, one message (content script → SW → Dexie; median of ${UPSERT_RUNS})`,
      median(single),
      'ms',
      300,
      `${fmt((median(single) * 1000) / 10_000)} µs/payment · runs ${single.map(fmt).join(', ')} ms`,
    ),
    below(
      `Chromium: 10k payments.observe upserts as 10 × 1k messages, total (median of ${UPSERT_RUNS})`,
      median(totals),
      'ms',
      300,
      `median ${fmt(perBatch)} ms per 1k batch · runs ${totals.map(fmt).join(', ')} ms`,
    ),
    {
      name: `Chromium: the same 10k payments observed again, one message (all known, nothing written; median of ${UPSERT_RUNS})`,
      value: median(revisit),
      unit: 'ms',
      detail: `runs ${revisit.map(fmt).join(', ')} ms`,
    },
  ];
}

/**
 * The floor under the upserts: raw IndexedDB in the same service worker, no Dexie, no message —
 * 10k record rows (as the service stores them) put in one readwrite transaction until its
 * `complete`, into a fresh object store with no index, the v3 records indexes, and v2's six; and
 * 10k rows holding nothing but their key, the cost of one IndexedDB row whatever it holds.
 */
export function floorExpression(rows: unknown[], runs: number): string {
  return `(async () => {
    const rows = ${JSON.stringify(rows)};
    const req = (r) => new Promise((ok, ko) => { r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
    const INDEXES = {
      none: [],
      v3: [['[businessId+state]', ['businessId', 'state']], ['[state+stateSince]', ['state', 'stateSince']],
        ['payment.key', 'payment.key']],
      v2: [['state', 'state'], ['businessId', 'businessId'], ['updatedAt', 'updatedAt'],
        ['[businessId+state]', ['businessId', 'state']], ['[state+stateSince]', ['state', 'stateSince']],
        ['payment.key', 'payment.key']],
    };
    const keysOnly = rows.map((row) => ({ id: row.id }));
    const out = { keys: [], none: [], v3: [], v2: [] };
    for (let run = 0; run < ${runs}; run++) {
      for (const [label, indexes] of [['keys', []], ...Object.entries(INDEXES)]) {
        const name = 'bench-floor-' + label;
        await req(indexedDB.deleteDatabase(name));
        const open = indexedDB.open(name, 1);
        open.onupgradeneeded = () => {
          const store = open.result.createObjectStore('records', { keyPath: 'id' });
          for (const [n, k] of indexes) store.createIndex(n, k);
        };
        const db = await req(open);
        const t0 = performance.now();
        const tx = db.transaction('records', 'readwrite');
        const store = tx.objectStore('records');
        for (const row of label === 'keys' ? keysOnly : rows) store.put(row);
        await new Promise((ok, ko) => { tx.oncomplete = ok; tx.onabort = () => ko(tx.error); });
        out[label].push(performance.now() - t0);
        db.close();
        await req(indexedDB.deleteDatabase(name));
      }
    }
    return out;
  })()`;
}

async function floorRows(ext: ExtensionBrowser): Promise<Row[]> {
  const worker = await serviceWorker(ext);
  const rows = paymentFactory(5)
    .many(10_000)
    .map((p, i) =>
      toRow(
        createRecord('payment', { ...p, businessId: 'b:1234567890', cause: 'force' }, DAY0_MS + i, {
          reason: '강제취소',
        }),
      ),
    );
  const out = (await worker.evaluate(floorExpression(rows, UPSERT_RUNS))) as Record<
    'keys' | 'none' | 'v3' | 'v2',
    number[]
  >;
  const row = (what: string, ms: number[]): Row => ({
    name: `Chromium floor: raw IndexedDB put of 10k ${what}, one transaction (in the SW; median of ${UPSERT_RUNS})`,
    value: median(ms),
    unit: 'ms',
    detail: `runs ${ms.map(fmt).join(', ')} ms`,
  });
  return [
    row('rows holding only their key ({ id }), no index', out.keys),
    row('record rows, no index', out.none),
    row('record rows, v3 indexes (3)', out.v3),
    row('record rows, v2 indexes (6)', out.v2),
  ];
}

async function badgeRows(
  ext: ExtensionBrowser,
  cs: ContentWorld,
): Promise<{ rows: Row[]; open: number }> {
  const popup = await ext.openExtensionPage('popup.html');
  const worker = await serviceWorker(ext);
  const factory = paymentFactory(11);
  const latencies: number[] = [];
  const replies: number[] = [];
  let open = 0;
  try {
    for (let i = 0; i <= BADGE_CHANGES; i++) {
      const before = await popup.evaluate('chrome.action.getBadgeText({})');
      // Poll in a tight loop from the popup until the text differs; stamp the first new value.
      await popup.evaluate(`window.__benchBadge = (async (old) => {
        const end = performance.now() + 5000;
        for (;;) {
          const text = await chrome.action.getBadgeText({});
          const at = performance.timeOrigin + performance.now();
          if (text !== old) return { text, at };
          if (performance.now() > end) return { text, at: -1 };
        }
      })(${JSON.stringify(before)}); true`);
      const sent = await cs.evaluate<{ at: number; reply: number; ok: boolean }>(`(async () => {
        const msg = { channel: ${JSON.stringify(CHANNEL)}, type: 'payments.observe',
          payload: { payments: [${JSON.stringify(factory.one())}] } };
        const at = performance.timeOrigin + performance.now();
        const reply = await chrome.runtime.sendMessage(msg);
        return { at, reply: performance.timeOrigin + performance.now() - at, ok: !!reply?.ok };
      })()`);
      const seen = (await popup.evaluate('window.__benchBadge')) as { text: string; at: number };
      if (!sent.ok) throw new Error('payments.observe refused');
      if (seen.at < 0) throw new Error(`badge stayed "${before}" for 5 s after a new record`);
      open++;
      if (i === 0) continue; // warm-up
      latencies.push(seen.at - sent.at);
      replies.push(sent.reply);
    }
    await settled(worker, open);
  } finally {
    await popup.close();
  }
  return {
    open,
    rows: [
      below(
        `Chromium: badge updated after 1 new pending record (send → first poll seeing it; median of ${BADGE_CHANGES})`,
        median(latencies),
        'ms',
        100,
        `max ${fmt(Math.max(...latencies))} ms · reply after ${fmt(median(replies))} ms`,
      ),
    ],
  };
}

async function browserRows(): Promise<Row[]> {
  ensureTestBuild();
  const replica = await startReplica();
  let ext: ExtensionBrowser | null = null;
  try {
    ext = await launchWithExtension('chromium');
    const page = await ext.browser.newPage();
    page.on('dialog', (d) => void d.accept());
    await page.bringToFront();
    const cs = await contentWorld(
      page,
      ext.origin,
      `${replica.macgaiUrl}/Account/SunapStatus.aspx`,
    );
    await learnBenchBusiness(cs);
    // The badge caps at "999+": measure it first, while the count is small.
    const badge = await badgeRows(ext, cs);
    const upserts = await upsertRows(ext, cs, badge.open);
    const floor = await floorRows(ext);
    return [...upserts, ...floor, ...badge.rows];
  } finally {
    await ext?.close();
    await replica.close();
  }
}

export const browserSection: Section = {
  title: 'Chromium',
  method:
    'Chromium (headless, fresh profile) with the test build (`RECONCILE_TEST_HOSTS=1 wxt build`, ' +
    'rebuilt when older than the sources), the replica sites, and a MacGai 수납현황 page open. Code ' +
    "is evaluated in the MacGai content script's isolated world over CDP, so each request goes " +
    'runtime.sendMessage → router (sender check, zod) → service → Dexie in the service worker, and ' +
    'is timed in the content script with performance.now(). Upserts: force-cancelled 문자결제 payments (참고사항 ' +
    '강제취소) with fresh keys, so each creates a pending record (v3 keeps the payment inside it, v2 also wrote a payment row); one 1k warm-up, then ' +
    `${UPSERT_RUNS} rounds of 10k in one message and 10k as 10 consecutive 1k messages (the database ` +
    'grows by 20k records a round; each round waits until the badge refresh has finished), and ' +
    'after each 10k message the same 10k again (all known: the typical revisit, nothing written). ' +
    'Floor: raw IndexedDB in the same service worker (no Dexie, no message), 10k rows put ' +
    'in one readwrite transaction until `complete`: rows holding only their key (what 10k rows ' +
    'cost whatever they hold: one record per row cannot go below it), and record rows with no ' +
    'index, the v3 and the v2 records indexes (informational). Badge: ' +
    'the popup polls chrome.action.getBadgeText in a tight loop while the content script sends one ' +
    'new force-cancelled payment; latency = first poll showing the new count − the moment before ' +
    `sendMessage (performance.timeOrigin + now() in both pages), median of ${BADGE_CHANGES} after one ` +
    'warm-up, measured first on a nearly empty database (the badge caps at 999+).',
  run: browserRows,
};
