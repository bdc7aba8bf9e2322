import {
  isAllTalkPay,
  type MacgaiPayment,
  parseAmount,
  parseDate,
  parseName,
  parsePhone,
  paymentKey,
  plainName,
} from '@/lib/domain';
import { isDataRow } from '@/lib/engine/lists';
import type { Recognized } from '@/lib/engine/recognize';
import { cellText, fieldText, plainCellText } from '@/lib/engine/text';
import type { MacgaiField, StudentContext } from '@/lib/sites/macgai';

/** One payment row as read from the page, with the cell its flag sits in. */
export interface ReadRow {
  row: Element;
  anchor: Element;
  payment: MacgaiPayment;
}

export interface ReadResult {
  rows: ReadRow[];
  /** Data rows whose date or amount could not be read: never judged, reported as diagnostics. */
  unreadable: number;
}

type Fields = Partial<Record<MacgaiField, string>>;
type Context = Partial<Record<StudentContext, string>>;
type PaymentFields = Omit<MacgaiPayment, 'key' | 'businessId' | 'cause'>;

const forgets: (() => void)[] = [];

/**
 * A pure parser remembered per input: a list repeats its dates, amounts and methods, and a
 * student's 결제 탭 takes every row's name and phone from the same labels. Bounded: cleared when full.
 */
function remembered<I, T>(parse: (input: I) => T, max = 4096): (input: I) => T {
  const seen = new Map<I, T>();
  forgets.push(() => seen.clear());
  return (input) => {
    let value = seen.get(input);
    if (value === undefined) {
      if (seen.size >= max) seen.clear();
      value = parse(input);
      seen.set(input, value);
    }
    return value;
  };
}

const dateOf = remembered(parseDate);
const amountOf = remembered(parseAmount);
const nameOf = remembered(parseName);
const phoneOf = remembered(parsePhone);

/** {@link isAllTalkPay}, remembered per 결제수단 text (a page shows a handful). */
export const allTalkPay = remembered(isAllTalkPay, 256);

function toPayment(fields: Fields, context: Context): PaymentFields | null {
  const date = dateOf(fields.date ?? '');
  const amount = amountOf(fields.amount ?? '');
  const nameText = fields.name ?? context.name ?? '';
  const name = nameOf(nameText);
  if (!date.ok || !amount.ok || !name.ok || !name.value.base) return null;
  const phone = phoneOf(fields.phone ?? context.phone ?? '');
  return {
    customer: name.value.base,
    phone: phone.ok ? phone.value : null,
    amount: amount.value,
    date: date.value.date,
    method: fields.method?.trim() || null,
    status: (fields.status ?? '').trim(),
    note: (fields.note ?? '').trim(),
    businessName: plainName(fields.business ?? '') || null,
  };
}

/**
 * What a row was read as, kept between scans, so a re-scan of an unchanged row costs one
 * textContent read instead of reading and parsing its cells again. A row counts as unchanged
 * when its whole text, its first cell and its flag's cell are the same, and so are the list's
 * columns and the student around it. Rows with a form field in a read cell are always read
 * again: a typed value or a chosen option changes no text.
 */
interface Parsed {
  /** The row's textContent, its first element and its anchor when read. */
  text: string;
  first: Element | null;
  anchor: Element;
  /** No read cell holds a form field. */
  plain: boolean;
  /** Which column is which field, and the student around the list. */
  layout: string;
  /** The mapped cells' text (what was parsed). */
  texts: (string | undefined)[];
  fields: PaymentFields | null;
  /** paymentKey at occurrence 0. */
  base: string;
  /** The last payment built from it and its occurrence (reused while both stay the same). */
  payment: MacgaiPayment | null;
  occurrence: number;
}

let parsedRows = new WeakMap<Element, Parsed>();

/** Forgets every row read and every parse remembered (benches measure a first read with it). */
export function forgetReadRows(): void {
  parsedRows = new WeakMap();
  for (const forget of forgets) forget();
}

function sameTexts(a: readonly (string | undefined)[], b: readonly (string | undefined)[]) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function paymentOf(fields: PaymentFields, key: string): MacgaiPayment {
  return {
    customer: fields.customer,
    phone: fields.phone,
    amount: fields.amount,
    date: fields.date,
    method: fields.method,
    status: fields.status,
    note: fields.note,
    businessName: fields.businessName,
    key,
    businessId: null,
    cause: null,
  };
}

/** Reads every data row of every recognised list into payments with stable keys. */
export function readPayments(page: Recognized<MacgaiField, StudentContext>): ReadResult {
  const rows: ReadRow[] = [];
  let unreadable = 0;
  const context = page.context;
  const around = `${context.name ?? ''}\u0002${context.phone ?? ''}`;
  for (const list of page.lists) {
    const statusIndex = list.columns.get('status') ?? 0;
    const columns = [...list.columns];
    /** Where each mapped field is in `texts`. */
    const positions: Partial<Record<MacgaiField, number>> = {};
    columns.forEach(([field], c) => {
      positions[field] = c;
    });
    const layout = `${columns.map(([field, index]) => `${field}:${index}`).join(',')}\u0002${around}`;
    // Twins (same student, day, amount, method) are numbered in list order (withOccurrences).
    const seen = new Map<string, number>();
    list.rows.forEach((row, i) => {
      const text = row.textContent ?? '';
      const first = row.firstElementChild;
      let parsed = parsedRows.get(row);
      const unchanged =
        parsed?.plain === true &&
        parsed.text === text &&
        parsed.first === first &&
        parsed.layout === layout &&
        (parsed.anchor === row || parsed.anchor.parentElement === row);
      if (!unchanged) {
        const cells = list.cellsOf(i);
        if (!isDataRow(row, list.columns, cells, text)) {
          parsedRows.delete(row);
          return;
        }
        const texts: (string | undefined)[] = [];
        let plain = true;
        for (const [field, index] of columns) {
          const cell = cells[index];
          let t: string | undefined;
          if (cell) {
            const shown = plainCellText(cell);
            if (shown === null) plain = false;
            t = fieldText(shown ?? cellText(cell), field, list.limits);
          }
          texts.push(t);
        }
        const anchor = cells[statusIndex] ?? row;
        if (parsed && parsed.layout === layout && sameTexts(parsed.texts, texts)) {
          Object.assign(parsed, { text, first, anchor, plain });
        } else {
          // One object shape for every row (a field the list lacks is undefined).
          const at = (field: MacgaiField) => {
            const c = positions[field];
            return c === undefined ? undefined : texts[c];
          };
          const fields: Fields = {
            date: at('date'),
            amount: at('amount'),
            method: at('method'),
            status: at('status'),
            note: at('note'),
            name: at('name'),
            phone: at('phone'),
            business: at('business'),
          };
          const payment = toPayment(fields, context);
          parsed = {
            text,
            first,
            anchor,
            plain,
            layout,
            texts,
            fields: payment,
            base: payment ? paymentKey(payment, 0) : '',
            payment: null,
            occurrence: 0,
          };
          parsedRows.set(row, parsed);
        }
      }
      const p = parsed as Parsed;
      if (!p.fields) {
        unreadable++;
        return;
      }
      const n = seen.get(p.base) ?? 0;
      seen.set(p.base, n + 1);
      if (!p.payment || p.occurrence !== n) {
        p.payment = paymentOf(p.fields, n === 0 ? p.base : paymentKey(p.fields, n));
        p.occurrence = n;
      }
      rows.push({ row, anchor: p.anchor, payment: p.payment });
    });
  }
  return { rows, unreadable };
}

/** The rows the overlay judges: only AllTalkPay (문자결제) payments; a list without a method column sends all. */
export function readAllTalkPayments(page: Recognized<MacgaiField, StudentContext>): ReadRow[] {
  return readPayments(page).rows.filter((r) => allTalkPay(r.payment.method) !== false);
}
