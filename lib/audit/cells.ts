/**
 * Spreadsheet cells as a reader hands them over (string, number, boolean, Date or empty), and
 * what the audit reads from them: text, a Seoul day (with its time), an amount, a phone. Pure:
 * no DOM, no I/O. Every reader takes both the typed cell (an .xlsx) and text (a .csv, or a
 * number someone stored as text).
 */
import {
  err,
  fromDayNumber,
  type ParsedDate,
  parseAmount,
  parseDate,
  parsePhone,
  type Result,
} from '@/lib/domain';

export type Cell = string | number | boolean | Date | null | undefined;
export type SheetRow = readonly Cell[];

/** One sheet of a workbook: its name and its rows (a .csv is one sheet). */
export interface Sheet {
  name: string;
  rows: SheetRow[];
}

/** Days from 1899-12-30 (Excel's day 0 in the 1900 date system) to 1970-01-01. */
export const EXCEL_EPOCH_OFFSET = 25_569;
/** Serial numbers read as dates: 1982-01-01 … 2100-12-31 (anything else is not a payment date). */
const SERIAL_MIN = 29_952;
const SERIAL_MAX = 73_415;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * An .xlsx has no time zone: a cell shows a wall-clock value, and the reader encodes it as that
 * same wall-clock time in UTC. So a Date cell is read back through its UTC fields — converting it
 * "to Seoul" would move an evening payment to the next day.
 */
function wallClock(d: Date): ParsedDate | null {
  const ms = d.getTime();
  if (!Number.isFinite(ms)) return null;
  const date = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  return { date, time: h === 0 && m === 0 ? null : `${pad2(h)}:${pad2(m)}` };
}

/** An Excel serial day number (days since 1899-12-30, fraction = time of day). */
export function serialToDate(serial: number): ParsedDate | null {
  if (!Number.isFinite(serial) || serial < SERIAL_MIN || serial > SERIAL_MAX) return null;
  const day = Math.floor(serial);
  const minutes = Math.round((serial - day) * 1440);
  const date = fromDayNumber(day - EXCEL_EPOCH_OFFSET);
  if (minutes === 0 || minutes >= 1440) return { date, time: null };
  return { date, time: `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}` };
}

/** The text a person sees in a cell (numbers without grouping, dates as YYYY-MM-DD HH:MM). */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  const p = wallClock(cell);
  return p ? (p.time ? `${p.date} ${p.time}` : p.date) : '';
}

/**
 * A date cell: a Date, an Excel serial number (a date column whose format the reader did not
 * recognise, or a .csv saved from one), 20261126 as a number, or any text parseDate reads.
 */
export function cellDate(cell: Cell): Result<ParsedDate> {
  if (cell instanceof Date) {
    const p = wallClock(cell);
    return p ? { ok: true, value: p } : err('date_invalid', '', 'Not a date');
  }
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 19_000_101 && cell <= 29_991_231) {
      return parseDate(String(cell));
    }
    const p = serialToDate(cell);
    return p
      ? { ok: true, value: p }
      : err('date_format', String(cell), 'Not a date or an Excel date number');
  }
  const text = cellText(cell);
  if (/^\d{5}(\.\d+)?$/.test(text)) {
    const p = serialToDate(Number(text));
    if (p) return { ok: true, value: p };
  }
  return parseDate(text);
}

/** An amount: a number (rounded to whole won) or text like "12,000원" (numbers stored as text). */
export function cellAmount(cell: Cell): Result<number> {
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || !Number.isSafeInteger(Math.round(cell))) {
      return err('amount_range', String(cell), 'Not a whole-won amount');
    }
    return { ok: true, value: Math.round(cell) };
  }
  return parseAmount(cellText(cell));
}

/**
 * A mobile number. A number cell (or digits stored from one) lost its leading 0: 9–10 digits
 * starting with 1 get it back ("1012345678" → "01012345678").
 */
export function cellPhone(cell: Cell): Result<string> {
  let text = typeof cell === 'number' && Number.isInteger(cell) ? String(cell) : cellText(cell);
  if (/^1\d{8,9}$/.test(text)) text = `0${text}`;
  return parsePhone(text);
}

/** True when no cell of the row holds anything. */
export function isBlankRow(row: SheetRow): boolean {
  for (const cell of row) {
    if (cell === null || cell === undefined) continue;
    if (typeof cell !== 'string' || /\S/.test(cell)) return false;
  }
  return true;
}
