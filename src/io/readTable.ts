import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { AppError, InputError } from '../core/errors.js';
import { t } from '../core/i18n.js';
import type { FieldSpec } from '../domain/fields.js';
import { findHeaderRow, isTotalRow, sepHint, type HeaderNotFound } from '../domain/tableShape.js';
import { CsvParser, DEFAULT_TEXT_LIMITS, type CsvRecord, type TextLimits } from './csvParse.js';
import { ChunkDecoder, HEAD_BYTES, resolveEncoding, type ChunkDecoderOptions, type EncodingChoice, type TextEncoding } from './encoding.js';
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
  const isZip = startsWith(bytes.head, [0x50, 0x4b, 0x03, 0x04]);
  if (isZip || ['.xlsx', '.xlsm'].includes(extname(path).toLowerCase())) {
    if (!isZip) throw notXlsx(name, path);
    return { format: 'xlsx', name, sheets: await readXlsx(bytes.whole(), name, path, limits) };
  }
  return openCsv(bytes, name, options.encoding ?? 'auto', limits);
}

/**
 * `err` (say, no header), unless reading the rest of the source is refused: a refusal found
 * anywhere in a CSV comes first, as when the file was read whole. A refusal of reading
 * itself is returned as it is, without reading the file again.
 */
export function afterReading(source: Source, err: unknown): unknown {
  if (!readRefusals.has(err as object)) for (const sheet of source.sheets) for (const _ of sheet.records);
  return err;
}

/** The errors a pass over a CSV's records threw. */
const readRefusals = new WeakSet<object>();

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

const QUOTE = 34;

/** Bytes a CSV is read in at a time. */
const CHUNK_BYTES = 64 * 1024;

/** A file's bytes: its beginning at hand, the rest read a pass at a time. */
interface Bytes {
  /** The first HEAD_BYTES (all of them in a shorter file). */
  head: Uint8Array;
  /** Every byte from the start, a chunk at a time; a chunk is good until the next one is asked for. */
  chunks(): Generator<Uint8Array>;
  /** How much of the file the pass under way has read (0–1). */
  readShare(): number;
  /** All the bytes at once (a workbook is read whole). */
  whole(): Buffer;
}

/** A file on disk. Stat first, so an oversized file is refused before a byte of it is read. */
function fileBytes(path: string, maxBytes: number): Bytes {
  const unreadable = (why: string) => new InputError('file_unreadable', { file: path, reason: why }, { file: path });
  const reading = <T>(read: () => T): T => {
    try {
      return read();
    } catch (err) {
      throw unreadable((err as Error).message);
    }
  };
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
  let read = 0;
  function* chunks(): Generator<Uint8Array> {
    const fd = reading(() => openSync(path, 'r'));
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    read = 0;
    try {
      for (;;) {
        const n = reading(() => readSync(fd, buffer, 0, CHUNK_BYTES, null));
        if (n === 0) return;
        read += n;
        if (read > maxBytes) throw tooLarge(path, path, maxBytes); // it grew since
        yield buffer.subarray(0, n);
      }
    } finally {
      closeSync(fd);
    }
  }
  const head = reading(() => {
    const fd = openSync(path, 'r');
    try {
      const buffer = Buffer.alloc(Math.min(size, HEAD_BYTES));
      return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0));
    } finally {
      closeSync(fd);
    }
  });
  return { head, chunks, readShare: () => (size ? read / size : 1), whole: () => reading(() => readFileSync(path)) };
}

/** Bytes already read (stdin). */
function bytesInMemory(bytes: Buffer): Bytes {
  let read = 0;
  return {
    head: bytes.subarray(0, HEAD_BYTES),
    *chunks() {
      for (read = 0; read < bytes.length; ) {
        const chunk = bytes.subarray(read, read + CHUNK_BYTES);
        read += chunk.length;
        yield chunk;
      }
    },
    readShare: () => (bytes.length ? read / bytes.length : 1),
    whole: () => bytes,
  };
}

/** Whether all the bytes are UTF-8, read a chunk at a time (a character may straddle two chunks). */
function utf8Throughout(bytes: Bytes): boolean {
  let carry: Uint8Array = new Uint8Array(0);
  for (const chunk of bytes.chunks()) {
    const joined = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    const end = completeUtf8(joined);
    if (!isUtf8(joined.subarray(0, end))) return false;
    carry = Uint8Array.from(joined.subarray(end));
  }
  return carry.length === 0;
}

/** The length of `bytes` without a UTF-8 sequence cut off at its end. */
function completeUtf8(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back];
    if (b < 0x80) break;
    if (b >= 0xc0) return back < (b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2) ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

/**
 * A CSV's source: the encoding and the delimiter told from the file's beginning, the records
 * read from the file on each pass.
 */
function openCsv(bytes: Bytes, name: string, encoding: EncodingChoice | string, limits: TextLimits): Source {
  let utf8: boolean | undefined;
  const decoding: ChunkDecoderOptions = { head: bytes.head, wholeIsUtf8: () => (utf8 ??= utf8Throughout(bytes)), file: name };
  const actual = resolveEncoding(bytes.head, encoding, decoding.wholeIsUtf8);
  const texts = () => decodedChunks(bytes, new ChunkDecoder(actual, decoding));
  const shape = csvShape(texts());
  const { sepLine, delimiter } = shape;
  const records = { [Symbol.iterator]: () => csvRecords(texts(), sepLine, delimiter, limits, name) };
  return { format: 'csv', name, encoding: actual, delimiter, sheets: [{ name: '', hidden: false, records, readShare: bytes.readShare, hiddenRows: new Set() }] };
}

/** A pass over the file's text: each chunk's, and whether the file ends with it. */
function* decodedChunks(bytes: Bytes, decoder: ChunkDecoder): Generator<[string, boolean]> {
  for (const chunk of bytes.chunks()) yield [decoder.decode(chunk, false), false];
  yield [decoder.decode(new Uint8Array(0), true), true];
}

interface CsvShape {
  /** The first line is Excel's `sep=;`, which Excel does not show as a row. */
  sepLine: boolean;
  delimiter: string;
}

/**
 * How the text's beginning shows the CSV's shape: Excel's `sep=;` first line names the
 * delimiter, else DelimiterVote picks it. Read a chunk at a time until it shows (the last
 * chunk always decides); only the first line is kept meanwhile.
 */
function csvShape(texts: Iterable<[string, boolean]>): CsvShape {
  let head = '';
  let retryAt = 0;
  let vote: DelimiterVote | undefined;
  let shape: CsvShape | undefined;
  for (const [chunk, last] of texts) {
    let text = chunk;
    if (!vote) {
      head += chunk;
      // Looked at again once the text has grown fourfold: a first line of megabytes is not searched chunk after chunk.
      if (!last && head.length < retryAt) continue;
      const first = firstLine(head, last);
      retryAt = 4 * head.length;
      if (!first) continue;
      const hint = sepHint(first.line);
      if (hint !== undefined) {
        shape = { sepLine: true, delimiter: hint };
        break;
      }
      vote = new DelimiterVote();
      text = head;
    }
    const delimiter = vote.add(text, last);
    if (delimiter !== undefined) {
      shape = { sepLine: false, delimiter };
      break;
    }
  }
  return shape!;
}

/** The first line and where the next begins, once the text shows where it ends (a CR may be the first of CRLF). */
function firstLine(text: string, complete: boolean): { line: string; next: number } | undefined {
  const end = text.search(/\r|\n/);
  if (end < 0) return complete ? { line: text, next: text.length } : undefined;
  if (end === text.length - 1 && !complete) return undefined;
  return { line: text.slice(0, end), next: end + (text.startsWith('\r\n', end) ? 2 : 1) };
}

/**
 * The filled records of one pass over the file's text, cells cleaned (see clean). A file that
 * does not read in its encoding is refused for that, wherever its CSV goes wrong first.
 */
function* csvRecords(texts: Generator<[string, boolean]>, sepLine: boolean, delimiter: string, limits: TextLimits, name: string): Generator<TableRow> {
  const parser = new CsvParser(delimiter, limits, name);
  let start = sepLine ? '' : undefined;
  try {
    for (const [chunk, last] of texts) {
      let text = chunk;
      if (start !== undefined) {
        start += chunk;
        const first = firstLine(start, last);
        if (!first) continue;
        text = start.slice(first.next);
        start = undefined;
      }
      let records: CsvRecord[];
      try {
        records = parser.push(text, last);
      } catch (err) {
        while (!texts.next().done); // the rest of the text, for its encoding
        throw err;
      }
      for (const record of records) {
        const { cells } = record;
        for (let i = 0; i < cells.length; i++) cells[i] = clean(cells[i]);
        // A cell of only a guard and a tab (`'\t`) is empty once cleaned: so may be its row.
        if (cells.some((c) => c !== '')) yield record;
      }
    }
  } catch (err) {
    if (err instanceof Object) readRefusals.add(err);
    throw err;
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
 * The delimiter of a CSV without a `sep=` line: the candidate that occurs most often outside
 * quotes on the first filled line (a title row Excel saved holds the delimiters too: `Список
 * группы;;;;`); ties go to the earlier of `; , tab` (so a one-column file reads as `;`). A
 * quote opens a quoted field only at the start of a field. Counted by character codes as the
 * text comes, a chunk at a time: a file of nothing but delimiters is read once, and not kept.
 */
class DelimiterVote {
  private readonly counts = [0, 0, 0];
  private inQuotes = false;
  private fieldStart = true;
  private content = false;
  /** A quote inside a quoted field ended the last chunk: the next character tells whether it closes the field or is doubled. */
  private quoteAtEnd = false;

  /** The delimiter once the first filled line has ended (or the text has, `complete`), else undefined. */
  add(text: string, complete: boolean): string | undefined {
    const { counts } = this;
    let i = 0;
    if (this.quoteAtEnd && (text.length > 0 || complete)) {
      this.quoteAtEnd = false;
      if (text.charCodeAt(0) === QUOTE) i = 1;
      else this.inQuotes = false;
    }
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.inQuotes) {
        if (c === QUOTE) {
          if (i + 1 === text.length && !complete) {
            this.quoteAtEnd = true;
            break;
          }
          if (text.charCodeAt(i + 1) === QUOTE) i++;
          else this.inQuotes = false;
        }
        continue;
      }
      const d = c === 59 ? 0 : c === 44 ? 1 : c === 9 ? 2 : -1;
      if (d >= 0) {
        counts[d]++;
        this.fieldStart = true;
      } else if (c === 10 || c === 13) {
        if (this.content) return this.winner();
        counts[0] = counts[1] = counts[2] = 0; // an empty line, or one of bare delimiters, is not the header
        this.fieldStart = true;
      } else {
        if (c === QUOTE && this.fieldStart) this.inQuotes = true;
        // Anything but whitespace (String#trim's, the non-breaking space included).
        if ((c > 32 && c < 127) || (c !== 32 && String.fromCharCode(c).trim() !== '')) this.content = true;
        this.fieldStart = false;
      }
    }
    return complete ? this.winner() : undefined;
  }

  private winner(): string {
    let best = 0;
    this.counts.forEach((n, i) => {
      if (n > this.counts[best]) best = i;
    });
    return DELIMITERS[best];
  }
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
