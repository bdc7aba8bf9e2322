import type { ListSpec } from '@/lib/sites/types';
import { assignFields, cellText, fieldLimits, fieldText, fold } from './text';

/**
 * Finds lists on a page — `<table>`s or ARIA grids (role=grid/table/treegrid with row/cell
 * roles) — by their header words, in any column order, with extra columns.
 */

export interface FoundList<F extends string> {
  element: Element;
  columns: ReadonlyMap<F, number>;
  header: Element;
  rows: Element[];
  /** `rows[i]`'s cells ({@link rowCells}), read on first use and kept for the scan. */
  cellsOf(i: number): Element[];
  /** How much text each field keeps (see {@link fieldText}). */
  limits: ReadonlyMap<F, number>;
}

export interface NearMiss {
  element: Element;
  /** Required fields without a column, and fields two headers claim equally (never guessed). */
  missing: string[];
  matched: number;
}

const GRID = '[role=grid], [role=table], [role=treegrid]';
const GRID_ROLES = new Set(['grid', 'table', 'treegrid']);
const HEADER_CELL_MAX = 24;
const CELL_ROLE = /^(gridcell|cell|columnheader|rowheader)$/;
const MAX_SPAN = 50;

/** A column span: a positive integer, at most MAX_SPAN; 1 for anything else. */
function spanOf(value: string | null): number {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return 1;
  return Math.min(Math.max(Number(value), 1), MAX_SPAN);
}

/**
 * Cells of a row, each repeated by its colspan (an ARIA cell's aria-colspan) so indexes line up
 * with the header. A table cell's span is the browser's own reading of its colspan (`colSpan`),
 * capped at MAX_SPAN; a row's other children (a script may insert any) are no cells.
 */
export function rowCells(row: Element): Element[] {
  const cells: Element[] = [];
  if (row instanceof HTMLTableRowElement) {
    // Only a <td> or <th> has a colSpan (a number, at least 1): one read tells both.
    for (let cell = row.firstElementChild; cell; cell = cell.nextElementSibling) {
      const span: unknown = (cell as HTMLTableCellElement).colSpan;
      if (span === 1) cells.push(cell);
      else if (typeof span === 'number' && span > 1)
        for (let i = Math.min(Math.trunc(span), MAX_SPAN); i > 0; i--) cells.push(cell);
    }
    return cells;
  }
  for (let cell = row.firstElementChild; cell; cell = cell.nextElementSibling) {
    if (!CELL_ROLE.test(cell.getAttribute('role') ?? '')) continue;
    const span = spanOf(cell.getAttribute('aria-colspan') ?? cell.getAttribute('colspan'));
    for (let i = 0; i < span; i++) cells.push(cell);
  }
  return cells;
}

interface OwnRows {
  rows: Element[];
  /** How many of the first rows sit in a <thead> (header rows, whatever their cells). */
  head: number;
}

/**
 * A table's own rows in `table.rows` order (<thead> rows, then body rows, then <tfoot> rows),
 * never those of a table nested in one of its cells. Walked by hand: it costs less than copying
 * the rows collection of a long table, and is the same in every DOM.
 */
function tableRows(table: Element): OwnRows {
  const head: Element[] = [];
  const body: Element[] = [];
  const foot: Element[] = [];
  for (let child = table.firstElementChild; child; child = child.nextElementSibling) {
    const tag = child.tagName;
    if (tag === 'TR') body.push(child);
    else if (tag === 'TBODY' || tag === 'THEAD' || tag === 'TFOOT') {
      const into = tag === 'TBODY' ? body : tag === 'THEAD' ? head : foot;
      for (let row = child.firstElementChild; row; row = row.nextElementSibling) {
        if (row.tagName === 'TR') into.push(row);
      }
    }
  }
  if (head.length === 0 && foot.length === 0) return { rows: body, head: 0 };
  return { rows: [...head, ...body, ...foot], head: head.length };
}

/** The list's own rows: never those of a table or grid nested in one of its cells. */
function candidateRows(el: Element): OwnRows {
  if (el instanceof HTMLTableElement) return tableRows(el);
  const rows = Array.from(el.querySelectorAll('[role=row]'));
  return {
    rows: el.querySelector(GRID) ? rows.filter((row) => row.closest(GRID) === el) : rows,
    head: 0,
  };
}

/** A header cell is short, plain text (a layout table's big cells never qualify). */
function headerLabel(cell: Element): string | null {
  if (cell.querySelector('table, [role=grid], [role=table]')) return null;
  const text = cellText(cell);
  return text.length > 0 && text.length <= HEADER_CELL_MAX ? text : null;
}

/** A row of <th> cells only. */
function allTh(row: Element): boolean {
  let th = false;
  for (let cell = row.firstElementChild; cell; cell = cell.nextElementSibling) {
    if (cell.tagName === 'TD') return false;
    if (cell.tagName === 'TH') th = true;
  }
  return th;
}

/** A <thead> row, a row of <th> cells only, or an ARIA row with a columnheader. */
function isHeaderRow(row: Element): boolean {
  if (row instanceof HTMLTableRowElement) {
    return row.parentElement?.tagName === 'THEAD' || allTh(row);
  }
  return row.querySelector('[role=columnheader]') !== null;
}

/**
 * A table or grid as read once per scan. Every spec is matched against the same reading: the
 * header is found once, and the data rows are listed only when a spec takes the list.
 */
export interface ListCandidate {
  element: Element;
  header: Element;
  /** The header's label per column (null for a colspan repeat or a cell that is no label). */
  labels: readonly (string | null)[];
  body(): { rows: Element[]; cellsOf(i: number): Element[] };
}

function candidate(element: Element): ListCandidate | null {
  const { rows, head } = candidateRows(element);
  // A table's rows are <tr>s whose <thead> ones come first: no need to ask each row.
  const isHeader =
    element instanceof HTMLTableElement
      ? (row: Element, i: number) => i < head || allTh(row)
      : (row: Element) => isHeaderRow(row);
  let headerIndex = rows.findIndex(isHeader);
  if (headerIndex === -1) headerIndex = 0;
  const header = rows[headerIndex];
  if (!header) return null;
  const headerCells = rowCells(header);
  const labels = headerCells.map(
    (cell, index) => (headerCells.indexOf(cell) === index ? headerLabel(cell) : null), // null for a colspan repeat
  );
  let body: ReturnType<ListCandidate['body']> | null = null;
  return {
    element,
    header,
    labels,
    body() {
      if (body) return body;
      const dataRows: Element[] = [];
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i] as Element;
        // Rows before the header were already found not to be header rows.
        if (i === headerIndex || (i > headerIndex && isHeader(row, i))) continue;
        dataRows.push(row);
      }
      const cells: Element[][] = [];
      const cellsOf = (i: number): Element[] => {
        let c = cells[i];
        if (!c) {
          c = rowCells(dataRows[i] as Element);
          cells[i] = c;
        }
        return c;
      };
      body = { rows: dataRows, cellsOf };
      return body;
    },
  };
}

/** Tables and ARIA grids under `root`, in document order. */
function listElements(root: ParentNode): Element[] {
  // A tag lookup and an attribute query cost far less than one query for both (long pages).
  const tables =
    'getElementsByTagName' in root
      ? Array.from((root as Document | Element).getElementsByTagName('table'))
      : Array.from(root.querySelectorAll('table'));
  const grids = Array.from(root.querySelectorAll('[role]')).filter((el) =>
    GRID_ROLES.has(el.getAttribute('role') ?? ''),
  );
  if (grids.length === 0) return tables;
  const all = [...new Set([...tables, ...grids])];
  return all.sort((a, b) =>
    a === b ? 0 : a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1,
  );
}

/** Every table and ARIA grid under `root`, each read once (see {@link matchLists}). */
export function scanLists(root: ParentNode): ListCandidate[] {
  const out: ListCandidate[] = [];
  for (const el of listElements(root)) {
    const c = candidate(el);
    if (c) out.push(c);
  }
  return out;
}

/** A header that says the table is some other list (another site's, typically). */
function excluded(labels: readonly (string | null)[], spec: ListSpec<string>): boolean {
  if (!spec.excludes?.length) return false;
  const words = spec.excludes.map(fold);
  return labels.some((l) => {
    const label = fold(l);
    return label !== '' && words.some((w) => label.includes(w));
  });
}

export interface ListScan<F extends string> {
  found: FoundList<F>[];
  nearMisses: NearMiss[];
}

/** The lists of this spec among lists already read, and the tables that almost were one. */
export function matchLists<F extends string>(
  candidates: readonly ListCandidate[],
  spec: ListSpec<F>,
): ListScan<F> {
  const found: FoundList<F>[] = [];
  const nearMisses: NearMiss[] = [];
  const limits = fieldLimits(spec);
  for (const c of candidates) {
    if (excluded(c.labels, spec)) continue;
    const { columns, ambiguous } = assignFields(c.labels, spec.fields);
    // A field two headers claim equally is not guessed: the table is not this list.
    const missing = [...spec.required.filter((f) => !columns.has(f)), ...ambiguous];
    if (missing.length === 0) {
      const { rows, cellsOf } = c.body();
      found.push({ element: c.element, columns, header: c.header, rows, cellsOf, limits });
    } else if (columns.size >= spec.nearMiss) {
      nearMisses.push({ element: c.element, missing, matched: columns.size });
    }
  }
  return { found, nearMisses };
}

/** Every list of this spec under `root`, and the tables that almost were one. */
export function findLists<F extends string>(root: ParentNode, spec: ListSpec<F>): ListScan<F> {
  return matchLists(scanLists(root), spec);
}

/**
 * The row's visible text per mapped field, as {@link fieldText} (`cells`: the row's
 * {@link rowCells}, when known; `limits`: the list's).
 */
export function readRow<F extends string>(
  row: Element,
  columns: ReadonlyMap<F, number>,
  cells: readonly Element[] = rowCells(row),
  limits?: ReadonlyMap<F, number>,
): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {};
  for (const [field, index] of columns) {
    const cell = cells[index];
    if (cell) out[field] = fieldText(cellText(cell), field, limits);
  }
  return out;
}

/**
 * Rows that hold data (a "조회된 내역이 없습니다" row spans the table and is skipped): two distinct
 * cells and something a person sees — text, or a form field's value, as {@link cellText} reads
 * it. `text`: the row's textContent when the caller has it already.
 */
export function isDataRow(
  row: Element,
  columns: ReadonlyMap<unknown, number>,
  cells: readonly Element[] = rowCells(row),
  text?: string,
): boolean {
  const need = Math.min(2, columns.size);
  let distinct = 0;
  for (let i = 0; i < cells.length && distinct < need; i++) {
    if (i === 0 || cells[i] !== cells[i - 1]) distinct++;
  }
  if (distinct < need) return false;
  if (text !== undefined && /\S/.test(text)) return true;
  // Any text at all: a cell's says so without reading the whole row; a field's value counts.
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] as Element;
    if (i > 0 && cell === cells[i - 1]) continue;
    if (/\S/.test(cell.textContent ?? '') || /\S/.test(cellText(cell))) return true;
  }
  return text === undefined && /\S/.test(row.textContent ?? '');
}
