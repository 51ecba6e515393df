import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { AppError, InputError } from '../core/errors.js';
import { t } from '../core/i18n.js';
import type { FieldSpec } from '../domain/fields.js';
import { findHeaderRow, isTotalRow, sepHint, type HeaderNotFound } from '../domain/tableShape.js';
import { DEFAULT_TEXT_LIMITS, parseCsvRecords, type TextLimits } from './csvParse.js';
import { decodeText, type EncodingChoice, type TextEncoding } from './encoding.js';
import { DEFAULT_XLSX_LIMITS, type XlsxLimits } from './xlsxLimits.js';
import { clean, loadWorkbook } from './xlsxSheets.js';

export type Encoding = TextEncoding;

/** One record of the file; `row` is the number the user sees in Excel. */
export interface TableRow {
  row: number;
  /** Trimmed; at least as many as there are headers. */
  cells: string[];
}

export interface Table {
  format: 'csv' | 'xlsx';
  encoding?: Encoding;
  delimiter?: string;
  /** The sheet read (XLSX). */
  sheet?: string;
  /** Labels to map columns by (a header split over two rows comes out combined). */
  headers: string[];
  /** The columns as people name them: a split header as `Приказ о зачислении / дата`. */
  labels: string[];
  /** The (last) header row, as the user numbers rows. */
  headerRow: number;
  /** Set when no row named enough fields and the first filled row was taken as the header. */
  headerGuess?: HeaderNotFound;
  /** Data rows; fully empty rows, total rows and skipped hidden rows are left out. */
  rows: TableRow[];
  /** Rows hidden in the workbook (by a filter or by hand): taken or left out by `hidden`. */
  hiddenRows: number[];
  /** Total rows («Итого: 7») left out. */
  totalRows: number[];
}

/** Bounds on what a file may hold, checked while it is read. */
export interface ReadLimits extends TextLimits {
  xlsx: Partial<XlsxLimits>;
}

export const DEFAULT_READ_LIMITS: ReadLimits = { ...DEFAULT_TEXT_LIMITS, xlsx: DEFAULT_XLSX_LIMITS };

export interface ReadTableOptions {
  /** `auto` or an encoding name `--encoding` accepts (aliases too). */
  encoding?: EncodingChoice | string;
  /** XLSX sheet by name; default the first visible one (readImport: the first with the columns). */
  sheet?: string;
  maxBytes?: number;
  /** The header row as the user numbers rows; default: searched for. */
  headerRow?: number;
  /** Rows hidden in the workbook: `skip` (default) leaves them out, `include` takes them. */
  hidden?: 'include' | 'skip';
  limits?: Partial<ReadLimits>;
}

export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/** One sheet's filled records, before the header is known. */
export interface SheetRecords {
  name: string;
  /** A hidden (or very hidden) sheet: never taken unless named. */
  hidden: boolean;
  records: TableRow[];
  hiddenRows: Set<number>;
}

export interface Source {
  format: 'csv' | 'xlsx';
  /** The file as messages name it. */
  name: string;
  encoding?: Encoding;
  delimiter?: string;
  /** One for a CSV; every sheet of a workbook, in order. */
  sheets: SheetRecords[];
}

/**
 * Read an import file and choose its sheet and header: see readSource and shapeTable. The
 * sheet is `options.sheet`, else the first visible one.
 */
export async function readTable<F extends string>(path: string, options: ReadTableOptions = {}, fields?: Record<F, FieldSpec>): Promise<Table> {
  const source = await readSource(path, options);
  return shapeTable(source, pickSheet(source, options.sheet) ?? visibleSheets(source)[0] ?? source.sheets[0], options, fields);
}

/**
 * Read an import file into records: CSV (UTF-8 with or without BOM, Windows-1251, cp866 or
 * UTF-16; `;`, `,` or tab, or Excel's `sep=` line) or XLSX (every sheet), from a path or `-`
 * for stdin. Bounded: the file by `maxBytes`, a workbook's unpacked size before it is parsed,
 * rows, columns and cell length while reading (InputError, exit 3).
 */
export async function readSource(path: string, options: ReadTableOptions = {}): Promise<Source> {
  const name = path === '-' ? t('io_stdin') : path;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const limits = { ...DEFAULT_READ_LIMITS, ...options.limits };
  const bytes = path === '-' ? await readStdin(name, maxBytes) : readFile(path, maxBytes);

  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0]) || extname(path).toLowerCase() === '.xls') {
    // An OLE container: Excel 97–2003, or an XLSX with a password (which Excel encrypts this way).
    throw new InputError('format_unsupported', { name }, { file: path });
  }
  const isZip = startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
  if (isZip || ['.xlsx', '.xlsm'].includes(extname(path).toLowerCase())) {
    if (!isZip) throw notXlsx(name, path);
    return { format: 'xlsx', name, sheets: await readXlsx(bytes, name, path, limits) };
  }

  const { text, encoding } = decodeText(bytes, options.encoding ?? 'auto', { file: name });
  // Excel's `sep=;` first line names the delimiter; Excel does not show it as a row.
  const firstBreak = text.search(/\r|\n/);
  const hint = sepHint(firstBreak < 0 ? text : text.slice(0, firstBreak));
  const body = hint === undefined ? text : firstBreak < 0 ? '' : text.slice(firstBreak + (text.startsWith('\r\n', firstBreak) ? 2 : 1));
  const delimiter = hint ?? detectDelimiter(body);
  // Cleaned in place: the parser's records are the table's rows (a copy per row is 100,000 arrays).
  const parsed: TableRow[] = parseCsvRecords(body, delimiter, limits, name);
  for (const { cells } of parsed) for (let i = 0; i < cells.length; i++) cells[i] = clean(cells[i]);
  // A cell of only a guard and a tab (`'\t`) is empty once cleaned: so may be its row.
  const records = parsed.filter((r) => r.cells.some((c) => c !== ''));
  return { format: 'csv', name, encoding, delimiter, sheets: [{ name: '', hidden: false, records, hiddenRows: new Set() }] };
}

/** The visible sheets, in order. */
export function visibleSheets(source: Source): SheetRecords[] {
  return source.sheets.filter((s) => !s.hidden);
}

/** The sheet named `sheet` (InputError `sheet_not_found` listing the names), or undefined when none is asked for. */
export function pickSheet(source: Source, sheet: string | undefined): SheetRecords | undefined {
  if (sheet === undefined || source.format === 'csv') return undefined;
  const found = source.sheets.find((s) => s.name === sheet) ?? source.sheets.find((s) => s.name.trim().toLowerCase() === sheet.trim().toLowerCase());
  if (!found) {
    const names = source.sheets.map((s) => s.name);
    throw new InputError('sheet_not_found', { name: source.name, sheet, sheets: names.join(', ') }, { file: source.name, sheet, sheets: names });
  }
  return found;
}

/**
 * A sheet's table: the header row (`options.headerRow`, else the row naming the most of
 * `fields` among the first 20 filled ones, a header split over two rows combined; without
 * `fields`, or when no row names enough of them, the first filled row), the data rows under
 * it without total rows and, unless `hidden: 'include'`, without hidden rows; short rows
 * padded to the header's width.
 */
export function shapeTable<F extends string>(source: Source, sheet: SheetRecords, options: Pick<ReadTableOptions, 'headerRow' | 'hidden'> = {}, fields?: Record<F, FieldSpec>): Table {
  const { records } = sheet;
  let index: number;
  let headers: string[];
  let labels: string[] | undefined;
  let headerGuess: HeaderNotFound | undefined;
  if (options.headerRow !== undefined) {
    index = records.findIndex((r) => r.row === options.headerRow);
    if (index < 0) throw new InputError('header_row_empty', { file: source.name, row: options.headerRow, sheet: sheet.name }, { file: source.name, row: options.headerRow, sheet: sheet.name });
    headers = records[index].cells;
  } else if (records.length === 0) {
    throw new InputError('no_header', { name: sheet.name ? `${source.name} (${sheet.name})` : source.name }, { file: source.name, sheet: sheet.name || undefined });
  } else {
    const found = fields ? findHeaderRow(records.slice(0, 21).map((r) => r.cells), fields) : undefined;
    if (found?.found) {
      index = found.index;
      headers = found.headers;
      labels = found.labels;
    } else {
      index = 0;
      headers = records[0].cells;
      headerGuess = found;
    }
  }
  const rows: TableRow[] = [];
  const hiddenRows: number[] = [];
  const totalRows: number[] = [];
  const width = headers.length;
  for (let i = index + 1; i < records.length; i++) {
    const r = records[i];
    if (isTotalRow(r.cells)) {
      totalRows.push(r.row);
      continue;
    }
    if (sheet.hiddenRows.has(r.row)) {
      hiddenRows.push(r.row);
      if (options.hidden !== 'include') continue;
    }
    while (r.cells.length < width) r.cells.push('');
    rows.push(r);
  }
  return {
    format: source.format,
    ...(source.encoding ? { encoding: source.encoding, delimiter: source.delimiter } : { sheet: sheet.name }),
    headers,
    labels: labels ?? headers,
    headerRow: records[index].row,
    ...(headerGuess ? { headerGuess } : {}),
    rows,
    hiddenRows,
    totalRows,
  };
}

/** Stat first, so an oversized file is refused before a byte of it is read. */
function readFile(path: string, maxBytes: number): Buffer {
  const unreadable = (why: string) => new InputError('file_unreadable', { file: path, reason: why }, { file: path });
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
  return new InputError('file_too_large', { name, limit }, { file: path, limit: maxBytes });
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

const DELIMITERS = [';', ',', '\t'];

/**
 * The candidate that occurs most often outside quotes on the first filled line (a title row
 * Excel saved holds the delimiters too: `Список группы;;;;`); ties go to the earlier of
 * `; , tab` (so a one-column file reads as `;`). A quote opens a quoted field only at the
 * start of a field.
 */
function detectDelimiter(text: string): string {
  const counts = [0, 0, 0];
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
      counts.fill(0); // an empty line, or one of bare delimiters, is not the header
      content = false;
      fieldStart = true;
    } else {
      if (ch === '"' && fieldStart) inQuotes = true;
      if (ch !== ' ' && ch.trim() !== '') content = true;
      fieldStart = false;
    }
  }
  let best = 0;
  counts.forEach((n, i) => {
    if (n > counts[best]) best = i;
  });
  return DELIMITERS[best];
}

async function readXlsx(bytes: Buffer, name: string, path: string, limits: ReadLimits): Promise<SheetRecords[]> {
  const wb = await loadWorkbook(bytes, name, limits, () => notXlsx(name, path));
  return wb.sheets.map((sheet) => {
    const records: TableRow[] = [];
    const hiddenRows = new Set<number>();
    for (const { r, cells, hidden } of wb.rows(sheet)) {
      records.push({ row: r + 1, cells });
      if (hidden) hiddenRows.add(r + 1);
    }
    return { name: sheet.name, hidden: sheet.hidden, records, hiddenRows };
  });
}

function notXlsx(name: string, path: string): AppError {
  return new InputError('xlsx_invalid', { name }, { file: path });
}
