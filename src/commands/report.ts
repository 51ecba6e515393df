import { Command } from 'commander';
import { act, withExamples } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { InputError } from '../core/errors.js';
import { L } from '../core/i18n.js';
import { optionalDate } from '../cli/values.js';
import { addDays, formatDate, type IsoDate } from '../domain/dates.js';
import { ORDER_KINDS } from '../domain/orders.js';
import type { Report } from '../reports/model.js';
import { emitReport, outputOptions, type OutputFlags } from '../cli/output.js';
import { listOrders, orderItems } from '../store/orders.js';
import { findOrg } from '../store/org.js';
import type { Store } from '../store/store.js';
import { findPeriod, findYear, listYears } from '../store/years.js';

interface RangeFlags {
  from?: string;
  to?: string;
  period?: string;
  year?: string;
}

export default function (): Command {
  const report = new Command('report').description('reports: printable (html, xlsx) or for scripts (json, csv)');

  withExamples(
    outputOptions(
      report
        .command('movement')
        .description('книга движения: the orders in a date range with their students')
        .option('--from <date>', 'first day (default: the day after the previous year ended)')
        .option('--to <date>', 'last day (default: the end of the year)')
        .option('--period <period>', 'the dates of a period instead: S1, 2025/2026:S2')
        .option('--year <name>', 'the year for the defaults and --period (default: the current one)'),
    ).action(act(movement)),
    'registrar report movement --from 01.09.2025 --to 31.12.2025',
    'registrar report movement --period S1 --format html --out движение.html',
    'registrar report movement --format xlsx --out movement.xlsx --force',
  );
  return report;
}

/**
 * The dates a report covers: --period, else --from/--to. By default a year runs from the day
 * after the previous year ended (summer enrolment orders belong to the new year; with no
 * previous year, from the first order) to its last day.
 */
function reportRange(store: Store, flags: RangeFlags, today: IsoDate): { from?: IsoDate; to: IsoDate; period?: string } {
  if (flags.period) {
    const { year, period } = findPeriod(store, flags.period, flags.year);
    return { from: period.start, to: period.end, period: `${period.name} ${year.name}` };
  }
  const from = optionalDate(flags.from, '--from');
  const to = optionalDate(flags.to, '--to');
  const year = from && to ? undefined : findYear(store, flags.year, today);
  const previous = year && listYears(store).filter((y) => y.end < year.start).at(-1);
  const range = { from: from ?? (previous ? addDays(previous.end, 1) : undefined), to: to ?? year!.end, period: from || to ? undefined : `${year!.name} учебный год` };
  if (range.from && range.from > range.to) {
    throw new InputError('bad_range', L(`The range is empty: ${formatDate(range.from)} is after ${formatDate(range.to)}.`, `Пустой диапазон: ${formatDate(range.from)} позже ${formatDate(range.to)}.`));
  }
  return range;
}

/** Книга движения: one row per student of each order in the range. */
export function movementReport(store: Store, range: { from?: IsoDate; to: IsoDate; period?: string }): Report {
  const org = findOrg(store);
  const rows = listOrders(store, range).flatMap((o) =>
    orderItems(store, o.id).map((i) => ({
      date: o.date,
      number: o.number,
      kind: o.kind,
      kindName: ORDER_KINDS[o.kind].title,
      studentId: i.student_id,
      student: i.student,
      fromGroup: i.from_group,
      toGroup: i.to_group,
      reason: i.note ?? o.reason,
    })),
  );
  return {
    title: 'Книга движения обучающихся',
    meta: { org: org?.name, period: range.period, from: range.from, to: range.to },
    columns: [
      { key: 'n', header: '№', align: 'right' },
      { key: 'date', header: 'Дата приказа', date: true },
      { key: 'number', header: '№ приказа' },
      { key: 'kindName', header: 'Приказ' },
      { key: 'student', header: 'Обучающийся' },
      { key: 'fromGroup', header: 'Из группы' },
      { key: 'toGroup', header: 'В группу' },
      { key: 'reason', header: 'Основание' },
    ],
    rows: rows.map((r, i) => ({ n: i + 1, ...r })),
    totals: { n: 'Итого', student: rows.length },
    signatures: ['Секретарь учебной части', org?.director ? `Директор ${org.director}` : 'Директор'],
  };
}

async function movement(ctx: Context, flags: RangeFlags & OutputFlags): Promise<void> {
  const store = await ctx.openStore();
  await emitReport(ctx, movementReport(store, reportRange(store, flags, ctx.today)), flags);
}
