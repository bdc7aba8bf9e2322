/**
 * What tells candidates apart, for the UI to show when it asks the user to choose.
 */
import type { MacgaiPayment, ManagerInvoice } from '../model';
import { formatAmount } from '../parse/amount';
import { formatPhone } from '../parse/phone';

export type DiffField = 'name' | 'date' | 'reason' | 'phone' | 'status' | 'amount' | 'method';

export interface FieldValue {
  field: DiffField;
  /** The column's name as the sites show it, for the UI. */
  label: string;
  value: string;
}

export interface CandidateDifference<T> {
  item: T;
  key: string;
  /** Only the fields whose values are not the same for every candidate, in a fixed order. */
  fields: FieldValue[];
}

type Extractor<T> = readonly [DiffField, string, (t: T) => string];

const INVOICE_FIELDS: readonly Extractor<ManagerInvoice>[] = [
  ['name', '고객명', (i) => i.customerRaw || i.customer],
  ['date', '등록일자', (i) => i.registeredAt.replace('T', ' ')],
  ['reason', '청구사유', (i) => i.reason],
  ['phone', '청구핸드폰', (i) => (i.phone ? formatPhone(i.phone) : '')],
  ['status', '상태', (i) => i.status],
  ['amount', '청구금액', (i) => formatAmount(i.amount)],
];

const PAYMENT_FIELDS: readonly Extractor<MacgaiPayment>[] = [
  ['name', '학생명', (p) => p.customer],
  ['date', '납부일자', (p) => p.date],
  ['phone', '학부모HP', (p) => (p.phone ? formatPhone(p.phone) : '')],
  ['status', '결제상태', (p) => p.status],
  ['method', '결제수단', (p) => p.method ?? ''],
  ['amount', '납부금액', (p) => formatAmount(p.amount)],
  ['reason', '참고사항', (p) => p.note],
];

function differences<T extends { key: string }>(
  items: readonly T[],
  fields: readonly Extractor<T>[],
): CandidateDifference<T>[] {
  const varying = fields.filter(([, , get]) => new Set(items.map(get)).size > 1);
  return items.map((item) => ({
    item,
    key: item.key,
    fields: varying.map(([field, label, get]) => ({ field, label, value: get(item) })),
  }));
}

/**
 * Per candidate invoice, the fields that differ among the candidates (고객명, 등록일자, 청구사유,
 * 청구핸드폰, 상태, 청구금액). An empty `fields` list means the rows look identical.
 */
export function explainDifference(
  candidates: readonly { invoice: ManagerInvoice }[],
): CandidateDifference<ManagerInvoice>[] {
  return differences(
    candidates.map((c) => c.invoice),
    INVOICE_FIELDS,
  );
}

/** The same for candidate MacGai payments (reverse matching). */
export function explainPaymentDifference(
  candidates: readonly { payment: MacgaiPayment }[],
): CandidateDifference<MacgaiPayment>[] {
  return differences(
    candidates.map((c) => c.payment),
    PAYMENT_FIELDS,
  );
}
