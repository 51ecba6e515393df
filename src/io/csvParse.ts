/**
 * A CSV parser with its bounds checked while it reads: one pass over the text, pushed a chunk
 * at a time, time and memory proportional to what the file holds, so a file built to exhaust
 * them (millions of blank lines, rows of bare `;;;;`, a 4-million-character cell) is refused,
 * or costs nothing, instead of taking minutes and gigabytes.
 *
 * The dialect is Excel's: a field that starts with `"` is quoted (`""` inside is one quote,
 * line breaks and delimiters are text); a quote elsewhere is an ordinary character; records
 * end at CRLF, LF or a lone CR. After a closing quote, anything up to the delimiter is kept as
 * text, as Excel does. Records are numbered as Excel numbers rows: a quoted line break does
 * not start a new one, blank lines do count.
 */
import { AppError, InputError } from '../core/errors.js';
import { t } from '../core/i18n.js';

export interface TextLimits {
  /** Rows a table may have (every record up to the last, blank ones included). */
  maxRows: number;
  /** Cells in one row. */
  maxColumns: number;
  /** Characters in one cell. */
  maxCellChars: number;
}

export const DEFAULT_TEXT_LIMITS: TextLimits = { maxRows: 200_000, maxColumns: 1_000, maxCellChars: 10_000 };

export interface CsvRecord {
  /** The record's number, as Excel numbers rows (1-based). */
  row: number;
  /** Cells as written (not trimmed). */
  cells: string[];
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * The records of a text read in chunks, each handed back once it is complete. What comes out,
 * and every refusal, is what reading the whole text at once gives: InputError
 * `table_too_many_rows`, `table_too_many_columns`, `table_cell_too_long` as soon as a limit is
 * passed, and `csv_malformed` (with `line`, the physical line where the quote opened) for a
 * quoted field never closed. Only records that hold anything but empty cells come out (blank
 * ones are counted, not kept); their cells share no memory with the text pushed (see
 * detached). `file` names the file in messages; `firstRow` is the number of the first record.
 */
export class CsvParser {
  /** The text not yet parsed: the start of a record that did not end in what came so far. */
  private pending = '';
  /** Parse again only once this much text is pending, so that a record longer than a chunk is not re-read chunk after chunk. */
  private retryAt = 0;
  private row: number;
  private line = 1;
  private readonly d: number;

  constructor(
    delimiter: string,
    private readonly limits: TextLimits,
    private readonly file: string,
    private readonly firstRow = 1,
  ) {
    this.d = delimiter.charCodeAt(0);
    this.row = firstRow - 1;
  }

  /** The records that `chunk`, following the text pushed before, completes; `last`: the text ends with it. */
  push(chunk: string, last: boolean): CsvRecord[] {
    const text = this.pending + chunk;
    const n = text.length;
    if (!last && n < this.retryAt) {
      this.pending = text;
      return [];
    }
    const { d, limits, file, firstRow } = this;
    const out: CsvRecord[] = [];
    let i = 0;
    let row = this.row;
    let line = this.line;
    // Where the record under way started: one that runs into the end of a chunk (not of the
    // text) is parsed again with the next chunk.
    let recordStart = 0;
    let recordLine = line;
    let incomplete = false;
    records: while (i < n) {
      recordStart = i;
      recordLine = line;
      row++;
      if (row - firstRow + 1 > limits.maxRows) throw new InputError('table_too_many_rows', { file, limit: limits.maxRows });
      // One record. Empty cells before the first filled one are only counted: a row of bare
      // delimiters allocates nothing.
      let cells: string[] | undefined;
      let pendingEmpty = 0;
      let column = 0;
      let atEnd = false;
      while (!atEnd) {
        column++;
        if (column > limits.maxColumns) throw new InputError('table_too_many_columns', { file, row, limit: limits.maxColumns });
        let value: string;
        if (text.charCodeAt(i) === QUOTE) {
          const openedAt = line;
          let parts = '';
          let from = ++i;
          for (;;) {
            const q = text.indexOf('"', i);
            if (q < 0 && !last) {
              incomplete = true;
              break records;
            }
            if (q < 0) throw new InputError('csv_malformed', { name: file, line: openedAt, reason: t('io_quote_not_closed') }, { file, line: openedAt, reason: 'CSV_QUOTE_NOT_CLOSED' });
            line += countLines(text, i, q);
            if (text.charCodeAt(q + 1) === QUOTE) {
              parts += text.slice(from, q + 1);
              i = from = q + 2;
            } else {
              parts += text.slice(from, q);
              i = q + 1;
              break;
            }
            if (parts.length > limits.maxCellChars) throw tooLong(file, row, column, parts.length, limits);
          }
          // Text after the closing quote, up to the delimiter, belongs to the cell.
          const start = i;
          while (i < n) {
            const c = text.charCodeAt(i);
            if (c === d || c === LF || c === CR) break;
            i++;
          }
          value = start === i ? parts : parts + text.slice(start, i);
        } else {
          const start = i;
          while (i < n) {
            const c = text.charCodeAt(i);
            if (c === d || c === LF || c === CR) break;
            i++;
          }
          value = text.slice(start, i);
        }
        // The cell (a quote at the end may be the first of `""`), or the record (a CR may be the
        // first of CRLF), may go on in the next chunk.
        if (!last && (i === n || (i + 1 === n && text.charCodeAt(i) === CR))) {
          incomplete = true;
          break records;
        }
        if (value.length > limits.maxCellChars) throw tooLong(file, row, column, value.length, limits);
        if (i >= n) atEnd = true;
        else {
          const c = text.charCodeAt(i);
          if (c === d) i++;
          else {
            i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
            line++;
            atEnd = true;
          }
        }
        if (isBlank(value)) {
          if (cells) cells.push(detached(value));
          else pendingEmpty++;
        } else {
          if (!cells) {
            cells = new Array<string>(pendingEmpty).fill('');
            pendingEmpty = 0;
          }
          cells.push(detached(value));
        }
      }
      if (cells) out.push({ row, cells });
    }
    if (incomplete) {
      i = recordStart;
      line = recordLine;
      row--;
    }
    this.pending = text.slice(i);
    this.retryAt = this.pending.length * 2;
    this.row = row;
    this.line = line;
    return out;
  }
}

/**
 * A copy of `s` that shares no memory with the text it was cut from. V8 makes a slice of 13
 * characters or more a view into its parent: a cell kept (a cache key, a message) would keep
 * its whole chunk alive. Joining a one-element array copies.
 */
function detached(s: string): string {
  return s.length < 13 ? s : [s].join('');
}

/** Whether a cell is empty once trimmed (String#trim's whitespace, the non-breaking space included). */
function isBlank(value: string): boolean {
  return value.length === 0 || value.trim().length === 0;
}

function countLines(text: string, from: number, to: number): number {
  let lines = 0;
  for (let j = from; j < to; j++) {
    const c = text.charCodeAt(j);
    if (c === LF || (c === CR && text.charCodeAt(j + 1) !== LF)) lines++;
  }
  return lines;
}

function tooLong(file: string, row: number, column: number, length: number, limits: TextLimits): AppError {
  return new InputError('table_cell_too_long', { file, row, column: String(column), length, limit: limits.maxCellChars });
}
