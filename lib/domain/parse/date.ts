/**
 * Dates and times as the two sites show them, read as Seoul wall-clock values.
 * "2026-11-26", "2026.11.26", "2026/11/26", "2026. 11. 26.", "26.11.26" (yy.mm.dd), "20261126",
 * "2026년 11월 26일", each optionally followed by a weekday "(목)" and a time "오후 3:05",
 * "15:05", "15:05:30", "오전 12:10", "15시 5분" (or ISO "2026-11-26T15:05").
 */
import { err, ok, type Result } from '../result';
import { dayOf, isRealDate, MAX_YEAR, MIN_YEAR, weekdayOf } from './day';
import { asText, foldSpaces } from './text';

export { addDays, dayNumber, daysBetween, isValidDay, toSeoulDateTime, toSeoulDay } from './day';

/** A Seoul wall-clock date with an optional minute-precision time. */
export interface ParsedDate {
  date: string; // 'YYYY-MM-DD'
  time: string | null; // 'HH:MM'
}

/** Ways a site writes a date, so search forms can be filled in the site's own format. */
export type DateStyle = 'iso' | 'dots' | 'slashes' | 'spaced-dots' | 'compact';

const KO_WEEKDAYS = '일월화수목금토';
const EN_WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const DATE_PATTERNS: RegExp[] = [
  /^(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일/,
  /^(\d{4}|\d{2})\s*([-./])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?!\d)\.?/,
  /^(\d{4})(\d{2})(\d{2})(?!\d)/,
];
const WEEKDAY_RE =
  /^\(?\s*(?:([일월화수목금토])(?:요일)?|(sun|mon|tue|wed|thu|fri|sat)[a-z]*\.?)\s*\)?/i;
const TIME_RE =
  /^(오전|오후|am|pm|a\.m\.|p\.m\.)?\s*(\d{1,2})\s*(?::\s*(\d{2})(?:\s*:\s*(\d{2}))?|시(?:\s*(\d{1,2})\s*분)?(?:\s*(\d{1,2})\s*초)?)\s*(am|pm|a\.m\.|p\.m\.)?/i;

interface DateHead {
  y: number;
  m: number;
  d: number;
  rest: string;
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** 'YYYY-MM-DD' exactly (how most lists show a day), read without the patterns; else null. */
function isoDay(t: string): DateHead | null {
  if (t.length !== 10 || t.charCodeAt(4) !== 0x2d || t.charCodeAt(7) !== 0x2d) return null;
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const c = t.charCodeAt(i);
    if (!isDigit(c)) return null;
    y = y * 10 + c - 0x30;
  }
  const m0 = t.charCodeAt(5);
  const m1 = t.charCodeAt(6);
  const d0 = t.charCodeAt(8);
  const d1 = t.charCodeAt(9);
  if (!isDigit(m0) || !isDigit(m1) || !isDigit(d0) || !isDigit(d1)) return null;
  return { y, m: (m0 - 0x30) * 10 + m1 - 0x30, d: (d0 - 0x30) * 10 + d1 - 0x30, rest: '' };
}

function readDate(t: string): DateHead | null {
  const iso = isoDay(t);
  if (iso) return iso;
  for (const re of DATE_PATTERNS) {
    const m = re.exec(t);
    if (!m) continue;
    const sep = m.length === 5; // the separated form captures the separator too
    const ys = m[1] ?? '';
    const y = ys.length === 2 ? 2000 + Number(ys) : Number(ys);
    return {
      y,
      m: Number(sep ? m[3] : m[2]),
      d: Number(sep ? m[4] : m[3]),
      rest: t.slice(m[0].length).trim(),
    };
  }
  return null;
}

function isPm(word: string | undefined): boolean | null {
  if (word === undefined) return null;
  return /^(오후|pm|p\.m\.)$/i.test(word);
}

/** Hours and minutes, or an error code. */
function readTime(m: RegExpExecArray): { h: number; min: number } | string {
  const pre = isPm(m[1]);
  const post = isPm(m[7]);
  if (pre !== null && post !== null) return 'date_time';
  const pm = pre ?? post;
  let h = Number(m[2]);
  const min = Number(m[3] ?? m[5] ?? '0');
  const sec = Number(m[4] ?? m[6] ?? '0');
  if (min > 59 || sec > 59) return 'date_time';
  if (pm === null) {
    if (h > 23) return 'date_time';
  } else {
    if (h > 12) return 'date_time';
    if (pm) h = h === 12 ? 12 : h + 12;
    else if (h === 12) h = 0;
  }
  return { h, min };
}

function readWeekday(rest: string): { day: number | null; rest: string } {
  const m = WEEKDAY_RE.exec(rest);
  if (!m || m[0].trim() === '') return { day: null, rest };
  const day =
    m[1] !== undefined
      ? KO_WEEKDAYS.indexOf(m[1])
      : EN_WEEKDAYS.indexOf((m[2] ?? '').toLowerCase());
  return { day, rest: rest.slice(m[0].length).trim() };
}

/**
 * Parse a date (with optional weekday and time) into a Seoul wall-clock value.
 * Two-digit years are 20yy. Seconds are accepted and dropped. A weekday that contradicts the
 * date is rejected (it usually means the date was misread).
 * Errors: `empty`, `date_format`, `date_invalid` (no such calendar day), `date_range`,
 * `date_time`, `date_weekday`.
 */
export function parseDate(input: string): Result<ParsedDate> {
  const s = asText(input);
  const t = foldSpaces(s);
  if (t === '') return err('empty', s, 'No date given');
  const head = readDate(t);
  if (!head) return err('date_format', s, 'Not a date like 2026-11-26 or 2026.11.26');
  if (head.y < MIN_YEAR || head.y > MAX_YEAR)
    return err('date_range', s, `Year outside ${MIN_YEAR}–${MAX_YEAR}`);
  if (!isRealDate(head.y, head.m, head.d)) return err('date_invalid', s, 'No such calendar day');
  const date = dayOf(head.y, head.m, head.d);
  if (head.rest === '') return ok({ date, time: null }); // no weekday or time to check
  let rest = head.rest.replace(/^T(?=\d)/i, '');
  const weekdays: number[] = [];
  let wd = readWeekday(rest);
  if (wd.day !== null) weekdays.push(wd.day);
  rest = wd.rest;
  let time: string | null = null;
  const tm = TIME_RE.exec(rest);
  if (tm && rest !== '') {
    const hm = readTime(tm);
    if (typeof hm === 'string') return err(hm, s, 'Not a valid time of day');
    time = `${String(hm.h).padStart(2, '0')}:${String(hm.min).padStart(2, '0')}`;
    rest = rest.slice(tm[0].length).trim();
    wd = readWeekday(rest);
    if (wd.day !== null) weekdays.push(wd.day);
    rest = wd.rest;
  }
  if (rest !== '')
    return err('date_format', s, `Unexpected text after the date: "${rest.slice(0, 20)}"`);
  const actual = weekdayOf(date);
  if (weekdays.some((w) => w !== actual))
    return err('date_weekday', s, 'The weekday does not match the date');
  return ok({ date, time });
}

/** 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM' (the form ManagerInvoice.registeredAt uses). */
export function toDateTimeString(p: ParsedDate): string {
  return p.time === null ? p.date : `${p.date}T${p.time}`;
}

/** Show a 'YYYY-MM-DD' day in a site's style. Input not in that form is returned unchanged. */
export function formatDate(day: string, style: DateStyle = 'iso'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const [, y, mo, d] = m;
  switch (style) {
    case 'dots':
      return `${y}.${mo}.${d}`;
    case 'slashes':
      return `${y}/${mo}/${d}`;
    case 'spaced-dots':
      return `${y}. ${mo}. ${d}.`;
    case 'compact':
      return `${y}${mo}${d}`;
    default:
      return day;
  }
}

/** The style a sample date uses (a prefilled search field or a list cell); defaults to 'iso'. */
export function detectDateStyle(sample: string): DateStyle {
  const t = foldSpaces(asText(sample));
  if (/\d{4}\.\s+\d{1,2}\./.test(t)) return 'spaced-dots';
  if (/\d{2,4}\.\d{1,2}\.\d{1,2}/.test(t)) return 'dots';
  if (/\d{2,4}\/\d{1,2}\/\d{1,2}/.test(t)) return 'slashes';
  if (/^\d{8}(?!\d)/.test(t)) return 'compact';
  return 'iso';
}
