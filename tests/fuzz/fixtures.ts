/**
 * The saved replica pages (tests/fixtures/html) read into models: each page becomes a template
 * (its body with the list and the student context cut out) plus the list as columns and rows
 * with ground truth, so the generator can put a mutated list back into the real page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Column, ListModel, Row } from './model';
import {
  CONTEXT_LABELS,
  collapse,
  FAMILIES,
  type Family,
  type Site,
  type ValueType,
} from './specs';
import type { Cell, Truth } from './values';

const DIR = join(import.meta.dirname, '../fixtures/html');

export const LIST_MARK = '<!--FUZZ-LIST-->';
export const CONTEXT_MARK = '<!--FUZZ-CONTEXT-->';

export interface FixtureContext {
  html: string;
  nameText: string;
  phoneText: string | null;
}

export interface FixturePage {
  name: string;
  site: Site;
  /** The family of its list; null for a page without one (it can host a generated list). */
  family: Family | null;
  head: string;
  bodyAttrs: string;
  /** Body HTML with LIST_MARK (always) and CONTEXT_MARK (when it had a context). */
  body: string;
  list: ListModel | null;
  context: FixtureContext | null;
  /**
   * The page names the student elsewhere too (신상정보 tab's 학생명): its context can be neither
   * removed nor replaced.
   */
  contextLocked: boolean;
}

/** Which field each of the replica's header texts holds (anything else is an extra column). */
const HEADER_FIELDS: Record<Family, Record<string, string>> = {
  'macgai-payments': {
    납부일자: 'date',
    납부금액: 'amount',
    결제수단: 'method',
    결제상태: 'status',
    참고사항: 'note',
    학생명: 'name',
    사업자명: 'business',
  },
  'macgai-businesses': { '사업자 등록번호': 'bizNo', 사업자명: 'name', 문자결제: 'smsPay' },
  'manager-invoices': {
    등록일자: 'registeredAt',
    고객명: 'customer',
    청구핸드폰: 'phone',
    청구사유: 'reason',
    청구금액: 'amount',
    상태: 'status',
    결제일: 'paidAt',
    결제수단: 'method',
    카드사: 'cardCompany',
    승인번호: 'approvalNo',
    결제취소: 'cancel',
  },
};

const PAGES: readonly { name: string; site: Site; family: Family | null; list?: string }[] = [
  ...['force-word', 'markup', 'same-amount', 'sibling-a', 'sibling-b'].flatMap((id) =>
    ['', '-grid'].map((s) => ({
      name: `macgai-student-pay-${id}${s}`,
      site: 'macgai' as const,
      family: 'macgai-payments' as const,
      list: 'gvPayList',
    })),
  ),
  ...['p1', 'p2'].flatMap((p) =>
    ['', '-grid'].map((s) => ({
      name: `macgai-sunap-sms-${p}${s}`,
      site: 'macgai' as const,
      family: 'macgai-payments' as const,
      list: 'gvSunap',
    })),
  ),
  ...['', '-grid'].map((s) => ({
    name: `macgai-biz-popup${s}`,
    site: 'macgai' as const,
    family: 'macgai-businesses' as const,
    list: 'gvBiz',
  })),
  ...['macgai-shell', 'macgai-student-info', 'macgai-academy-info'].flatMap((n) =>
    ['', '-grid'].map((s) => ({ name: `${n}${s}`, site: 'macgai' as const, family: null })),
  ),
  { name: 'manager-bills', site: 'manager', family: 'manager-invoices', list: 'billTable' },
  { name: 'manager-bills-dialog', site: 'manager', family: 'manager-invoices', list: 'billTable' },
  { name: 'manager-login', site: 'manager', family: null },
];

/** Ground truth of a replica cell (the replica writes one format per type). */
function truthOf(type: ValueType, text: string, page: string): Truth {
  const fail = (): never => {
    throw new Error(`fuzz: ${page}: unexpected ${type} cell "${text}"`);
  };
  switch (type) {
    case 'date':
    case 'datetime': {
      const m = /^(\d{4}-\d{2}-\d{2})(?: (\d{2}:\d{2})(?::\d{2})?)?$/.exec(text) ?? fail();
      return { t: 'date', date: m[1] as string, time: type === 'datetime' ? (m[2] ?? null) : null };
    }
    case 'amount': {
      const m = /^(-?)([\d,]+)(?:원)?$/.exec(text) ?? fail();
      const n = Number((m[2] as string).replace(/,/g, ''));
      return { t: 'amount', value: m[1] ? -n : n };
    }
    case 'name': {
      // A parent is written as the child's name and 어머님 ("강하윤어머님"): the base is the child's.
      const m = /^([가-힣]+?)(?:어머님)?(?![가-힣])/.exec(text) ?? fail();
      return { t: 'name', base: m[1] as string };
    }
    case 'phone': {
      const d = text.replace(/\D/g, '');
      return /^01[016789]\d{7,8}$/.test(d) ? { t: 'phone', digits: d } : { t: 'junk' };
    }
    default:
      return { t: 'text' };
  }
}

function cellOf(el: Element, type: ValueType, page: string): Cell {
  const raw = el.textContent ?? '';
  const text = collapse(raw);
  return { html: el.innerHTML, text, raw, truth: truthOf(type, text, page), span: 1 };
}

function readList(el: Element, family: Family, page: string): ListModel {
  const def = FAMILIES[family];
  const grid = el.getAttribute('role') !== null;
  const rows = grid
    ? Array.from(el.querySelectorAll('[role=row]'))
    : Array.from(el.querySelectorAll('tr'));
  const isHeader = (r: Element) =>
    grid ? r.querySelector('[role=columnheader]') !== null : r.parentElement?.tagName === 'THEAD';
  const headerRow = rows.find(isHeader);
  if (!headerRow) throw new Error(`fuzz: ${page}: no header row`);
  const headerCells = Array.from(headerRow.children);
  const columns: Column[] = headerCells.map((c) => {
    const text = collapse(c.textContent ?? '');
    const field = HEADER_FIELDS[family][text] ?? null;
    return {
      field,
      role: field ? 'real' : 'extra',
      header: { html: c.innerHTML, text, span: 1 },
    };
  });
  const types = columns.map((c) =>
    c.field ? (def.fields.find((f) => f.name === c.field)?.type ?? 'text') : 'text',
  );
  const body: Row[] = [];
  for (const r of rows) {
    if (r === headerRow || isHeader(r)) continue;
    const cells = Array.from(r.children);
    if (cells.length !== columns.length) throw new Error(`fuzz: ${page}: ragged replica row`);
    r.setAttribute('data-fuzz-row', String(body.length));
    body.push({
      kind: 'data',
      cells: cells.map((c, j) => cellOf(c, types[j] as ValueType, page)),
    });
  }
  return {
    columns,
    rows: body,
    layout: grid
      ? {
          kind: 'grid',
          role: (el.getAttribute('role') as 'grid') ?? 'grid',
          rowgroups: el.querySelector('[role=rowgroup]') !== null,
          rowHeader: false,
          spanAttr: 'colspan',
        }
      : {
          kind: 'table',
          header: 'thead',
          caption: el.querySelector('caption') !== null,
          rowHeader: false,
          tfoot: false,
        },
    original: el.outerHTML,
    tags: [],
  };
}

function valueAfterLabel(root: Element, ids: string[], labels: string[]): string | null {
  for (const id of ids) {
    const input = root.querySelector(`#${id}`);
    if (input) return (input as HTMLInputElement).value;
  }
  for (const dt of Array.from(root.querySelectorAll('dt, th, label'))) {
    if (labels.includes(collapse(dt.textContent ?? ''))) {
      const dd = dt.nextElementSibling;
      if (dd) return collapse(dd.textContent ?? '');
    }
  }
  return null;
}

function load(spec: (typeof PAGES)[number]): FixturePage {
  const html = readFileSync(join(DIR, `${spec.name}.html`), 'utf8')
    .replace(/<!--[\s\S]*?-->/, '')
    .replace(/<link\b[^>]*>/gi, '')
    .replace(/(<iframe\b[^>]*?)\ssrc="[^"]*"/gi, '$1');
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const listEl = spec.list ? doc.getElementById(spec.list) : null;
  const list = listEl && spec.family ? readList(listEl, spec.family, spec.name) : null;
  if (listEl && list) {
    listEl.replaceWith(doc.createComment('FUZZ-LIST'));
  } else {
    const host = doc.getElementById('content') ?? doc.body;
    host.appendChild(doc.createComment('FUZZ-LIST'));
  }
  let context: FixtureContext | null = null;
  const ctxEl = doc.getElementById('tblStuBase');
  if (ctxEl) {
    const nameText = valueAfterLabel(ctxEl, ['txtStuName'], ['학생명']);
    if (nameText === null) throw new Error(`fuzz: ${spec.name}: no 학생명 in the context`);
    context = {
      html: ctxEl.outerHTML,
      nameText,
      phoneText: valueAfterLabel(ctxEl, ['txtParentHp'], ['학부모HP']),
    };
    ctxEl.replaceWith(doc.createComment('FUZZ-CONTEXT'));
  }
  const labels = new Set(Object.values(CONTEXT_LABELS).flat() as string[]);
  const contextLocked = Array.from(
    doc.body.querySelectorAll('dt, th, label, span, strong, td'),
  ).some((el) => labels.has(collapse(el.textContent ?? '')));
  const bodyAttrs = Array.from(doc.body.attributes)
    .map((a) => ` ${a.name}="${a.value}"`)
    .join('');
  return {
    name: spec.name,
    site: spec.site,
    family: spec.family,
    head: doc.head.outerHTML,
    bodyAttrs,
    body: doc.body.innerHTML,
    list,
    context,
    contextLocked,
  };
}

let cache: FixturePage[] | null = null;

/** Every saved page, read once (needs a DOM: happy-dom's globals). */
export function fixturePages(): FixturePage[] {
  cache ??= PAGES.map(load);
  return cache;
}
