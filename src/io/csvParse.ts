/**
 * A CSV parser with its bounds checked while it reads: one pass over the text, time and
 * memory proportional to what the file holds, so a file built to exhaust them (millions of
 * blank lines, rows of bare `;;;;`, a 4-million-character cell) is refused, or costs nothing,
 * instead of taking minutes and gigabytes.
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
 * The records of `text` that hold anything but empty cells (blank records are counted, not
 * kept). Throws InputError `table_too_many_rows`, `table_too_many_columns`,
 * `table_cell_too_long` as soon as a limit is passed, and `csv_malformed` (with `line`, the
 * physical line where the quote opened) for a quoted field never closed. `file` names the
 * file in messages; `firstRow` is the number of the first record (2 after a `sep=` line
 * that Excel does not show).
 */
export function parseCsvRecords(text: string, delimiter: string, limits: TextLimits, file: string, firstRow = 1): CsvRecord[] {
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  const out: CsvRecord[] = [];
  let i = 0;
  let row = firstRow - 1;
  let line = 1;
  while (i < n) {
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
        if (cells) cells.push(value);
        else pendingEmpty++;
      } else {
        if (!cells) {
          cells = new Array<string>(pendingEmpty).fill('');
          pendingEmpty = 0;
        }
        cells.push(value);
      }
    }
    if (cells) out.push({ row, cells });
  }
  return out;
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
