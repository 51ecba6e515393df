/**
 * Every sheet of an XLSX workbook as a grid of cell texts, for layouts that are not one
 * header row over records (a journal page: students in rows, lesson dates in columns).
 * Dates come out as ISO text, numbers as shown; cells keep their Excel address (`D7`).
 */
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import type { CellObject } from 'xlsx';
import { InputError } from '../core/errors.js';
import { stripFormulaGuard } from './formulaGuard.js';

export interface SheetGrid {
  name: string;
  /** cells[r][c], 0-based; the Excel row is r + 1. */
  cells: string[][];
}

/** `D7` for row index 6, column index 3. */
export function cellAddress(row: number, column: number): string {
  let name = '';
  for (let c = column + 1; c > 0; c = Math.floor((c - 1) / 26)) name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
  return `${name}${row + 1}`;
}

function text(cell: CellObject | undefined): string {
  if (!cell || cell.v == null) return '';
  const { t, v, w } = cell;
  if (v instanceof Date) return v.getUTCFullYear() < 1900 ? (w ?? '') : v.toISOString().slice(0, 10);
  if (t === 'n' && typeof v === 'number') return w && /^-?\d+(\.\d+)?$/.test(w) ? w : String(v);
  if (t === 's') return String(v);
  return w ?? String(v);
}

/** Read every sheet of an XLSX file (not CSV: a grid has one sheet per group and subject). */
export async function readWorkbook(path: string, maxBytes: number): Promise<SheetGrid[]> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new InputError('journal_file_not_found', { file: path });
  }
  if (size > maxBytes) throw new InputError('journal_file_too_large', { file: path, limit: maxBytes });
  if (!['.xlsx', '.xlsm'].includes(extname(path).toLowerCase())) throw new InputError('journal_grid_needs_xlsx', { file: path });
  const XLSX = await import('xlsx');
  let wb;
  try {
    wb = XLSX.read(readFileSync(path), { type: 'buffer', dense: true, cellDates: true, UTC: true, cellFormula: false, cellHTML: false });
  } catch {
    throw new InputError('journal_grid_needs_xlsx', { file: path });
  }
  return wb.SheetNames.map((name) => {
    const ws = wb.Sheets[name];
    const data = ws['!data'] ?? [];
    const cells = Array.from(data, (line) => Array.from(line ?? [], (c) => stripFormulaGuard(text(c)).trim()));
    return { name, cells };
  });
}
