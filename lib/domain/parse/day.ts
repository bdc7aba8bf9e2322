/**
 * Calendar days as 'YYYY-MM-DD' strings on the Asia/Seoul wall clock.
 * Seoul has been UTC+9 without daylight saving since 1988, so a fixed offset is exact.
 */

/** A Seoul calendar day, 'YYYY-MM-DD'. */
export type Day = string;

const MS_PER_DAY = 86_400_000;
const SEOUL_OFFSET_MS = 9 * 3_600_000;
/** Years the parsers accept; outside this a "date" is almost certainly a misread number. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** True when y-m-d is a real calendar date with a four-digit year (arithmetic range). */
export function isCalendarDate(y: number, m: number, d: number): boolean {
  return (
    Number.isInteger(y) &&
    Number.isInteger(m) &&
    Number.isInteger(d) &&
    y >= 1000 &&
    y <= 9999 &&
    m >= 1 &&
    m <= 12 &&
    d >= 1 &&
    d <= daysInMonth(y, m)
  );
}

/** True when y-m-d is a real calendar date within [MIN_YEAR, MAX_YEAR] (what the parsers accept). */
export function isRealDate(y: number, m: number, d: number): boolean {
  return y >= MIN_YEAR && y <= MAX_YEAR && isCalendarDate(y, m, d);
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** 'YYYY-MM-DD' from parts (no validation). */
export function dayOf(y: number, m: number, d: number): Day {
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

/**
 * Days since 1970-01-01 for 'YYYY-MM-DD' (a trailing 'THH:MM' or anything after the day is
 * ignored), or null when it is not a real date.
 */
export function dayNumber(day: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(day);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (!isCalendarDate(y, mo, d)) return null;
  return Date.UTC(y, mo - 1, d) / MS_PER_DAY;
}

/** True for a real 'YYYY-MM-DD' (optionally followed by 'THH:MM'). */
export function isValidDay(day: string): boolean {
  return dayNumber(day) !== null;
}

/** The day for a day number (inverse of {@link dayNumber}). */
export function fromDayNumber(n: number): Day {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** `day` plus `n` days. Throws RangeError on an invalid day (a programming error, not input). */
export function addDays(day: Day, n: number): Day {
  const base = dayNumber(day);
  if (base === null || !Number.isInteger(n)) throw new RangeError(`addDays: invalid day ${day}`);
  return fromDayNumber(base + n);
}

/** Whole days from `a` to `b` (b − a); NaN when either is not a valid day. */
export function daysBetween(a: Day, b: Day): number {
  const x = dayNumber(a);
  const y = dayNumber(b);
  return x === null || y === null ? Number.NaN : y - x;
}

function seoulIso(epochMs: number): string {
  if (!Number.isFinite(epochMs)) throw new RangeError(`not a time: ${epochMs}`);
  return new Date(epochMs + SEOUL_OFFSET_MS).toISOString();
}

/** The Seoul calendar day of an instant. Throws RangeError for a non-finite time. */
export function toSeoulDay(epochMs: number): Day {
  return seoulIso(epochMs).slice(0, 10);
}

/** The Seoul wall-clock 'YYYY-MM-DDTHH:MM' of an instant. Throws RangeError for a non-finite time. */
export function toSeoulDateTime(epochMs: number): string {
  return seoulIso(epochMs).slice(0, 16);
}

/** Weekday of a valid day, 0 = Sunday … 6 = Saturday; null for an invalid day. */
export function weekdayOf(day: Day): number | null {
  const n = dayNumber(day);
  return n === null ? null : (((n + 4) % 7) + 7) % 7;
}
