/** An auto-escaping `html` template tag and the bits of markup both sites share. */

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESC: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESC[c] ?? c);
}

/** Trusted markup (only for strings this code builds itself). */
export function raw(s: string): Html {
  return new Html(s);
}

function part(v: unknown): string {
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(part).join('');
  if (v === null || v === undefined || v === false) return '';
  return escapeHtml(String(v));
}

/** Every interpolated value is escaped unless it is already Html. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += part(v) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/** Attribute-safe `selected`/`checked` etc. */
export function attr(on: boolean, name: string): Html {
  return raw(on ? ` ${name}` : '');
}

export function options(
  values: readonly (string | readonly [string, string])[],
  selected: string,
): Html {
  return html`${values.map((v) => {
    const [value, label] = typeof v === 'string' ? [v, v] : v;
    return html`<option value="${value}"${attr(value === selected, 'selected')}>${label}</option>`;
  })}`;
}

export function doc(o: {
  title: string;
  css: string;
  body: Html;
  scripts?: string[];
  bodyClass?: string;
}): string {
  return html`<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>${o.title}</title>
<link rel="stylesheet" href="${o.css}">
</head>
<body class="${o.bodyClass ?? ''}">
${o.body}
${(o.scripts ?? []).map((s) => html`<script src="${s}"></script>\n`)}
</body>
</html>
`.value;
}

/** Page links "◀ 1 2 3 ▶" with real hrefs (scripts may intercept them). */
export function pager(
  page: number,
  total: number,
  perPage: number,
  href: (p: number) => string,
): Html {
  const pages = Math.max(1, Math.ceil(total / perPage));
  const first = Math.floor((page - 1) / 10) * 10 + 1;
  const last = Math.min(pages, first + 9);
  const links: Html[] = [];
  if (first > 1) links.push(html`<a href="${href(first - 1)}" class="prev">◀ 이전</a>`);
  for (let p = first; p <= last; p++) {
    links.push(
      p === page ? html`<strong class="on">${p}</strong>` : html`<a href="${href(p)}">${p}</a>`,
    );
  }
  if (last < pages) links.push(html`<a href="${href(last + 1)}" class="next">다음 ▶</a>`);
  return html`<div class="paging">${links}</div>`;
}

export function pageOf<T>(rows: T[], page: number, perPage: number): { rows: T[]; page: number } {
  const pages = Math.max(1, Math.ceil(rows.length / perPage));
  const p = Math.min(Math.max(1, page), pages);
  return { rows: rows.slice((p - 1) * perPage, p * perPage), page: p };
}
