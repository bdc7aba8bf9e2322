/**
 * A dropped file's bytes → its sheets. An .xlsx is read with read-excel-file (every sheet); a
 * .csv or an HTML ".xls" by text-sheet.ts. Anything else is refused with a reason the page can
 * name: a legacy binary .xls, an empty file, binary junk, a broken .xlsx, a file too large.
 *
 * The same code runs in the audit's Web Worker and in Node (tests, `npm run bench`).
 */
import { unzipSync, zipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/universal';
import type { Cell, Sheet } from './cells';
import { decodeText, isHtmlTable, parseCsv, parseHtmlTables } from './text-sheet';

/** Larger files are refused before reading (a month of exports is a few MB). */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

export type ReadProblem =
  | 'empty' // no bytes
  | 'too_big' // over MAX_FILE_BYTES
  | 'xls_binary' // Excel 97–2003 .xls: ask for .xlsx or .csv
  | 'invalid_xlsx' // a zip that is not a readable .xlsx
  | 'not_spreadsheet'; // binary junk, an image, a PDF…

export class ReadError extends Error {
  constructor(
    readonly problem: ReadProblem,
    message: string,
  ) {
    super(message);
    this.name = 'ReadError';
  }
}

export type FileKind = 'xlsx' | 'csv' | 'html';

export interface Workbook {
  kind: FileKind;
  sheets: Sheet[];
}

const startsWith = (b: Uint8Array, sig: readonly number[]) => sig.every((x, i) => b[i] === x);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * The .xlsx's XML parts, re-packed without compression. read-excel-file unzips with fflate, which
 * inflates large parts in a Web Worker it starts from a blob: URL — and an extension page's CSP
 * (Firefox) refuses blob: workers, so the read would never finish. Inflating here (we are already
 * off the UI thread) and handing over "stored" parts keeps fflate synchronous, in every browser.
 */
function storedXlsx(bytes: Uint8Array): ArrayBuffer {
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, { filter: (f) => /\.xml(\.rels)?$|\.rels$/i.test(f.name) });
  } catch (error) {
    throw new ReadError('invalid_xlsx', `not a readable zip: ${String(error)}`);
  }
  const out = zipSync(parts, { level: 0 });
  return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer;
}

/** Every sheet of an .xlsx (bare library read, used by the bench as the baseline too). */
export async function readXlsxSheets(bytes: Uint8Array): Promise<Sheet[]> {
  try {
    const sheets = await readXlsxFile(storedXlsx(bytes));
    return sheets.map((s) => ({ name: s.sheet, rows: s.data as unknown as Cell[][] }));
  } catch (error) {
    if (error instanceof ReadError) throw error;
    const name = (error as { name?: string })?.name;
    const code = (error as { code?: string })?.code;
    if (code === 'XLS_FILE_NOT_SUPPORTED') throw new ReadError('xls_binary', 'legacy .xls');
    if (name === 'InvalidInputError' || name === 'InvalidSpreadsheetError') {
      throw new ReadError('invalid_xlsx', String((error as Error).message ?? error));
    }
    throw new ReadError('invalid_xlsx', String(error));
  }
}

/** Reads a dropped file. Throws {@link ReadError} for anything that is not a spreadsheet. */
export async function readWorkbook(data: ArrayBuffer | Uint8Array): Promise<Workbook> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes.length === 0) throw new ReadError('empty', 'empty file');
  if (bytes.length > MAX_FILE_BYTES) throw new ReadError('too_big', `${bytes.length} bytes`);
  if (startsWith(bytes, OLE2)) throw new ReadError('xls_binary', 'legacy .xls');
  if (startsWith(bytes, ZIP)) return { kind: 'xlsx', sheets: await readXlsxSheets(bytes) };
  const text = decodeText(bytes);
  if (text === null) throw new ReadError('not_spreadsheet', 'binary data');
  if (text.trim() === '') throw new ReadError('empty', 'no text');
  if (isHtmlTable(text)) return { kind: 'html', sheets: parseHtmlTables(text) };
  return { kind: 'csv', sheets: [{ name: 'CSV', rows: parseCsv(text) }] };
}
