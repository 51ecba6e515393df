import { Command, Option } from 'commander';
import { act, collect, withExamples } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { t, type MessageKey } from '../core/i18n.js';
import { optionalDate } from '../cli/values.js';
import { emitReports, outputOptions, type OutputFlags } from '../cli/output.js';
import { REPORT_NAMES, type ReportName } from '../reports/names.js';

interface ReportFlags extends OutputFlags {
  group?: string[];
  all?: boolean;
  period?: string;
  year?: string;
  from?: string;
  to?: string;
  by?: 'month';
}

const HELP: Record<ReportName, MessageKey> = {
  statement: 'reports_help_statement',
  attendance: 'reports_help_attendance',
  progress: 'reports_help_progress',
  curator: 'reports_help_curator',
  teacher: 'reports_help_teacher',
  letter: 'reports_help_letter',
  movement: 'help_report_movement',
  activity: 'reports_help_activity',
  outcomes: 'help_report_outcomes',
};

const EXAMPLES: Record<ReportName, string[]> = {
  statement: ['registrar report statement --group ИС-24 --period S1', 'registrar report statement --all --period S1 --format pdf --out statements/', 'registrar report statement --group ИС-24 --year 2025/2026 --format xlsx --out ведомость.xlsx'],
  attendance: ['registrar report attendance --group ИС-24 --period S1 --by month', 'registrar report attendance --group ИС-24 --from 01.09.2025 --to 30.09.2025 --json'],
  progress: ['registrar report progress --period S1', 'registrar report progress --group ИС-24 --group ИС-25 --period S1 --format html --out итоги.html'],
  curator: ['registrar report curator --group ИС-24 --period S1 --format pdf --out куратор.pdf'],
  teacher: ['registrar report teacher --period S1', 'registrar report teacher --group ИС-24 --from 01.09.2025 --to 31.10.2025 --json'],
  letter: ['registrar report letter --group ИС-24 --period S1 --format pdf --out письма.pdf'],
  movement: ['registrar report movement --from 01.09.2025 --to 31.12.2025', 'registrar report movement --period S1 --format html --out движение.html'],
  activity: ['registrar report activity', 'registrar report activity --from 01.10.2025 --to 15.10.2025 --format pdf --out activity.pdf'],
  outcomes: ['registrar report outcomes --year 2025/2026', 'registrar report outcomes --year 2025/2026 --group ИС-25 --format xlsx --out итоги.xlsx'],
};

export default function (): Command {
  const report = withExamples(
    new Command('report').description(t('help_report')),
    'registrar report statement --group ИС-24 --period S1',
    'registrar report attendance --group ИС-24 --period S1 --by month',
    'registrar report movement --period S1 --format html --out движение.html',
  );
  for (const name of REPORT_NAMES) {
    const command = report.command(name).description(t(HELP[name]));
    // The outcomes are a whole year's: no period or dates.
    if (name === 'outcomes') command.option('--year <name>', t('opt_report_year'));
    else {
      // A period (of a year), or dates: a range given beside a period would be ignored.
      command
        .option('--period <period>', t('opt_report_period'))
        .option('--year <name>', t('reports_opt_year'))
        .addOption(new Option('--from <date>', t('reports_opt_from')).conflicts(['period', 'year']))
        .addOption(new Option('--to <date>', t('reports_opt_to')).conflicts(['period', 'year']));
    }
    if (name !== 'movement' && name !== 'activity') command.option('--group <group>', t('reports_opt_group'), collect).option('--all', t('reports_opt_all'));
    if (name === 'attendance') command.addOption(new Option('--by <unit>', t('reports_opt_by')).choices(['month']));
    withExamples(outputOptions(command), ...EXAMPLES[name]).action(act((ctx: Context, flags: ReportFlags) => run(ctx, name, flags)));
  }
  withExamples(
    report.command('verify').description(t('reports_help_verify')).argument('<file>', t('reports_arg_file')).action(act(verify)),
    'registrar report verify archive/statement_ИС-24_2025-2026_S1.pdf',
  );
  return report;
}

async function run(ctx: Context, name: ReportName, flags: ReportFlags): Promise<void> {
  const request = {
    name,
    groups: flags.group,
    all: flags.all,
    period: flags.period,
    year: flags.year,
    from: optionalDate(flags.from, '--from'),
    to: optionalDate(flags.to, '--to'),
    byMonth: flags.by === 'month',
  };
  const store = await ctx.openStore();
  const { buildReports } = await import('../services/reports.js');
  await emitReports(ctx, buildReports(store, request), flags);
}

async function verify(ctx: Context, _flags: unknown, file: string): Promise<void> {
  const store = await ctx.openStore();
  const { verifyReport } = await import('../services/reports.js');
  const result = await verifyReport(store, file);
  ctx.result(result, () => ctx.done(t('reports_verify_matches', { file })));
}
