import { Command } from 'commander';
import { act, withExamples } from '../cli/command.js';
import { InputError } from '../core/errors.js';
import { L } from '../core/i18n.js';
import { printTable } from '../cli/table.js';
import { optionalDate } from '../cli/values.js';
import { formatDate } from '../domain/dates.js';
import { findYear, listPeriods, publicPeriod, setPeriodDates, setPeriodStatus, type PeriodRow } from '../store/years.js';
import type { Context } from '../cli/context.js';

export default function (): Command {
  const period = new Command('period').description('periods of a year (S1, S2; T1–T3; Q1–Q4)');

  withExamples(
    period
      .command('list')
      .description('list the periods of a year')
      .option('--year <name>', 'academic year (default: the current one)')
      .action(
        act(async (ctx, opts: { year?: string }) => {
          const store = await ctx.openStore();
          const year = findYear(store, opts.year, ctx.today);
          printPeriods(ctx, listPeriods(store, year.id));
        }),
      ),
    'registrar period list --json',
    'registrar period list --year 2025/2026',
  );

  withExamples(
    period
      .command('set <period>')
      .description("move a period's dates; the neighbouring periods follow so the year stays covered")
      .option('--start <date>', 'new first day')
      .option('--end <date>', 'new last day')
      .option('--year <name>', 'academic year (default: the current one)')
      .action(
        act(async (ctx, opts: { start?: string; end?: string; year?: string }, spec: string) => {
          const start = optionalDate(opts.start, '--start');
          const end = optionalDate(opts.end, '--end');
          if (!start && !end) throw new InputError('nothing_to_set', L('Give --start and/or --end.', 'Укажите --start и/или --end.'));
          const periods = setPeriodDates(await ctx.openStore(), spec, opts.year, { start, end });
          printPeriods(ctx, periods);
        }),
      ),
    'registrar period set S1 --end 2025-12-28',
  );

  withExamples(
    period
      .command('close <period>')
      .description('close a period: its marks and attendance become read-only')
      .option('--force', 'close even when marks or topics are missing')
      .option('--year <name>', 'academic year (default: the current one)')
      .action(
        act(async (ctx, opts: { year?: string }, spec: string) => {
          const p = setPeriodStatus(await ctx.openStore(), spec, opts.year, 'closed');
          ctx.result(publicPeriod(p), () => ctx.done(L(`${p.name} closed.`, `${p.name}: период закрыт.`)));
        }),
      ),
    'registrar period close S1',
    'registrar period close 2025/2026:S1 --force',
  );

  withExamples(
    period
      .command('reopen <period>')
      .description('reopen a closed period (the reason is audited)')
      .requiredOption('--reason <text>', 'why the period is reopened')
      .option('--year <name>', 'academic year (default: the current one)')
      .action(
        act(async (ctx, opts: { reason: string; year?: string }, spec: string) => {
          if (!opts.reason.trim()) throw new InputError('reason_required', L('--reason must not be empty.', '--reason не может быть пустым.'));
          const p = setPeriodStatus(await ctx.openStore(), spec, opts.year, 'open', opts.reason.trim());
          ctx.result(publicPeriod(p), () => ctx.done(L(`${p.name} reopened.`, `${p.name}: период открыт.`)));
        }),
      ),
    'registrar period reopen S1 --reason "исправление оценок по приказу 45-у"',
  );
  return period;
}

function printPeriods(ctx: Context, periods: PeriodRow[]): void {
  ctx.result(periods.map(publicPeriod), () =>
    printTable(ctx, [L('code', 'код'), L('name', 'название'), L('start', 'начало'), L('end', 'конец'), L('status', 'статус')], periods.map((p) => [p.code, p.name, formatDate(p.start), formatDate(p.end), p.status])),
  );
}
