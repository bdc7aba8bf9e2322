/**
 * The reconciliation state machine. Records are immutable: every step returns a NEW record with
 * one event appended. Illegal steps are rejected with `illegal_transition`, never ignored.
 *
 *   action        from                                   to
 *   start         pending                                in_progress
 *   abandon       in_progress                            pending
 *   resolve       pending|in_progress|unverified|drift   resolved    (evidence; manual needs a reason)
 *   dismiss       pending|in_progress|unverified|drift   dismissed   (reason required)
 *   undo          resolved|dismissed                     the state before that resolve/dismiss
 *   confirmForce  unverified                             pending     (manager side shows the invoice live)
 *   markForce     unverified (MacGai-side records only)  pending     (the payment was seen force-cancelled)
 *   link          any                                    same state  (attach/refresh the matched invoice)
 */
import {
  driftRecordId,
  type Evidence,
  type MacgaiPayment,
  type ManagerInvoice,
  paymentRecordId,
  RECON_STATES,
  type Reconciliation,
  type ReconEvent,
  type ReconState,
} from '../model';
import { err, ok, type Result } from '../result';
import { isManagerCancelled } from '../status';

export type ReconAction =
  | { type: 'start'; reason?: string }
  | { type: 'abandon'; reason?: string }
  | { type: 'resolve'; evidence: Evidence; reason?: string }
  | { type: 'dismiss'; reason: string }
  | { type: 'undo'; reason?: string }
  | { type: 'confirmForce'; evidence?: Evidence; reason?: string }
  | { type: 'markForce'; reason?: string }
  | { type: 'link'; invoice: ManagerInvoice; reason?: string };

export type ReconActionType = ReconAction['type'];

const OPEN: readonly ReconState[] = ['pending', 'in_progress', 'unverified', 'drift'];

/** The states each action may start from. */
export const ALLOWED_FROM: Readonly<Record<ReconActionType, readonly ReconState[]>> = {
  start: ['pending'],
  abandon: ['in_progress'],
  resolve: OPEN,
  dismiss: OPEN,
  undo: ['resolved', 'dismissed'],
  confirmForce: ['unverified'],
  markForce: ['unverified'],
  link: RECON_STATES,
};

/** 'payment' for MacGai-side records ('p:' ids), 'drift' for drift records ('d:' ids). */
export function recordKind(record: Pick<Reconciliation, 'id'>): 'payment' | 'drift' {
  return record.id.startsWith('d:') ? 'drift' : 'payment';
}

/** True while something is left to do (pending, in_progress, unverified, drift). */
export function isOpenState(state: ReconState): boolean {
  return OPEN.includes(state);
}

interface CreateOptions {
  /** Initial state of a MacGai-side record (default 'pending'). */
  state?: 'pending' | 'unverified';
  /** For drift records: the MacGai payment the cancelled invoice belongs to, when known. */
  payment?: MacgaiPayment | null;
  reason?: string;
}

/** A new MacGai-side record ('p:' id) in 'pending' or 'unverified'. */
export function createRecord(
  kind: 'payment',
  payment: MacgaiPayment,
  now: number,
  opts?: CreateOptions,
): Reconciliation;
/** A new drift record ('d:' id): the invoice is cancelled on the manager side, MacGai is live. */
export function createRecord(
  kind: 'drift',
  invoice: ManagerInvoice,
  now: number,
  opts?: CreateOptions,
): Reconciliation;
export function createRecord(
  kind: 'payment' | 'drift',
  subject: MacgaiPayment | ManagerInvoice,
  now: number,
  opts: CreateOptions = {},
): Reconciliation {
  const drift = kind === 'drift';
  const state: ReconState = drift ? 'drift' : (opts.state ?? 'pending');
  const payment = drift ? (opts.payment ?? null) : (subject as MacgaiPayment);
  const invoice = drift ? (subject as ManagerInvoice) : null;
  const event: ReconEvent = { at: now, type: 'created', from: null, to: state };
  if (opts.reason) event.reason = opts.reason;
  return {
    id: drift ? driftRecordId(subject) : paymentRecordId(subject),
    businessId: subject.businessId ?? payment?.businessId ?? null,
    state,
    payment,
    invoice,
    createdAt: now,
    updatedAt: now,
    events: [event],
  };
}

const blank = (s: string | undefined): boolean => s === undefined || s.trim() === '';

/** The state a resolved/dismissed record returns to on undo, or null when there is none. */
function undoTarget(record: Reconciliation): ReconState | null {
  for (let i = record.events.length - 1; i >= 0; i--) {
    const e = record.events[i];
    if (!e || e.from === e.to) continue; // links and notes do not change state
    const settles = (e.type === 'resolve' || e.type === 'dismiss') && e.to === record.state;
    return settles ? e.from : null;
  }
  return null;
}

function checkEvidence(
  record: Reconciliation,
  evidence: Evidence,
  reason: string | undefined,
): Result<true> {
  const input = `${record.state}:resolve`;
  if (evidence.source === 'manual') {
    return blank(reason) && blank(evidence.note)
      ? err('reason_required', input, 'A manual resolve needs a reason')
      : ok(true);
  }
  if (recordKind(record) === 'drift') return ok(true);
  if (evidence.invoice === null || !isManagerCancelled(evidence.invoice.status)) {
    return err(
      'invalid_evidence',
      input,
      'Evidence must show the manager-site invoice cancelled (결제취소/파기)',
    );
  }
  return ok(true);
}

function targetOf(record: Reconciliation, action: ReconAction): Result<ReconState> {
  const input = `${record.state}:${action.type}`;
  switch (action.type) {
    case 'start':
      return ok('in_progress');
    case 'abandon':
    case 'confirmForce':
      return ok('pending');
    case 'markForce':
      return recordKind(record) === 'payment'
        ? ok('pending')
        : err('illegal_transition', input, 'markForce applies to MacGai-side records only');
    case 'resolve': {
      const checked = checkEvidence(record, action.evidence, action.reason);
      return checked.ok ? ok('resolved') : checked;
    }
    case 'dismiss':
      return blank(action.reason)
        ? err('reason_required', input, 'Dismissing needs a reason')
        : ok('dismissed');
    case 'undo': {
      const to = undoTarget(record);
      return to === null ? err('illegal_transition', input, 'Nothing to undo') : ok(to);
    }
    case 'link':
      return ok(record.state);
  }
}

/**
 * Apply an action. Returns a new record (the input is not modified) with one timestamped event
 * appended, or an error: `illegal_transition`, `reason_required`, `invalid_evidence`, `invalid_time`.
 */
export function transition(
  record: Reconciliation,
  action: ReconAction,
  now: number,
): Result<Reconciliation> {
  const input = `${record.state}:${action.type}`;
  if (!Number.isFinite(now))
    return err('invalid_time', input, '`now` must be a finite epoch-ms time');
  if (!ALLOWED_FROM[action.type].includes(record.state)) {
    return err(
      'illegal_transition',
      input,
      `Cannot ${action.type} a record that is ${record.state}`,
    );
  }
  const target = targetOf(record, action);
  if (!target.ok) return target;
  const event: ReconEvent = { at: now, type: action.type, from: record.state, to: target.value };
  if (!blank(action.reason)) event.reason = action.reason;
  let invoice = record.invoice;
  if (action.type === 'resolve' || action.type === 'confirmForce') {
    if (action.evidence) event.evidence = action.evidence;
    invoice = action.evidence?.invoice ?? invoice;
  } else if (action.type === 'link') {
    invoice = action.invoice;
  }
  return ok({
    ...record,
    state: target.value,
    invoice,
    updatedAt: now,
    events: [...record.events, event],
  });
}

/** The actions that would be accepted now (for enabling buttons; resolve/dismiss still check their inputs). */
export function legalActions(record: Reconciliation): ReconActionType[] {
  return (Object.keys(ALLOWED_FROM) as ReconActionType[]).filter((a) => {
    if (!ALLOWED_FROM[a].includes(record.state)) return false;
    if (a === 'markForce') return recordKind(record) === 'payment';
    if (a === 'undo') return undoTarget(record) !== null;
    return true;
  });
}

/** How many records are in each state (every state present, zero when none). */
export function countsByState(
  records: Iterable<Pick<Reconciliation, 'state'>>,
): Record<ReconState, number> {
  const counts = Object.fromEntries(RECON_STATES.map((s) => [s, 0])) as Record<ReconState, number>;
  for (const r of records) counts[r.state] += 1;
  return counts;
}
