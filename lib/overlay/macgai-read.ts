// The modules themselves, not the domain's index: the content script needs no matcher.
import { paymentKey } from '@/lib/domain/keys';
import type { MacgaiPayment } from '@/lib/domain/model';
import { parseAmount } from '@/lib/domain/parse/amount';
import { parseDate } from '@/lib/domain/parse/date';
import { parseName, plainName } from '@/lib/domain/parse/name';
import { parsePhone } from '@/lib/domain/parse/phone';
import { remembered } from '@/lib/domain/remember';
import { isAllTalkPay } from '@/lib/domain/status';
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

type Context = Partial<Record<StudentContext, string>>;

// A list repeats its dates, amounts and methods, and a student's 결제 탭 takes every row's name
// and phone from the same labels.
const dateOf = remembered(parseDate);
const amountOf = remembered(parseAmount);
const nameOf = remembered(parseName);
const phoneOf = remembered(parsePhone);

/** {@link isAllTalkPay}, remembered per 결제수단 text (a page shows a handful). */
export const allTalkPay = remembered(isAllTalkPay, 256);
const parses = [dateOf, amountOf, nameOf, phoneOf, allTalkPay];

/** Where each field's text is in a row's `texts` (a field the list lacks has none). */
type Positions = Partial<Record<MacgaiField, number>>;

function textOf(texts: readonly (string | undefined)[], at: Positions, field: MacgaiField) {
  const c = at[field];
  return c === undefined ? undefined : texts[c];
}

/** The row's payment, keyed at occurrence 0; null when its date, amount or name is unreadable. */
function toPayment(
  texts: readonly (string | undefined)[],
  at: Positions,
  context: Context,
): MacgaiPayment | null {
  const date = dateOf(textOf(texts, at, 'date') ?? '');
  const amount = amountOf(textOf(texts, at, 'amount') ?? '');
  const nameText = textOf(texts, at, 'name') ?? context.name ?? '';
  const name = nameOf(nameText);
  if (!date.ok || !amount.ok || !name.ok || !name.value.base) return null;
  const phoneText = textOf(texts, at, 'phone') ?? context.phone ?? '';
  const phone = phoneText === '' ? null : phoneOf(phoneText); // no number: no parse
  const payment: MacgaiPayment = {
    customer: name.value.base,
    phone: phone?.ok ? phone.value : null,
    amount: amount.value,
    date: date.value.date,
    method: textOf(texts, at, 'method')?.trim() || null,
    status: (textOf(texts, at, 'status') ?? '').trim(),
    note: (textOf(texts, at, 'note') ?? '').trim(),
    businessName: plainName(textOf(texts, at, 'business') ?? '') || null,
    key: '',
    businessId: null,
    cause: null,
  };
  payment.key = paymentKey(payment, 0);
  return payment;
}

/**
 * What a row was read as, kept between scans, so a re-scan of an unchanged row costs one
 * textContent read instead of reading and parsing its cells again. (A first read does not read
 * the row's text: long lists are read first far more often than re-read. The next scan reads the
 * cells again, finds them unchanged without parsing, and keeps the text.) A row counts as unchanged
 * when its whole text, its first cell and its flag's cell are the same, and so are the list's
 * columns and the student around it. Rows with a form field in a read cell are always read
 * again: a typed value or a chosen option changes no text.
 */
interface Parsed {
  /**
   * The row's textContent (null after a first read, which reads only the cells: the next scan
   * reads the cells again and keeps the text), its first element and its anchor when read.
   */
  text: string | null;
  first: Element | null;
  anchor: Element;
  /** No read cell holds a form field. */
  plain: boolean;
  /** Which column is which field, and the student around the list. */
  layout: string;
  /** The mapped cells' text (what was parsed). */
  texts: (string | undefined)[];
  /** The payment read, at occurrence 0 (its key is the base key); null when unreadable. */
  fields: MacgaiPayment | null;
  /** The last payment built from it and its occurrence (reused while both stay the same). */
  payment: MacgaiPayment | null;
  occurrence: number;
}

let parsedRows = new WeakMap<Element, Parsed>();

/** Forgets every row read and every parse remembered (benches measure a first read with it). */
export function forgetReadRows(): void {
  parsedRows = new WeakMap();
  for (const parse of parses) parse.forget();
}

function sameTexts(a: readonly (string | undefined)[], b: readonly (string | undefined)[]) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function paymentOf(fields: MacgaiPayment, key: string): MacgaiPayment {
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
    const positions: Positions = {};
    columns.forEach(([field], c) => {
      positions[field] = c;
    });
    const layout = `${columns.map(([field, index]) => `${field}:${index}`).join(',')}\u0002${around}`;
    // Twins (same student, day, amount, method) are numbered in list order (withOccurrences).
    const seen = new Map<string, number>();
    const listRows = list.rows;
    for (let i = 0; i < listRows.length; i++) {
      const row = listRows[i] as Element;
      const first = row.firstElementChild;
      let parsed = parsedRows.get(row);
      // A row read before is compared by its whole text; a first read skips it (the cells say).
      const text = parsed ? (row.textContent ?? '') : null;
      const unchanged =
        parsed?.plain === true &&
        parsed.text === text &&
        parsed.first === first &&
        parsed.layout === layout &&
        (parsed.anchor === row || parsed.anchor.parentElement === row);
      if (!unchanged) {
        const cells = list.cellsOf(i);
        const texts: (string | undefined)[] = [];
        let plain = true;
        /** A read cell's text without form fields that is not blank: the row has text. */
        let shownText: string | undefined;
        for (let c = 0; c < columns.length; c++) {
          const [field, index] = columns[c] as [MacgaiField, number];
          const cell = cells[index];
          let t: string | undefined;
          if (cell) {
            const shown = plainCellText(cell);
            if (shown === null) plain = false;
            else if (shown !== '' && shownText === undefined) shownText = shown;
            t = fieldText(shown ?? cellText(cell), field, list.limits);
          }
          texts.push(t);
        }
        if (!isDataRow(row, list.columns, cells, text ?? shownText)) {
          parsedRows.delete(row);
          continue;
        }
        const anchor = cells[statusIndex] ?? row;
        if (parsed && parsed.layout === layout && sameTexts(parsed.texts, texts)) {
          parsed.text = text;
          parsed.first = first;
          parsed.anchor = anchor;
          parsed.plain = plain;
        } else {
          parsed = {
            text,
            first,
            anchor,
            plain,
            layout,
            texts,
            fields: toPayment(texts, positions, context),
            payment: null,
            occurrence: 0,
          };
          parsedRows.set(row, parsed);
        }
      }
      const p = parsed as Parsed;
      if (!p.fields) {
        unreadable++;
        continue;
      }
      const base = p.fields.key;
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      if (!p.payment || p.occurrence !== n) {
        p.payment = n === 0 ? p.fields : paymentOf(p.fields, paymentKey(p.fields, n));
        p.occurrence = n;
      }
      rows.push({ row, anchor: p.anchor, payment: p.payment });
    }
  }
  return { rows, unreadable };
}

/** The rows the overlay judges: only AllTalkPay (문자결제) payments; a list without a method column sends all. */
export function readAllTalkPayments(page: Recognized<MacgaiField, StudentContext>): ReadRow[] {
  return readPayments(page).rows.filter((r) => allTalkPay(r.payment.method) !== false);
}
