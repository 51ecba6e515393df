import { Command, Option } from 'commander';
import { act, withExamples } from '../cli/command.js';
import { t } from '../core/i18n.js';
import { printTable } from '../cli/table.js';
import { optionalDate } from '../cli/values.js';
import { checkNewYear, statusLabel, type PeriodScheme } from '../domain/academicYear.js';
import { formatDate } from '../domain/dates.js';
import { createAcademicYear } from '../services/periods.js';
import { findYear, listPeriods, listYears, publicPeriod } from '../store/years.js';

export default function (): Command {
  const year = new Command('year').description(t('help_year'));

  withExamples(
    year
      .command('create <name>')
      .description(t('help_year_create'))
      .option('--start <date>', t('opt_setup_start_day'))
      .option('--end <date>', t('opt_setup_end_day'))
      .addOption(new Option('--periods <scheme>', t('opt_setup_periods')).choices(['semesters', 'trimesters', 'quarters']).default('semesters'))
      .action(
        act(async (ctx, opts: { start?: string; end?: string; periods: PeriodScheme }, name: string) => {
          const checked = checkNewYear(name, { start: optionalDate(opts.start, '--start'), end: optionalDate(opts.end, '--end') });
          const { year: created, periods } = createAcademicYear(await ctx.openStore(), { ...checked, scheme: opts.periods });
          ctx.result({ ...created, periods }, () => {
            ctx.done(t('year_created', { name: created.name, start: formatDate(created.start), end: formatDate(created.end), status: statusLabel(created.status) }));
          });
        }),
      ),
    'registrar year create 2026/2027 --start 2026-09-01 --end 2027-06-30 --periods semesters',
  );

  withExamples(
    year
      .command('list')
      .description(t('help_year_list'))
      .action(
        act(async (ctx) => {
          const years = listYears(await ctx.openStore());
          ctx.result(years.map(({ id: _id, ...y }) => y), () =>
            printTable(
              ctx,
              [t('setup_col_year'), t('setup_col_start'), t('setup_col_end'), t('setup_col_status')],
              years.map((y) => [y.name, formatDate(y.start), formatDate(y.end), statusLabel(y.status)]),
            ),
          );
        }),
      ),
    'registrar year list --json',
  );

  withExamples(
    year
      .command('show [name]')
      .description(t('help_year_show'))
      .action(
        act(async (ctx, _opts, name?: string) => {
          const store = await ctx.openStore();
          const y = findYear(store, name);
          const periods = listPeriods(store, y.id).map(publicPeriod);
          ctx.result({ name: y.name, start: y.start, end: y.end, status: y.status, periods }, () => {
            ctx.print(`${y.name}: ${formatDate(y.start)} – ${formatDate(y.end)} (${statusLabel(y.status)})`);
            printTable(
              ctx,
              [t('setup_col_code'), t('setup_col_name'), t('setup_col_start'), t('setup_col_end'), t('setup_col_status')],
              periods.map((p) => [p.code, p.name, formatDate(p.start), formatDate(p.end), statusLabel(p.status)]),
            );
          });
        }),
      ),
    'registrar year show 2025/2026',
  );
  return year;
}
