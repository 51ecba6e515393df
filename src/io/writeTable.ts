import { extname } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { UsageError } from '../core/errors.js';
import { writeFileAtomic } from './atomicWrite.js';
import { neutralizeFormula } from './formulaGuard.js';

export { neutralizeFormula } from './formulaGuard.js';

export type Cell = string | number | null | undefined;

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
  /** CSV delimiter; default `;` (tab for `.tsv`). */
  delimiter?: string;
}

/**
 * Write one table as CSV or XLSX, atomically (or to stdout for `-`). Every string cell,
 * headers included, passes the formula guard; numbers stay numbers.
 *
 * CSV is what Russian Excel opens by double-click: UTF-8 with a BOM, `;`, CRLF, and a decimal
 * comma unless the delimiter is `,` (with `;` Excel reads `4.5` as the date 4 May).
 */
export async function writeTable(path: string, sheet: SheetData, options: WriteTableOptions = {}): Promise<void> {
  const { data, format } = await tableBytes(path, sheet, options);
  if (path !== '-') {
    writeFileAtomic(path, data, { mode: options.mode, force: options.force });
    return;
  }
  if (format === 'xlsx' && process.stdout.isTTY) {
    throw new UsageError('binary_to_terminal');
  }
  await new Promise<void>((done, fail) => process.stdout.write(data, (err) => (err ? fail(err) : done())));
}

/** What writeTable would write to `path`: the bytes (or text) and the format chosen. */
export async function tableBytes(path: string, sheet: SheetData, options: Omit<WriteTableOptions, 'mode' | 'force'> = {}): Promise<{ data: string | Uint8Array; format: 'csv' | 'xlsx' }> {
  const ext = path === '-' ? '' : extname(path).toLowerCase();
  const format = options.format ?? (ext === '.xlsx' || ext === '.xlsm' ? 'xlsx' : 'csv');
  const data = format === 'xlsx' ? await xlsxBytes(sheet) : csvText(sheet, options.delimiter ?? (ext === '.tsv' ? '\t' : ';'));
  return { data, format };
}

function csvText(sheet: SheetData, delimiter: string): string {
  const decimalComma = delimiter !== ',';
  const cell = (value: Cell): string => {
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return '';
      return decimalComma ? String(value).replace('.', ',') : String(value);
    }
    return neutralizeFormula(value ?? '');
  };
  const records = [sheet.headers, ...sheet.rows].map((row) => row.map(cell));
  return (
    '\ufeff' +
    stringify(records, {
      delimiter,
      record_delimiter: 'windows',
      // Quote every field holding any candidate delimiter or line break, not only the one in
      // use: then the reader's delimiter detection can never be misled by our own files.
      quoted_match: /[;,\t\r\n]/,
    })
  );
}

async function xlsxBytes(sheet: SheetData): Promise<Uint8Array> {
  const XLSX = await import('xlsx');
  const cell = (value: Cell): string | number | null =>
    typeof value === 'number' ? (Number.isFinite(value) ? value : null) : value == null ? null : neutralizeFormula(value);
  const aoa = [sheet.headers, ...sheet.rows].map((row) => row.map(cell));
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  // Column widths from the longest text, so the printed sheet is readable without fiddling.
  const wch: number[] = [];
  for (const row of aoa) {
    row.forEach((v, c) => (wch[c] = Math.max(wch[c] ?? 8, Math.min(60, String(v ?? '').length + 2))));
  }
  ws['!cols'] = Array.from(wch, (w) => ({ wch: w ?? 8 }));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, sheetName(sheet.name));
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Uint8Array;
}

/** Excel's rules: at most 31 characters, none of `[]:*?/\`, no apostrophe at either end, not empty. */
function sheetName(name: string | undefined): string {
  const clean = (name ?? '')
    .replace(/[[\]:*?/\\]/g, '_')
    .slice(0, 31)
    .replace(/^[\s']+|[\s']+$/g, '');
  return clean || 'Sheet1';
}
