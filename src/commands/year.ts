import { Command, Option } from 'commander';
import { act, withExamples } from '../cli/command.js';
import { InputError } from '../core/errors.js';
import { L } from '../core/i18n.js';
import { printTable } from '../cli/table.js';
import { optionalDate } from '../cli/values.js';
import { defaultYearDates, parseYearName, yearDateProblems, type PeriodScheme } from '../domain/academicYear.js';
import { formatDate } from '../domain/dates.js';
import { createYear, findYear, listPeriods, listYears, publicPeriod } from '../store/years.js';

export default function (): Command {
  const year = new Command('year').description('academic years');

  withExamples(
    year
      .command('create <name>')
      .description('create an academic year and split it into periods')
      .option('--start <date>', 'first day (default 1 September)')
      .option('--end <date>', 'last day (default 30 June)')
      .addOption(new Option('--periods <scheme>', 'how the year is split').choices(['semesters', 'trimesters', 'quarters']).default('semesters'))
      .action(
        act(async (ctx, opts: { start?: string; end?: string; periods: PeriodScheme }, name: string) => {
          const parsed = parseYearName(name);
          if ('error' in parsed) throw new InputError('bad_year', parsed.error);
          const defaults = defaultYearDates(parsed.first);
          const start = optionalDate(opts.start, '--start') ?? defaults.start;
          const end = optionalDate(opts.end, '--end') ?? defaults.end;
          const yearName = `${parsed.first}/${parsed.second}`;
          const problems = yearDateProblems(yearName, start, end);
          if (problems.length) throw new InputError('bad_year_dates', `${yearName}: ${problems.join('; ')}`, problems);
          const status = start <= ctx.today ? 'open' : 'planned';
          const { year: created, periods } = createYear(await ctx.openStore(), { name: yearName, start, end, scheme: opts.periods, status });
          ctx.result({ ...created, periods: periods.map(publicPeriod) }, () => {
            ctx.done(L(`Year ${created.name} created (${formatDate(start)} – ${formatDate(end)}, ${status}).`, `Учебный год ${created.name} создан (${formatDate(start)} – ${formatDate(end)}, ${status}).`));
          });
        }),
      ),
    'registrar year create 2026/2027 --start 2026-09-01 --end 2027-06-30 --periods semesters',
  );

  withExamples(
    year
      .command('list')
      .description('list academic years')
      .action(
        act(async (ctx) => {
          const years = listYears(await ctx.openStore());
          ctx.result(years.map(({ id: _id, ...y }) => y), () =>
            printTable(ctx, [L('year', 'год'), L('start', 'начало'), L('end', 'конец'), L('status', 'статус')], years.map((y) => [y.name, formatDate(y.start), formatDate(y.end), y.status])),
          );
        }),
      ),
    'registrar year list --json',
  );

  withExamples(
    year
      .command('show [name]')
      .description('show a year (default: the current one) with its periods')
      .action(
        act(async (ctx, _opts, name?: string) => {
          const store = await ctx.openStore();
          const y = findYear(store, name, ctx.today);
          const periods = listPeriods(store, y.id).map(publicPeriod);
          ctx.result({ name: y.name, start: y.start, end: y.end, status: y.status, periods }, () => {
            ctx.print(`${y.name}: ${formatDate(y.start)} – ${formatDate(y.end)} (${y.status})`);
            printTable(ctx, [L('code', 'код'), L('name', 'название'), L('start', 'начало'), L('end', 'конец'), L('status', 'статус')], periods.map((p) => [p.code, p.name, formatDate(p.start), formatDate(p.end), p.status]));
          });
        }),
      ),
    'registrar year show 2025/2026',
  );
  return year;
}
