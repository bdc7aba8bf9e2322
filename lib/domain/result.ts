/**
 * The typed outcome of every parser and state-machine step in the domain core.
 * Parsers never throw: bad input becomes `{ ok: false, error }` with a stable `code`.
 */

/** Why something was rejected. `code` is stable (tests and UI key on it); `message` is for people. */
export interface DomainError {
  code: string;
  /** The offending input (clipped to {@link MAX_ERROR_INPUT} characters). */
  input: string;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DomainError };

/** Longest `input` kept in an error, so a pasted page never ends up in storage or logs. */
export const MAX_ERROR_INPUT = 200;

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err<T = never>(code: string, input: string, message: string): Result<T> {
  const clipped = input.length > MAX_ERROR_INPUT ? input.slice(0, MAX_ERROR_INPUT) : input;
  return { ok: false, error: { code, input: clipped, message } };
}

/** The value of an ok result, or `fallback` for an error. */
export function unwrapOr<T, F>(r: Result<T>, fallback: F): T | F {
  return r.ok ? r.value : fallback;
}
