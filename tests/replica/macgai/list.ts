/** A MacGai list: a bordered <table> in the default layout, an ARIA grid of divs in the grid one. */
import { type Html, html } from '../html';
import type { Layout } from './shell';

export interface Col<T> {
  h: string;
  cell: (row: T) => unknown;
  cls?: string;
}

export interface RowOpts {
  onclick?: string;
  cls?: string;
}

export function list<T>(
  layout: Layout,
  o: {
    id: string;
    label: string;
    cols: Col<T>[];
    rows: T[];
    empty: string;
    row?: (r: T) => RowOpts;
  },
): Html {
  const rowOpts = (r: T): RowOpts => o.row?.(r) ?? {};
  if (layout === 'grid') {
    return html`<div role="grid" class="grid-list" id="${o.id}" aria-label="${o.label}" aria-rowcount="${o.rows.length + 1}">
<div role="rowgroup" class="grid-head"><div role="row" class="grid-row">${o.cols.map(
      (c) => html`<div role="columnheader" class="grid-cell ${c.cls ?? ''}">${c.h}</div>`,
    )}</div></div>
<div role="rowgroup" class="grid-body">
${o.rows.map((r) => {
  const ro = rowOpts(r);
  return html`<div role="row" class="grid-row ${ro.cls ?? ''}" aria-selected="false"${
    ro.onclick ? html` tabindex="-1" onclick="${ro.onclick}"` : ''
  }>${o.cols.map((c) => html`<div role="gridcell" class="grid-cell ${c.cls ?? ''}">${c.cell(r)}</div>`)}</div>
`;
})}</div>
</div>${o.rows.length === 0 ? html`<p class="grid-empty">${o.empty}</p>` : ''}`;
  }
  return html`<table class="tbl-list" id="${o.id}">
<caption>${o.label}</caption>
<thead><tr>${o.cols.map((c) => html`<th scope="col">${c.h}</th>`)}</tr></thead>
<tbody>
${
  o.rows.length === 0
    ? html`<tr><td colspan="${o.cols.length}" class="empty">${o.empty}</td></tr>`
    : o.rows.map((r) => {
        const ro = rowOpts(r);
        return html`<tr${ro.cls ? html` class="${ro.cls}"` : ''}${ro.onclick ? html` onclick="${ro.onclick}"` : ''}>${o.cols.map(
          (c) => html`<td${c.cls ? html` class="${c.cls}"` : ''}>${c.cell(r)}</td>`,
        )}</tr>
`;
      })
}</tbody>
</table>`;
}

/** A status word in color, as MacGai lists show it. */
export function statusText(status: string): Html {
  const cls =
    status === '결제완료'
      ? 'st-ok'
      : status === '결제대기'
        ? 'st-wait'
        : status.includes('취소')
          ? 'st-cancel'
          : '';
  return html`<span class="${cls}">${status}</span>`;
}

/** Label/value pairs: a form table with readonly inputs (default) or a <dl> (grid). */
export function fields(
  layout: Layout,
  o: { id: string; items: { label: string; id: string; value: string | Html; input?: boolean }[] },
): Html {
  if (layout === 'grid') {
    return html`<dl class="info-dl" id="${o.id}">${o.items.map(
      (it) =>
        html`<div class="info-item"><dt>${it.label}</dt><dd><span>${it.value}</span></dd></div>`,
    )}</dl>`;
  }
  return html`<table class="tbl-form" id="${o.id}"><tbody><tr>${o.items.map((it, i) => {
    const cell =
      it.input === false || typeof it.value !== 'string'
        ? html`<th>${it.label}</th><td><span id="${it.id}">${it.value}</span></td>`
        : html`<th><label for="${it.id}">${it.label}</label></th><td><input type="text" id="${it.id}" name="${it.id}" value="${it.value}" readonly class="txt"></td>`;
    return html`${cell}${(i + 1) % 4 === 0 && i + 1 < o.items.length ? html`</tr><tr>` : ''}`;
  })}</tr></tbody></table>`;
}
