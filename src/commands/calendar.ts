import { existsSync } from 'node:fs';
import { Command, Option } from 'commander';
import { act, intOption, withExamples } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { InputError, UsageError } from '../core/errors.js';
import { t } from '../core/i18n.js';
import { printTable } from '../cli/table.js';
import { dateArg } from '../cli/values.js';
import { formatDate, isoOf, weekday, yearOf, type IsoDate } from '../domain/dates.js';
import type { DayInfo, DayKind, SpecialKind } from '../domain/productionCalendar.js';
import { WorkCalendar } from '../domain/workdays.js';
import { addCalendarDay, removeCalendarDay } from '../services/calendar.js';
import { loadWorkCalendar } from '../store/calendar.js';
import { findYear } from '../store/years.js';

export default function (): Command {
  const calendar = withExamples(
    new Command('calendar').description(t('help_calendar')),
    'registrar calendar show --year 2026',
    'registrar calendar due 2026-04-30 --workdays 3',
  );

  withExamples(
    calendar
      .command('show')
      .description(t('help_calendar_show'))
      .option('--year <year>', t('opt_calendar_year'))
      .option('--from <date>', t('opt_calendar_from'))
      .option('--to <date>', t('opt_calendar_to'))
      .action(
        act(async (ctx, opts: { year?: string; from?: string; to?: string }) => {
          const { from, to } = await showRange(ctx, opts);
          const cal = await workCalendar(ctx);
          const days = cal.specialDays(from, to);
          const fallbackYears = cal.fallbackYears(from, to);
          warnFallback(ctx, fallbackYears);
          const json = { from, to, days: days.map((d) => ({ date: d.date, kind: d.kind, name: d.name ?? null, source: d.source })), fallbackYears };
          ctx.result(json, () => {
            if (!days.length) ctx.print(t('cal_no_special_days', { from: formatDate(from), to: formatDate(to) }));
            else
              printTable(
                ctx,
                [t('cal_col_date'), t('cal_col_day'), t('cal_col_kind'), t('cal_col_name'), t('cal_col_source')],
                days.map((d) => [formatDate(d.date), weekdayLabel(d.date), kindLabel(d.kind), d.name, sourceLabel(d, cal)]),
              );
            for (let y = yearOf(from); y <= yearOf(to); y++) {
              const { decree } = cal.year(y);
              if (decree) ctx.print(t('cal_decree', { year: y, number: decree.number, date: formatDate(decree.date) }));
            }
          });
        }),
      ),
    'registrar calendar show',
    'registrar calendar show --year 2025/2026',
    'registrar calendar show --from 2026-04-25 --to 2026-05-15 --json',
  );

  const holiday = withExamples(
    calendar.command('holiday').description(t('help_calendar_holiday')),
    'registrar calendar holiday add 2027-01-11 --kind day-off --name "Перенесённый выходной"',
  );

  withExamples(
    holiday
      .command('add <date>')
      .description(t('help_calendar_holiday_add'))
      .option('--name <text>', t('opt_calendar_name'))
      .addOption(new Option('--kind <kind>', t('opt_calendar_kind')).choices(['holiday', 'day-off', 'working', 'short']).default('holiday'))
      .action(
        act(async (ctx, opts: { name?: string; kind: string }, date: string) => {
          const day = { date: dateArg(date, 'DATE'), kind: opts.kind.replace('-', '_') as SpecialKind, name: opts.name?.trim() || null };
          const { replaced } = addCalendarDay(await ctx.openStore(), day);
          ctx.result({ ...day, replaced }, () =>
            ctx.done(t('cal_day_set', { date: formatDate(day.date), day: describe(day) }) + (replaced ? t('cal_day_was', { was: kindLabel(replaced.kind) }) : '')),
          );
        }),
      ),
    'registrar calendar holiday add 2027-01-11 --kind day-off --name "Перенесённый выходной"',
    'registrar calendar holiday add 01.09.2026 --name "День знаний" --kind day-off',
  );

  withExamples(
    holiday
      .command('remove <date>')
      .description(t('help_calendar_holiday_remove'))
      .action(
        act(async (ctx, _opts, date: string) => {
          const day = dateArg(date, 'DATE');
          const result = removeCalendarDay(await ctx.openStore(), day);
          const json = result.action === 'removed' ? { date: day, action: result.action, before: result.before } : { date: day, ...result };
          ctx.result(json, () => {
            if (result.action === 'removed') {
              ctx.done(t('cal_entry_removed', { date: formatDate(day), now: describe(result.now) }));
            } else {
              ctx.done(t('cal_builtin_overridden', { date: formatDate(day), builtin: describe(result.builtin), working: result.after.kind === 'working' }));
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
      .description(t('help_calendar_due'))
      .requiredOption('--workdays <n>', t('opt_calendar_workdays'), intOption(0, 1000))
      .action(
        act(async (ctx, opts: { workdays: number }, date: string) => {
          const from = dateArg(date, 'DATE');
          // Date arithmetic ends at year 9999; a thousand working days need about four years.
          if (yearOf(from) > 9990) throw new InputError('date_out_of_range', { date: formatDate(from) }, { value: date });
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
    if (opts.year !== undefined) throw new UsageError('conflicting_options');
    if (opts.from === undefined || opts.to === undefined) throw new UsageError('missing_option', { options: '--from, --to' });
    const from = dateArg(opts.from, '--from');
    const to = dateArg(opts.to, '--to');
    if (from > to) throw new InputError('bad_range', { from: formatDate(from), to: formatDate(to) }, { from, to });
    return { from, to };
  }
  const year = opts.year?.trim() ?? String(yearOf(ctx.today));
  if (/^\d{4}$/.test(year)) return { from: isoOf(Number(year), 1, 1), to: isoOf(Number(year), 12, 31) };
  if (/^\d{4}[/-]\d{4}$/.test(year)) {
    const row = findYear(await ctx.openStore(), year);
    return { from: row.start, to: row.end };
  }
  throw new InputError('bad_year', { value: year, reason: t('calendar_year_expected', { value: year }) }, { value: year });
}

function warnFallback(ctx: Context, years: number[]): void {
  for (const year of years) ctx.warn(t('cal_fallback', { year }));
}

function kindLabel(kind: DayKind): string {
  switch (kind) {
    case 'holiday': return t('cal_kind_holiday');
    case 'day_off': return t('cal_kind_day_off');
    case 'working': return t('cal_kind_working');
    case 'short': return t('cal_kind_short');
    case 'weekend': return t('cal_kind_weekend');
  }
}

function describe(day: { kind: DayKind; name?: string | null }): string {
  return kindLabel(day.kind) + (day.name ? ` «${day.name}»` : '');
}

/** Where a day comes from: the user's entry, the year's decree, or the Labour Code rule (a year without decree data). */
function sourceLabel(day: DayInfo & { date: IsoDate }, cal: WorkCalendar): string {
  if (day.source === 'user') return t('cal_source_user');
  return cal.year(yearOf(day.date)).source === 'decree' ? t('cal_source_decree') : t('cal_source_labour_code');
}

function weekdayLabel(date: IsoDate): string {
  return t('cal_weekday', { day: weekday(date) });
}
