import { Command } from 'commander';
import { act, withExamples } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { t } from '../core/i18n.js';
import { printTable } from '../cli/table.js';
import { optionalDate } from '../cli/values.js';
import { statusLabel } from '../domain/academicYear.js';
import { formatDate } from '../domain/dates.js';
import { closePeriod, reopenPeriod, setPeriodDates, type PublicPeriod } from '../services/periods.js';
import { findYear, listPeriods, publicPeriod } from '../store/years.js';

export default function (): Command {
  const period = withExamples(
    new Command('period').description(t('help_period')),
    'registrar period list',
    'registrar period close S1',
    'registrar period reopen S1 --reason "исправление оценок по приказу 45-у"',
  );

  withExamples(
    period
      .command('list')
      .description(t('help_period_list'))
      .option('--year <name>', t('opt_setup_year'))
      .action(
        act(async (ctx, opts: { year?: string }) => {
          const store = await ctx.openStore();
          const year = findYear(store, opts.year);
          printPeriods(ctx, listPeriods(store, year.id).map(publicPeriod));
        }),
      ),
    'registrar period list --json',
    'registrar period list --year 2025/2026',
  );

  withExamples(
    period
      .command('set <period>')
      .description(t('help_period_set'))
      .option('--start <date>', t('opt_period_start'))
      .option('--end <date>', t('opt_period_end'))
      .option('--year <name>', t('opt_setup_year'))
      .action(
        act(async (ctx, opts: { start?: string; end?: string; year?: string }, spec: string) => {
          const start = optionalDate(opts.start, '--start');
          const end = optionalDate(opts.end, '--end');
          printPeriods(ctx, setPeriodDates(await ctx.openStore(), { period: spec, year: opts.year, start, end }));
        }),
      ),
    'registrar period set S1 --end 2025-12-28',
  );

  withExamples(
    period
      .command('close <period>')
      .description(t('help_period_close'))
      .option('--force', t('opt_period_force'))
      .option('--year <name>', t('opt_setup_year'))
      .action(
        act(async (ctx, opts: { year?: string; force?: boolean }, spec: string) => {
          const p = closePeriod(await ctx.openStore(), { period: spec, year: opts.year, force: opts.force });
          for (const line of p.shortfalls) ctx.warn(line);
          ctx.result(p, () => ctx.done(t('period_closed_done', { name: p.name })));
        }),
      ),
    'registrar period close S1',
    'registrar period close 2025/2026:S1 --force',
  );

  withExamples(
    period
      .command('reopen <period>')
      .description(t('help_period_reopen'))
      .requiredOption('--reason <text>', t('opt_period_reason'))
      .option('--year <name>', t('opt_setup_year'))
      .action(
        act(async (ctx, opts: { reason: string; year?: string }, spec: string) => {
          const p = reopenPeriod(await ctx.openStore(), { period: spec, year: opts.year, reason: opts.reason });
          ctx.result(p, () => ctx.done(t('period_reopened_done', { name: p.name })));
        }),
      ),
    'registrar period reopen S1 --reason "исправление оценок по приказу 45-у"',
  );
  return period;
}

function printPeriods(ctx: Context, periods: PublicPeriod[]): void {
  ctx.result(periods, () =>
    printTable(
      ctx,
      [t('setup_col_code'), t('setup_col_name'), t('setup_col_start'), t('setup_col_end'), t('setup_col_status')],
      periods.map((p) => [p.code, p.name, formatDate(p.start), formatDate(p.end), statusLabel(p.status)]),
    ),
  );
}
