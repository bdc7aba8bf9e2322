/**
 * Spreadsheets saved as text: .csv (comma, tab or semicolon separated; UTF-8 with or without a
 * BOM, UTF-16 with a BOM, or the CP949/EUC-KR Korean Excel writes by default) and the HTML
 * tables many Korean admin sites hand out with an .xls name. Pure: bytes in, rows of text out.
 */
import { decodeEntities } from '@/lib/domain';
import type { Sheet } from './cells';

/** The text of a file, or null when it does not look like text at all (binary junk). */
export function decodeText(bytes: Uint8Array): string | null {
  let text: string;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    text = new TextDecoder('utf-8').decode(bytes.subarray(3));
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      // Korean Excel saves "CSV" in CP949 (a superset of EUC-KR; WHATWG's "euc-kr" decodes it).
      text = new TextDecoder('euc-kr').decode(bytes);
    }
  }
  return looksLikeText(text) ? text : null;
}

/** Fewer than 1% control or replacement characters in the first 64k characters. */
function looksLikeText(text: string): boolean {
  const sample = text.slice(0, 65_536);
  if (sample.length === 0) return true;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0xfffd || c === 0 || (c < 32 && c !== 9 && c !== 10 && c !== 13)) odd++;
  }
  return odd / sample.length < 0.01;
}

/** The separator used by most of the first lines (outside quotes): comma, tab or semicolon. */
function detectSeparator(text: string): string {
  const counts = { ',': 0, '\t': 0, ';': 0 } as Record<string, number>;
  let quoted = false;
  let lines = 0;
  for (let i = 0; i < text.length && i < 20_000 && lines < 30; i++) {
    const c = text[i] as string;
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '\n') lines++;
    else if (!quoted && c in counts) counts[c] = (counts[c] ?? 0) + 1;
  }
  let best = ',';
  for (const sep of ['\t', ';']) if ((counts[sep] ?? 0) > (counts[best] ?? 0)) best = sep;
  return best;
}

/** RFC 4180 CSV (quotes, doubled quotes, line breaks inside quotes, CRLF or LF). */
export function parseCsv(text: string, separator = detectSeparator(text)): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  const n = text.length;
  const sep = separator.charCodeAt(0);
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */ && cell === '') {
      // A quoted cell: up to the closing quote ("" is a quote).
      i++;
      let start = i;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          cell += text.slice(start);
          i = n;
          break;
        }
        if (text.charCodeAt(q + 1) === 34) {
          cell += `${text.slice(start, q)}"`;
          i = q + 2;
          start = i;
          continue;
        }
        cell += text.slice(start, q);
        i = q + 1;
        break;
      }
      continue;
    }
    if (c === sep) {
      row.push(cell);
      cell = '';
      i++;
    } else if (c === 10 || c === 13) {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    } else {
      // Plain run up to the next separator, quote or line end.
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === sep || d === 10 || d === 13) break;
        j++;
      }
      cell += text.slice(i, j);
      i = j;
    }
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const TAG = /<[^>]*>/g;

/** Whether the text is an HTML document holding a table (an ".xls" that is really a web page). */
export function isHtmlTable(text: string): boolean {
  const head = text.slice(0, 4096).trimStart().toLowerCase();
  return (
    (head.startsWith('<') && /<table[\s>]/i.test(text.slice(0, 200_000))) || /^<table/.test(head)
  );
}

/** Every table of an HTML document as one sheet of rows (cell text, tags removed). */
export function parseHtmlTables(text: string): Sheet[] {
  const sheets: Sheet[] = [];
  const tables = text.split(/<table[\s>]/i).slice(1);
  tables.forEach((table, t) => {
    const body = table.split(/<\/table>/i)[0] ?? '';
    const rows: string[][] = [];
    for (const tr of body.split(/<tr\b[^>]*>/i).slice(1)) {
      const cells: string[] = [];
      // A cell runs from its opening tag to the next cell or the row's end (</td> may be left out).
      for (const m of tr.matchAll(/<t[dh]\b[^>]*>([\s\S]*?)(?=<t[dh]\b|<\/tr>|$)/gi)) {
        const raw = (m[1] ?? '').replace(/<\/t[dh]>\s*$/i, '');
        cells.push(decodeEntities(raw.replace(/<br\s*\/?>/gi, ' ').replace(TAG, '')).trim());
      }
      rows.push(cells);
    }
    sheets.push({ name: `table ${t + 1}`, rows });
  });
  return sheets;
}
