import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import type { CellObject } from 'xlsx';
import { AppError, InputError } from '../core/errors.js';
import { t } from '../core/i18n.js';
import { stripFormulaGuard } from './formulaGuard.js';

export type Encoding = 'utf8' | 'cp1251';

/** One record of the file; `row` is the number the user sees in Excel (the header is usually 1). */
export interface TableRow {
  row: number;
  /** Trimmed; at least as many as there are headers. */
  cells: string[];
}

export interface Table {
  format: 'csv' | 'xlsx';
  encoding?: Encoding;
  delimiter?: string;
  headers: string[];
  /** Data rows; fully empty rows are left out, but numbering counts them. */
  rows: TableRow[];
}

export interface ReadTableOptions {
  encoding?: 'auto' | Encoding;
  /** XLSX sheet by name; default the first. */
  sheet?: string;
  maxBytes?: number;
}

export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Read an import file: CSV (UTF-8 with or without BOM, or Windows-1251; `;`, `,` or tab) or
 * XLSX, from a path or `-` for stdin. The header is the first non-empty row.
 */
export async function readTable(path: string, options: ReadTableOptions = {}): Promise<Table> {
  const name = path === '-' ? t('io_stdin') : path;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const bytes = path === '-' ? await readStdin(name, maxBytes) : readFile(path, maxBytes);

  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0]) || extname(path).toLowerCase() === '.xls') {
    // An OLE container: Excel 97–2003, or an XLSX with a password (which Excel encrypts this way).
    throw new InputError(
      'format_unsupported',
      { name },
      { file: path },
    );
  }
  const isZip = startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
  if (isZip || ['.xlsx', '.xlsm'].includes(extname(path).toLowerCase())) {
    if (!isZip) throw notXlsx(name, path);
    return { format: 'xlsx', ...toTable(await readXlsx(bytes, name, path, options.sheet), name, path) };
  }

  const { text, encoding } = decode(bytes, options.encoding ?? 'auto', name, path);
  const delimiter = detectDelimiter(text);
  return { format: 'csv', encoding, delimiter, ...toTable(parseCsv(text, delimiter, name, path), name, path) };
}

/** Stat first, so an oversized file is refused before a byte of it is read. */
function readFile(path: string, maxBytes: number): Buffer {
  const unreadable = (why: string) =>
    new InputError('file_unreadable', { file: path, reason: why }, { file: path });
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw unreadable(t('io_not_a_file'));
    size = stat.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new InputError('file_not_found', { file: path });
    }
    throw unreadable((err as Error).message);
  }
  if (size > maxBytes) throw tooLarge(path, path, maxBytes);
  try {
    return readFileSync(path);
  } catch (err) {
    throw unreadable((err as Error).message);
  }
}

async function readStdin(name: string, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > maxBytes) throw tooLarge(name, '-', maxBytes);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

function tooLarge(name: string, path: string, maxBytes: number): AppError {
  const limit = maxBytes >= 1 << 20 ? `${+(maxBytes / (1 << 20)).toFixed(1)} MiB` : `${maxBytes} B`;
  return new InputError(
    'file_too_large',
    { name, limit },
    { file: path, limit: maxBytes },
  );
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/**
 * UTF-8 if the bytes are valid UTF-8 (a BOM is dropped), else Windows-1251: random cp1251
 * Cyrillic is practically never valid UTF-8, so the strict decode is a reliable test.
 */
function decode(bytes: Buffer, wanted: 'auto' | Encoding, name: string, path: string): { text: string; encoding: Encoding } {
  const cp1251 = () => ({ text: new TextDecoder('windows-1251').decode(bytes), encoding: 'cp1251' as const });
  if (wanted === 'cp1251') return cp1251();
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    throw new InputError(
      'encoding_unsupported',
      { name },
      { file: path },
    );
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf8' };
  } catch {
    if (wanted === 'auto' && !startsWith(bytes, [0xef, 0xbb, 0xbf])) return cp1251();
    throw new InputError(
      'encoding_invalid',
      { name },
      { file: path },
    );
  }
}

const DELIMITERS = [';', ',', '\t'];

/**
 * The candidate that occurs most often outside quotes in the first non-empty record; ties go
 * to the earlier of `; , tab` (so a one-column file reads as `;`). A quote opens a quoted field
 * only at the start of a field, as in the parser with `relax_quotes`.
 */
/** The line on which the last complete record ends (parsed again, only on the error path). */
function lastCompleteLine(text: string, delimiter: string): number {
  let last = 0;
  try {
    parse(text, { ...CSV_OPTIONS, delimiter, on_record: (record, context) => ((last = context.lines), record) });
  } catch {
    // the same error again: `last` has what we need
  }
  return last;
}

function detectDelimiter(text: string): string {
  let counts = DELIMITERS.map(() => 0);
  let inQuotes = false;
  let fieldStart = true;
  let content = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      }
      continue;
    }
    const d = DELIMITERS.indexOf(ch);
    if (d >= 0) {
      counts[d]++;
      fieldStart = true;
    } else if (ch === '\n' || ch === '\r') {
      if (content) break;
      counts = DELIMITERS.map(() => 0); // an empty line (or one of bare delimiters) is not the header
      fieldStart = true;
    } else {
      if (ch === '"' && fieldStart) inQuotes = true;
      if (ch.trim() !== '') content = true;
      fieldStart = false;
    }
  }
  let best = 0;
  counts.forEach((n, i) => {
    if (n > counts[best]) best = i;
  });
  return DELIMITERS[best];
}

const CSV_OPTIONS = {
  relax_column_count: true,
  relax_quotes: true,
  // Empty lines must stay records so that row numbers match Excel's; toTable drops them.
  skip_empty_lines: false,
} as const;

function parseCsv(text: string, delimiter: string, name: string, path: string): TableRow[] {
  try {
    const records = parse(text, { ...CSV_OPTIONS, delimiter });
    // Row = record number, not line number: a quoted line break does not start a new row.
    return records.map((cells, i) => ({ row: i + 1, cells: cells.map(clean) }));
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    // An unclosed quote swallows the rest of the file; the useful line is where it opened.
    const unclosed = err.code === 'CSV_QUOTE_NOT_CLOSED';
    const line = unclosed ? lastCompleteLine(text, delimiter) + 1 : err.lines;
    const reason = unclosed ? t('io_quote_not_closed') : err.message;
    throw new InputError(
      'csv_malformed',
      { name, line: Number(line), reason },
      { file: path, line, reason: err.code },
    );
  }
}

async function readXlsx(bytes: Buffer, name: string, path: string, sheet: string | undefined): Promise<TableRow[]> {
  const XLSX = await import('xlsx');
  let wb;
  try {
    // cellDates: date cells become Dates at UTC midnight of the day shown (UTC: true keeps
    // SheetJS from shifting them to local time), so the time zone can never move a date.
    wb = XLSX.read(bytes, {
      type: 'buffer',
      dense: true,
      cellDates: true,
      UTC: true,
      cellFormula: false,
      cellHTML: false,
      sheets: sheet ?? 0, // parse only the sheet we need
    });
  } catch {
    throw notXlsx(name, path);
  }
  const ws = wb.Sheets[sheet ?? wb.SheetNames[0]];
  if (!ws) {
    const names = wb.SheetNames.join(', ');
    throw new InputError(
      'sheet_not_found',
      { name, sheet: String(sheet), sheets: names },
      { file: path, sheet, sheets: wb.SheetNames },
    );
  }
  if (!ws['!ref']) return [];
  const range = XLSX.utils.decode_range(ws['!ref']);
  const data = ws['!data'] ?? [];
  const records: TableRow[] = [];
  // Walk the stored cells, not the declared range: formatting can stretch `!ref` to a million rows.
  for (let r = range.s.r; r < data.length && r <= range.e.r; r++) {
    const line = data[r] ?? [];
    const cells: string[] = [];
    for (let c = range.s.c; c < line.length && c <= range.e.c; c++) cells.push(clean(cellText(line[c])));
    records.push({ row: r + 1, cells });
  }
  return records;
}

/** A decimal as shown without grouping or exponent: `11223344595`, `012345`, `2.50`. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

function cellText(cell: CellObject | undefined): string {
  if (!cell || cell.v == null) return '';
  const { t, v, w } = cell;
  if (v instanceof Date) {
    // A time without a date (`h:mm`) lands on Excel's day zero, 1899-12-30/31: keep its text.
    return v.getUTCFullYear() < 1900 ? (w ?? '') : v.toISOString().slice(0, 10);
  }
  if (t === 'n' && typeof v === 'number') {
    // The displayed text when it is a plain decimal (keeps leading zeros and fixed decimals),
    // else the value itself: never `1.12E+10` or `1,234,567.89`.
    if (w && PLAIN_NUMBER.test(w)) return w;
    return v.toLocaleString('en-US', { useGrouping: false, maximumSignificantDigits: 15 });
  }
  if (t === 's') return String(v);
  return w ?? String(v); // booleans (TRUE/FALSE) and errors (#N/A) as Excel shows them
}

function notXlsx(name: string, path: string): AppError {
  return new InputError(
    'xlsx_invalid',
    { name },
    { file: path },
  );
}

/** Undo our own formula guard, then trim (String#trim covers the non-breaking space too). */
function clean(cell: string): string {
  return stripFormulaGuard(cell).trim();
}

/** First non-empty record = headers; the rest, without fully empty ones, padded to the header width. */
function toTable(records: TableRow[], name: string, path: string): Pick<Table, 'headers' | 'rows'> {
  const [head, ...rows] = records.filter((r) => r.cells.some((c) => c !== ''));
  if (!head) {
    throw new InputError('no_header', { name }, { file: path });
  }
  for (const r of rows) while (r.cells.length < head.cells.length) r.cells.push('');
  return { headers: head.cells, rows };
}
