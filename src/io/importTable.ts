import { AppError, InputError } from '../core/errors.js';
import { t } from '../core/i18n.js';
import { excerpt } from '../core/excerpt.js';
import type { RowIssue } from '../core/rowIssue.js';
import { checkOutput } from './atomicWrite.js';
import { protectInput } from './outputGuard.js';
import { mapColumns, missingList, type ColumnMapping } from './headers.js';
import type { FieldSpec } from '../domain/fields.js';
import { afterReading, openTable, pickSheet, readSource, visibleSheets, type ReadTableOptions, type SheetRecords, type TableScan, type TableStream, type TableRow } from './readTable.js';

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

/** How an import names its columns and its rows' problems, and settles them. */
interface ImportColumns<F extends string> {
  file: string;
  /** Non-empty headers that no field took (warned about once the rows are read). */
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

/** An import file read whole: its data rows at hand. */
export interface ImportTable<F extends string> extends ImportColumns<F> {
  rows: TableRow[];
}

/**
 * An import file whose rows are read on demand: a CSV from its file, a chunk at a time, so
 * that a million rows are never held at once.
 */
export interface ImportStream<F extends string> extends ImportColumns<F> {
  /**
   * Read the data rows, in order, handing each to `visit` (a CSV is read from its file again;
   * what reading refuses is thrown on the way, InputError exit 3). `onProgress` hears the rows
   * done and the rows expected. The first full read gives the notes readImport gives at once
   * (columns ignored, hidden and total rows).
   */
  scan(visit: (row: TableRow) => void, onProgress?: (done: number, total: number) => void): TableScan;
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
 * Read an import file whole and map its columns: see openImport. The notes on what was left
 * out are given (and returned) at once.
 */
export async function readImport<F extends string>(
  file: string,
  fields: Record<F, FieldSpec>,
  options: ImportOptions,
  needs: (has: (field: NoInfer<F>) => boolean) => NoInfer<F>[] = () => [],
  flags: Partial<Record<NoInfer<F>, string>> = {},
): Promise<ImportTable<F> & { notes: ReadNotes }> {
  const { scan, table, ...imp } = await openImport(file, fields, options, needs, flags);
  const rows: TableRow[] = [];
  const { hiddenRows, totalRows } = scan((row) => rows.push(row));
  const notes: ReadNotes = { ...(table.sheet !== undefined ? { sheet: table.sheet } : {}), headerRow: table.headerRow, hiddenRows, hidden: options.hidden ?? 'skip', totalRows };
  return { ...imp, rows, notes };
}

/**
 * Open an import file and map its columns; `scan` reads its rows. The fields marked
 * required, and those `needs` adds (say, a group column unless --group gives one), must have
 * a column: without one the file is refused before any row is handed over, the message
 * naming the flag that can stand in for the column (`flags`). A workbook without `--sheet` is
 * read from its first visible sheet that has the columns; when none has them, the refusal
 * names every sheet and what it lacks. What reading the file refuses (its encoding, a CSV's
 * syntax and bounds) comes before these refusals, as when the file is read whole.
 */
export async function openImport<F extends string>(
  file: string,
  fields: Record<F, FieldSpec>,
  options: ImportOptions,
  needs: (has: (field: NoInfer<F>) => boolean) => NoInfer<F>[] = () => [],
  flags: Partial<Record<NoInfer<F>, string>> = {},
): Promise<ImportStream<F> & { table: TableStream }> {
  // Nothing this run writes may replace its input or the store; checked before any work.
  protectInput(file);
  if (options.errors) checkOutput(options.errors, { force: options.force });
  const source = await readSource(file, options);
  const searchFields = withMappedNames(fields, options.map);
  const named = pickSheet(source, options.sheet);
  const candidates = named ? [named] : visibleSheets(source);
  const tried: { sheet: SheetRecords; lacks: string }[] = [];
  let chosen: { table: TableStream; mapping: ColumnMapping<F> } | undefined;
  let firstFailure: unknown;
  for (const sheet of candidates) {
    try {
      const table = openTable(source, sheet, options, searchFields);
      const mapping = mapColumns(table.headers, fields, options.map);
      const has = (field: F) => mapping.columns[field] !== undefined;
      const missing = [...new Set([...needs(has), ...mapping.missing])];
      if (!missing.length) {
        chosen = { table, mapping };
        break;
      }
      firstFailure ??= missingColumnsError(file, fields, missing, flags, table, source.format === 'xlsx' ? sheet.name : undefined);
      tried.push({ sheet, lacks: missingList(fields, missing, flags) });
    } catch (err) {
      if (!(err instanceof InputError) || candidates.length === 1) throw afterReading(source, err);
      firstFailure ??= err;
      tried.push({ sheet, lacks: err.message });
    }
  }
  if (!chosen) {
    if (candidates.length <= 1 && firstFailure) throw afterReading(source, firstFailure);
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
  const header = (field: F) => (has(field) ? (table.labels[columns[field]!] || table.headers[columns[field]!]) : fields[field].aliases[0]);
  let noted = false;
  let rowCount = 0;
  return {
    file,
    table,
    ignored: unknown,
    has,
    cell: (row, field) => {
      const index = columns[field];
      return index === undefined ? undefined : row.cells[index];
    },
    header,
    issue: (row, field, value, reason) => ({ row, column: header(field), value: excerpt(value), reason }),
    scan(visit, onProgress) {
      const seen = table.scan(visit, onProgress);
      rowCount = seen.rows;
      if (noted) return seen;
      noted = true;
      if (!seen.rows) options.notices?.warn(t('import_no_rows', { file }));
      if (unknown.length) options.notices?.warn(t('import_columns_ignored', { columns: unknown.join(', ') }));
      if (seen.hiddenRows.length) {
        options.notices?.warn(t(options.hidden === 'include' ? 'import_hidden_included' : 'import_hidden_skipped', { rows: rowList(seen.hiddenRows), count: seen.hiddenRows.length }));
      }
      if (seen.totalRows.length) options.notices?.info(t('import_total_rows_left', { rows: rowList(seen.totalRows) }));
      return seen;
    },
    async settle(rejected, canSkip = true) {
      if (!rejected.length) return;
      rejected.sort((a, b) => a.row - b.row);
      if (options.errors) {
        const reasons = new Map<number, string[]>();
        for (const r of rejected) reasons.set(r.row, [...(reasons.get(r.row) ?? []), `${r.column}: ${r.reason}`]);
        // The rejected rows as they were, read once more rather than every row kept meanwhile.
        const rows: string[][] = [];
        table.scan((r) => {
          const why = reasons.get(r.row);
          if (why) rows.push([...r.cells.slice(0, table.headers.length), why.join('; ')]);
        });
        // Loaded only to write rejects: the writers (csv-stringify, the XLSX zip) are not every import's start-up.
        const { writeTable } = await import('./writeTable.js');
        // The mapping's labels (`Дата приказа` for a split `Приказ о зачислении / дата`): the file, fixed, imports again.
        await writeTable(options.errors, { name: t('import_errors_sheet'), headers: [...table.headers, t('import_error_column')], rows }, { force: options.force });
        options.notices?.info(t('import_errors_written', { file: options.errors }));
      }
      if (options.skipInvalid) return;
      const bad = new Set(rejected.map((r) => r.row)).size;
      throw new InputError('invalid_rows', { file, bad, rows: rowCount, canSkip }, rejected);
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
function missingColumnsError<F extends string>(file: string, fields: Record<F, FieldSpec>, missing: F[], flags: Partial<Record<F, string>>, table: TableStream, sheet: string | undefined): AppError {
  const header = table.headerGuess
    ? t('import_header_guessed', { row: table.headerRow, sheet: sheet ?? '', lookedFor: table.headerGuess.lookedFor })
    : '';
  return new InputError('missing_columns', { file, list: missingList(fields, missing, flags), header }, { missing });
}
