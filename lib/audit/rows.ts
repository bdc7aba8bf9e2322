/**
 * An export's sheets → typed rows: MacGai payments and manager-site invoices with the same keys
 * the overlays give them (paymentKey/invoiceKey, twins numbered by withOccurrences), each with
 * where it came from. Rows under the header that are not data (a total line, a repeated header,
 * an unreadable date) are counted, never guessed.
 */
import {
  clipText,
  foldNoSpaces,
  invoiceKey,
  type MacgaiPayment,
  type ManagerInvoice,
  type ParsedDate,
  parseName,
  paymentKey,
  plainName,
  type Result,
  remembered,
  SHORT_TEXT_MAX,
  TEXT_MAX,
  toDateTimeString,
  withOccurrences,
} from '@/lib/domain';
import type { MacgaiField } from '@/lib/sites/macgai';
import type { InvoiceField } from '@/lib/sites/manager';
import {
  type Cell,
  cellAmount,
  cellDate,
  cellPhone,
  cellText,
  isBlankRow,
  type Sheet,
  type SheetRow,
} from './cells';
import { type AuditSite, fieldWords, findHeader, SPECS } from './headers';
import type { FileSummary, InvoiceRow, PaymentRow, SheetSummary, SourceRef } from './model';
import type { Workbook } from './read';

/** Cut to the message contract's limits (lib/domain/limits). */
const clip = (s: string, n = SHORT_TEXT_MAX): string => clipText(s, n);

/** A cell parser remembered per text or number (a date cell is a new object each time). */
function perCell<T>(parse: (input: Cell) => T): (input: Cell) => T {
  const memo = remembered(parse, 8192);
  return (input) => (input instanceof Date ? parse(input) : memo(input));
}

interface Parsers {
  date: (c: Cell) => Result<ParsedDate>;
  amount: (c: Cell) => Result<number>;
  phone: (c: Cell) => Result<string>;
  name: (c: Cell) => ReturnType<typeof parseName>;
}

function parsers(): Parsers {
  return {
    date: perCell(cellDate),
    amount: perCell(cellAmount),
    phone: perCell(cellPhone),
    name: perCell((c) => parseName(cellText(c))),
  };
}

const dash = (s: string): string | null => (s === '' || s === '-' ? null : clip(s));

/** Read state for one slot (all files of one site): parsers and twins across files. */
export interface SlotReader {
  site: AuditSite;
  parse: Parsers;
  /** Final keys already taken by earlier files (a row exported twice is one row). */
  keys: Set<string>;
}

export function slotReader(site: AuditSite): SlotReader {
  return { site, parse: parsers(), keys: new Set() };
}

interface SheetPlan {
  summary: SheetSummary;
  header: number;
  columns: Map<string, number>;
}

/**
 * Locates the header of every sheet. A file none of whose sheets has this slot's header is a
 * problem: the other site's export, or a file without the required columns (named).
 */
export function planSheets(
  workbook: Workbook,
  site: AuditSite,
): { plans: SheetPlan[]; sheets: SheetSummary[]; problem: FileSummary['problem'] } {
  const plans: SheetPlan[] = [];
  const sheets: SheetSummary[] = [];
  let otherSite = false;
  let nearest: { missing: string[]; size: number } | null = null;
  for (const sheet of workbook.sheets) {
    const h = findHeader(sheet.rows);
    const summary: SheetSummary = {
      name: sheet.name,
      headerRow: null,
      rows: 0,
      unreadable: 0,
      unreadableRows: [],
      skipped: null,
    };
    sheets.push(summary);
    if (h.found && h.found.site === site) {
      summary.headerRow = h.found.row + 1;
      plans.push({
        summary,
        header: h.found.row,
        columns: h.found.columns as Map<string, number>,
      });
      continue;
    }
    if (h.found) {
      otherSite = true;
      summary.skipped = { site: h.found.site, missing: [] };
      continue;
    }
    const near = h.nearest[site];
    summary.skipped = { site: null, missing: near?.missing ?? [] };
    if (near && (!nearest || near.missing.length < nearest.size)) {
      nearest = { missing: near.missing, size: near.missing.length };
    }
  }
  if (plans.length > 0) return { plans, sheets, problem: null };
  const other: AuditSite = site === 'macgai' ? 'manager' : 'macgai';
  if (otherSite) {
    return {
      plans,
      sheets,
      problem: { code: 'wrong_site', detail: '', missing: [], site: other },
    };
  }
  const spec = fieldWords(site, SPECS[site].required);
  return {
    plans,
    sheets,
    problem: { code: 'no_header', detail: '', missing: nearest?.missing ?? spec, site: null },
  };
}

const MAX_LISTED = 20;

function unreadable(summary: SheetSummary, row: number): void {
  summary.unreadable++;
  if (summary.unreadableRows.length < MAX_LISTED) summary.unreadableRows.push(row);
}

/** Walks the data rows under a sheet's header; `read` says whether a row was data. */
function eachDataRow(sheet: Sheet, plan: SheetPlan, read: (row: SheetRow, n: number) => boolean) {
  const { rows } = sheet;
  for (let r = plan.header + 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    if (isBlankRow(row)) continue;
    if (read(row, r + 1)) plan.summary.rows++;
    else unreadable(plan.summary, r + 1);
  }
}

/** A field's cell of a row, by the plan's column (null when the sheet has no such column). */
function cellOf(plan: SheetPlan) {
  return (field: string): ((row: SheetRow) => Cell) => {
    const c = plan.columns.get(field);
    return c === undefined ? () => null : (row) => row[c];
  };
}

/**
 * Final keys of a file's rows, twins numbered in file order (withOccurrences). The base key
 * (occurrence 0) is built once per row and reused for the rows that are not twins.
 */
function keysOf<T>(rows: readonly T[], keyOf: (row: T, occurrence: number) => string): string[] {
  const bases = rows.map((r) => keyOf(r, 0));
  const ids = rows.map((_, i) => i);
  return withOccurrences(ids, (i, n) => (n === 0 ? (bases[i] as string) : keyOf(rows[i] as T, n)));
}

/** Keys the rows; those an earlier file of the slot already gave (exported twice) are left out. */
function fresh<T extends { key: string }, R>(
  reader: SlotReader,
  drafts: T[],
  refs: SourceRef[],
  keyOf: (row: T, occurrence: number) => string,
  summary: FileSummary,
  make: (row: T, at: SourceRef) => R,
): R[] {
  const keys = keysOf(drafts, keyOf);
  const out: R[] = [];
  const added: string[] = [];
  drafts.forEach((d, i) => {
    const key = keys[i] as string;
    if (reader.keys.has(key)) {
      summary.duplicates++;
      return;
    }
    d.key = key;
    added.push(key);
    out.push(make(d, refs[i] as SourceRef));
  });
  for (const key of added) reader.keys.add(key);
  return out;
}

/**
 * The MacGai rows of one file. With a business picked, rows naming another 사업자명 are left out
 * (counted); rows without one are kept.
 */
export function readPayments(
  reader: SlotReader,
  workbook: Workbook,
  plans: SheetPlan[],
  file: number,
  business: { id: string; name: string } | null,
  summary: FileSummary,
): PaymentRow[] {
  const p = reader.parse;
  const drafts: MacgaiPayment[] = [];
  const refs: SourceRef[] = [];
  const wanted = business ? foldNoSpaces(business.name) : null;
  const isWanted = remembered((name: string) => foldNoSpaces(name) === wanted);
  for (const plan of plans) {
    const sheet = workbook.sheets.find((s) => s.name === plan.summary.name) as Sheet;
    const field = cellOf(plan);
    const f = (name: MacgaiField) => field(name);
    const [dateOf, amountOf, nameOf, businessOf, phoneOf, methodOf, statusOf, noteOf] = [
      f('date'),
      f('amount'),
      f('name'),
      f('business'),
      f('phone'),
      f('method'),
      f('status'),
      f('note'),
    ];
    eachDataRow(sheet, plan, (cells, row) => {
      const date = p.date(dateOf(cells));
      const amount = p.amount(amountOf(cells));
      const name = p.name(nameOf(cells));
      if (!date.ok || !amount.ok || !name.ok || !name.value.base) return false;
      const businessName = clip(plainName(cellText(businessOf(cells))));
      if (wanted && businessName && !isWanted(businessName)) {
        summary.otherBusiness++;
        return true;
      }
      const phone = p.phone(phoneOf(cells));
      drafts.push({
        key: '',
        businessId: business?.id ?? null,
        businessName: businessName || business?.name || null,
        customer: clip(name.value.base),
        phone: phone.ok ? phone.value : null,
        amount: amount.value,
        date: date.value.date,
        method: clip(cellText(methodOf(cells))) || null,
        status: clip(cellText(statusOf(cells))),
        note: clip(cellText(noteOf(cells)), TEXT_MAX),
        cause: null,
      });
      refs.push({ file, sheet: plan.summary.name, row });
      return true;
    });
  }
  return fresh(reader, drafts, refs, paymentKey, summary, (payment, at) => ({ payment, at }));
}

/** The 청구서관리 rows of one file; every invoice is the picked business's (one account's export). */
export function readInvoices(
  reader: SlotReader,
  workbook: Workbook,
  plans: SheetPlan[],
  file: number,
  business: { id: string; name: string } | null,
  summary: FileSummary,
): InvoiceRow[] {
  const p = reader.parse;
  const drafts: ManagerInvoice[] = [];
  const refs: SourceRef[] = [];
  for (const plan of plans) {
    const sheet = workbook.sheets.find((s) => s.name === plan.summary.name) as Sheet;
    const field = cellOf(plan);
    const f = (name: InvoiceField) => field(name);
    const [regOf, amountOf, customerOf, phoneOf, paidOf, reasonOf, statusOf, methodOf] = [
      f('registeredAt'),
      f('amount'),
      f('customer'),
      f('phone'),
      f('paidAt'),
      f('reason'),
      f('status'),
      f('method'),
    ];
    const [cardOf, approvalOf] = [f('cardCompany'), f('approvalNo')];
    eachDataRow(sheet, plan, (cells, row) => {
      const registered = p.date(regOf(cells));
      const amount = p.amount(amountOf(cells));
      const raw = customerOf(cells);
      const name = p.name(raw);
      if (!registered.ok || !amount.ok || !name.ok) return false;
      const phone = p.phone(phoneOf(cells));
      const paidCell = paidOf(cells);
      const paid =
        paidCell instanceof Date || typeof paidCell === 'number' ? p.date(paidCell) : null;
      drafts.push({
        key: '',
        businessId: business?.id ?? null,
        customer: clip(name.value.base),
        customerRaw: clip(cellText(raw)),
        phone: phone.ok ? phone.value : null,
        reason: clip(cellText(reasonOf(cells))),
        amount: amount.value,
        registeredAt: toDateTimeString(registered.value),
        status: clip(cellText(statusOf(cells))),
        paidAt: paid?.ok ? toDateTimeString(paid.value) : dash(cellText(paidCell)),
        method: dash(cellText(methodOf(cells))),
        cardCompany: dash(cellText(cardOf(cells))),
        approvalNo: dash(cellText(approvalOf(cells))),
      });
      refs.push({ file, sheet: plan.summary.name, row });
      return true;
    });
  }
  return fresh(reader, drafts, refs, invoiceKey, summary, (invoice, at) => ({ invoice, at }));
}
