/**
 * A list as the generator builds it — columns (what each holds and what its header says) and
 * rows of cells with their ground truth — and how it is written as a `<table>` or an ARIA grid.
 * The oracle (check.ts) reads expectations from this model, never from the rendered page.
 */
import { collapse } from './specs';
import type { Cell } from './values';

/** real: the field's own column; dup: an identical copy of one; decoy: another value under a
 * header that also names the field (할인금액 next to 납부금액); extra: no field. */
export type ColumnRole = 'real' | 'dup' | 'decoy' | 'extra';

export interface Header {
  html: string;
  /** The header cell's visible text. */
  text: string;
  /** Columns covered (colspan); 0 for a column covered by the header to its left. */
  span: number;
  /** The header holds a table (a layout cell): never a label. */
  nested?: boolean;
}

export interface Column {
  field: string | null;
  role: ColumnRole;
  header: Header;
}

export type RowKind = 'data' | 'summary' | 'no-results' | 'title' | 'blank';

export interface Row {
  kind: RowKind;
  /** One per column; null where a span to the left covers it. Shorter than the columns when ragged. */
  cells: (Cell | null)[];
  /** Every cell an <input> (an editable grid row). */
  allInputs?: boolean;
}

export interface TableLayout {
  kind: 'table';
  /** Where the header row is: <thead>, a <th> row in <tbody>, or a plain <td> first row. */
  header: 'thead' | 'tbody-th' | 'td-first';
  caption: boolean;
  /** Data rows start with a <th scope=row>. */
  rowHeader: boolean;
  /** Summary rows go to <tfoot>. */
  tfoot: boolean;
}

export interface GridLayout {
  kind: 'grid';
  role: 'grid' | 'table' | 'treegrid';
  rowgroups: boolean;
  rowHeader: boolean;
  /** How a spanning grid cell says so: the engine reads `colspan`; ARIA says `aria-colspan`. */
  spanAttr: 'colspan' | 'aria-colspan';
}

export type Layout = TableLayout | GridLayout;

export interface ListModel {
  columns: Column[];
  rows: Row[];
  layout: Layout;
  /** The fixture's own markup, used verbatim when nothing about the list was changed. */
  original?: string;
  /** Labels of what was done to it (for the summary). */
  tags: string[];
}

export const HEADER_CELL_MAX = 24;

/** The labels the engine reads off the header row: null for a covered, empty, long or nested cell. */
export function labelsOf(list: ListModel): (string | null)[] {
  return list.columns.map((c) => {
    if (c.header.span === 0 || c.header.nested) return null;
    const t = collapse(c.header.text);
    return t.length > 0 && t.length <= HEADER_CELL_MAX ? t : null;
  });
}

/** The cell covering column `j` of a row (a span from the left included); undefined past a ragged end. */
export function cellAt(row: Row, j: number): Cell | undefined {
  if (j >= row.cells.length) return undefined;
  for (let i = j; i >= 0; i--) {
    const c = row.cells[i];
    if (c) return i + c.span > j ? c : undefined;
  }
  return undefined;
}

/**
 * Whether a person sees a row of data: two distinct cells and some visible text (the engine's
 * isDataRow). An input shows its value, so it counts as text too.
 */
export function isDataRowModel(row: Row, mapped: number): boolean {
  const need = Math.min(2, mapped);
  const distinct = row.cells.filter((c) => c !== null).length;
  const seen = (c: Cell | null) => c !== null && (/\S/.test(c.raw) || /\S/.test(c.text));
  return distinct >= need && row.cells.some(seen);
}

// ---------------------------------------------------------------- rendering

function inputHtml(cell: Cell): string {
  return `<input type="text" class="txt" value="${cell.text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')}" readonly>`;
}

function spanAttr(layout: Layout, span: number): string {
  if (span <= 1) return '';
  return layout.kind === 'grid' && layout.spanAttr === 'aria-colspan'
    ? ` aria-colspan="${span}"`
    : ` colspan="${span}"`;
}

function headerRow(list: ListModel): string {
  const { layout } = list;
  const cells = list.columns
    .filter((c) => c.header.span > 0)
    .map((c) => {
      const span = spanAttr(layout, c.header.span);
      if (layout.kind === 'grid')
        return `<div role="columnheader" class="grid-cell"${span}>${c.header.html}</div>`;
      const tag = layout.header === 'td-first' ? 'td' : 'th';
      return `<${tag} scope="col"${span}>${c.header.html}</${tag}>`;
    })
    .join('');
  return layout.kind === 'grid'
    ? `<div role="row" class="grid-row">${cells}</div>`
    : `<tr>${cells}</tr>`;
}

function dataRow(list: ListModel, row: Row, index: number): string {
  const { layout } = list;
  const parts: string[] = [];
  row.cells.forEach((cell, j) => {
    if (!cell) return;
    const span = spanAttr(layout, cell.span);
    const html = row.allInputs ? inputHtml(cell) : cell.html;
    if (layout.kind === 'grid') {
      const role =
        layout.rowHeader && j === 0 ? 'rowheader' : layout.role === 'table' ? 'cell' : 'gridcell';
      parts.push(`<div role="${role}" class="grid-cell"${span}>${html}</div>`);
    } else {
      const th = layout.rowHeader && j === 0 && row.kind === 'data';
      parts.push(th ? `<th scope="row"${span}>${html}</th>` : `<td${span}>${html}</td>`);
    }
  });
  const attr = ` data-fuzz-row="${index}"`;
  return layout.kind === 'grid'
    ? `<div role="row" class="grid-row"${attr}>${parts.join('')}</div>`
    : `<tr${attr}>${parts.join('')}</tr>`;
}

/** The list as HTML; `id` marks it (`data-fuzz-list`) so the checker can tell lists apart. */
export function renderList(list: ListModel, id: number): string {
  if (list.original) return list.original.replace(/^<(\w+)/, `<$1 data-fuzz-list="${id}"`);
  const { layout } = list;
  const rows = list.rows.map((r, i) => ({ r, html: dataRow(list, r, i) }));
  const titles = rows.filter((x) => x.r.kind === 'title').map((x) => x.html);
  const body = rows
    .filter((x) => x.r.kind !== 'title' && x.r.kind !== 'summary')
    .map((x) => x.html);
  const foot = rows.filter((x) => x.r.kind === 'summary').map((x) => x.html);
  const head = headerRow(list);
  if (layout.kind === 'grid') {
    const open = `<div role="${layout.role}" class="grid-list" aria-label="결제 내역" data-fuzz-list="${id}">`;
    const all = [...titles, head, ...body, ...foot];
    if (!layout.rowgroups) return `${open}${all.join('')}</div>`;
    return `${open}<div role="rowgroup">${[...titles, head].join('')}</div><div role="rowgroup">${[...body, ...foot].join('')}</div></div>`;
  }
  const caption = layout.caption ? '<caption>결제 내역</caption>' : '';
  const open = `<table class="tbl-list" data-fuzz-list="${id}">${caption}`;
  const tfoot = layout.tfoot && foot.length ? `<tfoot>${foot.join('')}</tfoot>` : '';
  const tail = layout.tfoot ? [] : foot;
  switch (layout.header) {
    case 'thead':
      // A title row in <thead> would be taken for the header: here it opens <tbody> (no data).
      return `${open}<thead>${head}</thead><tbody>${[...titles, ...body, ...tail].join('')}</tbody>${tfoot}</table>`;
    case 'tbody-th':
      return `${open}<tbody>${[...titles, head, ...body, ...tail].join('')}</tbody>${tfoot}</table>`;
    default:
      // The engine falls back to the first row as the header: no title row may precede it.
      return `${open}<tbody>${[head, ...titles, ...body, ...tail].join('')}</tbody>${tfoot}</table>`;
  }
}

/** A deep-enough copy (cells are immutable and shared). */
export function cloneList(list: ListModel): ListModel {
  return {
    ...list,
    layout: { ...list.layout },
    columns: list.columns.map((c) => ({ ...c, header: { ...c.header } })),
    rows: list.rows.map((r) => ({ ...r, cells: r.cells.slice() })),
    tags: list.tags.slice(),
  };
}
