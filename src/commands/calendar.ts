import { existsSync } from 'node:fs';
import { Command, Option } from 'commander';
import { act, intOption, withExamples } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { InputError, UsageError } from '../core/errors.js';
import { L } from '../core/i18n.js';
import { printTable } from '../cli/table.js';
import { dateArg } from '../cli/values.js';
import { formatDate, isoOf, weekday, yearOf, type IsoDate } from '../domain/dates.js';
import type { DayInfo, DayKind, SpecialKind } from '../domain/productionCalendar.js';
import { WorkCalendar } from '../domain/workdays.js';
import { loadWorkCalendar, putCalendarDay, removeCalendarDay } from '../store/calendar.js';
import { findYear } from '../store/years.js';

export default function (): Command {
  const calendar = withExamples(
    new Command('calendar').description('production calendar (производственный календарь), holidays, working-day deadlines'),
    'registrar calendar show --year 2026',
    'registrar calendar due 2026-04-30 --workdays 3',
  );

  withExamples(
    calendar
      .command('show')
      .description('list holidays, days off, working Saturdays and shortened days')
      .option('--year <year>', 'a calendar year (2026) or an academic year (2025/2026); default: the current calendar year')
      .option('--from <date>', 'first day of the range (with --to)')
      .option('--to <date>', 'last day of the range (with --from)')
      .action(
        act(async (ctx, opts: { year?: string; from?: string; to?: string }) => {
          const { from, to } = await showRange(ctx, opts);
          const cal = await workCalendar(ctx);
          const days = cal.specialDays(from, to);
          const fallbackYears = cal.fallbackYears(from, to);
          warnFallback(ctx, fallbackYears);
          const json = { from, to, days: days.map((d) => ({ date: d.date, kind: d.kind, name: d.name ?? null, source: d.source })), fallbackYears };
          ctx.result(json, () => {
            if (!days.length) ctx.print(L(`No holidays or special days from ${formatDate(from)} to ${formatDate(to)}.`, `С ${formatDate(from)} по ${formatDate(to)} нет праздников и особых дней.`));
            else printTable(ctx, [L('Date', 'Дата'), L('Day', 'День'), L('Kind', 'Вид'), L('Name', 'Название'), L('Source', 'Источник')], days.map((d) => [formatDate(d.date), weekdayLabel(d.date), kindLabel(d.kind), d.name, sourceLabel(d)]));
            for (let y = yearOf(from); y <= yearOf(to); y++) {
              const { decree } = cal.year(y);
              if (decree) ctx.print(L(`${y}: Government decree № ${decree.number} of ${formatDate(decree.date)}`, `${y}: постановление Правительства РФ № ${decree.number} от ${formatDate(decree.date)}`));
            }
          });
        }),
      ),
    'registrar calendar show',
    'registrar calendar show --year 2025/2026',
    'registrar calendar show --from 2026-04-25 --to 2026-05-15 --json',
  );

  const holiday = withExamples(
    calendar.command('holiday').description("the organisation's own calendar entries (a new decree's days, local holidays)"),
    'registrar calendar holiday add 2027-01-11 --kind day-off --name "Перенесённый выходной"',
  );

  withExamples(
    holiday
      .command('add <date>')
      .description('mark a date as a holiday, a day off, a working day or a shortened day')
      .option('--name <text>', 'what the day is, e.g. «Перенесённый выходной»')
      .addOption(new Option('--kind <kind>', 'what the date becomes').choices(['holiday', 'day-off', 'working', 'short']).default('holiday'))
      .action(
        act(async (ctx, opts: { name?: string; kind: string }, date: string) => {
          const day = { date: dateArg(date, 'DATE'), kind: opts.kind.replace('-', '_') as SpecialKind, name: opts.name?.trim() || null };
          const replaced = putCalendarDay(await ctx.openStore(), day);
          ctx.result({ ...day, replaced }, () =>
            ctx.done(`${formatDate(day.date)}: ${kindLabel(day.kind)}${day.name ? ` «${day.name}»` : ''}` + (replaced ? L(` (was ${kindLabel(replaced.kind)})`, ` (было: ${kindLabel(replaced.kind)})`) : '')),
          );
        }),
      ),
    'registrar calendar holiday add 2027-01-11 --kind day-off --name "Перенесённый выходной"',
    'registrar calendar holiday add 01.09.2026 --name "День знаний" --kind day-off',
  );

  withExamples(
    holiday
      .command('remove <date>')
      .description("remove the organisation's entry for a date; on a built-in holiday, make the date an ordinary day")
      .action(
        act(async (ctx, _opts, date: string) => {
          const day = dateArg(date, 'DATE');
          const store = await ctx.openStore();
          const result = removeCalendarDay(store, day);
          if (!result) {
            throw new InputError('calendar_day_not_found', L(`${formatDate(day)} has no calendar entry to remove: it is an ordinary day.`, `У ${formatDate(day)} нет записи календаря: это обычный день.`), { date: day });
          }
          ctx.result({ date: day, ...result }, () => {
            if (result.action === 'removed') {
              const now = loadWorkCalendar(store).dayKind(day);
              ctx.done(L(`Removed the entry for ${formatDate(day)}; the day is now: ${describe(now)}.`, `Запись на ${formatDate(day)} удалена; теперь это: ${describe(now)}.`));
            } else {
              const working = result.after.kind === 'working';
              ctx.done(
                L(
                  `${formatDate(day)} is built in as ${describe(result.builtin)}; added an entry making it an ordinary ${working ? 'working day' : 'day off'}. Remove ${formatDate(day)} again to restore it.`,
                  `${formatDate(day)} во встроенном календаре — ${describe(result.builtin)}; добавлена запись: теперь это обычный ${working ? 'рабочий' : 'выходной'} день. Повторное удаление вернёт встроенное значение.`,
                ),
              );
            }
          });
        }),
      ),
    'registrar calendar holiday remove 2026-09-01',
    'registrar calendar holiday remove 04.11.2026',
  );

  withExamples(
    calendar
      .command('due <date>')
      .description('the deadline "within N working days after DATE": the N-th working day after it')
      .requiredOption('--workdays <n>', 'working days after DATE (0 gives DATE itself)', intOption(0, 1000))
      .action(
        act(async (ctx, opts: { workdays: number }, date: string) => {
          const from = dateArg(date, 'DATE');
          // Date arithmetic ends at year 9999; a thousand working days need about four years.
          if (yearOf(from) > 9990) throw new InputError('date_out_of_range', L(`DATE: ${formatDate(from)} is too far ahead.`, `DATE: ${formatDate(from)} — слишком далеко.`), { value: date });
          const cal = await workCalendar(ctx);
          const due = cal.dueDate(from, opts.workdays);
          const fallbackYears = cal.fallbackYears(from, due);
          warnFallback(ctx, fallbackYears);
          ctx.result({ date: from, workdays: opts.workdays, due, fallbackYears }, () => ctx.print(due));
        }),
      ),
    'registrar calendar due 2026-04-30 --workdays 3',
    'registrar calendar due 01.09.2025 --workdays 3 --json',
  );
  return calendar;
}

/**
 * The production calendar with the store's entries; `due` and `show` of a calendar year also
 * work where there is no store yet, with the built-in calendar alone.
 */
async function workCalendar(ctx: Context): Promise<WorkCalendar> {
  return existsSync(ctx.dbPath) ? loadWorkCalendar(await ctx.openStore()) : new WorkCalendar();
}

/** `--year 2026`, `--year 2025/2026` (from the store), `--from D --to D`, or this calendar year. */
async function showRange(ctx: Context, opts: { year?: string; from?: string; to?: string }): Promise<{ from: IsoDate; to: IsoDate }> {
  if (opts.from !== undefined || opts.to !== undefined) {
    if (opts.year !== undefined) throw new UsageError('conflicting_options', L('Give either --year or --from/--to, not both.', 'Укажите либо --year, либо --from/--to.'));
    if (opts.from === undefined || opts.to === undefined) throw new UsageError('missing_option', L('--from and --to go together.', '--from и --to указываются вместе.'));
    const from = dateArg(opts.from, '--from');
    const to = dateArg(opts.to, '--to');
    if (from > to) throw new InputError('bad_range', L(`--from ${formatDate(from)} is after --to ${formatDate(to)}.`, `--from ${formatDate(from)} позже --to ${formatDate(to)}.`), { from, to });
    return { from, to };
  }
  const year = opts.year?.trim() ?? String(yearOf(ctx.today));
  if (/^\d{4}$/.test(year)) return { from: isoOf(Number(year), 1, 1), to: isoOf(Number(year), 12, 31) };
  if (/^\d{4}[/-]\d{4}$/.test(year)) {
    const row = findYear(await ctx.openStore(), year);
    return { from: row.start, to: row.end };
  }
  throw new InputError('bad_year', L(`--year "${year}": expected a calendar year (2026) or an academic year (2025/2026).`, `--year «${year}»: нужен календарный год (2026) или учебный (2025/2026).`), { value: year });
}

function warnFallback(ctx: Context, years: number[]): void {
  for (const y of years) {
    ctx.warn(L(`no decree data for ${y}; using the Labour Code rule (weekend holidays move to the next working day, except in January).`, `нет данных постановления Правительства на ${y} год; применяется правило ТК РФ (праздник в выходной переносится на следующий рабочий день, кроме январских).`));
  }
}

function kindLabel(kind: DayKind): string {
  switch (kind) {
    case 'holiday': return L('holiday', 'праздник');
    case 'day_off': return L('day off', 'выходной');
    case 'working': return L('working day', 'рабочий');
    case 'short': return L('shortened day', 'сокращённый');
    case 'weekend': return L('weekend', 'выходной (суббота/воскресенье)');
  }
}

function describe(day: DayInfo): string {
  return kindLabel(day.kind) + (day.name ? ` «${day.name}»` : '');
}

function sourceLabel(day: DayInfo): string {
  return day.source === 'user' ? L('user', 'пользователь') : L('built-in', 'встроенный');
}

function weekdayLabel(date: IsoDate): string {
  const i = weekday(date) - 1;
  return L(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][i], ['пн', 'вт', 'ср', 'чт', 'пт', 'сб', 'вс'][i]);
}
