/**
 * The shapes the store, overlays and matcher share. A MacGai payment row, a manager-site
 * invoice row, and a reconciliation record that tracks one force-cancelled payment (or one
 * drift: a manager-side cancel MacGai does not know about) through its states.
 */

/** Why a MacGai payment was cancelled: seen [결제취소], seen [강제취소], or not seen. */
export type CancelCause = 'normal' | 'force' | 'unknown';

/** One row of a MacGai payment list, with the student context filled in. */
export interface MacgaiPayment {
  key: string; // stable identity, from paymentKey()
  businessId: string | null; // when known
  businessName: string | null;
  customer: string; // student name, base (parseName().base)
  phone: string | null; // normalized digits (학부모HP) when known
  amount: number; // won, signed
  date: string; // 'YYYY-MM-DD' (납부일자)
  method: string | null; // 결제수단 as shown (문자결제 = AllTalkPay)
  status: string; // 결제상태 as shown
  note: string; // 참고사항
  cause: CancelCause | null; // null while not cancelled
}

/** One row of the manager site's 청구서관리 list. */
export interface ManagerInvoice {
  key: string; // from invoiceKey()
  businessId: string | null;
  customer: string; // base name
  customerRaw: string; // as shown (free text)
  phone: string | null; // normalized digits
  reason: string; // 청구사유
  amount: number;
  registeredAt: string; // 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM'
  status: string; // 상태 as shown
  paidAt: string | null;
  method: string | null;
  cardCompany: string | null;
  approvalNo: string | null; // null for '-'
}

/**
 * pending      force-cancelled in MacGai; the manager-side invoice still needs cancelling
 * in_progress  the user is cancelling it on the manager site now
 * resolved     the manager side is cancelled (with evidence) — or a drift was fixed
 * dismissed    the user decided nothing is to be done (reason recorded)
 * unverified   cancelled in MacGai by an unknown cause; the manager side is not checked yet
 * drift        the manager side is cancelled but the MacGai payment is still live
 */
export type ReconState =
  | 'pending'
  | 'in_progress'
  | 'resolved'
  | 'dismissed'
  | 'unverified'
  | 'drift';

export const RECON_STATES: readonly ReconState[] = [
  'pending',
  'in_progress',
  'resolved',
  'dismissed',
  'unverified',
  'drift',
];

/** What showed that a record is settled. */
export interface Evidence {
  at: number;
  source: 'manager-row' | 'manual' | 'audit';
  invoice: ManagerInvoice | null;
  note?: string;
}

/** One step in a record's history. `from` is null for the creating event. */
export interface ReconEvent {
  at: number;
  type: string;
  from: ReconState | null;
  to: ReconState;
  reason?: string;
  evidence?: Evidence;
}

export interface Reconciliation {
  id: string; // 'p:'+payment.key for MacGai-side records, 'd:'+invoice.key for drift
  businessId: string | null;
  state: ReconState;
  payment: MacgaiPayment | null;
  invoice: ManagerInvoice | null; // the matched invoice when known
  createdAt: number;
  updatedAt: number;
  events: ReconEvent[];
}

/** Record id for a MacGai-side record. */
export function paymentRecordId(payment: Pick<MacgaiPayment, 'key'>): string {
  return `p:${payment.key}`;
}

/** Record id for a drift record. */
export function driftRecordId(invoice: Pick<ManagerInvoice, 'key'>): string {
  return `d:${invoice.key}`;
}

export * from './keys';
export * from './status';
