import { Command, InvalidArgumentError, Option } from 'commander';
import { act, withExamples } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { InputError, RuleError, UsageError } from '../core/errors.js';
import { t, type MessageKey } from '../core/i18n.js';
import { warnUnfinishedCopiesRemoved } from '../cli/output.js';
import { printTable } from '../cli/table.js';
import { terminalSafe } from '../core/excerpt.js';
import { optionalDate } from '../cli/values.js';
import { checkNewYear, statusLabel, type PeriodScheme } from '../domain/academicYear.js';
import { formatDate } from '../domain/dates.js';
import { orderTitle } from '../domain/orders.js';
import type { DebtorsPolicy, RenamePolicy } from '../domain/rollover.js';
import { debtLabel, outcomeName } from '../reports/outcomes.js';
import { rolloverYear, undoRollover, type RolloverResult, type UndoResult } from '../services/rollover.js';
import { findYear, listPeriods, listYears, publicPeriod } from '../store/years.js';

export default function (): Command {
  const year = withExamples(
    new Command('year').description(t('help_year')),
    'registrar year list',
    'registrar year create 2026/2027 --start 2026-09-01 --end 2027-06-30 --periods semesters',
    'registrar year rollover --from 2025/2026 --to 2026/2027 --dry-run',
  );

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
          // Loaded here: the period rules are this action's alone, and year rollover starts without them.
          const { createAcademicYear } = await import('../services/periods.js');
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
  withExamples(
    year
      .command('close <name>')
      .description(t('help_year_close'))
      .action(
        act(async (ctx, _opts, name: string) => {
          const { closeYear } = await import('../services/yearClose.js');
          const r = await closeYear(await ctx.openStore(), name);
          warnUnfinishedCopiesRemoved(ctx, r.unfinishedCopiesRemoved);
          ctx.result(r, () => ctx.done(t('year_closed_done', { year: r.year, backup: r.backup })));
        }),
      ),
    'registrar year close 2025/2026',
  );

  withExamples(
    year
      .command('rollover')
      .description(t('help_year_rollover'))
      .option('--from <year>', t('opt_rollover_from'))
      .option('--to <year>', t('opt_rollover_to'))
      .option('--dry-run', t('opt_rollover_dry_run'))
      .option('--order-no <number>', t('opt_rollover_order_no'))
      .option('--order-date <date>', t('opt_rollover_order_date'))
      .option('--graduation-no <number>', t('opt_rollover_graduation_no'))
      .option('--graduation-date <date>', t('opt_rollover_graduation_date'))
      .addOption(new Option('--debtors <policy>', t('opt_rollover_debtors')).choices(['conditional', 'hold']).default('conditional'))
      .addOption(new Option('--rename <policy>', t('opt_rollover_rename')).choices(['keep', 'increment']).default('keep'))
      .option('--name <old=new>', t('opt_rollover_name'), namePair)
      .option('--leave-behind', t('opt_rollover_leave_behind'))
      // --undo takes only the year (and --dry-run): what to take back is on record.
      .addOption(new Option('--undo <year>', t('opt_rollover_undo')).conflicts(['from', 'to', 'orderNo', 'orderDate', 'graduationNo', 'graduationDate', 'debtors', 'rename', 'name', 'leaveBehind']))
      .action(act(rollover)),
    'registrar year rollover --from 2025/2026 --to 2026/2027 --dry-run',
    'registrar year rollover --from 2025/2026 --to 2026/2027 --order-no 101-к --order-date 01.09.2026 --rename increment',
    'registrar year rollover --from 2025/2026 --to 2026/2027 --rename increment --name "2-2=3-2"',
    'registrar year rollover --undo 2026/2027',
  );
  return year;
}

/** `--name OLD=NEW`, repeatable: each pair as typed (domain givenNames checks them against the year's groups). */
function namePair(value: string, previous: { from: string; to: string }[] = []): { from: string; to: string }[] {
  const at = value.indexOf('=');
  if (at <= 0 || at === value.length - 1 || value.indexOf('=', at + 1) >= 0) throw new InvalidArgumentError(t('rollover_name_format', { value }));
  return [...previous, { from: value.slice(0, at), to: value.slice(at + 1) }];
}

interface RolloverFlags {
  from?: string;
  to?: string;
  dryRun?: boolean;
  orderNo?: string;
  orderDate?: string;
  graduationNo?: string;
  graduationDate?: string;
  debtors: DebtorsPolicy;
  rename: RenamePolicy;
  name?: { from: string; to: string }[];
  leaveBehind?: boolean;
  undo?: string;
}

async function rollover(ctx: Context, flags: RolloverFlags): Promise<void> {
  if (flags.undo) {
    const store = await ctx.openStore();
    const undoCounts = (r: UndoResult) => ({ year: r.year, from: r.from, groups: r.restored.groups, students: r.restored.students, accounts: r.restored.accounts });
    // What would be taken back, then asked (--yes under cron); the undo checks it all again.
    if (!flags.dryRun) await ctx.confirm(() => t('rollover_undo_confirm', undoCounts(undoRollover(store, flags.undo!, { dryRun: true }))));
    const r = undoRollover(store, flags.undo, { dryRun: flags.dryRun });
    const counts = undoCounts(r);
    ctx.result(r, () => (r.dryRun ? ctx.print(t('rollover_undo_preview', counts)) : ctx.done(t('rollover_undone', counts))));
    return;
  }
  if (!flags.from || !flags.to) throw new UsageError('rollover_years_required');
  const r = await rolloverYear(await ctx.openStore(), {
    from: flags.from, to: flags.to, dryRun: flags.dryRun, debtors: flags.debtors, rename: flags.rename, names: flags.name, leaveBehind: flags.leaveBehind,
    orderNo: flags.orderNo, orderDate: optionalDate(flags.orderDate, '--order-date'),
    graduationNo: flags.graduationNo, graduationDate: optionalDate(flags.graduationDate, '--graduation-date'),
  });
  warnUnfinishedCopiesRemoved(ctx, r.unfinishedCopiesRemoved);
  ctx.result(r, () => printRollover(ctx, r));
  // As an import's dry run: the whole plan and its problems first, then the refusal the
  // rollover itself would give: the year still open (exit 4), or problems (exit 3).
  if (r.dryRun && !r.yearClosed) throw new RuleError('rollover_year_open', { year: r.from });
  if (r.dryRun && r.blocked) throw new InputError('rollover_dry_run_problems', { from: r.from, count: r.problems.length }, { from: r.from, count: r.problems.length, problems: r.plan.problems });
}

function printRollover(ctx: Context, r: RolloverResult): void {
  ctx.print(ctx.out.bold(t(r.dryRun ? 'rollover_plan_heading' : 'rollover_done_heading', { from: r.from, to: r.to })));
  if (r.yearCreated) ctx.print(t(r.dryRun ? 'rollover_year_to_create_line' : 'rollover_year_created_line', { year: r.to, start: formatDate(r.toYear.start), end: formatDate(r.toYear.end) }));
  // Groups and students as plain aligned lines: a plan of 4,000 groups and 100,000 students
  // prints in a moment (a drawn table's layout grows with the square of its rows: 4,000
  // groups took 11 s). The plan lists everyone; the result, those whose outcome needs a look
  // (debts, held back, not moved).
  printLines(
    ctx,
    [t('rollover_col_group'), t('rollover_col_course'), t('rollover_col_to_group'), t('rollover_col_to_course'), t('rollover_col_action'), t('rollover_col_students'), t('rollover_outcome_promoted'), t('rollover_outcome_conditional'), t('rollover_outcome_held'), t('rollover_outcome_graduated'), t('rollover_outcome_not_moved')],
    r.plan.groups.map((g) => [g.name, g.course, g.toName, g.toCourse, g.problem ? t(`rollover_group_problem_${g.problem}` as MessageKey as 'rollover_group_problem_name_taken') : t(`rollover_action_${g.action}` as 'rollover_action_none'), Object.values(g.counts).reduce((a, b) => a + b, 0), g.counts.promoted, g.counts.conditional, g.counts.held, g.counts.graduated, g.counts.notMoved].map((c) => (c === null ? '' : String(c)))),
  );
  const rows = r.plan.students
    .filter((s) => r.dryRun || (s.outcome !== 'promoted' && s.outcome !== 'graduated'))
    .map((s) => [String(s.id), s.group ?? '', s.name, s.problem ? `${outcomeName(null)}: ${t(`rollover_reason_${s.problem}` as 'rollover_reason_no_group')}` : outcomeName(s.outcome), s.toGroup ?? '', s.debts.map(debtLabel).join('; ')]);
  if (rows.length) printLines(ctx, ['id', t('rollover_col_group'), t('rollover_col_student'), t('rollover_col_outcome'), t('rollover_col_to_group'), t('rollover_col_debts')], rows);
  for (const [order, title] of [[r.transferOrder, orderTitle('transfer')], [r.graduationOrder, orderTitle('graduate')]] as const) {
    if (order) ctx.print(t('rollover_order_line', { number: order.number, date: formatDate(order.date), title, students: order.students }));
  }
  if (r.calendarCopied) ctx.print(t('rollover_calendar_copied', { count: r.calendarCopied }));
  if (r.accountsDisabled.length) ctx.print(t(r.dryRun ? 'rollover_accounts_to_disable' : 'rollover_accounts_disabled', { count: r.accountsDisabled.length }));
  if (r.counts.held) ctx.print(t('rollover_held_hint', { count: r.counts.held, from: r.from, to: r.to }));
  if (r.problems.length) {
    const heading = !r.dryRun ? 'rollover_left_behind_heading' : r.blocked ? 'rollover_problems_heading' : 'rollover_would_leave_heading';
    ctx.print(ctx.out.bold(t(heading, { count: r.problems.length })));
    for (const line of r.problems) ctx.print(`  ${line}`);
    if (!r.dryRun) ctx.print(t('rollover_left_behind_hint', { from: r.from, to: r.to }));
  }
  if (r.backup) ctx.print(t('rollover_backup_line', { path: r.backup }));
  // A blocked dry run ends with its refusal (exit 3), not with a line that reads like success.
  if (r.dryRun) {
    if (!r.blocked && r.yearClosed) ctx.print(t('rollover_dry_run_ready'));
  } else ctx.done(t('rollover_done', { from: r.from, to: r.to, moved: r.counts.promoted + r.counts.conditional, graduated: r.counts.graduated }));
}

/** Rows as lines with columns padded to their widest cell, the header in bold. */
function printLines(ctx: Context, headers: string[], rows: string[][]): void {
  const widths = headers.map((h, i) => rows.reduce((w, r) => Math.max(w, r[i].length), h.length));
  const last = headers.length - 1;
  const line = (cells: string[]) => {
    let text = '';
    for (let i = 0; i < last; i++) text += cells[i].padEnd(widths[i]) + '  ';
    return (text + cells[last]).trimEnd();
  };
  ctx.print(ctx.out.bold(line(headers)));
  // One pass of terminalSafe over all the lines: it leaves line breaks as they are.
  ctx.streams.stdout.write(terminalSafe(rows.map(line).join('\n')) + '\n');
}
