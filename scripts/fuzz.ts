/**
 * `npm run fuzz`: the large fuzz run of the list engine on both sites (tests/fuzz). Generates N
 * mutated list pages (half MacGai, half the manager site), runs the real pipeline on each and
 * checks it against the generator's ground truth, then prints a summary: pages per source and
 * per mutation, recognised/unrecognised, rows read, and every failure with the seed that
 * reproduces it. Exit code 1 when there is a failure.
 *
 *   npm run fuzz                                  20,000 pages, a random run seed (printed)
 *   npm run fuzz -- --pages 2000 --seed 42        a smaller, repeatable run
 *   npm run fuzz -- --site manager                one site only
 *   npm run fuzz -- --huge-pages 4                4 pages of 20,000 rows per site (default 2)
 *   npm run fuzz -- --huge-table                  huge lists are <table>s (as CI: happy-dom is slow
 *                                                 on 20,000-row ARIA grids)
 *   npm run fuzz -- --replay macgai:123456 [--huge] [--huge-table]
 *                                                 write that page to artifacts/fuzz/ and check it
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkPage } from '../tests/fuzz/check';
import { openWindow } from '../tests/fuzz/dom';
import { generatePage } from '../tests/fuzz/generate';
import {
  describeFailure,
  type PageFailure,
  type RunStats,
  runFuzz,
  type Tally,
} from '../tests/fuzz/run';
import type { Site } from '../tests/fuzz/specs';

const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: '20000' },
    seed: { type: 'string' },
    site: { type: 'string', default: 'both' },
    'huge-pages': { type: 'string', default: '2' },
    huge: { type: 'boolean', default: false },
    'huge-table': { type: 'boolean', default: false },
    replay: { type: 'string' },
    'show-failures': { type: 'string', default: '3' },
  },
});

const OUT = resolve('artifacts/fuzz');

async function replay(spec: string): Promise<number> {
  const [site, seedText] = spec.split(':');
  if ((site !== 'macgai' && site !== 'manager') || !seedText) {
    console.error('--replay takes <macgai|manager>:<seed>');
    return 2;
  }
  const seed = Number(seedText);
  const win = openWindow();
  try {
    const page = generatePage(site, seed, {
      huge: values.huge,
      hugeTable: values['huge-table'],
    });
    mkdirSync(OUT, { recursive: true });
    const file = join(OUT, `${site}-${seed}.html`);
    writeFileSync(file, `<!doctype html>\n<html lang="ko">${page.html}</html>\n`);
    const result = checkPage(win.document, page);
    console.log(`${site}:${seed}  ${page.source}\ntags: ${page.tags.join(' ')}`);
    console.log(
      `read as ${result.kind}; ${result.rows} rows read, ${result.unreadable} unreadable`,
    );
    console.log(`page written to ${file}`);
    for (const f of result.failures) console.log(`  [${f.property}] ${f.message}`);
    if (!result.failures.length) console.log('  all properties hold');
    return result.failures.length ? 1 : 0;
  } finally {
    await win.close();
  }
}

const pad = (s: string | number, n: number) => String(s).padEnd(n);
const num = (n: number | string, w = 8) => String(n).padStart(w);

function tallyLine(name: string, t: Tally, width: number): string {
  return `${pad(name, width)} ${num(t.pages)} ${num(t.recognized)} ${num(t.unrecognized)} ${num(t.rows, 10)} ${num(t.flagged)} ${num(t.failed)}`;
}

function table(title: string, rows: [string, Tally][], width = 44): string {
  const head = `${pad(title, width)} ${num('pages')} ${num('recog.')} ${num('unrecog.')} ${num('rows read', 10)} ${num('flagged')} ${num('failed')}`;
  return [head, '-'.repeat(head.length), ...rows.map(([n, t]) => tallyLine(n, t, width))].join(
    '\n',
  );
}

function summary(all: RunStats[], runSeed: number, ms: number): number {
  const out: string[] = [];
  out.push(
    `\nfuzz run seed ${runSeed}: ${all.reduce((s, r) => s + r.pages, 0)} pages in ${(ms / 1000).toFixed(1)} s\n`,
  );
  for (const s of all) {
    out.push(
      `== ${s.site}: ${s.pages} pages, ${(s.ms / 1000).toFixed(1)} s (${(s.ms / Math.max(1, s.pages)).toFixed(1)} ms/page)`,
    );
    out.push(`   read as: ${[...s.byKind].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    out.push(
      `   slowest: ${s.slowest.map((x) => `${x.seed} ${x.ms.toFixed(0)} ms (${x.source})`).join('; ')}\n`,
    );
    const sources = [...s.bySource].sort((a, b) => a[0].localeCompare(b[0]));
    out.push(table('source', [...sources, ['TOTAL', s.total]]));
    out.push('');
    const tags = [...s.byTag].sort((a, b) => b[1].pages - a[1].pages);
    out.push(table('mutation / tag', tags));
    out.push('');
  }
  const failures = all.flatMap((s) => s.failures);
  const groups = new Map<string, PageFailure[]>();
  for (const f of failures) groups.set(f.property, [...(groups.get(f.property) ?? []), f]);
  const show = Number(values['show-failures']);
  const counts = new Map<string, number>();
  for (const s of all)
    for (const [k, n] of s.failureCounts) counts.set(k, (counts.get(k) ?? 0) + n);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  out.push(`== failures: ${total}`);
  for (const [key, fs] of [...groups].sort((a, b) => Number(a[0] > b[0]) - Number(a[0] < b[0]))) {
    const pages = new Set(fs.map((f) => `${f.site}:${f.seed}`));
    out.push(
      `\n-- ${key}: ${counts.get(key) ?? fs.length} failures (the first ${fs.length} on ${pages.size} pages)`,
    );
    out.push(`   seeds: ${[...pages].slice(0, 12).join(' ')}${pages.size > 12 ? ' …' : ''}`);
    for (const f of fs.slice(0, show)) out.push(`   ${describeFailure(f).replace(/\n/g, '\n   ')}`);
  }
  console.log(out.join('\n'));
  return total > 0 ? 1 : 0;
}

async function main(): Promise<number> {
  if (values.replay) return replay(values.replay);
  const total = Number(values.pages);
  const runSeed =
    values.seed === undefined
      ? (Date.now() ^ (Math.random() * 2 ** 31)) >>> 0
      : Number(values.seed);
  const sites: Site[] = values.site === 'both' ? ['macgai', 'manager'] : [values.site as Site];
  const started = performance.now();
  console.error(`fuzz: seed ${runSeed}, ${total} pages over ${sites.join(' + ')}`);
  const all: RunStats[] = [];
  for (const site of sites) {
    const pages = Math.ceil(total / sites.length);
    let last = performance.now();
    all.push(
      await runFuzz({
        site,
        seed: runSeed,
        pages,
        hugePages: Number(values['huge-pages']),
        hugeTable: values['huge-table'],
        onPage: (_p, _r, _ms, i) => {
          if (performance.now() - last > 5000) {
            last = performance.now();
            console.error(`  ${site}: ${i + 1}/${pages}`);
          }
        },
      }),
    );
  }
  return summary(all, runSeed, performance.now() - started);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
