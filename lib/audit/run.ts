/**
 * The whole audit: files → sheets → rows → report, with progress and cancellation. This is what
 * the page's Web Worker runs (worker.ts) and what `npm run bench` and the tests run in Node.
 */
import type { AuditSite } from './headers';
import type { AuditOptions, AuditReport, FileSummary, InvoiceRow, PaymentRow } from './model';
import { ReadError, readWorkbook } from './read';
import { buildReport, CancelledError } from './report';
import { planSheets, readInvoices, readPayments, slotReader } from './rows';

export interface AuditFile {
  name: string;
  data: ArrayBuffer | Uint8Array;
}

export interface AuditInput {
  manager: AuditFile[];
  macgai: AuditFile[];
  options: AuditOptions;
}

export type AuditPhase = 'read' | 'match' | 'done';

export interface AuditProgress {
  phase: AuditPhase;
  /** Files read so far, of all. */
  files: number;
  totalFiles: number;
  /** Data rows read so far per side. */
  rows: Record<AuditSite, number>;
  /** Payments matched so far, of those to match (match phase). */
  matched: number;
  toMatch: number;
}

export interface AuditResult {
  files: FileSummary[];
  /** Null when a file was refused: nothing is reported until every file reads. */
  report: AuditReport | null;
}

export interface RunHooks {
  progress?(p: AuditProgress): void;
  cancelled?(): boolean;
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function emptySummary(file: AuditFile, slot: AuditSite): FileSummary {
  return {
    name: file.name,
    slot,
    kind: null,
    bytes: file.data.byteLength,
    sheets: [],
    rows: 0,
    duplicates: 0,
    otherBusiness: 0,
    problem: null,
  };
}

/** Runs the audit. Throws {@link CancelledError} when `cancelled()` turns true. */
export async function runAudit(input: AuditInput, hooks: RunHooks = {}): Promise<AuditResult> {
  const { options } = input;
  const totalFiles = input.manager.length + input.macgai.length;
  const state: AuditProgress = {
    phase: 'read',
    files: 0,
    totalFiles,
    rows: { macgai: 0, manager: 0 },
    matched: 0,
    toMatch: 0,
  };
  const report = () => hooks.progress?.({ ...state, rows: { ...state.rows } });
  const check = () => {
    if (hooks.cancelled?.()) throw new CancelledError();
  };
  const summaries: FileSummary[] = [];
  const payments: PaymentRow[] = [];
  const invoices: InvoiceRow[] = [];
  const slots: [AuditSite, AuditFile[]][] = [
    ['manager', input.manager],
    ['macgai', input.macgai],
  ];
  report();
  for (const [site, files] of slots) {
    const reader = slotReader(site);
    for (const [n, file] of files.entries()) {
      await tick();
      check();
      const summary = emptySummary(file, site);
      summaries.push(summary);
      try {
        const workbook = await readWorkbook(file.data);
        summary.kind = workbook.kind;
        check();
        const plan = planSheets(workbook, site);
        summary.sheets = plan.sheets;
        if (plan.problem) {
          summary.problem = plan.problem;
        } else if (site === 'macgai') {
          const rows = readPayments(reader, workbook, plan.plans, n, options.business, summary);
          for (const r of rows) payments.push(r);
          summary.rows = rows.length;
        } else {
          const rows = readInvoices(reader, workbook, plan.plans, n, options.business, summary);
          for (const r of rows) invoices.push(r);
          summary.rows = rows.length;
        }
        if (!summary.problem && summary.rows === 0 && summary.otherBusiness === 0) {
          summary.problem = { code: 'no_rows', detail: '', missing: [], site: null };
        }
      } catch (error) {
        if (error instanceof CancelledError) throw error;
        if (!(error instanceof ReadError)) throw error;
        summary.problem = { code: error.problem, detail: error.message, missing: [], site: null };
      }
      state.files++;
      state.rows[site] += summary.rows;
      report();
    }
  }
  if (summaries.some((s) => s.problem) || input.manager.length === 0 || input.macgai.length === 0) {
    return { files: summaries, report: null };
  }
  await tick();
  check();
  state.phase = 'match';
  state.toMatch = payments.length;
  report();
  let last = 0;
  const result = buildReport({
    payments,
    invoices,
    period: options.period,
    businessId: options.business?.id ?? null,
    cancelled: hooks.cancelled,
    progress: (matched) => {
      // The matcher runs synchronously; progress is posted every few thousand payments.
      if (matched - last < 2000 && matched !== payments.length) return;
      last = matched;
      state.matched = matched;
      report();
    },
  });
  state.phase = 'done';
  state.matched = payments.length;
  report();
  return { files: summaries, report: result };
}
