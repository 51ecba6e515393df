import { extname } from 'node:path';
import { AppError, InputError } from '../core/errors.js';
import { t } from '../core/i18n.js';
import type { FieldSpec } from '../domain/fields.js';
import { findHeaderRow, isTotalRow, type HeaderNotFound } from '../domain/tableShape.js';
import { DEFAULT_TEXT_LIMITS, type TextLimits } from './csvParse.js';
import { isReadRefusal, openCsv } from './csvSource.js';
import type { EncodingChoice, TextEncoding } from './encoding.js';
import { bytesInMemory, fileBytes, readStdin } from './fileBytes.js';
import { DEFAULT_XLSX_LIMITS, type XlsxLimits } from './xlsxLimits.js';
import { loadWorkbook } from './xlsxSheets.js';

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
  /**
   * In order. A workbook's are held in memory; a CSV's are read from its file on each pass,
   * a chunk at a time, and what reading refuses (see readSource) is thrown on the way.
   */
  records: Iterable<TableRow>;
  /** How much of the file the pass under way has read (0–1); absent for records held in memory. */
  readShare?: () => number;
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
 * Files people attach by mistake, by their first bytes: refused as what they are rather than
 * as text in some unknown encoding.
 */
const NOT_TABLES: readonly { kind: string; magic: number[] }[] = [
  { kind: 'PNG', magic: [0x89, 0x50, 0x4e, 0x47] },
  { kind: 'JPEG', magic: [0xff, 0xd8, 0xff] },
  { kind: 'GIF', magic: [0x47, 0x49, 0x46, 0x38] },
  { kind: 'PDF', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { kind: 'RAR', magic: [0x52, 0x61, 0x72, 0x21] },
  { kind: '7z', magic: [0x37, 0x7a, 0xbc, 0xaf] },
  { kind: 'gzip', magic: [0x1f, 0x8b] },
];

/**
 * Open an import file's records: CSV (UTF-8 with or without BOM, Windows-1251, cp866 or
 * UTF-16; `;`, `,` or tab, or Excel's `sep=` line) or XLSX (every sheet, read whole), from a
 * path or `-` for stdin (read whole). Bounded: the file by `maxBytes`, a workbook's unpacked
 * size before it is parsed, rows, columns and cell length while reading (InputError, exit 3).
 * A CSV's encoding and delimiter are told from its beginning (and, for UTF-8, a check of all
 * its bytes); its records are read on demand. Of what reading a CSV refuses, an encoding the
 * text does not read in comes first, then the first syntax or bounds error: the same refusal
 * as when the file was read whole.
 */
export async function readSource(path: string, options: ReadTableOptions = {}): Promise<Source> {
  const name = path === '-' ? t('io_stdin') : path;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const limits = { ...DEFAULT_READ_LIMITS, ...options.limits };
  const bytes = path === '-' ? bytesInMemory(await readStdin(name, maxBytes)) : fileBytes(path, maxBytes);

  if (startsWith(bytes.head, [0xd0, 0xcf, 0x11, 0xe0]) || extname(path).toLowerCase() === '.xls') {
    // An OLE container: Excel 97–2003, or an XLSX with a password (which Excel encrypts this way).
    throw new InputError('format_unsupported', { name }, { file: path });
  }
  const kind = NOT_TABLES.find((k) => startsWith(bytes.head, k.magic));
  if (kind) throw new InputError('not_a_table', { name, kind: kind.kind }, { file: path, kind: kind.kind });
  const isZip = startsWith(bytes.head, [0x50, 0x4b, 0x03, 0x04]);
  if (isZip || ['.xlsx', '.xlsm'].includes(extname(path).toLowerCase())) {
    if (!isZip) throw notXlsx(name, path);
    return { format: 'xlsx', name, sheets: await readXlsx(bytes.whole(), name, path, limits) };
  }
  return openCsv(bytes, name, options.encoding ?? 'auto', limits, options.headerRow);
}

/**
 * `err` (say, no header), unless reading the rest of the source is refused: a refusal found
 * anywhere in a CSV comes first, as when the file was read whole. A refusal of reading
 * itself is returned as it is, without reading the file again.
 */
export function afterReading(source: Source, err: unknown): unknown {
  if (!isReadRefusal(err)) for (const sheet of source.sheets) for (const _ of sheet.records);
  return err;
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

/** What one pass over a table's data rows met. */
export interface TableScan {
  rows: number;
  /** Rows hidden in the workbook: handed over with `hidden: 'include'`, else left out. */
  hiddenRows: number[];
  /** Total rows («Итого: 7») left out. */
  totalRows: number[];
}

/** A table whose data rows are read on demand (a CSV from its file, a chunk at a time). */
export interface TableStream extends Omit<Table, 'rows' | 'hiddenRows' | 'totalRows'> {
  /**
   * Read the data rows, in order, handing each to `visit` (its cells padded to the header's
   * width); a CSV is read from its file again, and what reading refuses is thrown on the way.
   * `onProgress` hears the rows done and the rows expected (estimated from the share of the
   * file read, exact at the end).
   */
  scan(visit: (row: TableRow) => void, onProgress?: (done: number, total: number) => void): TableScan;
}

/**
 * A sheet's table, read whole: see openTable. Header errors come after any refusal of the
 * file's reading (see afterReading).
 */
export function shapeTable<F extends string>(source: Source, sheet: SheetRecords, options: Pick<ReadTableOptions, 'headerRow' | 'hidden'> = {}, fields?: Record<F, FieldSpec>): Table {
  let stream: TableStream;
  try {
    stream = openTable(source, sheet, options, fields);
  } catch (err) {
    throw afterReading(source, err);
  }
  const { scan, ...table } = stream;
  const rows: TableRow[] = [];
  const { hiddenRows, totalRows } = scan((row) => rows.push(row));
  return { ...table, rows, hiddenRows, totalRows };
}

/**
 * A sheet's table: the header row (`options.headerRow`, else the row naming the most of
 * `fields` among the first 20 filled ones, a header split over two rows combined; without
 * `fields`, or when no row names enough of them, the first filled row), then, on each scan,
 * the data rows under it without total rows and, unless `hidden: 'include'`, without hidden
 * rows; short rows padded to the header's width. Only the records up to the header are read
 * here. InputError `header_row_empty`, `no_header`.
 */
export function openTable<F extends string>(source: Source, sheet: SheetRecords, options: Pick<ReadTableOptions, 'headerRow' | 'hidden'> = {}, fields?: Record<F, FieldSpec>): TableStream {
  let header: TableRow | undefined;
  let headers: string[];
  let labels: string[] | undefined;
  let headerGuess: HeaderNotFound | undefined;
  if (options.headerRow !== undefined) {
    for (const r of sheet.records) {
      if (r.row === options.headerRow) header = r;
      if (r.row >= options.headerRow) break;
    }
    if (!header) throw new InputError('header_row_empty', { file: source.name, row: options.headerRow, sheet: sheet.name }, { file: source.name, row: options.headerRow, sheet: sheet.name });
    headers = header.cells;
  } else {
    // The header is searched for among the first records (and the row under the last of them).
    const first: TableRow[] = [];
    for (const r of sheet.records) if (first.push(r) > HEADER_SCAN) break;
    if (first.length === 0) throw new InputError('no_header', { name: sheet.name ? `${source.name} (${sheet.name})` : source.name }, { file: source.name, sheet: sheet.name || undefined });
    const found = fields ? findHeaderRow(first.map((r) => r.cells), fields, { maxScan: HEADER_SCAN }) : undefined;
    if (found?.found) {
      header = first[found.index];
      headers = found.headers;
      labels = found.labels;
    } else {
      header = first[0];
      headers = header.cells;
      headerGuess = found;
    }
  }
  const headerRow = header.row;
  const width = headers.length;
  return {
    format: source.format,
    ...(source.encoding ? { encoding: source.encoding, delimiter: source.delimiter } : { sheet: sheet.name }),
    headers,
    labels: labels ?? headers,
    headerRow,
    ...(headerGuess ? { headerGuess } : {}),
    scan(visit, onProgress) {
      const seen: TableScan = { rows: 0, hiddenRows: [], totalRows: [] };
      const inMemory = Array.isArray(sheet.records) ? sheet.records.length : 0;
      let records = 0;
      for (const r of sheet.records) {
        records++;
        if (r.row <= headerRow) continue;
        if (isTotalRow(r.cells)) {
          seen.totalRows.push(r.row);
          continue;
        }
        if (sheet.hiddenRows.has(r.row)) {
          seen.hiddenRows.push(r.row);
          if (options.hidden !== 'include') continue;
        }
        while (r.cells.length < width) r.cells.push('');
        visit(r);
        seen.rows++;
        if (onProgress) {
          const share = sheet.readShare ? sheet.readShare() : records / inMemory;
          onProgress(seen.rows, share > 0 ? Math.max(seen.rows, Math.round(seen.rows / share)) : seen.rows);
        }
      }
      onProgress?.(seen.rows, seen.rows);
      return seen;
    },
  };
}

/** How many filled records from the top may hold the header (findHeaderRow's default). */
const HEADER_SCAN = 20;

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
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
