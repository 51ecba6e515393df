import { extname } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { UsageError } from '../core/errors.js';
import { writeFileAtomic } from './atomicWrite.js';
import { formatDate, type IsoDate } from '../domain/dates.js';
import { neutralizeFormula } from './formulaGuard.js';
import { xlsxBytes } from './xlsxWriter.js';

export { neutralizeFormula } from './formulaGuard.js';

export type Cell = string | number | null | undefined | { date: IsoDate };

export interface SheetData {
  /** XLSX sheet name (cleaned to Excel's rules); ignored for CSV. */
  name?: string;
  headers: string[];
  rows: Cell[][];
}

export interface WriteTableOptions {
  /** Default: from the extension (`.xlsx`/`.xlsm` → xlsx, anything else and `-` → csv). */
  format?: 'csv' | 'xlsx';
  /** File mode, e.g. 0o600 for credentials. */
  mode?: number;
  /** Overwrite an existing file. */
  force?: boolean;
  /** CSV delimiter; default `;` for Excel (tab for `.tsv`), `,` for plain CSV. */
  delimiter?: string;
  /**
   * CSV for Excel (default): a BOM, `;`, CRLF, a decimal comma, dates as 01.09.2025. `plain`:
   * UTF-8 without a BOM, `,`, LF, `4.5`, ISO dates — what scripts read.
   */
  csvStyle?: 'excel' | 'plain';
}

/**
 * Write one table as CSV or XLSX, atomically (or to stdout for `-`). Every string cell,
 * headers included, passes the formula guard; numbers stay numbers, dates stay dates.
 *
 * CSV for Excel is what Russian Excel opens by double-click: UTF-8 with a BOM, `;`, CRLF, and
 * a decimal comma unless the delimiter is `,` (with `;` Excel reads `4.5` as the date 4 May).
 */
export async function writeTable(path: string, sheet: SheetData, options: WriteTableOptions = {}): Promise<void> {
  const { data, format } = await tableBytes(path, sheet, options);
  await writeBytes(path, data, format, options);
}

/** What writeTable would write to `path`: the bytes (or text) and the format chosen. */
export async function tableBytes(path: string, sheet: SheetData, options: Omit<WriteTableOptions, 'mode' | 'force'> = {}): Promise<{ data: string | Uint8Array; format: 'csv' | 'xlsx' }> {
  const ext = path === '-' ? '' : extname(path).toLowerCase();
  const format = options.format ?? (ext === '.xlsx' || ext === '.xlsm' ? 'xlsx' : 'csv');
  const plain = options.csvStyle === 'plain';
  const data = format === 'xlsx' ? tableXlsx(sheet) : csvText([sheet.headers, ...sheet.rows], { delimiter: options.delimiter ?? (ext === '.tsv' ? '\t' : plain ? ',' : ';'), plain });
  return { data, format };
}

/** Write bytes made elsewhere (a report's XLSX, PDF, HTML) the way writeTable writes: atomically, or to stdout for `-`. */
export async function writeBytes(path: string, data: string | Uint8Array, format: string, options: { mode?: number; force?: boolean } = {}): Promise<void> {
  if (path !== '-') {
    writeFileAtomic(path, data, { mode: options.mode, force: options.force });
    return;
  }
  if ((format === 'xlsx' || format === 'pdf') && process.stdout.isTTY) {
    throw new UsageError('binary_to_terminal');
  }
  await new Promise<void>((done, fail) => process.stdout.write(data, (err) => (err ? fail(err) : done())));
}

/**
 * CSV text of rows of cells (the first row is usually the header). `plain`: no BOM, LF, a
 * decimal point, ISO dates; else Excel's: BOM, CRLF, a decimal comma unless the delimiter is
 * `,`, dates as 01.09.2025.
 */
export function csvText(records: readonly Cell[][], options: { delimiter: string; plain?: boolean }): string {
  const decimalComma = !options.plain && options.delimiter !== ',';
  const cell = (value: Cell): string => {
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return '';
      return decimalComma ? String(value).replace('.', ',') : String(value);
    }
    if (value && typeof value === 'object') return options.plain ? value.date : formatDate(value.date);
    return neutralizeFormula(value ?? '');
  };
  return (
    (options.plain ? '' : '\ufeff') +
    stringify(
      records.map((row) => row.map(cell)),
      {
        delimiter: options.delimiter,
        record_delimiter: options.plain ? 'unix' : 'windows',
        // Quote every field holding any candidate delimiter or line break, not only the one in
        // use: then the reader's delimiter detection can never be misled by our own files.
        quoted_match: /[;,\t\r\n"]/,
      },
    )
  );
}

/** A plain list as a sheet: bold header row, frozen, borders, typed cells. */
function tableXlsx(sheet: SheetData): Uint8Array {
  return xlsxBytes({
    sheets: [
      {
        name: sheet.name ?? 'Sheet1',
        rows: [{ cells: sheet.headers, role: 'header' }, ...sheet.rows.map((cells) => ({ cells, role: 'body' as const }))],
        freezeRows: 1,
        repeatRows: [0, 0],
      },
    ],
  });
}
