import { InputError } from '../core/errors.js';
import { t } from '../core/i18n.js';
import { excerpt } from '../core/excerpt.js';
import type { RowIssue } from '../core/rowIssue.js';
import { checkOutput } from './atomicWrite.js';
import { protectInput } from './outputGuard.js';
import { mapColumns, requireColumns } from './headers.js';
import type { FieldSpec } from '../domain/fields.js';
import { readTable, type ReadTableOptions, type TableRow } from './readTable.js';
import { writeTable } from './writeTable.js';

/**
 * The plumbing every import (students, staff, guardians, curriculum) shares: read the file,
 * map its columns to fields, require the ones the import cannot do without, warn about the
 * rest; once the rows are checked, the all-or-nothing rule and the `--errors` file.
 */

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
  /** The column a field is in, as the file names it (else as a user would). */
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

/**
 * Read an import file and map its columns. The fields marked required, and those `needs`
 * adds (say, a group column unless --group gives one), must have a column: without one the
 * file is refused before any row is read.
 */
export async function readImport<F extends string>(
  file: string,
  fields: Record<F, FieldSpec>,
  options: ImportOptions,
  needs: (has: (field: NoInfer<F>) => boolean) => NoInfer<F>[] = () => [],
): Promise<ImportTable<F>> {
  // Nothing this run writes may replace its input or the store; checked before any work.
  protectInput(file);
  if (options.errors) checkOutput(options.errors, { force: options.force });
  const table = await readTable(file, options);
  const { columns, unknown, missing } = mapColumns(table.headers, fields, options.map);
  const has = (field: F) => columns[field] !== undefined;
  requireColumns(fields, [...needs(has), ...missing]);
  if (unknown.length) options.notices?.warn(t('import_columns_ignored', { columns: unknown.join(', ') }));
  const header = (field: F) => (has(field) ? table.headers[columns[field]!] : fields[field].aliases[0]);
  return {
    file,
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
        await writeTable(options.errors, { name: t('import_errors_sheet'), headers: [...table.headers, t('import_error_column')], rows }, { force: options.force });
        options.notices?.info(t('import_errors_written', { file: options.errors }));
      }
      if (options.skipInvalid) return;
      const bad = new Set(rejected.map((r) => r.row)).size;
      throw new InputError('invalid_rows', { file, bad, rows: table.rows.length, canSkip }, rejected);
    },
  };
}
