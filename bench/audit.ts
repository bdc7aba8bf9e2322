/**
 * The month-end audit at 50,000 rows per file: read + parse + match, against the library's bare
 * read of the same two .xlsx files. Runs in Node the code the audit page's Web Worker runs
 * (lib/audit/run.ts); only the thread differs.
 */
import readXlsxFile from 'read-excel-file/universal';
import { runAudit } from '../lib/audit/run';
import { BUSINESS, bigScenario, writeMacgai, writeManager } from '../tests/fixtures/audit/generate';
import { fmt, median, type Row, type Section } from './table';

const ROWS = 50_000;
const RUNS = 5;
const TARGET = 1.5;

const buffer = (b: Uint8Array): ArrayBuffer =>
  b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

async function bareRead(files: readonly Uint8Array[]): Promise<number> {
  let cells = 0;
  for (const f of files) {
    for (const sheet of await readXlsxFile(buffer(f))) cells += sheet.data.length;
  }
  return cells;
}

export const auditSection: Section = {
  title: 'Month-end audit',
  method:
    `Two generated exports (tests/fixtures/audit/generate.ts, seeded): a ${ROWS.toLocaleString('en-US')}-row ` +
    "MacGai 수납목록 and a manager-site 청구서관리목록 of the same size (two years of one academy's " +
    'tuition: siblings, re-sends, twins, a backlog of force-cancels), written as .xlsx with date cells. ' +
    "Bare read = read-excel-file's readXlsxFile (the library's universal entry) over both files, " +
    'nothing else. Audit = runAudit (lib/audit/run.ts), the code the page runs in its Web Worker, ' +
    'here in Node: read both files (the .xlsx re-packed uncompressed first, so read-excel-file never ' +
    'starts the blob: worker an extension page may not), find the headers, parse every row with the ' +
    'domain parsers, key them, match every payment with the domain matcher and build the report. ' +
    `Bare and audit runs alternate, ${RUNS} of each after one warm-up of each; medians. rows/s = ` +
    'rows of both files ÷ time. The ratio is audit ÷ bare read (target ≤ 1.5×: the audit adds at ' +
    'most half of what reading the files costs).',
  async run(): Promise<Row[]> {
    const sc = bigScenario(ROWS);
    const [macgai, manager] = await Promise.all([
      writeMacgai(sc.macgai, { format: 'xlsx' }),
      writeManager(sc.manager, { format: 'xlsx' }),
    ]);
    const rows = sc.macgai.length + sc.manager.length;
    const audit = async () => {
      const t0 = performance.now();
      let t1 = t0;
      const result = await runAudit(
        {
          manager: [{ name: 'manager.xlsx', data: manager }],
          macgai: [{ name: 'macgai.xlsx', data: macgai }],
          options: { period: { from: null, to: null }, business: BUSINESS },
        },
        {
          progress: (p) => {
            if (p.phase === 'match' && p.matched === 0) t1 = performance.now();
          },
        },
      );
      const t2 = performance.now();
      if (!result.report) throw new Error('audit bench: no report');
      return { total: t2 - t0, match: t2 - t1, report: result.report };
    };
    const bare = async () => {
      const t0 = performance.now();
      await bareRead([macgai, manager]);
      return performance.now() - t0;
    };
    await bare();
    await audit();
    const bares: number[] = [];
    const audits: number[] = [];
    const matches: number[] = [];
    let report = null as Awaited<ReturnType<typeof audit>>['report'] | null;
    for (let k = 0; k < RUNS; k++) {
      bares.push(await bare());
      const a = await audit();
      audits.push(a.total);
      matches.push(a.match);
      report = a.report;
    }
    const b = median(bares);
    const a = median(audits);
    const m = median(matches);
    const ratio = a / b;
    const c = report?.counts;
    return [
      {
        name: `audit: bare read-excel-file read of 2 × ${ROWS / 1000}k-row .xlsx (${fmt(
          (macgai.length + manager.length) / 1024 / 1024,
        )} MB)`,
        value: b,
        unit: 'ms',
        detail: `${fmt(rows / (b / 1000))} rows/s`,
      },
      {
        name: `audit: read + parse + match of the same files (runAudit, the worker's code, in Node)`,
        value: a,
        unit: 'ms',
        detail:
          `${fmt(rows / (a / 1000))} rows/s · match ${fmt(m)} ms · ` +
          `${c?.pending} pending, ${c?.drift} drift, ${c?.ambiguous} ambiguous of ${c?.payments} payments`,
      },
      {
        name: 'audit ÷ bare read',
        value: ratio,
        unit: '×',
        target: `≤ ${TARGET}×`,
        pass: ratio <= TARGET,
        detail: `runs: bare ${bares.map((x) => fmt(x)).join(', ')} ms; audit ${audits.map((x) => fmt(x)).join(', ')} ms`,
      },
    ];
  },
};
