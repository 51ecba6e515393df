import { AppError, InputError } from '../core/errors.js';
import { t } from '../core/i18n.js';
import { excerpt } from '../core/excerpt.js';
import type { RowIssue } from '../core/rowIssue.js';
import { checkOutput } from './atomicWrite.js';
import { protectInput } from './outputGuard.js';
import { mapColumns, missingList, type ColumnMapping } from './headers.js';
import type { FieldSpec } from '../domain/fields.js';
import { pickSheet, readSource, shapeTable, visibleSheets, type ReadTableOptions, type SheetRecords, type Table, type TableRow } from './readTable.js';
import { writeTable } from './writeTable.js';

/**
 * The plumbing every import (students, staff, guardians, curriculum) shares: read the file,
 * map its columns to fields, require the ones the import cannot do without, warn about the
 * rest; once the rows are checked, the all-or-nothing rule and the `--errors` file.
 */

/** What every import reports: the file, its data rows, what each row did, and the rows refused. */
export interface ImportCounts {
  file: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: RowIssue[];
  dryRun: boolean;
}

/** Where import notes go: a command's Context. */
export interface ImportNotices {
  warn(message: string): void;
  info(message: string): void;
}

/** The flags every import takes, and where its notes go. */
export interface ImportOptions extends ReadTableOptions {
  map?: string;
  /** Import the valid rows and list the rest, instead of refusing the whole file. */
  skipInvalid?: boolean;
  /** Write the rejected rows as they were, with a reason column, to this file. */
  errors?: string;
  /** Replace an existing `errors` file. */
  force?: boolean;
  notices?: ImportNotices;
}

export interface ImportTable<F extends string> {
  file: string;
  rows: TableRow[];
  /** Non-empty headers that no field took (already warned about). */
  ignored: string[];
  has(field: F): boolean;
  /** A row's cell for a field; undefined when the file has no such column. */
  cell(row: TableRow, field: F): string | undefined;
  /** The column a field is in, as the file names it (a split header in full: `Приказ о зачислении / дата`), else as a user would. */
  header(field: F): string;
  /** A problem with a row, named as the user sees the file. */
  issue(row: number, field: F, value: string, reason: string): RowIssue;
  /**
   * The all-or-nothing rule, once every row is checked: sort the rejected rows, write them
   * to `--errors` when asked, and unless `--skip-invalid` refuse the whole file (exit 3)
   * listing each one. `canSkip` is false for an import without `--skip-invalid`.
   */
  settle(rejected: RowIssue[], canSkip?: boolean): Promise<void>;
}

/** How an import was read: which sheet, which header row, what was left out. */
export interface ReadNotes {
  sheet?: string;
  headerRow: number;
  /** Rows hidden in the workbook: left out unless `hidden: 'include'`. */
  hiddenRows: number[];
  hidden: 'include' | 'skip';
  /** Total rows («Итого: 7») left out. */
  totalRows: number[];
}

/**
 * Read an import file and map its columns. The fields marked required, and those `needs`
 * adds (say, a group column unless --group gives one), must have a column: without one the
 * file is refused before any row is read, the message naming the flag that can stand in for
 * the column (`flags`). A workbook without `--sheet` is read from its first visible sheet that
 * has the columns; when none has them, the refusal names every sheet and what it lacks.
 */
export async function readImport<F extends string>(
  file: string,
  fields: Record<F, FieldSpec>,
  options: ImportOptions,
  needs: (has: (field: NoInfer<F>) => boolean) => NoInfer<F>[] = () => [],
  flags: Partial<Record<NoInfer<F>, string>> = {},
): Promise<ImportTable<F> & { notes: ReadNotes }> {
  // Nothing this run writes may replace its input or the store; checked before any work.
  protectInput(file);
  if (options.errors) checkOutput(options.errors, { force: options.force });
  const source = await readSource(file, options);
  const searchFields = withMappedNames(fields, options.map);
  const named = pickSheet(source, options.sheet);
  const candidates = named ? [named] : visibleSheets(source);
  const tried: { sheet: SheetRecords; lacks: string }[] = [];
  let chosen: { table: Table; mapping: ColumnMapping<F> } | undefined;
  let firstFailure: unknown;
  for (const sheet of candidates) {
    try {
      const table = shapeTable(source, sheet, options, searchFields);
      const mapping = mapColumns(table.headers, fields, options.map);
      const has = (field: F) => mapping.columns[field] !== undefined;
      const missing = [...new Set([...needs(has), ...mapping.missing])];
      if (!missing.length) {
        chosen = { table, mapping };
        break;
      }
      firstFailure ??= missingColumnsError(fields, missing, flags, table, source.format === 'xlsx' ? sheet.name : undefined);
      tried.push({ sheet, lacks: missingList(fields, missing, flags) });
    } catch (err) {
      if (!(err instanceof InputError) || candidates.length === 1) throw err;
      firstFailure ??= err;
      tried.push({ sheet, lacks: err.message });
    }
  }
  if (!chosen) {
    if (candidates.length <= 1 && firstFailure) throw firstFailure;
    const sheets = source.sheets.map((s) => {
      const entry = tried.find((x) => x.sheet === s);
      return entry ? t('import_sheet_lacks', { sheet: s.name, lacks: entry.lacks }) : t('import_sheet_hidden', { sheet: s.name });
    });
    if (!candidates.length && !source.sheets.length) throw new InputError('no_header', { name: source.name }, { file });
    throw new InputError('no_sheet_with_columns', { file: source.name, sheets: sheets.join('; ') }, { file, sheets: source.sheets.map((s) => s.name) });
  }
  const { table, mapping } = chosen;
  const { columns, unknown } = mapping;
  const has = (field: F) => columns[field] !== undefined;
  if (unknown.length) options.notices?.warn(t('import_columns_ignored', { columns: unknown.join(', ') }));
  const hidden = options.hidden ?? 'skip';
  if (table.hiddenRows.length) {
    options.notices?.warn(t(hidden === 'skip' ? 'import_hidden_skipped' : 'import_hidden_included', { rows: rowList(table.hiddenRows), count: table.hiddenRows.length }));
  }
  if (table.totalRows.length) options.notices?.info(t('import_total_rows_left', { rows: rowList(table.totalRows) }));
  const header = (field: F) => (has(field) ? (table.labels[columns[field]!] || table.headers[columns[field]!]) : fields[field].aliases[0]);
  const notes: ReadNotes = { ...(table.sheet !== undefined ? { sheet: table.sheet } : {}), headerRow: table.headerRow, hiddenRows: table.hiddenRows, hidden, totalRows: table.totalRows };
  return {
    file,
    notes,
    rows: table.rows,
    ignored: unknown,
    has,
    cell: (row, field) => {
      const index = columns[field];
      return index === undefined ? undefined : row.cells[index];
    },
    header,
    issue: (row, field, value, reason) => ({ row, column: header(field), value: excerpt(value), reason }),
    async settle(rejected, canSkip = true) {
      if (!rejected.length) return;
      rejected.sort((a, b) => a.row - b.row);
      if (options.errors) {
        const reasons = new Map<number, string[]>();
        for (const r of rejected) reasons.set(r.row, [...(reasons.get(r.row) ?? []), `${r.column}: ${r.reason}`]);
        const rows = table.rows.filter((r) => reasons.has(r.row)).map((r) => [...r.cells.slice(0, table.headers.length), reasons.get(r.row)!.join('; ')]);
        // The mapping's labels (`Дата приказа` for a split `Приказ о зачислении / дата`): the file, fixed, imports again.
        await writeTable(options.errors, { name: t('import_errors_sheet'), headers: [...table.headers, t('import_error_column')], rows }, { force: options.force });
        options.notices?.info(t('import_errors_written', { file: options.errors }));
      }
      if (options.skipInvalid) return;
      const bad = new Set(rejected.map((r) => r.row)).size;
      throw new InputError('invalid_rows', { file, bad, rows: table.rows.length, canSkip }, rejected);
    },
  };
}

/** `5, 7, 9–12`-style list of row numbers for messages (at most 20 shown). */
function rowList(rows: number[]): string {
  const shown = rows.slice(0, 20).join(', ');
  return rows.length > 20 ? `${shown}, … (${rows.length})` : shown;
}

/** The fields with the column names `--map` gives added as aliases, so the header search finds them too. */
function withMappedNames<F extends string>(fields: Record<F, FieldSpec>, map: string | undefined): Record<F, FieldSpec> {
  if (!map) return fields;
  const out = { ...fields };
  for (const part of map.split(',')) {
    const at = part.lastIndexOf('=');
    const field = part.slice(at + 1).trim() as F;
    if (at > 0 && field in out) out[field] = { ...out[field], aliases: [...out[field].aliases, part.slice(0, at).trim()] };
  }
  return out;
}

/** `missing_columns`, with the flag that can stand in for each column and, when the header was a guess, where it was taken. */
function missingColumnsError<F extends string>(fields: Record<F, FieldSpec>, missing: F[], flags: Partial<Record<F, string>>, table: Table, sheet: string | undefined): AppError {
  const header = table.headerGuess
    ? t('import_header_guessed', { row: table.headerRow, sheet: sheet ?? '', lookedFor: table.headerGuess.lookedFor })
    : '';
  return new InputError('missing_columns', { list: missingList(fields, missing, flags), header }, { missing });
}
