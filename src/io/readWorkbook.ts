/**
 * Every sheet of an XLSX workbook as a grid of cell texts, for layouts that are not one
 * header row over records (a journal page: students in rows, lesson dates in columns).
 * Read as an import's table is read (src/io/xlsxSheets.ts): the same bounds on the ZIP and
 * on every sheet, dates in the workbook's own date system as ISO text, numbers as shown;
 * cells keep their Excel address (`D7`).
 */
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { InputError } from '../core/errors.js';
import { DEFAULT_READ_LIMITS, type ReadLimits } from './readTable.js';
import { loadWorkbook } from './xlsxSheets.js';

export interface SheetGrid {
  name: string;
  /** cells[r][c], 0-based; the Excel row is r + 1. Rows and cells with nothing are ''. */
  cells: string[][];
}

/** `D7` for row index 6, column index 3. */
export function cellAddress(row: number, column: number): string {
  let name = '';
  for (let c = column + 1; c > 0; c = Math.floor((c - 1) / 26)) name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
  return `${name}${row + 1}`;
}

/**
 * Read every sheet of an XLSX file (not CSV: a grid has one sheet per group and subject).
 * Refused (InputError, exit 3): a file over `maxBytes` or missing, not a workbook, and what
 * the import bounds refuse (`limits`, default DEFAULT_READ_LIMITS: a ZIP bomb, too many rows,
 * cells or columns, a cell too long).
 */
export async function readWorkbook(path: string, maxBytes: number, limits: Partial<ReadLimits> = {}): Promise<SheetGrid[]> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new InputError('journal_file_not_found', { file: path });
  }
  if (size > maxBytes) throw new InputError('journal_file_too_large', { file: path, limit: maxBytes });
  if (!['.xlsx', '.xlsm'].includes(extname(path).toLowerCase())) throw new InputError('journal_grid_needs_xlsx', { file: path });
  const wb = await loadWorkbook(readFileSync(path), path, { ...DEFAULT_READ_LIMITS, ...limits }, () => new InputError('journal_grid_needs_xlsx', { file: path }));
  return wb.sheets.map((sheet) => {
    const cells: string[][] = [];
    for (const row of wb.rows(sheet)) {
      while (cells.length < row.r) cells.push([]);
      cells.push([...new Array<string>(row.firstColumn).fill(''), ...row.cells]);
    }
    return { name: sheet.name, cells };
  });
}
