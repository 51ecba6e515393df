import { Command, Option } from 'commander';
import { act, withExamples } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { UsageError } from '../core/errors.js';
import { t, type MessageKey } from '../core/i18n.js';
import { printTable } from '../cli/table.js';
import { optionalDate } from '../cli/values.js';
import { formatDate, type IsoDate } from '../domain/dates.js';
import { groupOnOrder, ORDER_KIND_LIST, ORDER_KINDS, orderTitle, type OrderKind } from '../domain/orders.js';
import { issueOrder } from '../services/orders.js';
import { findOrder, listOrders, orderItems, type OrderItemView, type OrderRow } from '../store/orders.js';

const ABOUT: Record<OrderKind, [MessageKey, string]> = {
  enroll: ['help_order_enroll', 'registrar order enroll --order-no 12-к --order-date 25.08.2025 --group ИС-25 57'],
  transfer: ['help_order_transfer', 'registrar order transfer --order-no 31-к --order-date 01.02.2026 --group ИС-25Б "Иванов Иван Петрович" 43'],
  expel: ['help_order_expel', 'registrar order expel --order-no 40-к --order-date 15.03.2026 --reason "по собственному желанию" 42'],
  leave: ['help_order_leave', 'registrar order leave --order-no 41-к --order-date 20.03.2026 --reason "по медицинским показаниям" 42'],
  restore: ['help_order_restore', 'registrar order restore --order-no 55-к --order-date 01.09.2026 --group ИС-25 --year 2026/2027 42'],
  graduate: ['help_order_graduate', 'registrar order graduate --order-no 70-к --order-date 30.06.2026 42 43 44'],
};

interface OrderFlags {
  orderNo?: string;
  orderDate?: string;
  /** Hidden aliases of --order-no / --order-date, kept for a release. */
  no?: string;
  date?: string;
  reason?: string;
  group?: string;
  year?: string;
}

export default function (): Command {
  const order = withExamples(
    new Command('order').description(t('help_order')),
    'registrar order transfer --order-no 31-к --order-date 01.02.2026 --group ИС-25Б 43',
    'registrar order expel --order-no 40-к --order-date 15.03.2026 --reason "по собственному желанию" 42',
    'registrar order list --from 01.09.2025 --to 31.12.2025',
  );

  for (const kind of ORDER_KIND_LIST) {
    const command = order
      .command(`${kind} <students...>`)
      .description(t('help_order_kind', { about: (t as (key: MessageKey) => string)(ABOUT[kind][0]), title: orderTitle(kind) }))
      .option('--order-no <number>', t('opt_order_no'))
      .option('--order-date <date>', t('opt_order_date'))
      .addOption(new Option('--no <number>').hideHelp())
      .addOption(new Option('--date <date>').hideHelp())
      .option('--reason <text>', t('opt_order_reason'));
    if (ORDER_KINDS[kind].toGroup) {
      command.requiredOption('--group <name>', t('opt_order_group')).option('--year <name>', t('opt_student_year'));
    }
    withExamples(command.action(act((ctx, flags: OrderFlags, refs: string[]) => issue(ctx, kind, flags, refs))), ABOUT[kind][1]);
  }

  withExamples(
    order
      .command('list')
      .description(t('help_order_list'))
      .option('--from <date>', t('opt_order_from'))
      .option('--to <date>', t('opt_order_to'))
      .addOption(new Option('--kind <kind>', t('opt_order_kind')).choices(ORDER_KIND_LIST))
      .action(act(list)),
    'registrar order list --from 01.09.2025 --to 31.12.2025',
    'registrar order list --kind expel --json',
  );

  withExamples(
    order
      .command('show <number>')
      .description(t('help_order_show'))
      .option('--date <date>', t('opt_order_show_date'))
      .action(act(show)),
    'registrar order show 40-к',
    'registrar order show 12-к --date 25.08.2025 --json',
  );
  return order;
}

/**
 * The order's number and date: `--order-no`/`--order-date`, or their old spellings `--no`/`--date`
 * (hidden, kept for a release). Both spellings that disagree, or neither, exit 2.
 */
function orderFlags(flags: OrderFlags): { number: string; date: IsoDate } {
  const pick = <T>(current: T | undefined, old: T | undefined, name: string, oldName: string): T => {
    if (current !== undefined && old !== undefined && current !== old) throw new UsageError('order_flags_conflict', { option: name, alias: oldName });
    const value = current ?? old;
    if (value === undefined) throw new UsageError('order_flag_missing', { option: name });
    return value;
  };
  const number = pick(flags.orderNo?.trim(), flags.no?.trim(), '--order-no', '--no');
  const date = pick(optionalDate(flags.orderDate, '--order-date'), optionalDate(flags.date, '--date'), '--order-date', '--date');
  return { number, date };
}

async function issue(ctx: Context, kind: OrderKind, flags: OrderFlags, refs: string[]): Promise<void> {
  const { number, date } = orderFlags(flags);
  const store = await ctx.openStore();
  const r = issueOrder(store, { kind, number, date, reason: flags.reason, group: flags.group, year: flags.year, students: refs });
  for (const w of r.warnings) ctx.warn(w);
  printOrder(ctx, r.order, r.items);
}

function publicOrder(o: OrderRow, items: OrderItemView[]) {
  return {
    number: o.number,
    date: o.date,
    kind: o.kind,
    title: ORDER_KINDS[o.kind].title,
    reason: o.reason,
    students: items.map((i) => ({ id: i.student_id, name: i.student, fromGroup: i.from_group, toGroup: i.to_group, fromYear: i.from_year, fromCourse: i.from_course, toYear: i.to_year, toCourse: i.to_course, note: i.note })),
  };
}

function printOrder(ctx: Context, o: OrderRow, items: OrderItemView[]): void {
  ctx.result(publicOrder(o, items), () => {
    ctx.print(ctx.out.bold(t('people_order_heading', { number: o.number, date: formatDate(o.date), title: orderTitle(o.kind) })));
    if (o.reason) ctx.print(t('people_order_reason_line', { reason: o.reason }));
    // The note column (a conditional transfer's «условно переведён(а)…») only where some item has one.
    const notes = items.some((i) => i.note);
    printTable(
      ctx,
      ['id', t('people_field_student'), t('people_field_from_group'), t('people_field_to_group'), ...(notes ? [t('people_field_note')] : [])],
      items.map((i) => [i.student_id, i.student, groupOnOrder(i.from_group, i.from_course, i.from_year), groupOnOrder(i.to_group, i.to_course, i.to_year), ...(notes ? [i.note ?? ''] : [])]),
    );
  });
}

async function list(ctx: Context, flags: { from?: string; to?: string; kind?: OrderKind }): Promise<void> {
  const store = await ctx.openStore();
  const orders = listOrders(store, { from: optionalDate(flags.from, '--from'), to: optionalDate(flags.to, '--to'), kind: flags.kind }).map((o) => ({ ...publicOrder(o, []), students: orderItems(store, o.id).length }));
  ctx.result(orders, () =>
    printTable(
      ctx,
      [t('people_field_date'), t('people_field_number'), t('people_field_order'), t('people_field_students'), t('people_field_reason')],
      orders.map((o) => [formatDate(o.date), o.number, orderTitle(o.kind), o.students, o.reason]),
    ),
  );
}

async function show(ctx: Context, flags: { date?: string }, number: string): Promise<void> {
  const store = await ctx.openStore();
  const o = findOrder(store, number.trim(), optionalDate(flags.date, '--date'));
  printOrder(ctx, o, orderItems(store, o.id));
}
