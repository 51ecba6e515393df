import { Command, Option } from 'commander';
import { act, withExamples } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { L } from '../cli/i18n.js';
import { progressBar } from '../cli/progress.js';
import { formatRowIssue } from '../cli/rowIssue.js';
import { optionalDate } from '../cli/values.js';
import { formatDate } from '../domain/dates.js';
import type { Encoding } from '../io/readTable.js';
import { getNumberSetting } from '../store/settings.js';
import { importStudents, type StudentImportReport } from '../services/studentImport.js';

interface ImportFlags {
  group?: string;
  orderNo?: string;
  orderDate?: string;
  dryRun?: boolean;
  skipInvalid?: boolean;
  errors?: string;
  encoding: 'auto' | Encoding;
  sheet?: string;
  map?: string;
}

export default function (): Command {
  return withExamples(
    new Command('import')
      .argument('<file>', 'CSV (UTF-8 or Windows-1251; ; , or tab) or XLSX; - for stdin')
      .description('import an enrolment list: all rows or none, every bad row named')
      .option('--group <name>', 'group for rows without a group column')
      .option('--order-no <number>', 'enrolment order number (else the column «Номер приказа»)')
      .option('--order-date <date>', 'enrolment order date (else the column «Дата приказа»)')
      .option('--dry-run', 'check and report, write nothing')
      .option('--skip-invalid', 'import the valid rows, list the rest')
      .option('--errors <file>', 'write the rejected rows with a reason column (.csv or .xlsx)')
      .addOption(new Option('--encoding <encoding>', 'CSV encoding').choices(['auto', 'utf8', 'cp1251']).default('auto'))
      .option('--sheet <name>', 'XLSX sheet (default the first)')
      .option('--map <pairs>', 'columns with other names: "Колонка=field,..."')
      .action(act(run)),
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
      file,
      group: flags.group,
      orderNo: flags.orderNo?.trim(),
      orderDate: optionalDate(flags.orderDate, '--order-date'),
      dryRun: flags.dryRun,
      skipInvalid: flags.skipInvalid,
      errorsFile: flags.errors,
      encoding: flags.encoding,
      sheet: flags.sheet,
      map: flags.map,
      maxBytes: getNumberSetting(store, 'import.maxMegabytes') * 1024 * 1024,
      today: ctx.today,
      onProgress: bar.update,
    });
  } finally {
    bar.finish();
  }
  if (report.ignoredColumns.length) ctx.warn(L(`columns ignored: ${report.ignoredColumns.join(', ')}`, `колонки пропущены: ${report.ignoredColumns.join(', ')}`));
  for (const w of report.warnings) ctx.warn(`${formatRowIssue(w)} ${L('(kept as typed)', '(сохранено как есть)')}`);
  ctx.result(report, () => printSummary(ctx, report, flags.errors));
}

function printSummary(ctx: Context, r: StudentImportReport, errorsFile?: string): void {
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
  if (errorsFile && r.rejected.length) ctx.print(L(`rejected rows written to ${errorsFile}`, `отклонённые строки записаны в ${errorsFile}`));
}
