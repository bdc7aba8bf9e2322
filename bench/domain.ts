/**
 * Domain benches (pure Node, no browser): the matcher at three sizes, and each parser over
 * 1M realistic mixed inputs.
 */
import { Bench } from 'tinybench';
import { buildInvoiceIndex, type InvoiceIndex, inWindow, matchPayment } from '../lib/domain/match';
import { MATCH_DEFAULTS } from '../lib/domain/matching/score';
import type { MacgaiPayment } from '../lib/domain/model';
import { parseAmount } from '../lib/domain/parse/amount';
import { parseBizNo } from '../lib/domain/parse/bizno';
import { parseDate } from '../lib/domain/parse/date';
import { dayNumber } from '../lib/domain/parse/day';
import { parseName } from '../lib/domain/parse/name';
import { parsePhone } from '../lib/domain/parse/phone';
import type { Result } from '../lib/domain/result';
import { type MatchData, matchData, parserInputs, type Rng, rng } from './data';
import { below, fmt, median, type Row, type Section } from './table';

const SEED = 20261126;

/** Keeps results observable so the JIT cannot drop the work. */
let sink = 0;

/**
 * Invoices of the payment's |amount| inside its date window, per payment: what a matcher
 * without an index would score (the index looks at far fewer: by phone, business and name).
 */
function candidatesPerPayment(index: InvoiceIndex, payments: readonly MacgaiPayment[]): number {
  let n = 0;
  for (const p of payments) {
    const day = dayNumber(p.date);
    const bucket = index.byAmount.get(Math.abs(p.amount));
    if (day !== null && bucket) {
      n += inWindow(
        bucket,
        day - MATCH_DEFAULTS.windowBefore,
        day + MATCH_DEFAULTS.windowAfter,
      ).length;
    }
  }
  return n / payments.length;
}

interface MatchRun {
  indexMs: number;
  matchMs: number;
  unique: number;
}

/** A full collection before a timed run, when the runtime exposes it (`npm run bench` does). */
const collect = (globalThis as { gc?: () => void }).gc;

function runMatcher(data: MatchData): { run: MatchRun; index: InvoiceIndex } {
  collect?.();
  const t0 = performance.now();
  const index = buildInvoiceIndex(data.invoices);
  const t1 = performance.now();
  let unique = 0;
  for (const p of data.payments) {
    const m = matchPayment(index, p);
    if (m.kind === 'unique') unique++;
    sink += m.kind.length;
  }
  const t2 = performance.now();
  return { run: { indexMs: t1 - t0, matchMs: t2 - t1, unique }, index };
}

const label = (n: number): string => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);

/** "min–max of n runs" of some timings (the value shown is their median), for the detail column. */
function spread(xs: readonly number[], unit: string): string {
  return `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))} ${unit} over ${xs.length} runs`;
}

const MATCH_SIZES = [
  { invoices: 10_000, runs: 5 },
  { invoices: 100_000, runs: 5 },
  { invoices: 1_000_000, runs: 3 },
];
const MATCH_PAYMENTS = 10_000;

async function matcherRows(): Promise<Row[]> {
  // Warm-up: JIT the index and match paths on a small population first.
  const warm = matchData(SEED + 1, 10_000, 1_000);
  runMatcher(warm);

  const rows: Row[] = [];
  let target: Row | null = null;
  for (const size of MATCH_SIZES) {
    // Generated before timing; one untimed run on it first (the first read of the generated
    // strings, and the JIT at this size), then the timed runs, each after a full collection.
    const data = matchData(SEED, size.invoices, MATCH_PAYMENTS);
    const first = runMatcher(data);
    const runs: MatchRun[] = [];
    for (let i = 0; i < size.runs; i++) runs.push(runMatcher(data).run);
    const indexMs = runs.map((r) => r.indexMs);
    const matchMs = runs.map((r) => r.matchMs);
    const totalMs = runs.map((r) => r.indexMs + r.matchMs);
    const cand = candidatesPerPayment(first.index, data.payments);
    const unique = (100 * first.run.unique) / data.payments.length;
    const inv = label(size.invoices);
    const pay = label(data.payments.length);
    if (size.invoices === 100_000) {
      target = below(
        `matcher: buildInvoiceIndex(100k invoices) + 10k × matchPayment, total (median of ${size.runs})`,
        median(totalMs),
        'ms',
        100,
        `min ${fmt(Math.min(...totalMs))} · max ${fmt(Math.max(...totalMs))} ms · untimed first run ${fmt(first.run.indexMs + first.run.matchMs)} ms`,
      );
    }
    rows.push({
      name: `matcher ${inv} invoices: buildInvoiceIndex`,
      value: median(indexMs),
      unit: 'ms',
      detail: `${spread(indexMs, 'ms')} · ${fmt((median(indexMs) * 1e6) / size.invoices)} ns/invoice`,
    });
    rows.push({
      name: `matcher ${inv} invoices: matchPayment × ${pay}`,
      value: median(matchMs),
      unit: 'ms',
      detail: `${spread(matchMs, 'ms')} · ${fmt((median(matchMs) * 1e3) / data.payments.length)} µs/payment · ${fmt(cand)} same-amount invoices in window/payment · ${fmt(unique)}% unique`,
    });
  }
  return target ? [target, ...rows] : rows;
}

type Parser = (s: string) => Result<unknown>;

const PARSERS: { name: string; fn: Parser; gen: (r: Rng) => string; limitNs: number }[] = [
  { name: 'parsePhone', fn: parsePhone, gen: parserInputs.phone, limitNs: 1000 },
  { name: 'parseAmount', fn: parseAmount, gen: parserInputs.amount, limitNs: 1000 },
  { name: 'parseBizNo', fn: parseBizNo, gen: parserInputs.bizNo, limitNs: 1000 },
  { name: 'parseDate', fn: parseDate, gen: parserInputs.date, limitNs: 3000 },
  { name: 'parseName', fn: parseName, gen: parserInputs.name, limitNs: 3000 },
];
const PARSER_INPUTS = 1_000_000;

async function parserRows(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const p of PARSERS) {
    const r = rng(SEED ^ p.name.length);
    const inputs = Array.from({ length: PARSER_INPUTS }, () => p.gen(r));
    let valid = 0;
    // One iteration = one pass over all 1M inputs; 1 warm-up pass, median of 3 timed passes.
    const bench = new Bench({
      iterations: 3,
      time: 0,
      warmupIterations: 1,
      warmupTime: 0,
      throws: true,
    });
    bench.add(p.name, () => {
      let ok = 0;
      for (const s of inputs) if (p.fn(s).ok) ok++;
      valid = ok;
      sink += ok;
    });
    await bench.run();
    const result = bench.tasks[0]?.result;
    if (!result || !('latency' in result)) throw new Error(`${p.name}: no result`);
    const ns = (result.latency.p50 * 1e6) / PARSER_INPUTS;
    rows.push(
      below(
        `${p.name}: 1M mixed inputs (median of 3 passes)`,
        ns / 1000,
        'µs/op',
        p.limitNs / 1000,
        `${fmt(ns)} ns/op · ${fmt(1e3 / ns)} M ops/s · ${fmt((100 * valid) / PARSER_INPUTS)}% valid`,
      ),
    );
  }
  return rows;
}

export const matcherSection: Section = {
  title: 'Matcher',
  method:
    'Seeded synthetic data (bench/data.ts): academies of ~200 students with 3–7 prices each (mostly ' +
    'common round amounts, so amounts repeat), families of 1–3 children sharing the parent phone and ' +
    'surname, one invoice per student per month over Sep–Nov 2026 plus re-sends, ~40% of 고객명 with ' +
    'notes; payments are 85% 문자결제 for a real invoice (paid 0–7 days later, 10% cancelled), 15% other ' +
    'methods; 90% of payments carry their businessId. The population grows with the invoice count ' +
    "(more academies); 10k payments at every size. Each size's data is generated before any timing; " +
    'after a 10k warm-up, one untimed run on that data (it also pays the first read of the ' +
    'generated strings; its total is shown for 100k), then timed runs (performance.now around ' +
    'buildInvoiceIndex and around the matchPayment loop), each after a full collection (global.gc: ' +
    '`npm run bench` passes --expose-gc), so collecting the generated data falls outside the ' +
    "timings (a run's own garbage may still be collected within it). 10k and 100k: median of 5 " +
    'runs, 1M: median of 3, min–max beside it; the total is the ' +
    'median of the per-run sums. "Same-amount invoices in window" = invoices of the payment\'s ' +
    '|amount| inside its date window (what a matcher without an index would score); "unique" = ' +
    'share of payments with a unique match.',
  run: matcherRows,
};

export const parserSection: Section = {
  title: 'Parsers',
  method:
    'Each parser over 1M seeded inputs written the ways the sites and people write them (valid ' +
    'forms plus full-width digits, stray spaces/zero-width characters, wrong check digits, ' +
    'impossible dates, markup in names, empty cells, words); tinybench, one pass = 1M calls, one ' +
    'warm-up pass, median of 3 timed passes. Targets (ours): < 1 µs/op for phone/amount/bizno, ' +
    '< 3 µs/op for date/name.',
  run: parserRows,
};

/** Keeps `sink` alive (and reports it when debugging). */
export function domainSink(): number {
  return sink;
}
