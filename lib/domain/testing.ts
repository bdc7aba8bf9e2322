/**
 * Builders for tests and fixtures (pure; no test-framework imports). Fill the fields a test does
 * not care about with plausible values and compute keys the way the readers will.
 */

import { invoiceKey, paymentKey } from './keys';
import type { MacgaiPayment, ManagerInvoice } from './model';
import { baseName } from './parse/name';

export function makePayment(fields: Partial<MacgaiPayment> = {}, occurrence = 0): MacgaiPayment {
  const p: MacgaiPayment = {
    key: '',
    businessId: null,
    businessName: null,
    customer: '홍길동',
    phone: '01012345678',
    amount: 191000,
    date: '2026-11-26',
    method: '문자결제',
    status: '결제완료',
    note: '',
    cause: null,
    ...fields,
  };
  return { ...p, key: fields.key ?? paymentKey(p, occurrence) };
}

export function makeInvoice(fields: Partial<ManagerInvoice> = {}, occurrence = 0): ManagerInvoice {
  const customerRaw = fields.customerRaw ?? fields.customer ?? '홍길동';
  const inv: ManagerInvoice = {
    key: '',
    businessId: null,
    customer: baseName(customerRaw),
    customerRaw,
    phone: '01012345678',
    reason: '11월 수강료',
    amount: 191000,
    registeredAt: '2026-11-20T10:00',
    status: '발송완료',
    paidAt: null,
    method: null,
    cardCompany: null,
    approvalNo: null,
    ...fields,
  };
  return { ...inv, key: fields.key ?? invoiceKey(inv, occurrence) };
}
