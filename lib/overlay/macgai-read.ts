import {
  type MacgaiPayment,
  parseAmount,
  parseDate,
  parseName,
  parsePhone,
  paymentKey,
  withOccurrences,
} from '@/lib/domain';
import { isDataRow, readRow, rowCells } from '@/lib/engine/lists';
import type { Recognized } from '@/lib/engine/recognize';
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

function toPayment(fields: Fields, context: Partial<Record<StudentContext, string>>) {
  const date = parseDate(fields.date ?? '');
  const amount = parseAmount(fields.amount ?? '');
  const nameText = fields.name ?? context.name ?? '';
  const name = parseName(nameText);
  if (!date.ok || !amount.ok || !name.ok || !name.value.base) return null;
  const phone = parsePhone(fields.phone ?? context.phone ?? '');
  return {
    customer: name.value.base,
    phone: phone.ok ? phone.value : null,
    amount: amount.value,
    date: date.value.date,
    method: fields.method?.trim() || null,
    status: (fields.status ?? '').trim(),
    note: (fields.note ?? '').trim(),
    businessName: fields.business?.trim() || null,
  };
}

/** Reads every data row of every recognised list into payments with stable keys. */
export function readPayments(page: Recognized<MacgaiField, StudentContext>): ReadResult {
  const rows: ReadRow[] = [];
  let unreadable = 0;
  for (const list of page.lists) {
    const statusIndex = list.columns.get('status') ?? 0;
    const parsed: {
      row: Element;
      anchor: Element;
      fields: NonNullable<ReturnType<typeof toPayment>>;
    }[] = [];
    for (const row of list.rows) {
      if (!isDataRow(row, list.columns)) continue;
      const fields = toPayment(readRow(row, list.columns), page.context);
      if (!fields) {
        unreadable++;
        continue;
      }
      const anchor = rowCells(row)[statusIndex] ?? row;
      parsed.push({ row, anchor, fields });
    }
    const keys = withOccurrences(parsed, (p, n) => paymentKey(p.fields, n));
    parsed.forEach((p, i) => {
      rows.push({
        row: p.row,
        anchor: p.anchor,
        payment: { ...p.fields, key: keys[i] ?? '', businessId: null, cause: null },
      });
    });
  }
  return { rows, unreadable };
}
