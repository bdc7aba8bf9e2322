/**
 * Scoring one payment–invoice pair, and deciding between the scored candidates.
 *
 * Hard filters (a pair failing one is not a candidate): |amount| equal, business ids equal when
 * both known, invoice day within [payment day − windowBefore, payment day + windowAfter].
 *
 * score = identity + status bonus, where
 *   identity = 0.5 × name similarity + phone term (+0.35 equal, −0.35 both known and different, 0 unknown)
 *   status   = 0.15 for the invoice states the purpose prefers (see {@link statusBonus}).
 * Date closeness is deliberately NOT scored: two otherwise identical invoices in the window stay
 * a tie (ambiguous); only the window itself separates them.
 *
 * A unique match needs all of: a strong name (≥ 0.8: equal base, containment, or given name),
 * identity ≥ 0.45 (so an exact name alone suffices, a given-name/nickname match needs the phone,
 * and a phone conflict never passes), and a margin ≥ minMargin (0.15) over the runner-up.
 * Anything else with candidates is 'ambiguous' — the user chooses.
 */

import { compareNameForms, NAME_SIM, type NameForm } from '../parse/name';
import { classifyManagerStatus } from '../status';

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

/** Tolerance for floating-point sums when comparing scores. */
const EPS = 1e-9;

export interface Scored<T> {
  item: T;
  score: number;
  identity: number;
  nameSim: number;
  phone: 'equal' | 'differ' | 'unknown';
  /** Invoice day − payment day. */
  delta: number;
  reasons: string[];
}

/** Status preference of an invoice for a purpose: 0 or {@link MATCH_WEIGHTS}.status. */
export function statusBonus(status: string, purpose: 'cancel' | 'settle' | 'none'): number {
  if (purpose === 'none') return 0;
  const cls = classifyManagerStatus(status);
  if (purpose === 'settle') return cls === 'cancelled' ? MATCH_WEIGHTS.status : 0;
  return cls === 'dead' ? 0 : MATCH_WEIGHTS.status;
}

export interface PairInput {
  name: NameForm;
  phone: string | null;
  businessId: string | null;
}

const round = (n: number): number => Math.round(n * 1000) / 1000;

/** Score a pair that already passed the hard filters. */
export function scorePair<T>(
  item: T,
  a: PairInput,
  b: PairInput,
  delta: number,
  bonus: number,
  statusReason: string | null,
): Scored<T> {
  const nameSim = compareNameForms(a.name, b.name);
  const phone = a.phone && b.phone ? (a.phone === b.phone ? 'equal' : 'differ') : 'unknown';
  const phoneTerm =
    phone === 'equal' ? MATCH_WEIGHTS.phone : phone === 'differ' ? -MATCH_WEIGHTS.phone : 0;
  const identity = MATCH_WEIGHTS.name * nameSim + phoneTerm;
  const reasons = [
    'amount',
    `date:${delta >= 0 ? '+' : ''}${delta}d`,
    `phone:${phone}`,
    nameReason(nameSim),
  ];
  if (a.businessId && b.businessId) reasons.push('business:equal');
  if (statusReason) reasons.push(statusReason);
  return {
    item,
    score: round(identity + bonus),
    identity: round(identity),
    nameSim: round(nameSim),
    phone,
    delta,
    reasons,
  };
}

function nameReason(sim: number): string {
  if (sim >= NAME_SIM.exact) return 'name:exact';
  if (sim >= NAME_SIM.contains) return 'name:contains';
  if (sim >= NAME_SIM.given) return 'name:given';
  return `name:weak(${round(sim)})`;
}

/** Ranking: score desc, then closer day, then key-ish tiebreak supplied by the caller. */
export function rank<T>(list: Scored<T>[], tiebreak: (t: T) => string): Scored<T>[] {
  return [...list].sort(
    (x, y) =>
      y.score - x.score ||
      Math.abs(x.delta) - Math.abs(y.delta) ||
      tiebreak(x.item).localeCompare(tiebreak(y.item)),
  );
}

export type Decision<T> =
  | { kind: 'unique'; best: Scored<T>; margin: number }
  | { kind: 'ambiguous'; candidates: Scored<T>[] }
  | { kind: 'none' };

/**
 * Decide between ranked candidates (see the module comment). The runner-up is taken over ALL
 * candidates, including those too weak to list. Equal-best candidates never become unique.
 */
export function decide<T>(ranked: Scored<T>[], minMargin: number): Decision<T> {
  const margin = Math.max(0.01, minMargin);
  const [best, second] = ranked;
  if (!best) return { kind: 'none' };
  const gap = second ? best.score - second.score : Number.POSITIVE_INFINITY;
  const strong =
    best.nameSim >= NAME_SIM.given - EPS && best.identity >= MATCH_WEIGHTS.minIdentity - EPS;
  if (strong && gap >= margin - EPS)
    return { kind: 'unique', best, margin: second ? round(gap) : 1 };
  const listed = ranked.filter((c) => c.phone === 'equal' || c.nameSim >= MATCH_WEIGHTS.listName);
  return listed.length > 0 ? { kind: 'ambiguous', candidates: listed } : { kind: 'none' };
}
