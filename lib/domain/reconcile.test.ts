import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Evidence, Reconciliation, ReconState } from './model';
import {
  assessDrift,
  assessInvoice,
  assessPayment,
  countsByState,
  createRecord,
  effectiveCause,
  legalActions,
  observeDrift,
  observeInvoice,
  observePayment,
  type ReconAction,
  recordKind,
  transition,
} from './reconcile';
import { makeInvoice, makePayment } from './testing';

const T0 = 1_790_000_000_000;
const payment = makePayment({ status: '결제취소', cause: 'force' });
const cancelledInv = makeInvoice({ status: '결제취소' });
const liveInv = makeInvoice({ status: '발송완료' });
const rowEvidence: Evidence = { at: T0, source: 'manager-row', invoice: cancelledInv };

function must(r: ReturnType<typeof transition>): Reconciliation {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

function inState(state: ReconState): Reconciliation {
  if (state === 'drift') return createRecord('drift', cancelledInv, T0, { payment: makePayment() });
  const rec = createRecord('payment', payment, T0, {
    state: state === 'unverified' ? 'unverified' : 'pending',
  });
  switch (state) {
    case 'in_progress':
      return must(transition(rec, { type: 'start' }, T0 + 1));
    case 'resolved':
      return must(transition(rec, { type: 'resolve', evidence: rowEvidence }, T0 + 1));
    case 'dismissed':
      return must(transition(rec, { type: 'dismiss', reason: '학부모 요청' }, T0 + 1));
    default:
      return rec;
  }
}

describe('createRecord', () => {
  it('creates MacGai-side and drift records with a creation event', () => {
    const p = createRecord('payment', payment, T0);
    expect(p).toMatchObject({
      id: `p:${payment.key}`,
      state: 'pending',
      payment,
      invoice: null,
      createdAt: T0,
    });
    expect(p.events).toEqual([{ at: T0, type: 'created', from: null, to: 'pending' }]);
    const u = createRecord('payment', payment, T0, { state: 'unverified', reason: 'x' });
    expect(u.state).toBe('unverified');
    expect(u.events[0]?.reason).toBe('x');
    const d = createRecord('drift', makeInvoice({ status: '파기', businessId: 'b1' }), T0);
    expect(d).toMatchObject({ state: 'drift', payment: null, businessId: 'b1' });
    expect(recordKind(d)).toBe('drift');
    expect(recordKind(p)).toBe('payment');
  });
});

describe('transition table', () => {
  const states: ReconState[] = [
    'pending',
    'in_progress',
    'resolved',
    'dismissed',
    'unverified',
    'drift',
  ];
  const actions: ReconAction[] = [
    { type: 'start' },
    { type: 'abandon' },
    { type: 'resolve', evidence: rowEvidence },
    { type: 'dismiss', reason: '중복 청구' },
    { type: 'undo' },
    { type: 'confirmForce', evidence: { at: T0, source: 'manager-row', invoice: liveInv } },
    { type: 'markForce' },
  ];
  const expected: Record<string, ReconState | null> = {
    'pending:start': 'in_progress',
    'in_progress:abandon': 'pending',
    'pending:resolve': 'resolved',
    'in_progress:resolve': 'resolved',
    'unverified:resolve': 'resolved',
    'drift:resolve': 'resolved',
    'pending:dismiss': 'dismissed',
    'in_progress:dismiss': 'dismissed',
    'unverified:dismiss': 'dismissed',
    'drift:dismiss': 'dismissed',
    'resolved:undo': 'pending',
    'dismissed:undo': 'pending',
    'unverified:confirmForce': 'pending',
    'unverified:markForce': 'pending',
  };
  for (const state of states) {
    for (const action of actions) {
      const want = expected[`${state}:${action.type}`] ?? null;
      it(`${state} --${action.type}--> ${want ?? 'rejected'}`, () => {
        const before = inState(state);
        const frozen = JSON.stringify(before);
        const r = transition(before, action, T0 + 10);
        expect(JSON.stringify(before)).toBe(frozen);
        if (want === null) {
          expect(r.ok ? 'ok' : r.error.code).toBe('illegal_transition');
          return;
        }
        const after = must(r);
        expect(after).not.toBe(before);
        expect(after.state).toBe(want);
        expect(after.updatedAt).toBe(T0 + 10);
        expect(after.events).toHaveLength(before.events.length + 1);
        expect(after.events.at(-1)).toMatchObject({
          at: T0 + 10,
          type: action.type,
          from: state,
          to: want,
        });
        expect(legalActions(before)).toContain(action.type);
      });
    }
  }

  it('link keeps the state and attaches the invoice', () => {
    const rec = inState('pending');
    const after = must(transition(rec, { type: 'link', invoice: liveInv }, T0 + 5));
    expect(after.state).toBe('pending');
    expect(after.invoice).toBe(liveInv);
  });
});

describe('guards', () => {
  it('needs a reason for dismiss and for a manual resolve', () => {
    const rec = inState('pending');
    const dismiss = transition(rec, { type: 'dismiss', reason: '  ' }, T0);
    expect(!dismiss.ok && dismiss.error.code).toBe('reason_required');
    const manual: Evidence = { at: T0, source: 'manual', invoice: null };
    const r = transition(rec, { type: 'resolve', evidence: manual }, T0);
    expect(!r.ok && r.error.code).toBe('reason_required');
    expect(
      must(transition(rec, { type: 'resolve', evidence: manual, reason: '전화로 확인' }, T0)).state,
    ).toBe('resolved');
    expect(
      must(transition(rec, { type: 'resolve', evidence: { ...manual, note: '직접 취소' } }, T0))
        .state,
    ).toBe('resolved');
  });

  it('rejects evidence that does not show a cancelled invoice', () => {
    const rec = inState('pending');
    for (const invoice of [null, liveInv]) {
      const r = transition(
        rec,
        { type: 'resolve', evidence: { at: T0, source: 'audit', invoice } },
        T0,
      );
      expect(!r.ok && r.error.code).toBe('invalid_evidence');
    }
    const drift = inState('drift');
    expect(
      must(
        transition(
          drift,
          { type: 'resolve', evidence: { at: T0, source: 'audit', invoice: null } },
          T0,
        ),
      ).state,
    ).toBe('resolved');
  });

  it('resolve records the evidence invoice as the match', () => {
    const after = must(
      transition(inState('in_progress'), { type: 'resolve', evidence: rowEvidence }, T0 + 3),
    );
    expect(after.invoice).toBe(cancelledInv);
    expect(after.events.at(-1)?.evidence).toBe(rowEvidence);
  });

  it('rejects markForce on drift records and a non-finite now', () => {
    const drift = { ...inState('drift'), state: 'unverified' as const };
    const r = transition(drift, { type: 'markForce' }, T0);
    expect(!r.ok && r.error.code).toBe('illegal_transition');
    expect(legalActions(drift)).not.toContain('markForce');
    const t = transition(inState('pending'), { type: 'start' }, Number.NaN);
    expect(!t.ok && t.error.code).toBe('invalid_time');
  });
});

describe('undo', () => {
  it('returns to the state before, and twice is illegal', () => {
    const started = must(transition(inState('pending'), { type: 'start' }, T0 + 1));
    const resolved = must(transition(started, { type: 'resolve', evidence: rowEvidence }, T0 + 2));
    const undone = must(transition(resolved, { type: 'undo', reason: '잘못 누름' }, T0 + 3));
    expect(undone.state).toBe('in_progress');
    const again = transition(undone, { type: 'undo' }, T0 + 4);
    expect(!again.ok && again.error.code).toBe('illegal_transition');
    const dismissed = must(transition(undone, { type: 'dismiss', reason: '환불 완료' }, T0 + 5));
    expect(must(transition(dismissed, { type: 'undo' }, T0 + 6)).state).toBe('in_progress');
  });

  it('skips link events and refuses when the history does not explain the state', () => {
    const resolved = inState('resolved');
    const linked = must(transition(resolved, { type: 'link', invoice: cancelledInv }, T0 + 2));
    expect(must(transition(linked, { type: 'undo' }, T0 + 3)).state).toBe('pending');
    const forged: Reconciliation = { ...inState('pending'), state: 'resolved' };
    expect(transition(forged, { type: 'undo' }, T0).ok).toBe(false);
    expect(legalActions(forged)).not.toContain('undo');
  });

  it('any random legal walk keeps an append-only, timestamped history', () => {
    const action = fc.constantFrom<ReconAction>(
      { type: 'start' },
      { type: 'abandon' },
      { type: 'resolve', evidence: rowEvidence },
      { type: 'dismiss', reason: 'r' },
      { type: 'undo' },
      { type: 'confirmForce' },
      { type: 'markForce' },
    );
    fc.assert(
      fc.property(
        fc.constantFrom<ReconState>('pending', 'unverified', 'drift'),
        fc.array(action, { maxLength: 30 }),
        (s, acts) => {
          let rec = inState(s);
          acts.forEach((a, i) => {
            const r = transition(rec, a, T0 + i + 1);
            if (!r.ok) {
              expect(['illegal_transition']).toContain(r.error.code);
              return;
            }
            expect(r.value.events.slice(0, -1)).toEqual(rec.events);
            expect(r.value.events.at(-1)?.from).toBe(rec.state);
            rec = r.value;
          });
          for (const e of rec.events) expect(Number.isFinite(e.at)).toBe(true);
        },
      ),
    );
  });
});

describe('observePayment', () => {
  const seen = (over: Parameters<typeof makePayment>[0]) =>
    makePayment({ status: '결제취소', ...over });

  it.each([
    ['force-cancelled 문자결제', { cause: 'force' as const }, 'created', 'pending'],
    [
      'force word in the note',
      { cause: 'unknown' as const, note: '강제취소 처리' },
      'created',
      'pending',
    ],
    ['force, unknown method', { cause: 'force' as const, method: null }, 'created', 'pending'],
    ['unknown cause', { cause: 'unknown' as const }, 'created', 'unverified'],
    ['unknown cause, unknown method', { cause: null, method: null }, 'created', 'unverified'],
    ['normal cancel', { cause: 'normal' as const }, 'none', null],
    ['force-cancelled card payment', { cause: 'force' as const, method: '카드' }, 'none', null],
    ['live payment', { status: '결제완료' }, 'none', null],
  ])('%s → %s %s', (_label, over, change, state) => {
    const o = assessPayment(null, seen(over), T0);
    expect(o.change).toBe(change);
    expect(o.record?.state ?? null).toBe(state);
    expect(observePayment(null, seen(over), T0)?.state ?? null).toBe(state);
  });

  it('promotes unverified to pending when the force cancel is seen later', () => {
    const rec = observePayment(null, seen({ cause: 'unknown' }), T0);
    const next = observePayment(rec, seen({ cause: 'force' }), T0 + 1);
    expect(next?.state).toBe('pending');
    expect(next?.payment?.cause).toBe('force');
    expect(next?.events.at(-1)?.type).toBe('markForce');
  });

  it('dismisses an unverified record when a normal cancel is seen', () => {
    const rec = observePayment(null, seen({ cause: 'unknown' }), T0);
    expect(observePayment(rec, seen({ cause: 'normal' }), T0 + 1)?.state).toBe('dismissed');
  });

  it('keeps records in later states as they are (same object)', () => {
    for (const s of ['pending', 'in_progress', 'resolved', 'dismissed'] as const) {
      const rec = inState(s);
      for (const cause of ['force', 'unknown', 'normal'] as const) {
        expect(observePayment(rec, seen({ cause }), T0 + 1)).toBe(rec);
      }
      expect(observePayment(rec, makePayment({ status: '결제완료' }), T0 + 1)).toBe(rec);
      expect(observePayment(rec, seen({ cause: 'force', method: '현금' }), T0 + 1)).toBe(rec);
    }
  });

  it('settles a drift record once MacGai shows the payment cancelled', () => {
    const drift = inState('drift');
    expect(observePayment(drift, makePayment({ status: '결제완료' }), T0 + 1)).toBe(drift);
    const fixed = observePayment(drift, seen({ cause: 'force' }), T0 + 2);
    expect(fixed?.state).toBe('resolved');
    expect(fixed?.events.at(-1)?.evidence?.source).toBe('audit');
  });

  it('reads the effective cause', () => {
    expect(effectiveCause({ status: '강제취소', note: '', cause: null })).toBe('force');
    expect(effectiveCause({ status: '결제취소', note: '', cause: 'normal' })).toBe('normal');
    expect(effectiveCause({ status: '결제취소', note: '', cause: null })).toBe('unknown');
  });
});

describe('observeInvoice', () => {
  it('resolves on a cancelled invoice, with the row as evidence', () => {
    for (const s of ['pending', 'in_progress', 'unverified'] as const) {
      const next = observeInvoice(inState(s), makeInvoice({ status: '파기' }), T0 + 1);
      expect(next.state).toBe('resolved');
      expect(next.events.at(-1)?.evidence?.source).toBe('manager-row');
    }
  });

  it('confirms an unverified record when the invoice is live', () => {
    const next = observeInvoice(inState('unverified'), liveInv, T0 + 1);
    expect(next.state).toBe('pending');
    expect(next.invoice).toBe(liveInv);
  });

  it('links live/dead invoices to open records once, without changing state', () => {
    const rec = inState('pending');
    const linked = observeInvoice(rec, liveInv, T0 + 1);
    expect(linked.state).toBe('pending');
    expect(linked.invoice).toBe(liveInv);
    expect(observeInvoice(linked, { ...liveInv }, T0 + 2)).toBe(linked);
    const dead = assessInvoice(inState('unverified'), makeInvoice({ status: '결제중단' }), T0 + 1);
    expect(dead.change).toBe('updated');
    expect(dead.record?.state).toBe('unverified');
  });

  it('leaves settled and drift records alone', () => {
    for (const s of ['resolved', 'dismissed', 'drift'] as const) {
      const rec = inState(s);
      expect(observeInvoice(rec, liveInv, T0 + 1)).toBe(rec);
    }
  });
});

describe('observeDrift', () => {
  const live = makePayment({ status: '결제완료' });
  it('creates a drift record only for a cancelled invoice whose 문자결제 payment is live', () => {
    const d = observeDrift(null, cancelledInv, live, T0);
    expect(d).toMatchObject({ id: `d:${cancelledInv.key}`, state: 'drift', payment: live });
    expect(observeDrift(null, liveInv, live, T0)).toBeNull();
    expect(observeDrift(null, cancelledInv, null, T0)).toBeNull();
    expect(observeDrift(null, cancelledInv, makePayment({ status: '결제취소' }), T0)).toBeNull();
    expect(observeDrift(null, cancelledInv, makePayment({ method: '카드' }), T0)).toBeNull();
    expect(d && observeDrift(d, cancelledInv, live, T0 + 1)).toBe(d);
    expect(assessDrift(null, cancelledInv, live, T0).change).toBe('created');
  });
});

describe('countsByState', () => {
  it('counts every state, zero included', () => {
    const counts = countsByState([inState('pending'), inState('pending'), inState('drift')]);
    expect(counts).toEqual({
      pending: 2,
      in_progress: 0,
      resolved: 0,
      dismissed: 0,
      unverified: 0,
      drift: 1,
    });
  });
});
