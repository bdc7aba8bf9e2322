/**
 * The seeded page generator: mutated list pages for both sites, from the saved replica pages and
 * from synthetic tables and ARIA grids. `generatePage(site, seed)` is a pure function of its
 * arguments: print the seed of a failing page and `npm run fuzz -- --replay <site>:<seed>` writes
 * the same page again.
 *
 * Mutations: column order shuffled; required/optional/extra columns dropped; columns duplicated;
 * headers renamed (the adapter's synonyms, decorated, junk, too long to be a label, a table in the
 * header); decoy columns (할인금액 beside 납부금액); junk cells (empty, '-', whitespace, emoji, very
 * long text, numbers from other columns, HTML-looking text as text and real markup in cells and
 * names); twin rows; ragged rows; inputs and selects in cells; colspans in header and rows; title,
 * summary, blank and "no results" rows; header-only and empty lists; nested tables; frame-like,
 * dialog, form and layout-table wrappers; a valid list inside <template>; duplicated lists;
 * student context moved, rewritten or removed; and a few 20,000-row lists.
 */
import { type FixturePage, fixturePages } from './fixtures';
import {
  type Column,
  cloneList,
  type GridLayout,
  type Header,
  type Layout,
  type ListModel,
  labelsOf,
  type Row,
  renderList,
  type TableLayout,
} from './model';
import { mixSeed, Rng } from './rng';
import {
  CONTEXT_LABELS,
  claimStrength,
  claimsOf,
  collapse,
  containsAny,
  FAMILIES,
  type Family,
  type FamilyDef,
  type FieldDef,
  fold,
  type Site,
} from './specs';
import {
  amountCell,
  type Cell,
  dateCell,
  esc,
  freeTextCell,
  hangulName,
  junkCell,
  latinName,
  longText,
  MARKUP_REAL,
  MARKUP_TEXT,
  markupCell,
  nameCell,
  phoneCell,
  phoneText,
  randomAmount,
  randomDay,
  randomMobile,
  type Truth,
  textCell,
  USUAL,
} from './values';

export interface GenOptions {
  /** Rows of a huge list (default 20,000). */
  hugeRows?: number;
  /** Chance that a page is a huge list (default 0: the caller decides which pages are huge). */
  hugeChance?: number;
  /** Make this page a huge one. */
  huge?: boolean;
  /**
   * A huge list is a <table>, never an ARIA grid: happy-dom takes ~30 s of CPU on a 20,000-row
   * grid (querySelectorAll('[role]') over 160,000 elements), a browser milliseconds. For CI.
   */
  hugeTable?: boolean;
}

export interface ContextTruth {
  name: Truth;
  nameText: string;
  phone: Truth | null;
}

export interface FuzzPage {
  site: Site;
  family: Family;
  seed: number;
  /** Where the page came from: fixture:<name>, host:<name> or synthetic. */
  source: string;
  /** What was done to it. */
  tags: string[];
  /** documentElement.innerHTML. */
  html: string;
  /** The lists the engine can see, in document order (`data-fuzz-list` = index). */
  lists: ListModel[];
  /** The student context on the page (MacGai), if any. */
  context: ContextTruth | null;
  businessId: string | null;
  huge: boolean;
}

// ---------------------------------------------------------------- headers

/** Header spellings per field: the adapter's words and the replicas' own headers. */
const HEADER_WORDS: Record<Family, Record<string, readonly string[]>> = {
  'macgai-payments': {
    date: ['납부일자', '결제일자', '일자', '일시', '날짜', '납부 일자'],
    amount: ['납부금액', '결제금액', '수납금액', '금액', '납부금액(원)'],
    method: ['결제수단', '수단'],
    status: ['결제상태', '상태'],
    note: ['참고사항', '비고', '메모'],
    name: ['학생명', '원생명', '이름', '고객', '학생 이름'],
    phone: ['학부모HP', '핸드폰', '휴대폰', '연락처', '전화', 'HP'],
    business: ['사업자명', '결제사업자', '사업자'],
  },
  'macgai-businesses': {
    name: ['사업자명'],
    bizNo: ['사업자 등록번호', '사업자등록번호', '사업자번호'],
    smsPay: ['문자결제', '문자결제상태'],
  },
  'manager-invoices': {
    customer: ['고객명', '고객', '성명'],
    phone: ['청구핸드폰', '핸드폰', '휴대폰', '연락처', '전화', '핸드폰번호'],
    reason: ['청구사유', '사유', '상품명'],
    amount: ['청구금액', '금액'],
    paidAt: ['결제일', '수납일자', '수납일'],
    registeredAt: ['등록일자', '등록일', '청구일', '일자', '일시', '날짜'],
    status: ['상태'],
    method: ['결제수단', '수납구분'],
    cardCompany: ['카드사'],
    approvalNo: ['승인번호'],
    cancel: ['결제취소', '취소'],
  },
};

/** Headers of columns no field wants (checked against every word of the site). */
const EXTRA_HEADERS = [
  'No',
  '번호',
  '선택',
  '구분',
  '수납항목',
  '영수증',
  '결제경로',
  '결제자',
  '학년',
  '반',
  '담당',
  '관리',
  '처리',
  '기타',
  '과세/면세',
  '사용명칭',
  '대표자명',
  '주소',
  'CAT-ID',
  '순번',
];

/** Renamed-to-junk headers: no word of the site in them. */
const JUNK_HEADERS = [
  '항목',
  '내용',
  '값',
  'Col1',
  '🙂',
  '—',
  '<img src=x onerror=alert(1)>',
  '데이터',
  '정보',
  'column',
  '???',
];

/** Decoys: another value under a header that also names the field. */
const DECOYS: Record<Family, Record<string, readonly string[]>> = {
  'macgai-payments': {
    amount: ['할인금액', '미납금액', '청구금액', '잔여금액'],
    date: ['수납예정일자', '등록일자', '최종수정일시', '발송일시'],
    status: ['발송상태', '영수증상태', '처리상태'],
    name: ['학부모이름', '담당자이름'],
    phone: ['학생HP', '학생핸드폰'],
  },
  'macgai-businesses': {},
  'manager-invoices': {
    amount: ['할인금액', '수수료금액', '결제금액'],
    registeredAt: ['발송일시', '만료일자'],
    status: ['발송상태'],
    customer: ['고객구분'],
  },
};

function checkSafe(words: readonly string[], site: readonly string[], what: string): void {
  for (const w of words)
    if (containsAny(w, site)) throw new Error(`fuzz: ${what} header "${w}" names a field`);
}
for (const def of Object.values(FAMILIES)) {
  checkSafe(EXTRA_HEADERS, def.siteWords, 'extra');
  checkSafe(JUNK_HEADERS, def.siteWords, 'junk');
}

/** A header for `field` that claims it and nothing else, optionally decorated. */
function fieldHeader(rng: Rng, def: FamilyDef, field: string, decorate: boolean): Header {
  const words = HEADER_WORDS[def.family][field] ?? [field];
  for (let attempt = 0; attempt < 20; attempt++) {
    const word = attempt < 19 ? rng.pick(words) : (words[0] as string);
    const h = decorate && attempt < 10 ? decorateHeader(rng, word) : plainHeader(word);
    const claims = def.specs.flatMap((s) => claimsOf(collapse(h.text), s));
    if (collapse(h.text).length <= 24 && claims.length > 0 && claims.every((c) => c === field))
      return h;
  }
  throw new Error(`fuzz: no header for ${def.family}.${field}`);
}

const plainHeader = (text: string): Header => ({ html: esc(text), text, span: 1 });

const FULL_WIDTH = (s: string) =>
  s.replace(/[A-Za-z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** What redesigns do to a header a person still reads the same. */
function decorateHeader(rng: Rng, word: string): Header {
  switch (rng.int(0, 8)) {
    case 0:
      return { html: `${esc(word)} <span class="sort">▼</span>`, text: `${word} ▼`, span: 1 };
    case 1:
      return { html: `<a href="#" onclick="return false">${esc(word)}</a>`, text: word, span: 1 };
    case 2: {
      const i = Math.max(1, Math.floor(word.length / 2));
      return {
        html: `${esc(word.slice(0, i))}<br>${esc(word.slice(i))}`,
        text: word,
        span: 1,
      };
    }
    case 3:
      return { html: `\n  ${esc(word)}&nbsp;\n`, text: `\n  ${word}\u00a0\n`, span: 1 };
    case 4:
      return plainHeader(`*${word}`);
    case 5:
      return plainHeader(FULL_WIDTH(word));
    case 6:
      return plainHeader([...word].join(' '));
    case 7:
      return {
        html: `<span class="ico"></span><b>${esc(word)}</b><input type="hidden" value="sort">`,
        text: word,
        span: 1,
      };
    default:
      return plainHeader(`${word}(원)`.length <= 24 ? `${word}(원)` : word);
  }
}

// ---------------------------------------------------------------- cells

/** A fresh value cell for a field (real or decoy column). */
function valueCell(rng: Rng, def: FamilyDef, field: FieldDef, markupNames: boolean): Cell {
  switch (field.type) {
    case 'date':
      return dateCell(rng, randomDay(rng), false);
    case 'datetime':
      return dateCell(rng, randomDay(rng), true);
    case 'amount':
      return amountCell(rng, randomAmount(rng));
    case 'name': {
      const base = rng.chance(0.05) ? latinName(rng) : hangulName(rng, def.siteWords);
      return nameCell(rng, base, markupNames);
    }
    case 'phone':
      return phoneCell(rng, randomMobile(rng));
    case 'dash':
      return rng.chance(0.4)
        ? textCell(rng.pick(['-', '', ' - ']))
        : textCell(
            `2026-11-${String(rng.int(10, 28))} ${String(rng.int(10, 23))}:0${rng.int(0, 9)}:1${rng.int(0, 9)}`,
          );
    case 'cancel':
      return rng.chance(0.8)
        ? markupCell([['<button type="button" class="btn-x" title="결제취소">X</button>', 'X']], {
            t: 'text',
          })
        : textCell('');
    default:
      return freeTextCell(rng, usualFor(def.family, field.name));
  }
}

function usualFor(family: Family, field: string): readonly string[] {
  if (family === 'manager-invoices') {
    if (field === 'status') return USUAL.invoiceStatus as readonly string[];
    if (field === 'method') return USUAL.invoiceMethod as readonly string[];
  }
  if (family === 'macgai-businesses') {
    if (field === 'name') return USUAL.bizName as readonly string[];
  }
  return USUAL[field] ?? (USUAL.extra as readonly string[]);
}

function extraCell(rng: Rng): Cell {
  if (rng.chance(0.1))
    return markupCell([['<input type="checkbox" name="chk">', '']], { t: 'text' });
  return freeTextCell(rng, USUAL.extra as readonly string[]);
}

// ---------------------------------------------------------------- lists

const fieldDef = (def: FamilyDef, name: string): FieldDef => {
  const f = def.fields.find((x) => x.name === name);
  if (!f) throw new Error(`fuzz: no field ${name}`);
  return f;
};

/** Which columns hold this field's data (the real one and its copies). */
const columnsOf = (list: ListModel, field: string): number[] =>
  list.columns.flatMap((c, j) => (c.field === field && c.role !== 'decoy' ? [j] : []));

/** Puts a cell in every column holding the field (copies stay identical). */
function setField(list: ListModel, row: Row, field: string, cell: Cell): void {
  for (const j of columnsOf(list, field))
    if (j < row.cells.length && row.cells[j]) row.cells[j] = cell;
}

function makeRow(rng: Rng, def: FamilyDef, list: ListModel, markupNames: boolean): Row {
  const byField = new Map<string, Cell>();
  const cells = list.columns.map((c) => {
    if (c.field === null) return extraCell(rng);
    const f = fieldDef(def, c.field);
    if (c.role === 'decoy') return decoyCell(rng, def, f);
    let cell = byField.get(c.field);
    if (!cell) {
      cell = valueCell(rng, def, f, markupNames);
      byField.set(c.field, cell);
    }
    return cell;
  });
  return { kind: 'data', cells };
}

function decoyCell(rng: Rng, def: FamilyDef, f: FieldDef): Cell {
  if (f.name === 'status')
    return freeTextCell(rng, ['발송완료', '발송실패', '취소', '미발행', '발행']);
  return valueCell(rng, def, f, false);
}

/** The fields a synthetic list of this family shows. */
function chooseFields(
  rng: Rng,
  def: FamilyDef,
  mode: 'academy' | 'student',
  lean: boolean,
): string[] {
  const pickSome = (xs: string[], p: number) => xs.filter(() => rng.chance(lean ? p / 3 : p));
  switch (def.family) {
    case 'macgai-payments':
      return mode === 'academy'
        ? [
            'date',
            'amount',
            'status',
            'name',
            ...pickSome(['method', 'note', 'phone', 'business'], 0.6),
          ]
        : [
            'date',
            'amount',
            'status',
            ...pickSome(['method', 'note'], 0.7),
            ...pickSome(['phone'], 0.1),
          ];
    case 'macgai-businesses':
      return ['name', 'bizNo', ...pickSome(['smsPay'], 0.7)];
    default:
      return [
        'customer',
        'phone',
        'amount',
        'status',
        'registeredAt',
        ...pickSome(['reason', 'paidAt', 'method', 'cardCompany', 'approvalNo', 'cancel'], 0.6),
      ];
  }
}

function randomLayout(rng: Rng): Layout {
  if (rng.chance(0.55)) {
    const t: TableLayout = {
      kind: 'table',
      header: rng.weighted([
        ['thead', 6],
        ['tbody-th', 3],
        ['td-first', 1],
      ] as const),
      caption: rng.chance(0.4),
      rowHeader: false,
      tfoot: rng.chance(0.5),
    };
    // A <th scope=row> row cut short is a row of <th>s: a header row, where a <td> row is first.
    t.rowHeader = t.header !== 'td-first' && rng.chance(0.1);
    return t;
  }
  const g: GridLayout = {
    kind: 'grid',
    role: rng.weighted([
      ['grid', 6],
      ['table', 2],
      ['treegrid', 1],
    ] as const),
    rowgroups: rng.chance(0.7),
    rowHeader: rng.chance(0.1),
    spanAttr: 'colspan',
  };
  return g;
}

function rowCount(rng: Rng, family: Family): number {
  const n = rng.weighted([
    [0, 1],
    [1, 2],
    [rng.int(2, 10), 8],
    [rng.int(11, 40), 3],
    [rng.int(41, 150), 0.3],
  ] as const);
  // A popup lists an academy's few businesses.
  return family === 'macgai-businesses' ? Math.min(n, 30) : n;
}

function syntheticList(
  rng: Rng,
  def: FamilyDef,
  mode: 'academy' | 'student',
  rows: number,
  markupNames: boolean,
): ListModel {
  // A huge list (no markup in names) is lean: few optional columns, no extra ones.
  const lean = !markupNames && rows > 1000;
  const fields = chooseFields(rng, def, mode, lean);
  const columns: Column[] = fields.map((f) => ({
    field: f,
    role: 'real',
    header: fieldHeader(rng, def, f, rng.chance(0.2)),
  }));
  const extras = lean
    ? 0
    : rng.weighted([
        [0, 3],
        [1, 3],
        [2, 2],
        [3, 1],
      ] as const);
  for (let i = 0; i < extras; i++) {
    columns.splice(rng.int(0, columns.length), 0, {
      field: null,
      role: 'extra',
      header: plainHeader(rng.pick(EXTRA_HEADERS)),
    });
  }
  const list: ListModel = { columns, rows: [], layout: randomLayout(rng), tags: [] };
  for (let i = 0; i < rows; i++) list.rows.push(makeRow(rng, def, list, markupNames));
  return list;
}

// ---------------------------------------------------------------- list mutations

interface Ctx {
  rng: Rng;
  def: FamilyDef;
  /** The fields without which this list is no list of its kind. */
  required: readonly string[];
}

const dataRows = (list: ListModel) => list.rows.filter((r) => r.kind === 'data');

function shuffleColumns({ rng }: Ctx, list: ListModel): boolean {
  if (list.columns.length < 2) return false;
  const order = rng.shuffle(list.columns.map((_, j) => j));
  list.columns = order.map((j) => list.columns[j] as Column);
  for (const r of list.rows) r.cells = order.map((j) => r.cells[j] ?? null);
  return true;
}

function removeColumn(list: ListModel, j: number): void {
  list.columns.splice(j, 1);
  for (const r of list.rows) r.cells.splice(j, 1);
}

function dropField(
  { rng, required: req }: Ctx,
  list: ListModel,
  which: 'required' | 'optional',
): boolean {
  const required = new Set(req);
  const present = [...new Set(list.columns.flatMap((c) => (c.field ? [c.field] : [])))];
  const candidates = present.filter((f) => (which === 'required') === required.has(f));
  if (candidates.length === 0) return false;
  const f = rng.pick(candidates);
  for (let j = list.columns.length - 1; j >= 0; j--)
    if (list.columns[j]?.field === f) removeColumn(list, j);
  list.tags.push(`drop-${which}:${f}`);
  return true;
}

function dropExtra({ rng }: Ctx, list: ListModel): boolean {
  const extras = list.columns.flatMap((c, j) => (c.field === null ? [j] : []));
  if (!extras.length) return false;
  removeColumn(list, rng.pick(extras));
  return true;
}

function duplicateColumn({ rng }: Ctx, list: ListModel): boolean {
  const real = list.columns.flatMap((c, j) => (c.role === 'real' || c.role === 'extra' ? [j] : []));
  if (!real.length) return false;
  const j = rng.pick(real);
  const col = list.columns[j] as Column;
  const at = rng.int(0, list.columns.length);
  list.columns.splice(at, 0, {
    ...col,
    role: col.field ? 'dup' : 'extra',
    header: { ...col.header },
  });
  for (const r of list.rows) r.cells.splice(at, 0, r.cells[j] ?? null);
  return true;
}

function renameSynonym({ rng, def }: Ctx, list: ListModel): boolean {
  const real = list.columns.filter((c) => c.field && c.role !== 'decoy');
  if (!real.length) return false;
  const col = rng.pick(real);
  const field = col.field as string;
  const decoys = list.columns.filter((c) => c.field === field && c.role === 'decoy');
  const h = fieldHeader(rng, def, field, rng.chance(0.6));
  const f = fieldDef(def, field);
  const mine = claimStrength(collapse(h.text), f.words) ?? -1;
  if (decoys.some((d) => (claimStrength(collapse(d.header.text), f.words) ?? -1) >= mine))
    return false;
  col.header = h;
  return true;
}

function renameJunk({ rng }: Ctx, list: ListModel): boolean {
  const real = list.columns.filter((c) => c.field && c.role === 'real');
  if (!real.length) return false;
  const col = rng.pick(real);
  const kind = rng.int(0, 3);
  if (kind === 0) {
    // Too long to be a label, though it holds the word.
    const word = col.header.text;
    col.header = plainHeader(`${collapse(word)} (부가세 포함, 할인 및 환불 반영 후)`);
  } else if (kind === 1) {
    col.header = {
      html: `<table class="hd"><tr><td>${esc(col.header.text)}</td></tr></table>`,
      text: col.header.text,
      span: 1,
      nested: true,
    };
  } else if (kind === 2) {
    col.header = { html: '', text: '', span: 1 };
  } else {
    col.header = plainHeader(rng.pick(JUNK_HEADERS));
  }
  list.tags.push(`rename-junk:${col.field}`);
  return true;
}

function addDecoy({ rng, def }: Ctx, list: ListModel): boolean {
  const options = Object.entries(DECOYS[def.family]).filter(([f]) => columnsOf(list, f).length > 0);
  if (!options.length) return false;
  const [field, words] = rng.pick(options);
  const f = fieldDef(def, field);
  const word = rng.pick(words);
  const claims = def.specs.flatMap((s) => claimsOf(word, s));
  if (!claims.every((c) => c === field)) return false;
  const mine = Math.max(
    ...columnsOf(list, field).map((j) => claimStrength(labelText(list, j), f.words) ?? -1),
  );
  const strength = claimStrength(word, f.words) ?? -1;
  // A decoy stronger than the real header would rightly be taken; one as strong makes the field
  // ambiguous (the engine must then take neither: the list is not recognised).
  if (strength > mine) return false;
  const at = rng.int(0, list.columns.length);
  list.columns.splice(at, 0, { field, role: 'decoy', header: plainHeader(word) });
  for (const r of list.rows) {
    const cell = r.kind === 'data' ? decoyCell(rng, def, f) : textCell('');
    r.cells.splice(at, 0, cell);
  }
  list.tags.push(strength >= mine ? 'decoy-ambiguous' : 'decoy');
  return true;
}

const labelText = (list: ListModel, j: number): string =>
  collapse(list.columns[j]?.header.text ?? '');

function addExtraColumn({ rng }: Ctx, list: ListModel): boolean {
  const at = rng.int(0, list.columns.length);
  list.columns.splice(at, 0, {
    field: null,
    role: 'extra',
    header: plainHeader(rng.pick(EXTRA_HEADERS)),
  });
  for (const r of list.rows)
    r.cells.splice(at, 0, r.kind === 'data' ? extraCell(rng) : textCell(''));
  return true;
}

const TYPED = new Set(['date', 'datetime', 'amount', 'name', 'phone']);

function junkCells({ rng, def }: Ctx, list: ListModel): boolean {
  const rows = dataRows(list);
  const typed = def.fields.filter((f) => TYPED.has(f.type) && columnsOf(list, f.name).length);
  if (!rows.length || !typed.length) return false;
  const n = rng.int(1, Math.max(1, Math.ceil(rows.length / 3)));
  for (let i = 0; i < n; i++) {
    const row = rng.pick(rows);
    const f = rng.pick(typed);
    setField(list, row, f.name, junkCell(rng, f.type));
  }
  return true;
}

function junkText({ rng, def }: Ctx, list: ListModel): boolean {
  const rows = dataRows(list);
  const text = def.fields.filter((f) => !TYPED.has(f.type) && columnsOf(list, f.name).length);
  if (!rows.length || !text.length) return false;
  for (let i = 0; i < rng.int(1, 4); i++) {
    const f = rng.pick(text);
    const what = rng.int(0, 3);
    let cell: Cell;
    if (what === 0) {
      // Very long text, past the message contract's limits (the readers clip it).
      cell = textCell(longText(rng.int(100, 12_000)));
    } else if (what === 1) {
      cell = textCell(rng.pick(MARKUP_TEXT));
    } else if (what === 2) {
      const [h, t] = rng.pick(MARKUP_REAL);
      cell = markupCell(
        [
          [h, t],
          ['결제완료', '결제완료'],
        ],
        { t: 'text' },
      );
    } else {
      cell = textCell(rng.pick(['180,000', '2026-11-16', '010-1234-5678', '', '-', ' ', '🙂']));
    }
    setField(list, rng.pick(rows), f.name, cell);
  }
  return true;
}

function twins({ rng }: Ctx, list: ListModel): boolean {
  const rows = dataRows(list);
  if (!rows.length) return false;
  for (let i = 0; i < rng.int(1, 3); i++) {
    const r = rng.pick(rows);
    const copy: Row = { ...r, cells: r.cells.slice() };
    const at = rng.chance(0.6) ? list.rows.indexOf(r) + 1 : rng.int(0, list.rows.length);
    list.rows.splice(at, 0, copy);
  }
  return true;
}

function markupNames({ rng, def }: Ctx, list: ListModel): boolean {
  const nameField = def.fields.find((f) => f.type === 'name');
  if (!nameField || !columnsOf(list, nameField.name).length) return false;
  for (const r of dataRows(list)) {
    if (!rng.chance(0.5)) continue;
    const base = hangulName(rng, def.siteWords);
    const [h, t] = rng.pick(MARKUP_REAL);
    const cell = rng.chance(0.5)
      ? textCell(`${base}${rng.pick(MARKUP_TEXT.filter((m) => m !== '<b>굵게</b>'))}`, {
          t: 'name',
          base,
        })
      : markupCell(
          [
            [`<b>${esc(base)}</b>`, base],
            [h, t],
          ],
          { t: 'name', base },
        );
    setField(list, r, nameField.name, cell);
  }
  return true;
}

/** Typed values inside <input>s, and 결제수단/상태 as <select>s (editable grids). */
function formCells({ rng, def }: Ctx, list: ListModel): boolean {
  let done = false;
  for (const r of dataRows(list)) {
    if (!rng.chance(0.5)) continue;
    r.cells = r.cells.map((c, j) => {
      const field = list.columns[j]?.field;
      if (!c || !field || c.text !== collapse(c.raw) || c.html !== esc(c.raw)) return c;
      const f = fieldDef(def, field);
      if (TYPED.has(f.type) && c.text !== '' && rng.chance(0.5)) {
        done = true;
        const v = c.text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
        return { ...c, html: `<input type="text" value="${v}" readonly>`, raw: '' };
      }
      if ((field === 'method' || field === 'status') && rng.chance(0.5)) {
        done = true;
        const other = field === 'method' ? '현금' : '결제대기';
        return {
          ...c,
          html: `<select><option>${other}</option><option selected>${esc(c.text)}</option></select>`,
          raw: other + c.text,
        };
      }
      return c;
    });
  }
  // Copies must stay copies: re-sync duplicated columns from their first column.
  for (const r of list.rows) syncCopies(list, r);
  return done;
}

function syncCopies(list: ListModel, row: Row): void {
  const first = new Map<string, Cell | null>();
  list.columns.forEach((c, j) => {
    if (!c.field || c.role === 'decoy' || j >= row.cells.length) return;
    if (!first.has(c.field)) first.set(c.field, row.cells[j] ?? null);
    else if (row.cells[j]) row.cells[j] = first.get(c.field) ?? row.cells[j] ?? null;
  });
}

function allInputRow({ rng }: Ctx, list: ListModel): boolean {
  const rows = dataRows(list).filter((r) =>
    r.cells.every((c) => c !== null && c.html === esc(c.raw) && c.text === collapse(c.raw)),
  );
  if (!rows.length) return false;
  rng.pick(rows).allInputs = true;
  list.tags.push('all-input-row');
  return true;
}

function raggedRows({ rng }: Ctx, list: ListModel): boolean {
  const rows = dataRows(list);
  if (!rows.length || list.columns.length < 3) return false;
  for (let i = 0; i < rng.int(1, 3); i++) {
    const r = rng.pick(rows);
    r.cells = r.cells.slice(0, rng.int(1, Math.max(1, r.cells.length - 1)));
  }
  return true;
}

function blankRows({ rng }: Ctx, list: ListModel): boolean {
  for (let i = 0; i < rng.int(1, 3); i++) {
    list.rows.splice(rng.int(0, list.rows.length), 0, {
      kind: 'blank',
      cells: list.columns.map(() => textCell(rng.pick(['', ' ', '\u00a0']))),
    });
  }
  return true;
}

function headerOnly(_: Ctx, list: ListModel): boolean {
  list.rows = [];
  return true;
}

function noResults({ rng }: Ctx, list: ListModel): boolean {
  if (rng.chance(0.7)) list.rows = [];
  const cell = textCell(
    rng.pick(['조회된 내역이 없습니다.', '데이터가 없습니다', '등록된 사업자가 없습니다.']),
  );
  list.rows.push({
    kind: 'no-results',
    cells: [{ ...cell, span: list.columns.length }, ...list.columns.slice(1).map(() => null)],
  });
  return true;
}

function titleRow({ rng }: Ctx, list: ListModel): boolean {
  if (list.layout.kind === 'table' && list.layout.header === 'td-first') return false;
  const cell = textCell(rng.pick(['결제 내역', '수납 목록', '2026년 11월']));
  list.rows.unshift({
    kind: 'title',
    cells: [{ ...cell, span: list.columns.length }, ...list.columns.slice(1).map(() => null)],
  });
  return true;
}

function summaryRow({ rng, def }: Ctx, list: ListModel): boolean {
  // A business popup has no totals row.
  if (list.columns.length < 3 || def.family === 'macgai-businesses') return false;
  const span = rng.int(1, Math.min(3, list.columns.length - 1));
  const cells: (Cell | null)[] = list.columns.map((c) => {
    if (c.field && fieldDef(def, c.field).type === 'amount')
      return amountCell(rng, randomAmount(rng));
    return textCell('');
  });
  cells[0] = { ...textCell('합계'), span, truth: { t: 'junk' } };
  for (let j = 1; j < span; j++) cells[j] = null;
  // Every typed cell of a summary is junk to the reader: make sure the date/name ones are.
  list.columns.forEach((c, j) => {
    const cell = cells[j];
    if (!cell || !c.field) return;
    const type = fieldDef(def, c.field).type;
    if (type !== 'amount' && TYPED.has(type)) cells[j] = { ...cell, truth: { t: 'junk' } };
  });
  list.rows.push({ kind: 'summary', cells });
  return true;
}

function spans({ rng }: Ctx, list: ListModel): boolean {
  const n = list.columns.length;
  const pairs: number[] = [];
  for (let j = 0; j + 1 < n; j++) if (list.columns[j + 1]?.field === null) pairs.push(j);
  if (!pairs.length) return false;
  const j = rng.pick(pairs);
  if (list.layout.kind === 'grid' && rng.chance(0.5)) {
    list.layout.spanAttr = 'aria-colspan';
    list.tags.push('aria-colspan');
  }
  if (rng.chance(0.5)) {
    const a = list.columns[j] as Column;
    const b = list.columns[j + 1] as Column;
    if (a.header.span !== 1 || b.header.span !== 1) return false;
    a.header = { ...a.header, span: 2 };
    b.header = { ...b.header, span: 0 };
    list.tags.push('header-colspan');
  } else {
    // Two extra columns merged in some rows.
    if (list.columns[j]?.field !== null) return false;
    for (const r of dataRows(list)) {
      const a = r.cells[j];
      if (!a || !r.cells[j + 1] || a.span !== 1 || !rng.chance(0.5)) continue;
      r.cells[j] = { ...a, span: 2 };
      r.cells[j + 1] = null;
    }
    list.tags.push('row-colspan');
  }
  return true;
}

function nestedCellTable({ rng, def }: Ctx, list: ListModel): boolean {
  const targets = list.columns.flatMap((c, j) =>
    c.field === null || (c.field && fieldDef(def, c.field).type === 'text' && c.role !== 'decoy')
      ? [j]
      : [],
  );
  const rows = dataRows(list);
  if (!targets.length || !rows.length) return false;
  const j = rng.pick(targets);
  const field = list.columns[j]?.field ?? null;
  for (const r of rows) {
    if (!rng.chance(0.4) || j >= r.cells.length || !r.cells[j]) continue;
    const inner = rng.pick([
      ['카드', '일시불'],
      ['1회차', '2회차'],
      ['구분', '메모 없음'],
    ]);
    const cell = markupCell(
      [
        [
          `<table class="inner"><tr><td>${inner[0]}</td><td>${inner[1]}</td></tr></table>`,
          inner.join(''),
        ],
      ],
      { t: 'text' },
    );
    if (field) setField(list, r, field, cell);
    else r.cells[j] = cell;
  }
  list.tags.push('nested-cell-table');
  return true;
}

type ListMutation = [string, number, (c: Ctx, l: ListModel) => boolean];

const LIST_MUTATIONS: ListMutation[] = [
  ['shuffle-columns', 0.5, shuffleColumns],
  ['drop-required', 0.12, (c, l) => dropField(c, l, 'required')],
  ['drop-optional', 0.25, (c, l) => dropField(c, l, 'optional')],
  ['drop-extra', 0.15, dropExtra],
  ['duplicate-column', 0.15, duplicateColumn],
  ['rename-synonym', 0.35, renameSynonym],
  ['rename-junk', 0.1, renameJunk],
  ['decoy-column', 0.15, addDecoy],
  ['extra-column', 0.3, addExtraColumn],
  ['junk-cells', 0.45, junkCells],
  ['junk-text', 0.3, junkText],
  ['twin-rows', 0.25, twins],
  ['markup-names', 0.2, markupNames],
  ['form-cells', 0.1, formCells],
  ['all-input-row', 0.03, allInputRow],
  ['ragged-rows', 0.08, raggedRows],
  ['blank-rows', 0.1, blankRows],
  ['header-only', 0.04, headerOnly],
  ['no-results', 0.05, noResults],
  ['title-row', 0.08, titleRow],
  ['summary-row', 0.12, summaryRow],
  ['colspans', 0.15, spans],
  ['nested-cell-table', 0.06, nestedCellTable],
  ['relayout', 0.2, (c, l) => relayout(c, l)],
];

function relayout({ rng }: Ctx, list: ListModel): boolean {
  list.layout = randomLayout(rng);
  return true;
}

function mutateList(ctx: Ctx, list: ListModel, tags: string[]): void {
  const order = ctx.rng.shuffle(LIST_MUTATIONS);
  // Column mutations first, then cells, then rows and spans (spans need final columns).
  const rank = (name: string) =>
    [
      'shuffle-columns',
      'drop-required',
      'drop-optional',
      'drop-extra',
      'duplicate-column',
      'rename-synonym',
      'rename-junk',
      'decoy-column',
      'extra-column',
    ].includes(name)
      ? 0
      : name === 'colspans' || name === 'relayout'
        ? 2
        : 1;
  order.sort((a, b) => rank(a[0]) - rank(b[0]));
  for (const [name, p, fn] of order) {
    if (!ctx.rng.chance(p)) continue;
    if (fn(ctx, list)) {
      tags.push(name);
      delete list.original;
    }
  }
  // Colspans need the final row set: summary/no-results/title rows add spans of their own.
  if (
    !list.original &&
    list.layout.kind === 'grid' &&
    list.rows.some((r) => r.cells.some((c) => c && c.span > 1))
  ) {
    if (ctx.rng.chance(0.3)) {
      list.layout.spanAttr = 'aria-colspan';
      if (!list.tags.includes('aria-colspan')) list.tags.push('aria-colspan');
    }
  }
}

/**
 * A decoy may be as strong as the field's own column (the field is then ambiguous: the engine
 * must take neither column, and the list is no list), never stronger (the engine would rightly
 * take it) nor headed exactly like it (a column shown twice). Renames and drops can leave one so:
 * it goes.
 */
function settleDecoys({ def }: Ctx, list: ListModel): void {
  const fields = new Set(
    list.columns.flatMap((c) => (c.role === 'decoy' ? [c.field as string] : [])),
  );
  let ambiguous = false;
  for (const field of fields) {
    const f = fieldDef(def, field);
    const labels = labelsOf(list);
    const strength = (j: number) => claimStrength(labels[j] ?? null, f.words) ?? -1;
    const own = columnsOf(list, field);
    const mine = Math.max(-1, ...own.map(strength));
    const ownLabels = new Set(own.map((j) => fold(labels[j])));
    const decoys = list.columns.flatMap((c, j) =>
      c.field === field && c.role === 'decoy' ? [j] : [],
    );
    const gone = decoys.filter((j) => strength(j) > mine || ownLabels.has(fold(labels[j])));
    for (const j of gone.reverse()) removeColumn(list, j);
    if (gone.length) delete list.original;
    if (decoys.length > gone.length && mine >= 0 && decoys.some((j) => strength(j) === mine))
      ambiguous = true;
  }
  const decoys = list.columns.some((c) => c.role === 'decoy');
  list.tags = list.tags.filter((t) => t !== 'decoy' && t !== 'decoy-ambiguous');
  if (decoys) list.tags.push(ambiguous ? 'decoy-ambiguous' : 'decoy');
}

// ---------------------------------------------------------------- page parts

const NOISE_TABLES = [
  '<table class="tbl-form"><tbody><tr><th>학원명</th><td>해솔학원 대치본원</td><th>원장</th><td>박정민 원장</td></tr></tbody></table>',
  '<table class="cal"><thead><tr><th>일</th><th>월</th><th>화</th><th>수</th><th>목</th><th>금</th><th>토</th></tr></thead><tbody><tr><td>1</td><td>2</td><td>3</td><td>4</td><td>5</td><td>6</td><td>7</td></tr></tbody></table>',
  '<table class="stat"><tr><th>구분</th><th>건수</th><th>비율</th></tr><tr><td>완료</td><td>12</td><td>80%</td></tr></table>',
  '<table></table>',
  '<table><tbody></tbody></table>',
  '<table><tr></tr></table>',
  '<div role="grid" aria-label="빈 목록"></div>',
  '<div role="grid"><div role="row"></div></div>',
  '<table class="hdr-only"><thead><tr><th>학년</th><th>반</th><th>담임</th></tr></thead></table>',
  '<div role="table"><div role="row"><div role="columnheader">공지</div><div role="columnheader">작성자</div></div><div role="row"><div role="cell">휴원 안내</div><div role="cell">원장</div></div></div>',
];

function wrap(rng: Rng, inner: string): string {
  switch (rng.int(0, 8)) {
    case 0:
      return `<form id="form1" method="post" action="./Default.aspx"><input type="hidden" name="__VIEWSTATE" value="/wEPDwUKLTk">${inner}</form>`;
    case 1:
      return `<div id="frameArea"><div class="frame-body" role="document">${inner}</div></div>`;
    case 2:
      return `<div class="layer-pop" role="dialog" aria-modal="true"><h3>결제 내역</h3>${inner}</div>`;
    case 3:
      return `<dialog open>${inner}</dialog>`;
    case 4:
      return `<table class="layout" width="100%"><tr><td class="lnb">메뉴</td><td class="body">${inner}</td></tr></table>`;
    case 5:
      return `<table class="layout"><tr><th>맥가이</th></tr><tr><td>${inner}</td></tr></table>`;
    case 6:
      return `<div align="center"><font size="2">${inner}</font></div>`;
    case 7:
      return `<iframe name="ifrmContent" title="내용"></iframe><div class="iframe-like" data-src="/Student/StudentMng.aspx">${inner}</div>`;
    default:
      return `<main id="content"><section class="tab-body" role="tabpanel">${inner}</section></main>`;
  }
}

function contextBlock(rng: Rng, nameText: string, phone: string | null): string {
  const nameLabel = rng.pick(CONTEXT_LABELS.name as readonly string[]);
  const phoneLabel = rng.pick(CONTEXT_LABELS.phone as readonly string[]);
  const attr = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  switch (rng.int(0, 4)) {
    case 0:
      return `<table class="tbl-form"><tbody><tr><th><label for="ctxName">${nameLabel}</label></th><td><input type="text" id="ctxName" value="${attr(nameText)}" readonly></td>${
        phone === null
          ? ''
          : `<th><label for="ctxHp">${phoneLabel}</label></th><td><input type="text" id="ctxHp" value="${attr(phone)}" readonly></td>`
      }</tr></tbody></table>`;
    case 1:
      return `<dl class="info-dl"><div class="info-item"><dt>${nameLabel}</dt><dd><span>${esc(nameText)}</span></dd></div>${
        phone === null
          ? ''
          : `<div class="info-item"><dt>${phoneLabel}</dt><dd><span>${esc(phone)}</span></dd></div>`
      }</dl>`;
    case 2:
      return `<div class="stu"><label for="n1">${nameLabel}</label> <input id="n1" type="text" value="${attr(nameText)}">${
        phone === null
          ? ''
          : ` <label for="p1">${phoneLabel}</label> <input id="p1" type="text" value="${attr(phone)}">`
      }</div>`;
    case 3:
      return `<div class="stu"><strong>${nameLabel} :</strong><span>${esc(nameText)}</span>${
        phone === null ? '' : `<strong>${phoneLabel}:</strong><span>${esc(phone)}</span>`
      }</div>`;
    default: {
      const [h] = rng.pick(MARKUP_REAL);
      return `<dl class="info-dl"><dt>${nameLabel}</dt><dd><span>${esc(nameText)}</span>${h}</dd>${
        phone === null ? '' : `<dt>${phoneLabel}</dt><dd>${esc(phone)}</dd>`
      }</dl>`;
    }
  }
}

function newContext(rng: Rng, def: FamilyDef): ContextTruth & { phoneText: string | null } {
  const junk = rng.chance(0.08);
  const base = hangulName(rng, def.siteWords);
  const nameText = junk
    ? rng.pick(['-', '🙂', '12345', '(형)'])
    : rng.weighted([
        [base, 6],
        [`${base}${rng.pick(MARKUP_TEXT.filter((m) => m !== '<b>굵게</b>'))}`, 2],
        [`${base}(형)`, 1],
        [`중2 ${base}`, 1],
      ] as const);
  const digits = randomMobile(rng);
  const phoneText2 = rng.chance(0.8) ? phoneText(rng, digits) : rng.chance(0.5) ? null : '-';
  return {
    name: junk ? { t: 'junk' } : { t: 'name', base },
    nameText,
    phone: phoneText2 === null ? null : phoneText2 === '-' ? { t: 'junk' } : { t: 'phone', digits },
    phoneText: phoneText2,
  };
}

function fixtureContext(ctx: FixturePage['context']): ContextTruth | null {
  if (!ctx) return null;
  const base = /^[가-힣]+/.exec(ctx.nameText)?.[0];
  const digits = ctx.phoneText?.replace(/\D/g, '') ?? null;
  return {
    name: base ? { t: 'name', base } : { t: 'junk' },
    nameText: ctx.nameText,
    phone: digits ? { t: 'phone', digits } : null,
  };
}

// ---------------------------------------------------------------- pages

function familyFor(rng: Rng, site: Site): Family {
  if (site === 'manager') return 'manager-invoices';
  return rng.chance(0.15) ? 'macgai-businesses' : 'macgai-payments';
}

/** One page, a pure function of (site, seed, options). */
export function generatePage(site: Site, seed: number, opts: GenOptions = {}): FuzzPage {
  const rng = new Rng(mixSeed(seed, site === 'macgai' ? 1 : 2));
  const huge = opts.huge ?? rng.chance(opts.hugeChance ?? 0);
  const family = huge
    ? site === 'macgai'
      ? 'macgai-payments'
      : 'manager-invoices'
    : familyFor(rng, site);
  const def = FAMILIES[family];
  const payments = family === 'macgai-payments';
  const tags: string[] = [];
  const withList = fixturePages().filter((p) => p.family === family && p.list);
  // A host page must not hold a list of the same family already (학원정보관리 has businesses).
  const hosts = fixturePages().filter(
    (p) =>
      p.site === site && !p.list && !(family === 'macgai-businesses' && /사업자명/.test(p.body)),
  );
  const source = huge
    ? 'synthetic'
    : rng.weighted([
        ['fixture', withList.length ? 5 : 0],
        ['synthetic', 4],
        ['host', hosts.length ? 1.5 : 0],
      ] as const);

  let page: FixturePage | null = null;
  let list: ListModel;
  let context: (ContextTruth & { html: string }) | null = null;
  // MacGai payment lists: an academy-wide list has 학생명; a student's 결제 탭 takes it from around.
  let mode: 'academy' | 'student' = payments && rng.chance(0.5) ? 'student' : 'academy';
  const listRng = rng.fork(3);

  if (source === 'fixture') {
    page = rng.pick(withList);
    list = cloneList(page.list as ListModel);
    const fc = fixtureContext(page.context);
    if (fc && page.context) context = { ...fc, html: page.context.html };
    mode = page.context ? 'student' : 'academy';
  } else {
    if (source === 'host') page = rng.pick(hosts);
    const rows = huge ? (opts.hugeRows ?? 20_000) : rowCount(rng, family);
    list = syntheticList(listRng, def, mode, rows, !huge);
    if (huge && opts.hugeTable && list.layout.kind === 'grid')
      list.layout = {
        kind: 'table',
        header: 'thead',
        caption: false,
        rowHeader: false,
        tfoot: false,
      };
    if (payments && page?.context) {
      const fc = fixtureContext(page.context);
      if (fc) context = { ...fc, html: page.context.html };
    } else if (payments && (mode === 'student' || rng.chance(0.1))) {
      const c = newContext(rng, def);
      context = { ...c, html: contextBlock(rng, c.nameText, c.phoneText) };
    }
  }
  const required =
    payments && mode === 'student'
      ? ['date', 'amount', 'status']
      : ((def.specs[0]?.required ?? []) as readonly string[]);
  const ctx: Ctx = { rng: listRng, def, required };
  tags.push(`${family}`, `source:${source}`, `mode:${payments ? mode : '-'}`);
  if (huge) {
    tags.push('huge');
    if (rng.chance(0.5)) shuffleColumns(ctx, list) && tags.push('shuffle-columns');
    if (rng.chance(0.5)) renameSynonym(ctx, list) && tags.push('rename-synonym');
    if (rng.chance(0.5)) junkCells(ctx, list) && tags.push('junk-cells');
    if (rng.chance(0.5)) twins(ctx, list) && tags.push('twin-rows');
  } else {
    mutateList(ctx, list, tags);
  }
  settleDecoys(ctx, list);

  // Student context: rewritten in another form, or removed (then only a 학생명 column helps).
  if (context && !huge && !page?.contextLocked) {
    const r = rng.float();
    if (r < 0.1) {
      context = null;
      tags.push('context-removed');
    } else if (r < 0.25) {
      const c = newContext(rng, def);
      context = { ...c, html: contextBlock(rng, c.nameText, c.phoneText) };
      tags.push('context-rewritten');
    }
  }

  // The lists on the page: usually one; sometimes a copy; sometimes a valid one hidden in <template>.
  const lists: ListModel[] = [list];
  if (!huge && rng.chance(0.06)) {
    const copy = cloneList(list);
    copy.layout = randomLayout(rng);
    delete copy.original;
    lists.push(copy);
    tags.push('duplicate-list');
  }
  let listHtml = lists.map((l, i) => renderList(l, i)).join('<p class="gap"></p>');
  if (!huge && rng.chance(0.05)) {
    const hidden = syntheticList(rng.fork(9), def, mode, 3, false);
    const at = rng.chance(0.5);
    const tpl = `<template id="tplRows">${renderList(hidden, 99)}</template>`;
    listHtml = at ? tpl + listHtml : listHtml + tpl;
    tags.push('template-list');
  }

  const noise: string[] = [];
  if (!huge && rng.chance(0.25)) {
    for (let i = 0; i < rng.int(1, 3); i++) noise.push(rng.pick(NOISE_TABLES));
    tags.push('noise-tables');
  }
  const ctxHtml = context?.html ?? '';
  let head: string;
  let body: string;
  let bodyAttrs = '';
  if (page) {
    head = page.head;
    bodyAttrs = page.bodyAttrs;
    let b = page.body.replace('<!--FUZZ-LIST-->', () => noise.join('') + listHtml);
    b = b.includes('<!--FUZZ-CONTEXT-->')
      ? b.replace('<!--FUZZ-CONTEXT-->', () => ctxHtml)
      : ctxHtml + b;
    body = b;
    if (!huge && rng.chance(0.15)) {
      body = wrap(rng, body);
      tags.push('wrapped');
    }
  } else {
    head = '<head><meta charset="utf-8"><title>맥가이 - 결제</title></head>';
    const parts = rng.shuffle([ctxHtml, ...noise]);
    const before = parts.slice(0, rng.int(0, parts.length));
    const after = parts.slice(before.length);
    let inner = `${before.join('')}${listHtml}${after.join('')}`;
    const depth = huge
      ? 0
      : rng.weighted([
          [0, 4],
          [1, 4],
          [2, 2],
          [3, 1],
        ] as const);
    for (let i = 0; i < depth; i++) inner = wrap(rng, inner);
    if (depth) tags.push(`wrapped-${depth}`);
    body = inner;
  }
  return {
    site,
    family,
    seed,
    source: page ? `${source}:${page.name}` : source,
    tags: [...tags, ...list.tags],
    html: `${head}<body${bodyAttrs}>${body}</body>`,
    lists,
    context: context
      ? { name: context.name, nameText: context.nameText, phone: context.phone }
      : null,
    businessId: site === 'manager' && rng.chance(0.5) ? 'biz-1' : null,
    huge,
  };
}
