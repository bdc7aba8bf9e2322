/**
 * Scoring one payment–invoice pair, and deciding between the scored candidates.
 *
 * Hard filters (a pair failing one is not a candidate): |amount| equal, business ids equal when
 * both known, invoice day within [payment day − windowBefore, payment day + windowAfter].
 *
 * score = identity + status bonus, where
 *   identity = 0.5 × name similarity + phone term (+0.35 equal, −0.35 both known and different, 0 unknown)
 *   status   = 0.15 for the invoice states the purpose prefers (see {@link statusBonus}).
 *
 * Date. MacGai's 납부일자 is the day the invoice was sent (결제대기) or paid (결제완료, usually
 * 0–7 days after it was sent), so last month's tuition invoice — same student, same amount —
 * also lies in the 40-day window, and only the date tells it from this month's. With
 * Δ = invoice day − payment day, X is *clearly closer* than Y when |ΔX| ≤ 7 and
 * |ΔY| ≥ |ΔX| + 14 ({@link MATCH_DATE}). Candidates a few days apart (twins, re-sends) are
 * never clearly closer than each other.
 *
 * X beats Y when
 *   (a) X.score − Y.score ≥ minMargin — unless Y is clearly closer and may be the same
 *       student's invoice: a strong name (≥ 0.8), or an identity within minMargin of X's. A far
 *       invoice does not win against a near one on its status, or on a phone the near one was
 *       not sent to (the other parent's), or
 *   (b) their scores are within minMargin and X is clearly closer.
 * A unique match needs a strong X — a strong name (≥ 0.8: equal base, containment, or given
 * name) and identity ≥ 0.45 (so an exact name alone suffices, a given-name/nickname match needs
 * the phone, and a phone conflict never passes) — that beats every other candidate, including
 * those too weak to list. "Beats" is antisymmetric, so at most one candidate qualifies, and two
 * candidates equal in score and date distance never become one match, whatever minMargin says.
 * Anything else with candidates is 'ambiguous' — the user chooses.
 */

import { compareNameForms, NAME_SIM, type NameForm } from '../parse/name';
import { classifyManagerStatus, type ManagerStatusClass } from '../status';

export interface MatchOptions {
  /** Days before the payment's day an invoice may be registered (default 40). */
  windowBefore?: number;
  /** Days after the payment's day an invoice may be registered (default 3). */
  windowAfter?: number;
  /**
   * 'cancel' (default): looking for the invoice to cancel — live (and already-cancelled) invoices
   * are preferred over dead ones (결제중단/발송실패, usually superseded by a re-sent invoice).
   * 'settle': looking for the invoice that is already cancelled.
   */
  purpose?: 'cancel' | 'settle';
  /** Minimum score gap between the best and the runner-up for a unique match (default 0.15, min 0.01). */
  minMargin?: number;
}

export const MATCH_DEFAULTS = {
  windowBefore: 40,
  windowAfter: 3,
  purpose: 'cancel',
  minMargin: 0.15,
} as const;
export const MATCH_WEIGHTS = {
  name: 0.5,
  phone: 0.35,
  status: 0.15,
  minIdentity: 0.45,
  listName: 0.5,
} as const;
/** "Clearly closer" (see the module comment): within `close` days, and `gap` days nearer. */
export const MATCH_DATE = { close: 7, gap: 14 } as const;

/** Tolerance for floating-point sums when comparing scores. */
const EPS = 1e-9;

export type PhoneVerdict = 'equal' | 'differ' | 'unknown';

export interface Scored<T> {
  item: T;
  score: number;
  identity: number;
  nameSim: number;
  phone: PhoneVerdict;
  /** Invoice day − payment day. */
  delta: number;
  /** Both sides carry the same business id. */
  business: boolean;
  /** The invoice's status class, shown as a reason (null in the drift direction). */
  status: string | null;
}

/** Status preference of an invoice for a purpose: 0 or {@link MATCH_WEIGHTS}.status. */
export function statusBonus(status: string, purpose: 'cancel' | 'settle' | 'none'): number {
  return classBonus(classifyManagerStatus(status), purpose);
}

/** {@link statusBonus} of an already classified status. */
export function classBonus(cls: ManagerStatusClass, purpose: 'cancel' | 'settle' | 'none'): number {
  if (purpose === 'none') return 0;
  if (purpose === 'settle') return cls === 'cancelled' ? MATCH_WEIGHTS.status : 0;
  return cls === 'dead' ? 0 : MATCH_WEIGHTS.status;
}

const round = (n: number): number => Math.round(n * 1000) / 1000;

/**
 * Score a pair that already passed the hard filters, from the two names, whether the phones are
 * equal / differ / not both known, and whether both sides carry a business id (reasons are
 * built later, only for the candidates returned: see {@link reasonsOf}).
 */
export function scorePair<T>(
  item: T,
  a: NameForm,
  b: NameForm,
  phone: PhoneVerdict,
  business: boolean,
  delta: number,
  bonus: number,
  status: string | null,
): Scored<T> {
  const nameSim = compareNameForms(a, b);
  const phoneTerm =
    phone === 'equal' ? MATCH_WEIGHTS.phone : phone === 'differ' ? -MATCH_WEIGHTS.phone : 0;
  const identity = MATCH_WEIGHTS.name * nameSim + phoneTerm;
  return {
    item,
    score: round(identity + bonus),
    identity: round(identity),
    nameSim: round(nameSim),
    phone,
    delta,
    business,
    status,
  };
}

/**
 * Why a candidate scored as it did, e.g. ['amount', 'date:-3d', 'date:closest', 'phone:equal',
 * 'name:exact', 'business:equal', 'status:live']. 'date:closest' marks a unique match that won
 * over a rival by being clearly closer in time. Built only for the candidates returned.
 */
export function reasonsOf(s: Scored<unknown>, closest = false): string[] {
  const reasons = ['amount', dateReason(s.delta)];
  if (closest) reasons.push('date:closest');
  reasons.push(PHONE_REASON[s.phone], nameReason(s.nameSim));
  if (s.business) reasons.push('business:equal');
  if (s.status) reasons.push(STATUS_REASON[s.status] ?? `status:${s.status}`);
  return reasons;
}

const PHONE_REASON = {
  equal: 'phone:equal',
  differ: 'phone:differ',
  unknown: 'phone:unknown',
} as const;
const STATUS_REASON: Record<string, string> = {
  live: 'status:live',
  cancelled: 'status:cancelled',
  dead: 'status:dead',
  unknown: 'status:unknown',
};
/** 'date:-3d' … for the usual window, made once. */
const DATE_REASONS = Array.from({ length: 121 }, (_, k) => `date:${k >= 60 ? '+' : ''}${k - 60}d`);
const dateReason = (delta: number): string =>
  DATE_REASONS[delta + 60] ?? `date:${delta >= 0 ? '+' : ''}${delta}d`;

function nameReason(sim: number): string {
  if (sim >= NAME_SIM.exact) return 'name:exact';
  if (sim >= NAME_SIM.contains) return 'name:contains';
  if (sim >= NAME_SIM.given) return 'name:given';
  return `name:weak(${round(sim)})`;
}

/** Ranking: score desc, then closer day, then key-ish tiebreak supplied by the caller. */
export function rank<T>(list: readonly Scored<T>[], tiebreak: (t: T) => string): Scored<T>[] {
  return [...list].sort(
    (x, y) =>
      y.score - x.score ||
      Math.abs(x.delta) - Math.abs(y.delta) ||
      tiebreak(x.item).localeCompare(tiebreak(y.item)),
  );
}

export type Decision<T> =
  | { kind: 'unique'; best: Scored<T>; margin: number; closest: boolean }
  | { kind: 'ambiguous'; candidates: Scored<T>[] }
  | { kind: 'none' };

const strongName = (x: Scored<unknown>): boolean => x.nameSim >= NAME_SIM.given - EPS;
const strong = (x: Scored<unknown>): boolean =>
  strongName(x) && x.identity >= MATCH_WEIGHTS.minIdentity - EPS;

/** X is clearly closer in time than Y (see the module comment). */
export function clearlyCloser(x: { delta: number }, y: { delta: number }): boolean {
  const dx = Math.abs(x.delta);
  return dx <= MATCH_DATE.close && Math.abs(y.delta) >= dx + MATCH_DATE.gap;
}

/** Whether X beats every other candidate; then its margin and whether the date decided. */
function beatsAll<T>(
  x: Scored<T>,
  list: readonly Scored<T>[],
  margin: number,
): { margin: number; closest: boolean } | null {
  let gap = Number.POSITIVE_INFINITY;
  let closest = false;
  for (const y of list) {
    if (y === x) continue;
    const d = x.score - y.score;
    if (d >= margin - EPS) {
      if (
        clearlyCloser(y, x) &&
        (strongName(y) || Math.abs(x.identity - y.identity) < margin - EPS)
      )
        return null;
      if (d < gap) gap = d;
    } else if (d > -margin + EPS && clearlyCloser(x, y)) {
      closest = true;
    } else {
      return null;
    }
  }
  // A rival beaten on the date counts as beaten by exactly the minimum margin.
  if (closest) gap = Math.min(gap, margin);
  return { margin: gap === Number.POSITIVE_INFINITY ? 1 : round(gap), closest };
}

/**
 * Decide between scored candidates (see the module comment). Ambiguous candidates come ranked
 * (see {@link rank}), without those too weak to list.
 */
export function decide<T>(
  list: readonly Scored<T>[],
  minMargin: number,
  tiebreak: (t: T) => string,
): Decision<T> {
  const margin = Math.max(0.01, minMargin);
  if (list.length === 0) return { kind: 'none' };
  let top = Number.NEGATIVE_INFINITY;
  for (const c of list) if (c.score > top) top = c.score;
  for (const x of list) {
    // Only a strong candidate within the margin of the top score can beat the top one.
    if (top - x.score >= margin - EPS || !strong(x)) continue;
    const won = beatsAll(x, list, margin);
    if (won) return { kind: 'unique', best: x, ...won };
  }
  const listed = list.filter((c) => c.phone === 'equal' || c.nameSim >= MATCH_WEIGHTS.listName);
  return listed.length > 0
    ? { kind: 'ambiguous', candidates: rank(listed, tiebreak) }
    : { kind: 'none' };
}

/**
 * Whether a unique X stands whatever some unscored candidates turn out to be, given bounds on
 * their identity and score: X beats each of them on score, and none can be "the same person,
 * clearly closer".
 */
export function standsAgainst(
  x: Scored<unknown>,
  bound: { identity: number; score: number },
  minMargin: number,
): boolean {
  const margin = Math.max(0.01, minMargin);
  return x.score - bound.score >= margin - EPS && x.identity - bound.identity >= margin - EPS;
}
