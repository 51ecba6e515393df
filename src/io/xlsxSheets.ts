/**
 * Reading a workbook, shared by the two XLSX readers (an import's table, src/io/readTable.ts,
 * and a journal page's grid, src/io/readWorkbook.ts), so both have the same bounds and read a
 * cell the same way:
 *
 * - the ZIP's directory checked before SheetJS inflates a byte (checkXlsxBounds: a bomb, an
 *   unpacked size over the limit), then at most `maxRows` + 1 rows parsed per sheet, and while
 *   walking, rows, filled cells, columns and cell length counted (createSheetBudget);
 * - a date cell is a number in a date format, turned into its day by excelSerialToIso in the
 *   workbook's own date system (1900, or 1904 as Mac Excel saved them): no Date object, no
 *   time zone; a time on a date is dropped, a time of day alone (`h:mm`) keeps its text;
 * - a whole number in a digit pattern (`000-000-000 00`, `+7 (###) ###-##-##`) as Excel shows
 *   it; other numbers as a plain decimal (never `1.12E+10`);
 * - our own formula guard undone and the text trimmed.
 */
import type { CellObject, WorkBook, WorkSheet } from 'xlsx';
import { AppError, InputError } from '../core/errors.js';
import { excelSerialToIso } from '../domain/dates.js';
import { renderDigitFormat } from '../domain/excelNumbers.js';
import { stripFormulaGuard } from './formulaGuard.js';
import { checkXlsxBounds, createSheetBudget, type XlsxLimits } from './xlsxLimits.js';

/** What a workbook may hold: the sheet bounds and the ZIP's. */
export interface WorkbookLimits {
  maxRows: number;
  maxColumns: number;
  maxCellChars: number;
  xlsx: Partial<XlsxLimits>;
}

export interface LoadedSheet {
  name: string;
  /** Hidden or very hidden in the workbook. */
  hidden: boolean;
  ws: WorkSheet | undefined;
}

export interface LoadedWorkbook {
  sheets: LoadedSheet[];
  /** The workbook counts days from 1904-01-01 (Mac Excel's date system). */
  date1904: boolean;
  /** A cell's text as the readers take it (see the module note). */
  text(cell: CellObject | undefined): string;
  /** A sheet's filled rows within its declared range, bounded (see filledRows). */
  rows(sheet: LoadedSheet): FilledRow[];
}

/** One row with something in it: `r` 0-based; `cells[i]` is column `firstColumn + i`. */
export interface FilledRow {
  r: number;
  firstColumn: number;
  cells: string[];
  /** Hidden in the workbook (by a filter or by hand). */
  hidden: boolean;
}

/**
 * Parse a workbook's bytes within `limits` (`file` names it in messages). Not a workbook, or
 * a ZIP whose directory is damaged: `invalid()` is thrown. Every other refusal is an
 * InputError with its own code (exit 3).
 */
export async function loadWorkbook(bytes: Buffer, file: string, limits: WorkbookLimits, invalid: () => AppError): Promise<LoadedWorkbook> {
  try {
    checkXlsxBounds(bytes, limits.xlsx, file);
  } catch (err) {
    if (err instanceof AppError && err.code === 'xlsx_zip_invalid') throw invalid();
    throw err;
  }
  const XLSX = await import('xlsx');
  let wb: WorkBook;
  try {
    // cellDates off: date cells stay serial numbers, read below in the workbook's date system.
    // cellStyles: the rows hidden by a filter; cellNF: number formats (`000-000-000 00`, dates).
    wb = XLSX.read(bytes, { type: 'buffer', dense: true, cellDates: false, cellFormula: false, cellHTML: false, cellStyles: true, cellNF: true, sheetRows: limits.maxRows + 1 });
  } catch {
    throw invalid();
  }
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const states = wb.Workbook?.Sheets ?? [];
  const dateFormats = new Map<string, boolean>();
  const isDate = (format: string): boolean => {
    let yes = dateFormats.get(format);
    if (yes === undefined) {
      yes = Boolean(XLSX.SSF.is_date(format));
      dateFormats.set(format, yes);
    }
    return yes;
  };
  const text = (cell: CellObject | undefined) => clean(cellText(cell, date1904, isDate));
  return {
    sheets: wb.SheetNames.map((name, i) => ({ name, hidden: Boolean(states[i]?.Hidden), ws: wb.Sheets[name] })),
    date1904,
    text,
    rows: (sheet) => filledRows(sheet.ws, text, limits, file, XLSX.utils.decode_range),
  };
}

/**
 * The rows of a sheet that hold a filled cell, walking the stored cells, not the declared
 * range (formatting can stretch `!ref` to a million rows). Bounded by `limits` as it goes:
 * `xlsx_too_many_rows`, `xlsx_too_many_cells`, `xlsx_cell_too_long`, `table_too_many_columns`.
 */
function filledRows(
  ws: WorkSheet | undefined,
  text: (cell: CellObject | undefined) => string,
  limits: WorkbookLimits,
  file: string,
  decodeRange: (ref: string) => { s: { r: number; c: number }; e: { r: number; c: number } },
): FilledRow[] {
  const out: FilledRow[] = [];
  if (!ws?.['!ref']) return out;
  const range = decodeRange(ws['!ref']);
  const data = (ws['!data'] ?? []) as (CellObject[] | undefined)[];
  const rowInfo = ws['!rows'] ?? [];
  const budget = createSheetBudget({ maxRows: limits.maxRows, maxCellChars: limits.maxCellChars }, file);
  for (let r = range.s.r; r < data.length && r <= range.e.r; r++) {
    const line = data[r];
    if (!line) continue;
    let cells: string[] | undefined;
    for (let c = range.s.c; c < line.length && c <= range.e.c; c++) {
      const value = text(line[c]);
      if (value === '') continue;
      if (!cells) {
        budget.row(r);
        cells = [];
      }
      if (c - range.s.c >= limits.maxColumns) throw new InputError('table_too_many_columns', { file, row: r + 1, limit: limits.maxColumns });
      budget.cell(value, r, c);
      while (cells.length < c - range.s.c) cells.push('');
      cells.push(value);
    }
    if (cells) out.push({ r, firstColumn: range.s.c, cells, hidden: Boolean(rowInfo[r]?.hidden) });
  }
  return out;
}

/** A decimal as shown without grouping or exponent: `11223344595`, `012345`, `2.50`. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * A cell's text: a date cell's ISO day in the workbook's date system (`date1904`), else as
 * Excel shows it (see the module note). `isDate` tells a date format (SheetJS's SSF.is_date).
 */
export function cellText(cell: CellObject | undefined, date1904: boolean, isDate: (format: string) => boolean): string {
  if (!cell || cell.v == null) return '';
  const { t, v, w, z } = cell;
  if (v instanceof Date) return v.getUTCFullYear() < 1900 ? (w ?? '') : v.toISOString().slice(0, 10);
  if (t === 'n' && typeof v === 'number') {
    if (typeof z === 'string' && isDate(z)) {
      // The day the moment falls on, to the millisecond as Excel shows it (23:59:59 stays on
      // its day; a time on a date is dropped, as it always was). Under one day: a time alone.
      const day = Math.floor(Math.round(v * 86_400_000) / 86_400_000);
      return (v >= 1 ? excelSerialToIso(day, date1904) : undefined) ?? w ?? String(v);
    }
    // A whole number in a digit pattern (`000-000-000 00`, `+7 (###) ###-##-##`) as Excel shows it.
    if (typeof z === 'string' && Number.isInteger(v)) {
      const shown = renderDigitFormat(v, z);
      if (shown !== undefined) return shown;
    }
    // The displayed text when it is a plain decimal (keeps leading zeros and fixed decimals),
    // else the value itself: never `1.12E+10` or `1,234,567.89`.
    if (w && PLAIN_NUMBER.test(w)) return w;
    return v.toLocaleString('en-US', { useGrouping: false, maximumSignificantDigits: 15 });
  }
  if (t === 's') return String(v);
  return w ?? String(v); // booleans (TRUE/FALSE) and errors (#N/A) as Excel shows them
}

/** A cell's text as every reader takes it: our own formula guard undone, then trimmed (String#trim covers the non-breaking space too). */
export function clean(cell: string): string {
  // Most cells begin and end with a letter, digit or sign: nothing to undo or trim.
  if (plainEnd(cell.charCodeAt(0)) && cell.charCodeAt(0) !== APOSTROPHE && plainEnd(cell.charCodeAt(cell.length - 1))) return cell;
  return stripFormulaGuard(cell).trim();
}

const APOSTROPHE = 39;

/** A printable ASCII character other than the space, or a Cyrillic letter: not whitespace. */
function plainEnd(code: number): boolean {
  return (code > 32 && code < 127) || (code >= 0x400 && code <= 0x4ff);
}
