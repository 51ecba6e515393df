import { Command } from 'commander';
import { act, withExamples, withImportOptions } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { t } from '../core/i18n.js';
import { progressBar } from '../cli/progress.js';
import { formatRowIssue } from '../core/rowIssue.js';
import { optionalDate } from '../cli/values.js';
import { formatDate } from '../domain/dates.js';
import { STUDENT_FIELDS } from '../domain/studentRow.js';
import type { ImportOptions } from '../io/importTable.js';
import { importStudents, type StudentImportReport } from '../services/studentImport.js';

interface ImportFlags extends ImportOptions {
  group?: string;
  year?: string;
  orderNo?: string;
  orderDate?: string;
  dryRun?: boolean;
}

export default function (): Command {
  return withExamples(
    withImportOptions(
      new Command('import')
        .argument('<file>', t('arg_student_import_file'))
        .description(t('help_student_import'))
        .option('--group <name>', t('opt_student_import_group'))
        .option('--year <year>', t('opt_student_import_year'))
        .option('--order-no <number>', t('opt_student_import_order_no'))
        .option('--order-date <date>', t('opt_student_import_order_date')),
      STUDENT_FIELDS,
    ).action(act(run)),
    'registrar student import список.csv --order-no 12-к --order-date 25.08.2025',
    'registrar student import list.xlsx --sheet "1 курс" --skip-invalid --errors rejects.csv',
    'registrar student import list.csv --map "Ф.И.О. студента=full_name" --dry-run --json',
    'registrar student import abiturienty.xlsx --year 2026/2027 --header-row 3 --hidden include',
  );
}

async function run(ctx: Context, flags: ImportFlags, file: string): Promise<void> {
  const store = await ctx.openStore();
  const bar = progressBar(ctx, t('people_checking_rows'));
  let report: StudentImportReport;
  try {
    report = await importStudents(store, {
      ...flags,
      file,
      orderNo: flags.orderNo?.trim(),
      orderDate: optionalDate(flags.orderDate, '--order-date'),
      notices: ctx,
      onProgress: bar.update,
    });
  } finally {
    bar.finish();
  }
  for (const w of report.warnings) ctx.warn(formatRowIssue(w));
  ctx.result(report, () => printSummary(ctx, report));
}

function printSummary(ctx: Context, r: StudentImportReport): void {
  const rejected = new Set(r.rejected.map((x) => x.row)).size;
  ctx.print(t(r.dryRun ? 'people_import_summary_dry' : 'people_import_summary', { file: r.file, rows: r.rows, created: r.created, updated: r.updated, unchanged: r.unchanged, rejected }));
  for (const o of r.orders) ctx.print(t(r.dryRun ? 'people_import_order_line_dry' : 'people_import_order_line', { number: o.number, date: formatDate(o.date), students: o.students }));
  for (const c of r.changes) {
    const fields = Object.keys(c.after).map((k) => `${k}: ${String(c.before[k] ?? '—')} → ${String(c.after[k])}`);
    ctx.print(t('people_import_change_line', { row: c.row, id: c.id, fields: fields.join('; ') }));
  }
  for (const x of r.rejected) ctx.print(formatRowIssue(x));
}
