import { Command } from 'commander';
import { act, withExamples } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { InputError } from '../core/errors.js';
import { t } from '../core/i18n.js';
import { optionalDate } from '../cli/values.js';
import { addDays, formatDate, type IsoDate } from '../domain/dates.js';
import type { OrderKind } from '../domain/orders.js';
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
  const report = new Command('report').description(t('help_report'));

  withExamples(
    outputOptions(
      report
        .command('movement')
        .description(t('help_report_movement'))
        .option('--from <date>', t('opt_report_from'))
        .option('--to <date>', t('opt_report_to'))
        .option('--period <period>', t('opt_report_period'))
        .option('--year <name>', t('opt_report_year')),
    ).action(act(movement)),
    'registrar report movement --from 01.09.2025 --to 31.12.2025',
    'registrar report movement --period S1 --format html --out движение.html',
    'registrar report movement --format xlsx --out movement.xlsx --force',
  );
  // ---- report outcomes (issue 12: the year rollover) ----
  withExamples(
    outputOptions(report.command('outcomes').description(t('help_report_outcomes')).option('--year <name>', t('opt_report_year'))).action(
      act(async (ctx: Context, flags: { year?: string } & OutputFlags) => {
        const { outcomesReport } = await import('../reports/outcomes.js');
        const store = await ctx.openStore();
        await emitReport(ctx, outcomesReport(store, findYear(store, flags.year)), flags);
      }),
    ),
    'registrar report outcomes --year 2025/2026',
    'registrar report outcomes --year 2025/2026 --format xlsx --out итоги.xlsx',
  );
  return report;
}

/**
 * The dates a report covers: --period, else --from/--to. By default a year runs from the day
 * after the previous year ended (summer enrolment orders belong to the new year; with no
 * previous year, from the first order) to its last day.
 */
function reportRange(store: Store, flags: RangeFlags): { from?: IsoDate; to: IsoDate; period?: string } {
  if (flags.period) {
    const { year, period } = findPeriod(store, flags.period, flags.year);
    return { from: period.start, to: period.end, period: `${period.name} ${year.name}` };
  }
  const from = optionalDate(flags.from, '--from');
  const to = optionalDate(flags.to, '--to');
  const year = from && to ? undefined : findYear(store, flags.year);
  const previous = year && listYears(store).filter((y) => y.end < year.start).at(-1);
  const range = { from: from ?? (previous ? addDays(previous.end, 1) : undefined), to: to ?? year!.end, period: from || to ? undefined : t('movement_year_period', { year: year!.name }) };
  if (range.from && range.from > range.to) {
    throw new InputError('bad_range', { from: formatDate(range.from), to: formatDate(range.to) }, { from: range.from, to: range.to });
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
      kindName: t(`movement_kind_${o.kind as OrderKind}`),
      studentId: i.student_id,
      student: i.student,
      fromGroup: i.from_group,
      toGroup: i.to_group,
      reason: i.note ?? o.reason,
    })),
  );
  return {
    title: t('movement_title'),
    meta: { org: org?.name, period: range.period, from: range.from, to: range.to },
    columns: [
      { key: 'n', header: '№', align: 'right' },
      { key: 'date', header: t('movement_col_date'), date: true },
      { key: 'number', header: t('movement_col_number') },
      { key: 'kindName', header: t('movement_col_kind') },
      { key: 'student', header: t('movement_col_student') },
      { key: 'fromGroup', header: t('movement_col_from_group') },
      { key: 'toGroup', header: t('movement_col_to_group') },
      { key: 'reason', header: t('movement_col_reason') },
    ],
    rows: rows.map((r, i) => ({ n: i + 1, ...r })),
    totals: { n: t('movement_total'), student: rows.length },
    signatures: [t('movement_sign_secretary'), org?.director ? t('movement_sign_director_named', { name: org.director }) : t('movement_sign_director')],
  };
}

async function movement(ctx: Context, flags: RangeFlags & OutputFlags): Promise<void> {
  const store = await ctx.openStore();
  await emitReport(ctx, movementReport(store, reportRange(store, flags)), flags);
}
