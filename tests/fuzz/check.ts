/**
 * Runs the real pipeline on a generated page and checks it against the generator's ground truth.
 *
 * MacGai: recognize(document, macgai.pages) → readPayments, plus the 결제 사업자 list
 * (findLists(businessPopup) → readRow, as the overlay learns businesses). Manager site:
 * recognize(document, manager.pages) → readInvoices.
 *
 * Properties:
 *  1. no exception, ever;
 *  2. no false flag: a page the mutation made no list is 'unrecognized', and every value read
 *     comes from the right column (amount and date as the generator wrote them; a row whose
 *     amount/date/name cell is junk is skipped, never read as 0 or a wrong day);
 *  3. an unrecognised page that had a near miss says what it missed, including the word of a
 *     removed required column;
 *  4. reading creates no element (the document is unchanged) and no name holds '<' (customers'
 *     and businesses');
 *  5. keys: distinct within a list (twins too), the same on a second pass and on a fresh parse;
 *  6. what the overlay would send passes the message contract (lib/store/contract.ts), whatever
 *     the length of a cell (text is kept up to the contract's limits).
 */
import {
  clipText,
  isAllTalkPay,
  isMacgaiCancelled,
  mentionsForceCancel,
  plainName,
  SHORT_TEXT_MAX,
  TEXT_MAX,
} from '@/lib/domain';
import { isDataRow, matchLists, readRow, scanLists } from '@/lib/engine/lists';
import { recognize } from '@/lib/engine/recognize';
import { readPayments } from '@/lib/overlay/macgai-read';
import { readInvoices } from '@/lib/overlay/manager-read';
import { businessPopup, macgai } from '@/lib/sites/macgai';
import { manager } from '@/lib/sites/manager';
import type { ListSpec, PageSpec } from '@/lib/sites/types';
import { requests } from '@/lib/store/contract';
import type { FuzzPage } from './generate';
import { cellAt, isDataRowModel, type ListModel, labelsOf, type Row } from './model';
import { expectedColumns, fold } from './specs';
import type { Cell } from './values';

export type Property =
  | 'exception'
  | 'false-recognition'
  | 'missed-recognition'
  | 'wrong-kind'
  | 'missing-words'
  | 'wrong-lists'
  | 'wrong-column'
  | 'junk-read'
  | 'wrong-value'
  | 'missed-row'
  | 'unreadable-count'
  | 'dom-changed'
  | 'markup-name'
  | 'duplicate-keys'
  | 'unstable-keys'
  | 'contract'
  | 'phantom-business'
  | 'generator';

export interface Failure {
  property: Property;
  message: string;
}

export interface PageResult {
  kind: string;
  recognized: boolean;
  /** Rows read (payments, invoices or businesses). */
  rows: number;
  unreadable: number;
  /** Payments the overlay would flag (cancelled or force-cancelled 문자결제). */
  flagged: number;
  failures: Failure[];
}

// ---------------------------------------------------------------- the oracle

interface Expected {
  kind: string;
  /** data-fuzz-list ids of the lists the engine must find, in order. */
  lists: number[];
  columns: Map<string, number>[];
  /** Words the engine must report missing (subset of its `missing`). */
  missing: string[];
  nearMiss: boolean;
  specIndex: number;
}

function evaluate(
  lists: readonly ListModel[],
  specs: readonly PageSpec<string, string>[],
  hasContext: boolean,
): Expected {
  const missing = new Set<string>();
  let nearMiss = false;
  for (let s = 0; s < specs.length; s++) {
    const spec = specs[s] as PageSpec<string, string>;
    const found: number[] = [];
    const columns: Map<string, number>[] = [];
    lists.forEach((list, i) => {
      const labels = labelsOf(list);
      if (excluded(labels, spec.list)) return;
      const { columns: cols, ambiguous } = expectedColumns(labels, spec.list);
      const lacking = [...spec.list.required.filter((f) => !cols.has(f)), ...ambiguous];
      if (lacking.length === 0) {
        found.push(i);
        columns.push(cols);
      } else if (cols.size >= spec.list.nearMiss) {
        nearMiss = true;
        for (const f of lacking) missing.add((spec.list.fields[f] as readonly string[])[0] ?? f);
      }
    });
    if (!found.length) continue;
    const lacking = (spec.contextRequired ?? []).filter((c) => c !== 'name' || !hasContext);
    if (lacking.length) {
      nearMiss = true;
      for (const c of lacking)
        missing.add((spec.context?.labels[c] as readonly string[] | undefined)?.[0] ?? c);
      continue;
    }
    return { kind: spec.kind, lists: found, columns, missing: [], nearMiss, specIndex: s };
  }
  return {
    kind: 'unrecognized',
    lists: [],
    columns: [],
    missing: [...missing],
    nearMiss,
    specIndex: -1,
  };
}

function excluded(labels: readonly (string | null)[], spec: ListSpec<string>): boolean {
  const words = (spec.excludes ?? []).map(fold);
  return labels.some((l) => {
    const f = fold(l);
    return f !== '' && words.some((w) => f.includes(w));
  });
}

/** What a reader keeps of a text cell: the message contract's limit of it, trimmed. */
const kept = (text: string | undefined, max = SHORT_TEXT_MAX): string | undefined =>
  text === undefined ? undefined : clipText(text, max).trim();

const cellFor = (row: Row, cols: ReadonlyMap<string, number>, f: string): Cell | undefined => {
  const j = cols.get(f);
  return j === undefined ? undefined : cellAt(row, j);
};

interface ExpectedPayment {
  customer: string;
  phone: string | null;
  amount: number;
  date: string;
  method: string | null;
  status: string;
  note: string;
  businessName: string | null;
}

type Verdict<T> = { read: true; value: T } | { read: false; why: string } | { generator: string };

function expectPayment(
  row: Row,
  cols: ReadonlyMap<string, number>,
  page: FuzzPage,
  student: boolean,
): Verdict<ExpectedPayment> {
  const date = cellFor(row, cols, 'date');
  const amount = cellFor(row, cols, 'amount');
  if (date?.truth.t === 'text' || amount?.truth.t === 'text')
    return { generator: 'text truth in a typed column' };
  if (date?.truth.t !== 'date') return { read: false, why: 'date' };
  if (amount?.truth.t !== 'amount') return { read: false, why: 'amount' };
  const nameCell = cellFor(row, cols, 'name');
  const nameTruth = nameCell
    ? nameCell.truth
    : student && page.context
      ? page.context.name
      : ({ t: 'junk' } as const);
  if (nameTruth.t === 'text') return { generator: 'text truth in a name column' };
  if (nameTruth.t !== 'name') return { read: false, why: 'name' };
  const phoneCell = cellFor(row, cols, 'phone');
  const phoneTruth = phoneCell ? phoneCell.truth : student ? (page.context?.phone ?? null) : null;
  const text = (f: string, max?: number) => kept(cellFor(row, cols, f)?.text, max);
  return {
    read: true,
    value: {
      customer: nameTruth.base,
      phone: phoneTruth?.t === 'phone' ? phoneTruth.digits : null,
      amount: amount.truth.value,
      date: date.truth.date,
      method: text('method') || null,
      status: text('status') ?? '',
      note: text('note', TEXT_MAX) ?? '',
      businessName: plainName(text('business') ?? '') || null,
    },
  };
}

interface ExpectedInvoice {
  businessId: string | null;
  customer: string;
  customerRaw: string;
  phone: string | null;
  reason: string;
  amount: number;
  registeredAt: string;
  status: string;
  paidAt: string | null;
  method: string | null;
  cardCompany: string | null;
  approvalNo: string | null;
}

const dash = (s: string | undefined): string | null => {
  const t = kept(s) ?? '';
  return t === '' || t === '-' ? null : t;
};

function expectInvoice(
  row: Row,
  cols: ReadonlyMap<string, number>,
  page: FuzzPage,
): Verdict<ExpectedInvoice> {
  const get = (f: string) => cellFor(row, cols, f);
  const amount = get('amount');
  const reg = get('registeredAt');
  const customer = get('customer');
  for (const c of [amount, reg, customer])
    if (c?.truth.t === 'text') return { generator: 'text truth in a typed column' };
  if (amount?.truth.t !== 'amount') return { read: false, why: 'amount' };
  if (reg?.truth.t !== 'date') return { read: false, why: 'registeredAt' };
  if (customer?.truth.t !== 'name') return { read: false, why: 'customer' };
  const phone = get('phone')?.truth;
  return {
    read: true,
    value: {
      businessId: page.businessId,
      customer: customer.truth.base,
      customerRaw: customer.text,
      phone: phone?.t === 'phone' ? phone.digits : null,
      reason: kept(get('reason')?.text) ?? '',
      amount: amount.truth.value,
      registeredAt: reg.truth.time ? `${reg.truth.date}T${reg.truth.time}` : reg.truth.date,
      status: kept(get('status')?.text) ?? '',
      paidAt: dash(get('paidAt')?.text),
      method: dash(get('method')?.text),
      cardCompany: dash(get('cardCompany')?.text),
      approvalNo: dash(get('approvalNo')?.text),
    },
  };
}

// ---------------------------------------------------------------- running the pipeline

interface Read {
  kind: string;
  recognized: boolean;
  missing: string[];
  /** Per found list: its data-fuzz-list id, columns, and the rows read (fuzz row id → record). */
  lists: {
    id: number;
    columns: Map<string, number>;
    rows: { id: number; value: unknown; key: string }[];
  }[];
  unreadable: number;
  extra: Failure[];
  sent: unknown;
  businesses: {
    listId: number;
    rows: { id: number; name: string; bizNo: string; smsPay?: string }[];
  } | null;
}

const idOf = (el: Element, attr: string): number => {
  const v = el.closest(`[${attr}]`)?.getAttribute(attr);
  return v === null || v === undefined ? -1 : Number(v);
};

function runMacgai(doc: Document, checkAnchors: boolean): Read {
  // As the overlay does: one scan of the page's lists serves the payment specs and the popup's.
  const candidates = scanLists(doc);
  const result = recognize(doc, macgai.pages, candidates);
  const out: Read = {
    kind: result.kind,
    recognized: result.recognized,
    missing: result.recognized ? [] : result.missing,
    lists: [],
    unreadable: 0,
    extra: [],
    sent: null,
    businesses: null,
  };
  if (result.recognized) {
    const read = readPayments(result);
    out.unreadable = read.unreadable;
    const byList = new Map<Element, Read['lists'][number]>();
    for (const l of result.lists) {
      const entry = {
        id: idOf(l.element, 'data-fuzz-list'),
        columns: new Map(l.columns),
        rows: [],
      };
      byList.set(l.element, entry);
      out.lists.push(entry);
    }
    for (const r of read.rows) {
      const list = result.lists.find((l) => l.element.contains(r.row));
      const entry = list ? byList.get(list.element) : undefined;
      if (!entry) {
        out.extra.push({ property: 'wrong-lists', message: 'a row outside every found list' });
        continue;
      }
      if (checkAnchors && !r.row.contains(r.anchor))
        out.extra.push({
          property: 'wrong-column',
          message: 'the flag anchor is not a cell of its row',
        });
      const { key, businessId, cause, ...value } = r.payment;
      if (businessId !== null || cause !== null)
        out.extra.push({ property: 'wrong-value', message: 'businessId/cause set by the reader' });
      entry.rows.push({ id: idOf(r.row, 'data-fuzz-row'), value, key });
    }
    out.sent = read.rows.map((r) => r.payment).filter((p) => isAllTalkPay(p.method) !== false);
  }
  const biz = matchLists(candidates, businessPopup.list).found[0];
  if (biz) {
    out.businesses = {
      listId: idOf(biz.element, 'data-fuzz-list'),
      rows: biz.rows
        .map((row, i) => ({ row, cells: biz.cellsOf(i) }))
        // As the overlay does: a "등록된 사업자가 없습니다" or title row is not a business.
        .filter(({ row, cells }) => isDataRow(row, biz.columns, cells))
        .map(({ row, cells }) => ({ row, f: readRow(row, biz.columns, cells, biz.limits) }))
        .map(({ row, f }) => ({ row, f: { ...f, name: plainName(f.name ?? '') } }))
        .filter(({ f }) => f.name && f.bizNo)
        .map(({ row, f }) => ({
          id: idOf(row, 'data-fuzz-row'),
          name: f.name,
          bizNo: f.bizNo ?? '',
          ...(f.smsPay === undefined ? {} : { smsPay: f.smsPay }),
        })),
    };
  }
  return out;
}

function runManager(doc: Document, businessId: string | null): Read {
  const result = recognize(doc, manager.pages);
  const out: Read = {
    kind: result.kind,
    recognized: result.recognized,
    missing: result.recognized ? [] : result.missing,
    lists: [],
    unreadable: 0,
    extra: [],
    sent: null,
    businesses: null,
  };
  if (!result.recognized) return out;
  const rows = readInvoices(result, businessId);
  for (const l of result.lists)
    out.lists.push({
      id: idOf(l.element, 'data-fuzz-list'),
      columns: new Map(l.columns),
      rows: [],
    });
  for (const r of rows) {
    const i = result.lists.findIndex((l) => l.element.contains(r.row));
    const entry = out.lists[i];
    if (!entry) {
      out.extra.push({ property: 'wrong-lists', message: 'an invoice outside every found list' });
      continue;
    }
    if (!r.row.contains(r.cancelCell) || !r.row.contains(r.firstCell))
      out.extra.push({ property: 'wrong-column', message: 'cancel/first cell outside its row' });
    const { key, ...value } = r.invoice;
    entry.rows.push({ id: idOf(r.row, 'data-fuzz-row'), value, key });
  }
  out.sent = rows.map((r) => r.invoice);
  return out;
}

// ---------------------------------------------------------------- checking

const short = (v: unknown): string => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 300 ? `${s.slice(0, 300)}…(${s.length} chars)` : s;
};

function diff(a: Record<string, unknown>, b: Record<string, unknown>): string | null {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const out: string[] = [];
  for (const k of keys)
    if (a[k] !== b[k]) out.push(`${k}: read ${short(a[k])}, expected ${short(b[k])}`);
  return out.length ? out.join('; ') : null;
}

export interface CheckOptions {
  /**
   * Also compare the whole document before/after (not only its element count), read it a second
   * time and parse it afresh to compare keys (default true; doubles the cost of a page).
   */
  thorough?: boolean;
}

/** Loads the page into `doc` and checks every property; never throws. */
export function checkPage(doc: Document, page: FuzzPage, opts: CheckOptions = {}): PageResult {
  const failures: Failure[] = [];
  const fail = (property: Property, message: string) => {
    if (failures.length < 20) failures.push({ property, message });
  };
  const res: PageResult = {
    kind: 'error',
    recognized: false,
    rows: 0,
    unreadable: 0,
    flagged: 0,
    failures,
  };
  const small = page.lists.every((l) => l.rows.length <= 400);
  const thorough = (opts.thorough ?? true) && small;
  const run = (): Read =>
    page.site === 'macgai' ? runMacgai(doc, true) : runManager(doc, page.businessId);

  try {
    doc.documentElement.innerHTML = page.html;
  } catch (error) {
    fail('generator', `the page does not load: ${String(error)}`);
    return res;
  }
  const before = doc.getElementsByTagName('*').length;
  const snapshot = small && thorough ? doc.documentElement.outerHTML : null;

  let read: Read;
  try {
    read = run();
  } catch (error) {
    fail('exception', error instanceof Error ? (error.stack ?? error.message) : String(error));
    return res;
  }
  res.kind = read.kind;
  res.recognized = read.recognized;
  res.unreadable = read.unreadable;
  for (const f of read.extra) fail(f.property, f.message);

  // 4. Nothing was created, nothing changed.
  const after = doc.getElementsByTagName('*').length;
  if (after !== before) fail('dom-changed', `${before} elements before reading, ${after} after`);
  else if (snapshot !== null && doc.documentElement.outerHTML !== snapshot)
    fail('dom-changed', 'the document changed while it was read');

  // 2./3. Recognition as the oracle predicts.
  const specs: readonly PageSpec<string, string>[] =
    page.site === 'macgai' ? macgai.pages : manager.pages;
  const exp = evaluate(page.lists, specs, page.context !== null);
  if (exp.kind !== read.kind) {
    const property: Property =
      exp.kind === 'unrecognized'
        ? 'false-recognition'
        : read.kind === 'unrecognized'
          ? 'missed-recognition'
          : 'wrong-kind';
    fail(
      property,
      `recognised as ${read.kind}, expected ${exp.kind} (missing ${short(read.missing)})`,
    );
  }
  if (!read.recognized && exp.kind === 'unrecognized') {
    const lacking = exp.missing.filter((w) => !read.missing.includes(w));
    if (lacking.length)
      fail('missing-words', `missing ${short(read.missing)} lacks ${short(lacking)}`);
    if (exp.nearMiss && read.missing.length === 0)
      fail('missing-words', 'a near miss, but nothing reported missing');
  }
  for (const p of read.missing) {
    if (p.includes('<')) fail('markup-name', `a missing word holds markup: ${p}`);
  }

  // 2. Rows: every value from the right column, junk never read.
  if (read.recognized && exp.kind === read.kind) {
    const ids = read.lists.map((l) => l.id);
    if (short(ids) !== short(exp.lists))
      fail('wrong-lists', `found lists ${short(ids)}, expected ${short(exp.lists)}`);
    let expectedUnreadable = 0;
    const student = read.kind === 'macgai-student-payments';
    for (const entry of read.lists) {
      const at = exp.lists.indexOf(entry.id);
      const model = page.lists[entry.id];
      const cols = exp.columns[at];
      if (!model || !cols) continue;
      // The engine's column for each field must hold that field's data.
      for (const [field, j] of entry.columns) {
        const col = model.columns[j];
        if (!col || col.field !== field || col.role === 'decoy')
          fail(
            'wrong-column',
            `${field} read from column ${j} (${short(col?.header.text)}, holds ${col?.role} ${col?.field}); ${
              cols.get(field) === j
                ? 'the header rule picks it too (a header as strong as the field’s own)'
                : `the header rule picks column ${cols.get(field)}`
            }`,
          );
      }
      const fieldsRead = [...entry.columns.keys()].sort().join();
      const fieldsExp = [...cols.keys()].sort().join();
      if (fieldsRead !== fieldsExp)
        fail('wrong-column', `fields mapped ${fieldsRead}, expected ${fieldsExp}`);
      const byRow = new Map(entry.rows.map((r) => [r.id, r]));
      if (byRow.size !== entry.rows.length) fail('wrong-value', 'one row read twice');
      const keys = entry.rows.map((r) => r.key);
      if (new Set(keys).size !== keys.length)
        fail(
          'duplicate-keys',
          `keys repeat within one list: ${short(keys.filter((k, i) => keys.indexOf(k) !== i))}`,
        );
      let lastIndex = -1;
      model.rows.forEach((row, i) => {
        const got = byRow.get(i);
        if (got) {
          if (i < lastIndex) fail('wrong-value', 'rows read out of order');
          lastIndex = i;
        }
        if (!isDataRowModel(row, cols.size)) {
          if (got) fail('junk-read', `row ${i} (${row.kind}, no data) read as ${short(got.value)}`);
          return;
        }
        const v =
          page.site === 'macgai'
            ? expectPayment(row, cols, page, student)
            : expectInvoice(row, cols, page);
        if ('generator' in v) {
          fail('generator', `row ${i}: ${v.generator}`);
          return;
        }
        if (!v.read) {
          expectedUnreadable++;
          if (got)
            fail('junk-read', `row ${i} has a junk ${v.why} but was read as ${short(got.value)}`);
          return;
        }
        if (row.kind !== 'data') {
          fail('generator', `a ${row.kind} row would read as data`);
          return;
        }
        if (!got) {
          fail('missed-row', `row ${i} not read; expected ${short(v.value)}`);
          return;
        }
        const d = diff(
          got.value as Record<string, unknown>,
          v.value as unknown as Record<string, unknown>,
        );
        if (d) fail('wrong-value', `row ${i}: ${d}`);
      });
      for (const r of entry.rows) {
        if (r.id < 0 || r.id >= model.rows.length)
          fail('junk-read', `a row not in the model was read (${short(r.value)})`);
        const { customer, businessName } = r.value as {
          customer?: string;
          businessName?: string | null;
        };
        if (customer?.includes('<') || customer?.includes('>'))
          fail('markup-name', `customer name holds markup: ${short(customer)}`);
        if (businessName?.includes('<'))
          fail('markup-name', `business name holds markup: ${short(businessName)}`);
      }
    }
    if (page.site === 'macgai' && read.unreadable !== expectedUnreadable)
      fail('unreadable-count', `unreadable ${read.unreadable}, expected ${expectedUnreadable}`);
    for (const l of read.lists) res.rows += l.rows.length;
  }

  // 6. The message contract.
  if (read.sent !== null) {
    const parsed =
      page.site === 'macgai'
        ? requests['payments.observe'].payload.safeParse({ payments: read.sent })
        : requests['manager.observe'].payload.safeParse({
            businessId: page.businessId,
            listUrl: 'https://alltalkpay.co.kr/bill/billList.do',
            invoices: read.sent,
          });
    if (!parsed.success)
      fail(
        'contract',
        `${page.site === 'macgai' ? 'payments.observe' : 'manager.observe'} rejects the page: ${short(parsed.error.issues.slice(0, 2))}`,
      );
  }
  if (!read.recognized) {
    const report = requests['page.report'].payload.safeParse({
      site: page.site,
      url: 'https://edu.macgai7.com/x.aspx',
      pageKind: read.kind,
      missing: read.missing,
    });
    if (!report.success) fail('contract', `page.report rejects ${short(read.missing)}`);
  }
  if (page.site === 'macgai') {
    const sent =
      (read.sent as { status: string; note: string; method: string | null }[] | null) ?? [];
    res.flagged = sent.filter(
      (p) => isMacgaiCancelled(p.status) || mentionsForceCancel(p.status, p.note),
    ).length;
  }

  // The 결제 사업자 list (what the overlay learns).
  if (page.family === 'macgai-businesses') checkBusinesses(page, read, fail, res);

  // 5. Keys: a second pass, and a fresh parse, give the same keys.
  if (!thorough) return res;
  try {
    const keysOf = (r: Read) => r.lists.flatMap((l) => l.rows.map((x) => x.key));
    const first = keysOf(read);
    if (short(keysOf(run())) !== short(first))
      fail('unstable-keys', 'a second pass gave other keys');
    if (small) {
      doc.documentElement.innerHTML = page.html;
      if (short(keysOf(run())) !== short(first))
        fail('unstable-keys', 'a fresh parse gave other keys');
    }
  } catch (error) {
    fail('exception', error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
  return res;
}

function checkBusinesses(
  page: FuzzPage,
  read: Read,
  fail: (p: Property, m: string) => void,
  res: PageResult,
): void {
  const exp = evaluate(
    page.lists,
    [{ kind: 'macgai-businesses', list: businessPopup.list }],
    false,
  );
  const got = read.businesses;
  if (!got) {
    if (exp.kind !== 'unrecognized') fail('missed-recognition', 'the business list was not found');
    return;
  }
  if (exp.kind === 'unrecognized') {
    fail('false-recognition', 'a business list found where none is');
    return;
  }
  if (got.listId !== exp.lists[0])
    fail('wrong-lists', `business list ${got.listId}, expected ${exp.lists[0]}`);
  const model = page.lists[got.listId];
  const cols = exp.columns[0];
  if (!model || !cols) return;
  res.recognized = true;
  res.rows = got.rows.length;
  const byId = new Map(got.rows.map((r) => [r.id, r]));
  model.rows.forEach((row, i) => {
    const b = byId.get(i);
    const name = plainName(kept(cellFor(row, cols, 'name')?.text) ?? '');
    const bizNo = kept(cellFor(row, cols, 'bizNo')?.text) ?? '';
    const real = row.kind === 'data' && name !== '' && bizNo !== '';
    if (!real) {
      if (b) fail('phantom-business', `row ${i} (${row.kind}) learned as a business: ${short(b)}`);
      return;
    }
    if (!b) {
      fail('missed-row', `business row ${i} not learned`);
      return;
    }
    const sms = cols.has('smsPay') ? kept(cellFor(row, cols, 'smsPay')?.text) : undefined;
    const d = diff(b as unknown as Record<string, unknown>, {
      id: i,
      name,
      bizNo,
      ...(sms === undefined ? {} : { smsPay: sms }),
    });
    if (d) fail('wrong-value', `business row ${i}: ${d}`);
    if (b.name.includes('<')) fail('markup-name', `business name holds markup: ${short(b.name)}`);
  });
  const learn = requests['businesses.learn'].payload.safeParse({
    businesses: got.rows.map((r) => ({
      name: r.name,
      bizNo: r.bizNo,
      smsPayStatus: r.smsPay ?? null,
    })),
  });
  if (!learn.success)
    fail('contract', `businesses.learn rejects the list: ${short(learn.error.issues.slice(0, 2))}`);
}
