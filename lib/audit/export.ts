/**
 * The report as one CSV for Excel (UTF-8 with a BOM, CRLF; cells neutralised against formula
 * injection like the store's own export): one line per row of each group, the MacGai side and the
 * manager side next to each other, and where each row is in the files. Headers and group names
 * come from the page, in the user's language.
 */
import { csvCell } from '@/lib/store/csv';
import type { AuditReport, InvoiceRow, PaymentRow, ReportGroup, SourceRef } from './model';

export const CSV_COLUMNS = [
  'group',
  'customer',
  'date',
  'amount',
  'macgaiStatus',
  'note',
  'invoiceCustomer',
  'phone',
  'registeredAt',
  'managerStatus',
  'paidAt',
  'approvalNo',
  'macgaiAt',
  'managerAt',
  'detail',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

export interface CsvLabels {
  columns: Record<CsvColumn, string>;
  groups: Record<ReportGroup, string>;
  /** "맥가이" / "매니저": which side was paid, for paidOneSide. */
  paidIn: (site: 'macgai' | 'manager') => string;
  /** The text for an ambiguous group's line ("후보 3건 중 하나"). */
  candidateOf: (n: number) => string;
  force: string;
  files: { macgai: string[]; manager: string[] };
}

const place = (names: string[], at: SourceRef | undefined): string =>
  at ? `${names[at.file] ?? at.file}:${at.sheet}:${at.row}` : '';

function line(
  labels: CsvLabels,
  group: ReportGroup,
  p: PaymentRow | null,
  i: InvoiceRow | null,
  detail = '',
): string {
  const pay = p?.payment;
  const inv = i?.invoice;
  const cells: (string | number | null | undefined)[] = [
    labels.groups[group],
    pay?.customer ?? inv?.customer,
    pay?.date,
    pay?.amount ?? inv?.amount,
    pay?.status,
    pay?.note,
    inv?.customerRaw,
    inv?.phone,
    inv?.registeredAt.replace('T', ' '),
    inv?.status,
    inv?.paidAt,
    inv?.approvalNo,
    place(labels.files.macgai, p?.at),
    place(labels.files.manager, i?.at),
    detail,
  ];
  return cells.map((c) => csvCell(c ?? '')).join(',');
}

export function reportToCsv(report: AuditReport, labels: CsvLabels): string {
  const lines: string[] = [CSV_COLUMNS.map((c) => csvCell(labels.columns[c])).join(',')];
  for (const x of report.pending) {
    lines.push(
      line(labels, 'pending', x.payment, x.invoice, x.cause === 'force' ? labels.force : ''),
    );
  }
  for (const x of report.drift) lines.push(line(labels, 'drift', x.payment, x.invoice));
  for (const x of report.paidOneSide) {
    lines.push(line(labels, 'paidOneSide', x.payment, x.invoice, labels.paidIn(x.paidIn)));
  }
  report.ambiguous.forEach((g) => {
    for (const p of g.payments) {
      lines.push(line(labels, 'ambiguous', p, null, labels.candidateOf(g.invoices.length)));
    }
    for (const i of g.invoices) lines.push(line(labels, 'ambiguous', null, i));
  });
  for (const p of report.unmatchedMacgai) lines.push(line(labels, 'unmatchedMacgai', p, null));
  for (const i of report.unmatchedManager) lines.push(line(labels, 'unmatchedManager', null, i));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
