/**
 * Runs N generated pages through the checker and keeps the numbers for a summary: pages per
 * source and per mutation, recognised/unrecognised, rows read, and every failure with the seed
 * that reproduces it. Shared by the CI test (tests/unit/fuzz.test.ts) and `npm run fuzz`.
 */
import { checkPage, type Failure, type PageResult } from './check';
import { type FuzzWindow, openWindow } from './dom';
import { type FuzzPage, type GenOptions, generatePage } from './generate';
import { mixSeed } from './rng';
import type { Site } from './specs';

export interface PageFailure extends Failure {
  site: Site;
  seed: number;
  source: string;
  tags: string[];
  /** Arguments of `npm run fuzz --` that write this page again. */
  replay: string;
}

export interface Tally {
  pages: number;
  recognized: number;
  unrecognized: number;
  rows: number;
  flagged: number;
  failed: number;
}

export interface RunStats {
  site: Site;
  pages: number;
  ms: number;
  /** Per page kind read (macgai-student-payments, unrecognized …). */
  byKind: Map<string, number>;
  /** Per source (fixture:<name>, synthetic, host:<name>) and per mutation tag. */
  bySource: Map<string, Tally>;
  byTag: Map<string, Tally>;
  total: Tally;
  /** The first failures of each kind (see maxFailures). */
  failures: PageFailure[];
  /** Every failure, counted per property. */
  failureCounts: Map<string, number>;
  slowest: { seed: number; ms: number; source: string }[];
}

export interface RunOptions extends Omit<GenOptions, 'huge'> {
  site: Site;
  seed: number;
  pages: number;
  /** How many of the pages are huge (20,000 rows), spread evenly. */
  hugePages?: number;
  /** Failures kept per property; all are counted. Default 100. */
  maxFailures?: number;
  /** Pages per happy-dom window (a fresh window frees what the last one kept). */
  pagesPerWindow?: number;
  onPage?: (page: FuzzPage, result: PageResult, ms: number, index: number) => void;
}

const emptyTally = (): Tally => ({
  pages: 0,
  recognized: 0,
  unrecognized: 0,
  rows: 0,
  flagged: 0,
  failed: 0,
});

function add(t: Tally, r: PageResult): void {
  t.pages++;
  if (r.recognized) t.recognized++;
  else t.unrecognized++;
  t.rows += r.rows;
  t.flagged += r.flagged;
  if (r.failures.length) t.failed++;
}

/** The seed of page `index` of a run (what a failure prints, and what --replay takes). */
export const pageSeedOf = (runSeed: number, index: number): number => mixSeed(runSeed, index);

export async function runFuzz(opts: RunOptions): Promise<RunStats> {
  const stats: RunStats = {
    site: opts.site,
    pages: 0,
    ms: 0,
    byKind: new Map(),
    bySource: new Map(),
    byTag: new Map(),
    total: emptyTally(),
    failures: [],
    failureCounts: new Map(),
    slowest: [],
  };
  const hugeEvery = opts.hugePages ? Math.max(1, Math.floor(opts.pages / opts.hugePages)) : 0;
  const started = performance.now();
  let win: FuzzWindow | null = null;
  try {
    for (let i = 0; i < opts.pages; i++) {
      if (!win || i % (opts.pagesPerWindow ?? 100) === 0) {
        await win?.close();
        win = openWindow();
      }
      runOne(win.document, opts, stats, i, hugeEvery);
    }
  } finally {
    await win?.close();
  }
  stats.ms = performance.now() - started;
  return stats;
}

function runOne(
  doc: Document,
  opts: RunOptions,
  stats: RunStats,
  i: number,
  hugeEvery: number,
): void {
  const seed = pageSeedOf(opts.seed, i);
  const huge = hugeEvery > 0 && i % hugeEvery === hugeEvery - 1;
  const flags = [huge ? ' --huge' : '', huge && opts.hugeTable ? ' --huge-table' : ''].join('');
  const replay = `--replay ${opts.site}:${seed}${flags}`;
  const t0 = performance.now();
  let page: FuzzPage;

  try {
    page = generatePage(opts.site, seed, { ...opts, huge });
  } catch (error) {
    stats.failures.push({
      site: opts.site,
      seed,
      source: '?',
      tags: [],
      replay,
      property: 'generator',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    return;
  }
  // The thorough checks double a page's cost: every fifth page has them.
  const result: PageResult = checkPage(doc, page, { thorough: i % 8 === 0 });
  const ms = performance.now() - t0;
  stats.pages++;
  stats.byKind.set(result.kind, (stats.byKind.get(result.kind) ?? 0) + 1);
  const source = page.source;
  add(stats.total, result);
  const s = stats.bySource.get(source) ?? emptyTally();
  add(s, result);
  stats.bySource.set(source, s);
  // Per mutation: 'drop-required:date' counts as drop-required; the source has its own table.
  const tags = page.tags.flatMap((t) =>
    t.startsWith('source:') || t === 'mode:-'
      ? []
      : [t.startsWith('mode:') ? t : t.replace(/:.*/, '')],
  );
  for (const tag of new Set(tags)) {
    const t = stats.byTag.get(tag) ?? emptyTally();
    add(t, result);
    stats.byTag.set(tag, t);
  }
  for (const f of result.failures) {
    const n = (stats.failureCounts.get(f.property) ?? 0) + 1;
    stats.failureCounts.set(f.property, n);
    if (n > (opts.maxFailures ?? 100)) continue;
    stats.failures.push({
      ...f,
      site: opts.site,
      seed,
      source: page.source,
      tags: page.tags,
      replay,
    });
  }
  stats.slowest.push({ seed, ms, source: page.source });
  stats.slowest.sort((a, b) => b.ms - a.ms);
  stats.slowest.length = Math.min(stats.slowest.length, 5);
  opts.onPage?.(page, result, ms, i);
}

/** One line per failure: what to run to see the page again. */
export function describeFailure(f: PageFailure): string {
  return `[${f.property}] ${f.site}:${f.seed} (${f.source}; ${f.tags.join(' ')}): ${f.message}\n    replay: npm run fuzz -- ${f.replay}`;
}
