/**
 * The audit's shapes: rows read from the exports (each with where it came from), the options the
 * user picks, per-file summaries, and the report. All plain data: they cross the worker boundary
 * by structured clone and are written to CSV.
 */
import type { MacgaiPayment, ManagerInvoice } from '@/lib/domain';
import type { AuditSite } from './headers';
import type { FileKind, ReadProblem } from './read';

/** Where a row is in the files: the file's position in its slot, the sheet, the Excel row number. */
export interface SourceRef {
  file: number;
  sheet: string;
  /** 1-based, as Excel numbers rows. */
  row: number;
}

export interface PaymentRow {
  payment: MacgaiPayment;
  at: SourceRef;
}

export interface InvoiceRow {
  invoice: ManagerInvoice;
  at: SourceRef;
}

/** 'YYYY-MM-DD' bounds, inclusive; null = open. */
export interface Period {
  from: string | null;
  to: string | null;
}

export interface AuditOptions {
  period: Period;
  /** The business the exports belong to (its id keys the records; its name filters 사업자명). */
  business: { id: string; name: string } | null;
}

/** Why a file was refused. */
export type FileProblem =
  | ReadProblem
  | 'wrong_site' // the other site's export (dropped in the wrong slot)
  | 'no_header' // no header row with the required columns
  | 'no_rows'; // a header, but no data row under it

export interface SheetSummary {
  name: string;
  /** 1-based header row, or null when the sheet was skipped. */
  headerRow: number | null;
  /** Data rows read. */
  rows: number;
  /** Non-blank rows under the header that were not data (totals, repeated headers, bad dates). */
  unreadable: number;
  /** The first few unreadable rows (1-based). */
  unreadableRows: number[];
  /** Why a sheet without a header was skipped: the other site's list, or what the nearest row lacked. */
  skipped: { site: AuditSite | null; missing: string[] } | null;
}

export interface FileSummary {
  name: string;
  slot: AuditSite;
  kind: FileKind | null;
  bytes: number;
  sheets: SheetSummary[];
  rows: number;
  /** Rows also present in an earlier file of the same slot (the same row exported twice). */
  duplicates: number;
  /** MacGai rows of another 사업자명 than the business picked. */
  otherBusiness: number;
  problem: { code: FileProblem; detail: string; missing: string[]; site: AuditSite | null } | null;
}

export interface Pair {
  payment: PaymentRow;
  invoice: InvoiceRow;
}

/** Cancelled in MacGai, live on the manager site: the invoice must be cancelled by hand. */
export interface PendingItem extends Pair {
  /** 'force' when 강제취소 is written on the row; otherwise the cause is not known. */
  cause: 'force' | 'unknown';
}

/** Paid on one side only (both sides not cancelled). */
export interface OneSidePaid extends Pair {
  paidIn: AuditSite;
}

/** Rows the matcher could not pair with confidence: shown side by side, never guessed. */
export interface AmbiguousGroup {
  payments: PaymentRow[];
  invoices: InvoiceRow[];
  /** 'candidates': the matcher found several plausible invoices; 'conflict': several payments claimed one invoice. */
  why: 'candidates' | 'conflict';
  /** Score of each payment–invoice candidate pair (indexes into payments/invoices). */
  scores: { p: number; i: number; score: number }[];
}

export interface AuditCounts {
  pending: number;
  drift: number;
  paidOneSide: number;
  ambiguous: number;
  unmatchedMacgai: number;
  unmatchedManager: number;
  /** Pairs that agree (nothing to do). */
  consistent: number;
  /** MacGai rows in the period by another 결제수단 than 문자결제 (never on the manager site). */
  otherMethods: number;
  /** Rows of each side inside the period. */
  payments: number;
  invoices: number;
}

export interface AuditReport {
  period: Period;
  businessId: string | null;
  /** The period the files cover (earliest and latest row date), for the page to show. */
  span: Period;
  counts: AuditCounts;
  pending: PendingItem[];
  drift: Pair[];
  paidOneSide: OneSidePaid[];
  ambiguous: AmbiguousGroup[];
  unmatchedMacgai: PaymentRow[];
  unmatchedManager: InvoiceRow[];
}

export type ReportGroup =
  | 'pending'
  | 'drift'
  | 'paidOneSide'
  | 'ambiguous'
  | 'unmatchedMacgai'
  | 'unmatchedManager';

export const REPORT_GROUPS: readonly ReportGroup[] = [
  'pending',
  'drift',
  'paidOneSide',
  'ambiguous',
  'unmatchedMacgai',
  'unmatchedManager',
];
