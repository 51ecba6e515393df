import { Command } from 'commander';
import { act, withExamples, withImportOptions } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { L } from '../core/i18n.js';
import { progressBar } from '../cli/progress.js';
import { formatRowIssue } from '../core/rowIssue.js';
import { optionalDate } from '../cli/values.js';
import { formatDate } from '../domain/dates.js';
import { STUDENT_FIELDS } from '../domain/studentRow.js';
import type { ImportOptions } from '../io/importTable.js';
import { importMaxBytes } from '../store/settings.js';
import { importStudents, type StudentImportReport } from '../services/studentImport.js';

interface ImportFlags extends ImportOptions {
  group?: string;
  orderNo?: string;
  orderDate?: string;
  dryRun?: boolean;
}

export default function (): Command {
  return withExamples(
    withImportOptions(
      new Command('import')
        .argument('<file>', 'CSV (UTF-8 or Windows-1251; ; , or tab) or XLSX; - for stdin')
        .description('import an enrolment list: all rows or none, every bad row named')
        .option('--group <name>', 'group for rows without a group column')
        .option('--order-no <number>', 'enrolment order number (else the column «Номер приказа»)')
        .option('--order-date <date>', 'enrolment order date (else the column «Дата приказа»)'),
      STUDENT_FIELDS,
    ).action(act(run)),
    'registrar student import список.csv --order-no 12-к --order-date 25.08.2025',
    'registrar student import list.xlsx --sheet "1 курс" --skip-invalid --errors rejects.csv',
    'registrar student import list.csv --map "Ф.И.О. студента=full_name" --dry-run --json',
  );
}

async function run(ctx: Context, flags: ImportFlags, file: string): Promise<void> {
  const store = await ctx.openStore();
  const bar = progressBar(ctx, L('Checking rows', 'Проверка строк'));
  let report: StudentImportReport;
  try {
    report = await importStudents(store, {
      ...flags,
      file,
      orderNo: flags.orderNo?.trim(),
      orderDate: optionalDate(flags.orderDate, '--order-date'),
      maxBytes: importMaxBytes(store),
      notices: ctx,
      today: ctx.today,
      onProgress: bar.update,
    });
  } finally {
    bar.finish();
  }
  for (const w of report.warnings) ctx.warn(`${formatRowIssue(w)} ${L('(kept as typed)', '(сохранено как есть)')}`);
  ctx.result(report, () => printSummary(ctx, report));
}

function printSummary(ctx: Context, r: StudentImportReport): void {
  const verb = r.dryRun ? L('would be', 'будет') : '';
  ctx.print(L(
    `${r.file}: ${r.rows} rows; created ${verb} ${r.created}, updated ${verb} ${r.updated}, unchanged ${r.unchanged}, rejected ${new Set(r.rejected.map((x) => x.row)).size}`.replace(/  +/g, ' '),
    `${r.file}: строк ${r.rows}; ${r.dryRun ? 'будет ' : ''}создано ${r.created}, ${r.dryRun ? 'будет ' : ''}обновлено ${r.updated}, без изменений ${r.unchanged}, отклонено ${new Set(r.rejected.map((x) => x.row)).size}`,
  ));
  for (const o of r.orders) ctx.print(L(`order ${o.number} of ${formatDate(o.date)}: ${o.students} enrolled`, `приказ ${o.number} от ${formatDate(o.date)}: зачислено ${o.students}`));
  for (const c of r.changes) {
    const fields = Object.keys(c.after).map((k) => `${k}: ${String((c.before as Record<string, unknown>)[k] ?? '—')} → ${String((c.after as Record<string, unknown>)[k])}`);
    ctx.print(L(`row ${c.row} (id ${c.id}) updated: ${fields.join('; ')}`, `строка ${c.row} (id ${c.id}) обновлена: ${fields.join('; ')}`));
  }
  for (const x of r.rejected) ctx.print(formatRowIssue(x));
}
