import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DateStyle, detectDateStyle, formatDate, parseDate, toDateTimeString } from './date';
import {
  addDays,
  dayNumber,
  daysBetween,
  daysInMonth,
  fromDayNumber,
  isLeapYear,
  isValidDay,
  toSeoulDateTime,
  toSeoulDay,
  weekdayOf,
} from './day';

describe('parseDate', () => {
  it.each([
    ['2026-11-26', '2026-11-26', null],
    ['2026.11.26', '2026-11-26', null],
    ['2026/11/26', '2026-11-26', null],
    ['2026. 11. 26.', '2026-11-26', null],
    ['2026. 1. 5.', '2026-01-05', null],
    ['26.11.26', '2026-11-26', null],
    ['20261126', '2026-11-26', null],
    ['2026년 11월 26일', '2026-11-26', null],
    ['２０２６．１１．２６', '2026-11-26', null],
    ['2026.11.26 (목)', '2026-11-26', null],
    ['2026.11.26(목요일)', '2026-11-26', null],
    ['2026-11-26 목', '2026-11-26', null],
    ['2026-11-26 (Thu)', '2026-11-26', null],
    ['2026.11.26 (목) 오후 3:05', '2026-11-26', '15:05'],
    ['2026. 11. 26. 오후 3:05', '2026-11-26', '15:05'],
    ['2026-11-26 15:05', '2026-11-26', '15:05'],
    ['2026-11-26 15:05:30', '2026-11-26', '15:05'],
    ['2026-11-26T15:05', '2026-11-26', '15:05'],
    ['2026-11-26T09:05:59', '2026-11-26', '09:05'],
    ['2026-11-26 오전 12:10', '2026-11-26', '00:10'],
    ['2026-11-26 오후 12:10', '2026-11-26', '12:10'],
    ['2026-11-26 오전 9:00', '2026-11-26', '09:00'],
    ['2026-11-26 오후 11:59', '2026-11-26', '23:59'],
    ['2026-11-26 0:00', '2026-11-26', '00:00'],
    ['2026-11-26 3:05 PM', '2026-11-26', '15:05'],
    ['2026-11-26 12:30 am', '2026-11-26', '00:30'],
    ['2026년 11월 26일 15시 5분', '2026-11-26', '15:05'],
    ['2026년 11월 26일 오후 3시', '2026-11-26', '15:00'],
    ['2026-11-26 15:05 (목)', '2026-11-26', '15:05'],
    ['2024-02-29', '2024-02-29', null],
    ['2000-02-29', '2000-02-29', null],
  ])('%s → %s %s', (input, date, time) => {
    expect(parseDate(input)).toEqual({ ok: true, value: { date, time } });
  });

  it.each([
    ['', 'empty'],
    ['어제', 'date_format'],
    ['11/26', 'date_format'],
    ['2026-11-26 어쩌고', 'date_format'],
    ['2026-11-26 15', 'date_format'],
    ['2026-13-01', 'date_invalid'],
    ['2026-11-31', 'date_invalid'],
    ['2026-02-29', 'date_invalid'],
    ['1900-02-29', 'date_invalid'],
    ['2026-00-10', 'date_invalid'],
    ['1800-01-01', 'date_range'],
    ['00000000', 'date_range'],
    ['2026-11-26 24:00', 'date_time'],
    ['2026-11-26 15:60', 'date_time'],
    ['2026-11-26 15:05:61', 'date_time'],
    ['2026-11-26 오후 13:00', 'date_time'],
    ['2026-11-26 오후 3:00 PM', 'date_time'],
    ['2026.11.26 (금)', 'date_weekday'],
    ['2026-11-26 15:05 (수)', 'date_weekday'],
  ])('%j is rejected with %s', (input, code) => {
    const r = parseDate(input);
    expect(r.ok ? 'ok' : r.error.code).toBe(code);
  });

  it('formats registeredAt strings', () => {
    expect(toDateTimeString({ date: '2026-11-26', time: null })).toBe('2026-11-26');
    expect(toDateTimeString({ date: '2026-11-26', time: '15:05' })).toBe('2026-11-26T15:05');
  });
});

describe('calendar', () => {
  it('knows leap years and month lengths', () => {
    expect([1900, 2000, 2024, 2026].map(isLeapYear)).toEqual([false, true, true, false]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
  });

  it('adds days and counts days across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-11-26', -40)).toBe('2026-10-17');
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
    expect(daysBetween('2026-11-26T15:05', '2026-11-20')).toBe(-6);
    expect(daysBetween('nope', '2026-11-20')).toBeNaN();
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-02-01', 0.5)).toThrow(RangeError);
  });

  it('validates days', () => {
    expect(isValidDay('2026-11-26')).toBe(true);
    expect(isValidDay('2026-11-26T15:05')).toBe(true);
    expect(isValidDay('2026-11-31')).toBe(false);
    expect(isValidDay('2026-11-2')).toBe(false);
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(weekdayOf('2026-11-26')).toBe(4);
    expect(weekdayOf('bad')).toBeNull();
  });

  it('reads instants on the Seoul wall clock', () => {
    expect(toSeoulDay(Date.UTC(2026, 10, 25, 14, 59))).toBe('2026-11-25');
    expect(toSeoulDay(Date.UTC(2026, 10, 25, 15, 0))).toBe('2026-11-26');
    expect(toSeoulDateTime(Date.UTC(2026, 10, 26, 6, 5))).toBe('2026-11-26T15:05');
    expect(() => toSeoulDay(Number.NaN)).toThrow(RangeError);
  });

  const day = fc
    .integer({ min: dayNumber('1900-01-01') ?? 0, max: dayNumber('2999-12-31') ?? 0 })
    .map(fromDayNumber);

  it('addDays and daysBetween agree', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -3000, max: 3000 }), (d, n) => {
        expect(daysBetween(d, addDays(d, n))).toBe(n);
      }),
    );
  });

  const styles: DateStyle[] = ['iso', 'dots', 'slashes', 'spaced-dots', 'compact'];
  it('round-trips every day through every style, and detects the style', () => {
    fc.assert(
      fc.property(day, fc.constantFrom(...styles), (d, style) => {
        const shown = formatDate(d, style);
        expect(parseDate(shown)).toEqual({ ok: true, value: { date: d, time: null } });
        expect(detectDateStyle(shown)).toBe(style);
      }),
    );
  });

  it('round-trips times in 24h and 오전/오후 forms', () => {
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (d, h, m) => {
          const mm = String(m).padStart(2, '0');
          const hh = String(h).padStart(2, '0');
          const h12 = h % 12 === 0 ? 12 : h % 12;
          const expected = { ok: true, value: { date: d, time: `${hh}:${mm}` } };
          expect(parseDate(`${d} ${hh}:${mm}`)).toEqual(expected);
          expect(
            parseDate(`${formatDate(d, 'dots')} ${h < 12 ? '오전' : '오후'} ${h12}:${mm}`),
          ).toEqual(expected);
        },
      ),
    );
  });

  it('leaves unknown input to formatDate alone', () => {
    expect(formatDate('26/11', 'dots')).toBe('26/11');
    expect(detectDateStyle('')).toBe('iso');
  });
});

describe('parseDate on YYYY-MM-DD (read without the patterns)', () => {
  it('reads it as the patterns do, and leaves look-alikes to the patterns', () => {
    expect(parseDate('2026-11-26')).toEqual({
      ok: true,
      value: { date: '2026-11-26', time: null },
    });
    expect(parseDate('2026-02-30')).toMatchObject({ ok: false, error: { code: 'date_invalid' } });
    expect(parseDate('0999-01-01')).toMatchObject({ ok: false, error: { code: 'date_range' } });
    expect(parseDate('2026/11/26').ok).toBe(true);
    for (const s of ['2026-1x-26', '2026-11-2x', 'x026-11-26', '2026-11/26']) {
      expect(parseDate(s).ok, s).toBe(false);
    }
  });

  it('agrees with the patterns (the same day written with dots) on every day-shaped string', () => {
    const digits = (n: number) =>
      fc.integer({ min: 0, max: 10 ** n - 1 }).map((x) => String(x).padStart(n, '0'));
    fc.assert(
      fc.property(digits(4), digits(2), digits(2), (y, m, d) => {
        const fast = parseDate(`${y}-${m}-${d}`);
        const general = parseDate(`${y}.${m}.${d}`);
        expect(fast.ok).toBe(general.ok);
        if (fast.ok && general.ok) expect(fast.value).toEqual(general.value);
        if (!fast.ok && !general.ok) expect(fast.error.code).toBe(general.error.code);
      }),
    );
  });
});
