import type { ListSpec } from '@/lib/sites/types';
import { assignFields, cellText, fold } from './text';

/**
 * Finds lists on a page — `<table>`s or ARIA grids (role=grid/table/treegrid with row/cell
 * roles) — by their header words, in any column order, with extra columns.
 */

export interface FoundList<F extends string> {
  element: Element;
  columns: ReadonlyMap<F, number>;
  header: Element;
  rows: Element[];
}

export interface NearMiss {
  element: Element;
  missing: string[];
  matched: number;
}

const GRID = '[role=grid], [role=table], [role=treegrid]';
const HEADER_CELL_MAX = 24;

/** Cells of a row, each repeated by its colspan so indexes line up with the header. */
export function rowCells(row: Element): Element[] {
  const cells: Element[] = [];
  const raw =
    row instanceof HTMLTableRowElement
      ? Array.from(row.children).filter((c) => c.tagName === 'TD' || c.tagName === 'TH')
      : Array.from(row.children).filter((c) =>
          /^(gridcell|cell|columnheader|rowheader)$/.test(c.getAttribute('role') ?? ''),
        );
  for (const cell of raw) {
    const span = Math.min(Number(cell.getAttribute('colspan')) || 1, 50);
    for (let i = 0; i < span; i++) cells.push(cell);
  }
  return cells;
}

function gridRows(grid: Element): Element[] {
  return Array.from(grid.querySelectorAll('[role=row]')).filter(
    (row) => row.closest(GRID) === grid,
  );
}

function candidateRows(el: Element): Element[] {
  // Only the table's own rows: never those of a table nested in one of its cells.
  if (el instanceof HTMLTableElement)
    return Array.from(el.rows).filter((r) => r.closest('table') === el);
  return gridRows(el);
}

/** A header cell is short, plain text (a layout table's big cells never qualify). */
function headerLabel(cell: Element): string | null {
  if (cell.querySelector('table, [role=grid], [role=table]')) return null;
  const text = cellText(cell);
  return text.length > 0 && text.length <= HEADER_CELL_MAX ? text : null;
}

function mapColumns<F extends string>(header: Element, spec: ListSpec<F>): Map<F, number> {
  const headers = rowCells(header).map(
    (cell, index, all) => (all.indexOf(cell) === index ? headerLabel(cell) : null), // null for a colspan repeat
  );
  return assignFields(headers, spec.fields);
}

/** A header that says the table is some other list (another site's, typically). */
function excluded(header: Element, spec: ListSpec<string>): boolean {
  if (!spec.excludes?.length) return false;
  const words = spec.excludes.map(fold);
  return rowCells(header).some((cell) => {
    const label = fold(headerLabel(cell));
    return label !== '' && words.some((w) => label.includes(w));
  });
}

function isHeaderRow(row: Element): boolean {
  if (row instanceof HTMLTableRowElement) {
    const cells = rowCells(row);
    return (
      row.parentElement?.tagName === 'THEAD' ||
      (cells.length > 0 && cells.every((c) => c.tagName === 'TH'))
    );
  }
  return row.querySelector('[role=columnheader]') !== null;
}

export interface ListScan<F extends string> {
  found: FoundList<F>[];
  nearMisses: NearMiss[];
}

/** Every list of this spec under `root`, and the tables that almost were one. */
export function findLists<F extends string>(root: ParentNode, spec: ListSpec<F>): ListScan<F> {
  const found: FoundList<F>[] = [];
  const nearMisses: NearMiss[] = [];
  for (const el of Array.from(root.querySelectorAll(`table, ${GRID}`))) {
    const rows = candidateRows(el);
    const headerIndex = rows.findIndex(isHeaderRow);
    const header = rows[headerIndex === -1 ? 0 : headerIndex];
    if (!header) continue;
    if (excluded(header, spec)) continue;
    const columns = mapColumns(header, spec);
    const missing = spec.required.filter((f) => !columns.has(f));
    if (missing.length === 0) {
      found.push({
        element: el,
        columns,
        header,
        rows: rows.filter((r) => r !== header && !isHeaderRow(r)),
      });
    } else if (columns.size >= spec.nearMiss) {
      nearMisses.push({ element: el, missing, matched: columns.size });
    }
  }
  return { found, nearMisses };
}

/** The row's visible text per mapped field. */
export function readRow<F extends string>(
  row: Element,
  columns: ReadonlyMap<F, number>,
): Partial<Record<F, string>> {
  const cells = rowCells(row);
  const out: Partial<Record<F, string>> = {};
  for (const [field, index] of columns) {
    const cell = cells[index];
    if (cell) out[field] = cellText(cell);
  }
  return out;
}

/** Rows that hold data (a "조회된 내역이 없습니다" row spans the table and is skipped). */
export function isDataRow(row: Element, columns: ReadonlyMap<unknown, number>): boolean {
  const cells = rowCells(row);
  const distinct = new Set(cells);
  return distinct.size >= Math.min(2, columns.size) && fold(row.textContent).length > 0;
}
