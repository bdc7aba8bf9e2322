/**
 * Finding the header row of an export, and which site exported it. The header words are the page
 * adapters' own (lib/sites): an export's columns are the list's columns, so a word added there for
 * a page is understood in a file too. Columns are assigned by lib/engine/text's assignFields, the
 * same rule the overlays use for a table on screen.
 */
import { assignFields, type FieldColumns, fold } from '@/lib/engine/text';
import { academyPayments, type MacgaiField } from '@/lib/sites/macgai';
import { type InvoiceField, invoiceList } from '@/lib/sites/manager';
import type { ListSpec } from '@/lib/sites/types';
import { type Cell, cellText, type SheetRow } from './cells';

export type AuditSite = 'macgai' | 'manager';

/** The lists an export is read as: MacGai's academy-wide payment lists, the 청구서관리 list. */
export const SPECS = {
  macgai: academyPayments.list as ListSpec<MacgaiField>,
  manager: invoiceList.list as ListSpec<InvoiceField>,
} as const;

export type FieldOf<S extends AuditSite> = S extends 'macgai' ? MacgaiField : InvoiceField;

/** How many rows from the top of a sheet are searched for the header (title rows come first). */
export const HEADER_SCAN_ROWS = 30;

export interface HeaderMatch<S extends AuditSite = AuditSite> {
  site: S;
  /** 0-based index of the header row in the sheet. */
  row: number;
  columns: Map<FieldOf<S>, number>;
}

/** The header cell texts of a row (non-text cells as shown). */
export function headerTexts(row: SheetRow): string[] {
  return row.map((c: Cell) => (typeof c === 'string' ? c : cellText(c)));
}

/** Which of a spec's required fields a header row lacks, and the fields it names ambiguously. */
function missingRequired<F extends string>(spec: ListSpec<F>, found: FieldColumns<F>): F[] {
  return [...spec.required.filter((f) => !found.columns.has(f)), ...found.ambiguous];
}

/** Whether a header row names a column that means "another list" (e.g. 청구사유 in MacGai). */
function excluded(spec: ListSpec, headers: readonly string[]): boolean {
  const words = spec.excludes ?? [];
  if (words.length === 0) return false;
  const folded = headers.map(fold);
  return words.some((w) => folded.some((h) => h.includes(fold(w))));
}

/** The site's columns in a header row, or null when its required fields are not all there. */
export function readHeader<S extends AuditSite>(
  site: S,
  headers: readonly string[],
): Map<FieldOf<S>, number> | null {
  const spec = SPECS[site] as ListSpec<FieldOf<S>>;
  if (excluded(spec as ListSpec, headers)) return null;
  const found = assignFields(headers, spec.fields);
  return missingRequired(spec, found).length === 0 ? found.columns : null;
}

export interface SheetHeader {
  /** The header found (the site with more recognised columns wins when both fit), or null. */
  found: HeaderMatch | null;
  /** For a sheet without one: the row that came closest for each site, and what it lacked. */
  nearest: Record<AuditSite, { row: number; missing: string[] } | null>;
}

/** The first words of each missing field (what a person would look for: "청구핸드폰", "상태"). */
export function fieldWords(site: AuditSite, fields: readonly string[]): string[] {
  const spec = SPECS[site] as ListSpec;
  return fields.map((f) => spec.fields[f]?.[0] ?? f);
}

/**
 * Scans the first {@link HEADER_SCAN_ROWS} rows of a sheet for a header row of either site.
 * Rows with fewer than three filled cells (a merged title, a date range, a blank line) are
 * skipped. When a row fits both sites, the one with more recognised columns is taken: a manager
 * export also carries 고객명/등록일자/청구금액/상태, which MacGai's words would read as a name, a
 * date, an amount and a status, but MacGai's words do not find 청구사유, 카드사, 승인번호.
 */
export function findHeader(rows: readonly SheetRow[]): SheetHeader {
  const nearest: SheetHeader['nearest'] = { macgai: null, manager: null };
  const best: Record<AuditSite, number> = { macgai: 0, manager: 0 };
  const limit = Math.min(rows.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < limit; r++) {
    const headers = headerTexts(rows[r] ?? []);
    if (headers.filter((h) => h.trim() !== '').length < 3) continue;
    const fits: HeaderMatch[] = [];
    for (const site of ['macgai', 'manager'] as const) {
      const spec = SPECS[site] as ListSpec;
      const found = assignFields(headers, spec.fields);
      const { columns } = found;
      const missing = missingRequired(spec, found);
      if (missing.length === 0 && !excluded(spec, headers)) {
        fits.push({ site, row: r, columns } as HeaderMatch);
      } else if (columns.size > best[site]) {
        best[site] = columns.size;
        nearest[site] = { row: r, missing: fieldWords(site, missing) };
      }
    }
    if (fits.length > 0) {
      fits.sort((a, b) => b.columns.size - a.columns.size);
      return { found: fits[0] ?? null, nearest };
    }
  }
  return { found: null, nearest };
}
