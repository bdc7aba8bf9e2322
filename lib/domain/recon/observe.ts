/**
 * What a freshly seen row means for the records. Pure: the caller looks up the existing record
 * and calls one of these.
 * - observePayment / observeInvoice / observeDrift return the record to keep: the SAME object when
 *   nothing changed, a new object to save, or null when nothing is tracked.
 * - assessPayment / assessInvoice / assessDrift return the same decision with `change` and `why`
 *   spelled out (for logs and tests).
 */
import type {
  CancelCause,
  Evidence,
  MacgaiPayment,
  ManagerInvoice,
  Reconciliation,
} from '../model';
import {
  classifyManagerStatus,
  isAllTalkPay,
  isMacgaiCancelled,
  isManagerCancelled,
  mentionsForceCancel,
} from '../status';
import { createRecord, type ReconAction, recordKind, transition } from './machine';

export type ObserveChange = 'created' | 'updated' | 'unchanged' | 'none';

/** The outcome of an observation: the record to keep (null when nothing is tracked) and why. */
export interface Observation {
  change: ObserveChange;
  record: Reconciliation | null;
  why: string;
}

const none = (why: string): Observation => ({ change: 'none', record: null, why });
const same = (record: Reconciliation, why: string): Observation => ({
  change: 'unchanged',
  record,
  why,
});

function step(
  record: Reconciliation,
  action: ReconAction,
  now: number,
  why: string,
  payment?: MacgaiPayment,
): Observation {
  const r = transition(record, action, now);
  if (!r.ok) return same(record, `${why} (rejected: ${r.error.code})`);
  return { change: 'updated', record: payment ? { ...r.value, payment } : r.value, why };
}

/** The cancel cause, using the row's own words when the click was not seen. */
export function effectiveCause(
  payment: Pick<MacgaiPayment, 'status' | 'note' | 'cause'>,
): CancelCause {
  if (payment.cause === 'force' || mentionsForceCancel(payment.status, payment.note))
    return 'force';
  return payment.cause === 'normal' ? 'normal' : 'unknown';
}

/**
 * A MacGai payment row was seen (list render, or after the user pressed [결제취소]/[강제취소]).
 * - force-cancelled 문자결제 (or unknown method): a new record is 'pending'; an 'unverified' one
 *   becomes 'pending' (markForce); other states are kept.
 * - cancelled 문자결제 (or unknown method) of unknown cause: a new 'unverified' record; an
 *   existing record in any state is kept (it already knows at least as much).
 * - normal cancel ([결제취소] seen): MacGai updates the manager side itself, so no record; an
 *   'unverified' record is dismissed with that reason.
 * - not cancelled, or not 문자결제: nothing.
 * - a drift record whose payment is now cancelled in MacGai: resolved (the two sides agree).
 */
export function assessPayment(
  record: Reconciliation | null,
  payment: MacgaiPayment,
  now: number,
): Observation {
  const cancelled = isMacgaiCancelled(payment.status);
  if (record && recordKind(record) === 'drift') {
    if (!cancelled) return same(record, 'MacGai still shows the payment live');
    const evidence: Evidence = {
      at: now,
      source: 'audit',
      invoice: record.invoice,
      note: 'MacGai 결제 취소 확인',
    };
    return step(
      record,
      { type: 'resolve', evidence, reason: 'MacGai에서도 취소됨' },
      now,
      'drift fixed in MacGai',
      payment,
    );
  }
  const keep = (why: string): Observation => (record ? same(record, why) : none(why));
  if (!cancelled) return keep('payment is not cancelled');
  if (isAllTalkPay(payment.method) === false) return keep('not an AllTalkPay (문자결제) payment');
  const cause = effectiveCause(payment);
  if (cause === 'normal') {
    if (record?.state === 'unverified') {
      const reason = '정상 결제취소: 맥가이가 매니저 사이트에 반영';
      return step(record, { type: 'dismiss', reason }, now, 'normal cancel seen', payment);
    }
    return keep('normal cancel: MacGai updates the manager site itself');
  }
  if (cause === 'force') {
    if (!record) {
      return {
        change: 'created',
        record: createRecord('payment', payment, now, { reason: '강제취소' }),
        why: 'force cancel',
      };
    }
    if (record.state === 'unverified') {
      return step(
        record,
        { type: 'markForce', reason: '강제취소 확인' },
        now,
        'force cancel seen',
        payment,
      );
    }
    return same(record, 'already tracked');
  }
  if (!record) {
    const created = createRecord('payment', payment, now, {
      state: 'unverified',
      reason: '취소 원인 모름',
    });
    return { change: 'created', record: created, why: 'cancelled, cause unknown' };
  }
  return same(record, 'already tracked');
}

/**
 * The manager-side invoice matched to a record was seen.
 * - cancelled (결제취소/파기): pending/in_progress/unverified → resolved, with the row as evidence.
 * - live: unverified → pending (confirmForce); pending/in_progress get the invoice linked.
 * - dead (결제중단/발송실패) or unknown status: linked only, no state change.
 * Resolved/dismissed and drift records are left alone.
 */
export function assessInvoice(
  record: Reconciliation,
  invoice: ManagerInvoice,
  now: number,
): Observation {
  if (recordKind(record) === 'drift') return same(record, 'drift records follow the MacGai side');
  if (record.state === 'resolved' || record.state === 'dismissed')
    return same(record, 'already settled');
  const cls = classifyManagerStatus(invoice.status);
  const evidence: Evidence = { at: now, source: 'manager-row', invoice };
  if (cls === 'cancelled') {
    return step(
      record,
      { type: 'resolve', evidence, reason: '매니저 사이트 취소 확인' },
      now,
      'manager side cancelled',
    );
  }
  if (cls === 'live' && record.state === 'unverified') {
    return step(
      record,
      { type: 'confirmForce', evidence, reason: '매니저 사이트 청구서가 살아 있음' },
      now,
      'manager side live',
    );
  }
  const known = record.invoice;
  if (known && known.key === invoice.key && known.status === invoice.status)
    return same(record, 'nothing new');
  return step(record, { type: 'link', invoice }, now, `invoice ${cls}`);
}

/**
 * A manager-side invoice and the MacGai payment it was matched to (if any): when the invoice is
 * cancelled but the payment is a live 문자결제 (or unknown method) payment, a drift record is
 * created. An existing record is returned unchanged (observePayment settles drift).
 */
export function assessDrift(
  existing: Reconciliation | null,
  invoice: ManagerInvoice,
  payment: MacgaiPayment | null,
  now: number,
): Observation {
  if (existing) return same(existing, 'already tracked');
  if (!isManagerCancelled(invoice.status)) return none('invoice is not cancelled');
  if (payment === null) return none('no MacGai payment matched');
  if (isMacgaiCancelled(payment.status)) return none('both sides cancelled');
  if (isAllTalkPay(payment.method) === false) return none('not an AllTalkPay (문자결제) payment');
  const record = createRecord('drift', invoice, now, {
    payment,
    reason: '매니저 사이트에서만 취소됨',
  });
  return { change: 'created', record, why: 'cancelled on the manager site only' };
}

/** {@link assessPayment}'s record: the same object when unchanged, null when nothing is tracked. */
export function observePayment(
  record: Reconciliation | null,
  payment: MacgaiPayment,
  now: number,
): Reconciliation | null {
  return assessPayment(record, payment, now).record;
}

/** {@link assessInvoice}'s record: the same object when unchanged. */
export function observeInvoice(
  record: Reconciliation,
  invoice: ManagerInvoice,
  now: number,
): Reconciliation {
  return assessInvoice(record, invoice, now).record ?? record;
}

/** {@link assessDrift}'s record: a new drift record, `existing` unchanged, or null. */
export function observeDrift(
  existing: Reconciliation | null,
  invoice: ManagerInvoice,
  payment: MacgaiPayment | null,
  now: number,
): Reconciliation | null {
  return assessDrift(existing, invoice, payment, now).record;
}
