import {
  invoiceKey,
  type ManagerInvoice,
  parseAmount,
  parseDate,
  parseName,
  parsePhone,
  toDateTimeString,
  withOccurrences,
} from '@/lib/domain';
import { isDataRow, readRow, rowCells } from '@/lib/engine/lists';
import type { Recognized } from '@/lib/engine/recognize';
import type { InvoiceField } from '@/lib/sites/manager';

/** One invoice row of 청구서관리 as read from the page, with the cell of its 결제취소 X. */
export interface InvoiceRow {
  row: Element;
  cancelCell: Element;
  firstCell: Element;
  invoice: ManagerInvoice;
}

const dash = (s: string | undefined) => {
  const t = (s ?? '').trim();
  return t === '' || t === '-' ? null : t;
};

/** Reads every data row of the recognised 청구서관리 list into invoices with stable keys. */
export function readInvoices(
  page: Recognized<InvoiceField, string>,
  businessId: string | null,
): InvoiceRow[] {
  const out: InvoiceRow[] = [];
  for (const list of page.lists) {
    const parsed: Omit<InvoiceRow, 'invoice'>[] = [];
    const drafts: Omit<ManagerInvoice, 'key'>[] = [];
    for (const row of list.rows) {
      const cells = rowCells(row);
      if (!isDataRow(row, list.columns, cells)) continue;
      const f = readRow(row, list.columns, cells, list.limits);
      const amount = parseAmount(f.amount ?? '');
      const registered = parseDate(f.registeredAt ?? '');
      const name = parseName(f.customer ?? '');
      if (!amount.ok || !registered.ok || !name.ok) continue;
      const phone = parsePhone(f.phone ?? '');
      parsed.push({
        row,
        cancelCell: cells[list.columns.get('cancel') ?? -1] ?? cells[cells.length - 1] ?? row,
        firstCell: cells[0] ?? row,
      });
      drafts.push({
        businessId,
        customer: name.value.base,
        customerRaw: (f.customer ?? '').trim(),
        phone: phone.ok ? phone.value : null,
        reason: (f.reason ?? '').trim(),
        amount: amount.value,
        registeredAt: toDateTimeString(registered.value),
        status: (f.status ?? '').trim(),
        paidAt: dash(f.paidAt),
        method: dash(f.method),
        cardCompany: dash(f.cardCompany),
        approvalNo: dash(f.approvalNo),
      });
    }
    const keys = withOccurrences(drafts, (d, n) => invoiceKey(d, n));
    drafts.forEach((d, i) => {
      const place = parsed[i];
      if (place) out.push({ ...place, invoice: { ...d, key: keys[i] ?? '' } });
    });
  }
  return out;
}
