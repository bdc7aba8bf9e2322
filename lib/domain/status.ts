/**
 * Reading the status words both sites show. Exact spellings vary, so words are matched
 * after removing whitespace, and unknown words are reported as unknown rather than guessed.
 */
import { foldNoSpaces } from './parse/text';

const norm = (s: string | null | undefined): string => foldNoSpaces(typeof s === 'string' ? s : '');

/**
 * MacGai 결제상태 of a cancelled row: 결제취소, 대기취소, 강제취소 (also "취소완료", or a bare
 * "취소"). 결제취소 covers both a normal cancel and a force cancel.
 */
export function isMacgaiCancelled(status: string): boolean {
  const s = norm(status);
  return /(결제|대기|강제)취소|취소완료|^취소$/.test(s);
}

/** MacGai 결제대기 (알림톡 sent, not paid) and 결제완료 are the live states. */
export function isMacgaiLive(status: string): boolean {
  const s = norm(status);
  return !isMacgaiCancelled(status) && /결제(대기|완료)|납부완료|수납완료/.test(s);
}

/**
 * Whether a 결제수단 is AllTalkPay (문자결제; the guide also calls it 알림톡/올톡페이 결제).
 * null when the method is unknown (the list has no such column).
 */
export function isAllTalkPay(method: string | null): boolean | null {
  if (method === null || norm(method) === '') return null;
  return /문자결제|올톡페이|알림톡결제|alltalkpay/i.test(norm(method));
}

/** True when the status or the 참고사항 mentions a force cancel (강제취소). */
export function mentionsForceCancel(status: string, note: string): boolean {
  return /강제취소/.test(norm(status)) || /강제취소/.test(norm(note));
}

/**
 * How a manager-site 상태 bears on reconciliation:
 * - 'cancelled': 결제취소, 취소완료, 파기 — nothing left to do on the manager side.
 * - 'live': 발송완료, 결제완료, 결제대기, 발송대기, 예약(발송), 발송중 — the parent can still pay, or
 *   has paid: a force-cancelled payment's invoice in this state must be cancelled by hand.
 * - 'dead': 결제중단 (payment stopped/expired) and 발송실패 (never delivered) — the parent cannot
 *   pay, but nothing was cancelled either. A dead invoice is neither evidence of cancellation
 *   nor a live obligation; it is usually superseded by a re-sent invoice, so the matcher
 *   prefers live ones, and the user may dismiss a record whose only invoice is dead.
 * - 'unknown': any other word. Treated as neither live nor cancelled (no automatic change).
 */
export type ManagerStatusClass = 'live' | 'cancelled' | 'dead' | 'unknown';

export function classifyManagerStatus(status: string): ManagerStatusClass {
  const s = norm(status);
  if (/결제취소|취소완료|승인취소|파기|^취소$/.test(s)) return 'cancelled';
  if (/결제중단|발송실패|전송실패|만료/.test(s)) return 'dead';
  if (/발송완료|결제완료|결제대기|발송대기|예약|발송중|전송완료|수납완료/.test(s)) return 'live';
  return 'unknown';
}

/** 결제취소 or 파기 (see {@link classifyManagerStatus}). */
export function isManagerCancelled(status: string): boolean {
  return classifyManagerStatus(status) === 'cancelled';
}

/** 발송완료, 결제완료, 결제대기… (see {@link classifyManagerStatus}); 결제중단/발송실패 are not live. */
export function isManagerLive(status: string): boolean {
  return classifyManagerStatus(status) === 'live';
}

/** 결제중단 / 발송실패: dead but not cancelled. */
export function isManagerDead(status: string): boolean {
  return classifyManagerStatus(status) === 'dead';
}
