import { t } from '@/lib/i18n';

/**
 * How the pages show numbers, times and ages. The locale follows the extension's own language
 * (the `uiLocale` message: ko by default, en in English browsers), never the page's.
 */

export function uiLocale(): string {
  const tag = t('uiLocale');
  return tag === 'uiLocale' ? 'ko' : tag;
}

const won = new Intl.NumberFormat('ko-KR');

/** 280000 → "280,000원" (ko-KR grouping, sign kept; the unit from the messages). */
export function formatWon(amount: number): string {
  return t('amountWon', won.format(amount));
}

const relative = new Map<string, Intl.RelativeTimeFormat>();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long ago, in the largest whole unit: "방금", "5분 전", "3시간 전", "어제", "3일 전". */
export function formatAge(since: number, now: number, locale = uiLocale()): string {
  let f = relative.get(locale);
  if (!f) {
    f = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relative.set(locale, f);
  }
  const ago = Math.max(0, now - since);
  if (ago < MINUTE) return f.format(0, 'second');
  if (ago < HOUR) return f.format(-Math.floor(ago / MINUTE), 'minute');
  if (ago < DAY) return f.format(-Math.floor(ago / HOUR), 'hour');
  return f.format(-Math.floor(ago / DAY), 'day');
}

const dateTimes = new Map<string, Intl.DateTimeFormat>();

/** An instant as a Seoul date and time ("2026. 11. 26. 오후 3:05"). */
export function formatDateTime(ms: number, locale = uiLocale()): string {
  let f = dateTimes.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      timeZone: 'Asia/Seoul',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    });
    dateTimes.set(locale, f);
  }
  return f.format(ms);
}
