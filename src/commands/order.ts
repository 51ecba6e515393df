import { Command, Option } from 'commander';
import { act, withExamples } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { AppError, InputError, RuleError } from '../core/errors.js';
import { L } from '../core/i18n.js';
import { printTable } from '../cli/table.js';
import { dateArg, optionalDate } from '../cli/values.js';
import { formatDate, type IsoDate } from '../domain/dates.js';
import { ORDER_KINDS, type OrderKind } from '../domain/orders.js';
import { splitFullName } from '../domain/person.js';
import { normalizeSnils } from '../domain/snils.js';
import { findGroup } from '../store/groups.js';
import { applyMovement, ensureOrder, findOrder, listOrders, orderItems, type OrderItemView, type OrderRow } from '../store/orders.js';
import { findPeopleByName, findPersonBySnils, fullName, getPerson, type PersonRow } from '../store/people.js';
import { currentGroupId, findStudent } from '../store/students.js';
import type { Store } from '../store/store.js';

const KINDS = Object.keys(ORDER_KINDS) as OrderKind[];

const ABOUT: Record<OrderKind, [string, string]> = {
  enroll: ['enrol people already on file (a new student comes with `student add` or `student import`)', 'registrar order enroll --no 12-к --date 25.08.2025 --group ИС-25 57'],
  transfer: ['move students to another group', 'registrar order transfer --no 31-к --date 01.02.2026 --group ИС-25Б "Иванов Иван Петрович" 43'],
  expel: ['expel students', 'registrar order expel --no 40-к --date 15.03.2026 --reason "по собственному желанию" 42'],
  leave: ['give students an academic leave', 'registrar order leave --no 41-к --date 20.03.2026 --reason "по медицинским показаниям" 42'],
  restore: ['reinstate expelled students or those back from leave, into a group', 'registrar order restore --no 55-к --date 01.09.2026 --group ИС-25 --year 2026/2027 42'],
  graduate: ['graduate students', 'registrar order graduate --no 70-к --date 30.06.2026 42 43 44'],
};

interface OrderFlags {
  no: string;
  date: string;
  reason?: string;
  group?: string;
  year?: string;
}

export default function (): Command {
  const order = new Command('order').description('orders (приказы) of movement: every change of a student\'s status or group');

  for (const kind of KINDS) {
    const command = order
      .command(`${kind} <students...>`)
      .description(`${ABOUT[kind][0]}: приказ ${ORDER_KINDS[kind].title}; students by id, СНИЛС or full name`)
      .requiredOption('--no <number>', 'order number')
      .requiredOption('--date <date>', 'order date')
      .option('--reason <text>', 'the grounds (основание), printed in the book of movement');
    if (ORDER_KINDS[kind].toGroup) {
      command.requiredOption('--group <name>', 'the group the students go to').option('--year <name>', "the group's year (default: the current one)");
    }
    withExamples(command.action(act((ctx, flags: OrderFlags, refs: string[]) => issue(ctx, kind, flags, refs))), ABOUT[kind][1]);
  }

  withExamples(
    order
      .command('list')
      .description('orders, by date')
      .option('--from <date>', 'from this date')
      .option('--to <date>', 'up to this date')
      .addOption(new Option('--kind <kind>', 'only orders of this kind').choices(KINDS))
      .action(act(list)),
    'registrar order list --from 01.09.2025 --to 31.12.2025',
    'registrar order list --kind expel --json',
  );

  withExamples(
    order
      .command('show <number>')
      .description('an order and its students with the groups they left and joined')
      .option('--date <date>', 'the date, when several orders share the number')
      .action(act(show)),
    'registrar order show 40-к',
    'registrar order show 12-к --date 25.08.2025 --json',
  );
  return order;
}

/**
 * Enrolment takes people on file who are not students yet (say, a parent or a staff member),
 * so it looks among all people when no student has the name.
 */
function findEnrollee(store: Store, ref: string, on: IsoDate): PersonRow {
  try {
    return findStudent(store, ref, { on });
  } catch (error) {
    if (!(error instanceof InputError && error.code === 'student_not_found')) throw error;
  }
  const text = ref.trim();
  const snils = normalizeSnils(text);
  const name = splitFullName(text);
  const found = (/^\d{1,9}$/.test(text) ? [getPerson(store, Number(text))] : snils ? [findPersonBySnils(store, snils)] : name ? findPeopleByName(store, name) : []).filter((p): p is PersonRow => Boolean(p));
  if (found.length === 1) return found[0];
  if (found.length > 1) throw new InputError('person_ambiguous', L(`"${text}" names ${found.length} people; use the id or СНИЛС: ${found.map((p) => p.id).join(', ')}`, `«${text}» — это ${found.length} человек; укажите id или СНИЛС: ${found.map((p) => p.id).join(', ')}`));
  throw new InputError('person_not_found', L(`No person "${text}"; a new student comes with \`student add\` or \`student import\`.`, `Человек «${text}» не найден; нового обучающегося добавляют \`student add\` или \`student import\`.`));
}

async function issue(ctx: Context, kind: OrderKind, flags: OrderFlags, refs: string[]): Promise<void> {
  const date = dateArg(flags.date, '--date');
  const number = flags.no.trim();
  if (!number) throw new InputError('order_number_required', L('--no must not be empty.', '--no не может быть пустым.'));
  const reason = flags.reason?.trim() || null;
  const store = await ctx.openStore();
  const group = flags.group === undefined ? undefined : findGroup(store, flags.group, flags.year, ctx.today);
  const students = refs.map((ref) => (kind === 'enroll' ? findEnrollee(store, ref, date) : findStudent(store, ref, { on: date })));
  const order = store.mutate(() => {
    const order = ensureOrder(store, kind, { number, date, reason });
    for (const s of students) {
      try {
        if (kind === 'transfer' && currentGroupId(store, s.id, date) === group!.id) {
          throw new RuleError('same_group', L(`already in ${group!.name}`, `уже в группе ${group!.name}`));
        }
        applyMovement(store, { studentId: s.id, order, toGroupId: group?.id });
      } catch (error) {
        // Name the student: with several in one order, the bare rule does not say whose it is.
        if (!(error instanceof AppError)) throw error;
        throw new AppError(error.exitCode, error.code, `${fullName(s)} (id ${s.id}): ${error.message}`, { student: { id: s.id, name: fullName(s) }, order: { number, date } });
      }
    }
    return order;
  });
  if (reason && order.reason !== reason) {
    ctx.warn(L(`order ${number} of ${formatDate(date)} already had the reason «${order.reason ?? ''}»; kept`, `у приказа ${number} от ${formatDate(date)} уже есть основание «${order.reason ?? ''}»; оставлено`));
  }
  printOrder(ctx, order, orderItems(store, order.id));
}

function publicOrder(o: OrderRow, items: OrderItemView[]) {
  return {
    number: o.number,
    date: o.date,
    kind: o.kind,
    title: ORDER_KINDS[o.kind].title,
    reason: o.reason,
    students: items.map((i) => ({ id: i.student_id, name: i.student, fromGroup: i.from_group, toGroup: i.to_group, note: i.note })),
  };
}

function printOrder(ctx: Context, o: OrderRow, items: OrderItemView[]): void {
  ctx.result(publicOrder(o, items), () => {
    ctx.print(ctx.out.bold(`Приказ № ${o.number} от ${formatDate(o.date)} ${ORDER_KINDS[o.kind].title}`));
    if (o.reason) ctx.print(`${L('Reason', 'Основание')}: ${o.reason}`);
    printTable(ctx, ['id', L('student', 'обучающийся'), L('from group', 'из группы'), L('to group', 'в группу')], items.map((i) => [i.student_id, i.student, i.from_group, i.to_group]));
  });
}

async function list(ctx: Context, flags: { from?: string; to?: string; kind?: OrderKind }): Promise<void> {
  const store = await ctx.openStore();
  const orders = listOrders(store, { from: optionalDate(flags.from, '--from'), to: optionalDate(flags.to, '--to'), kind: flags.kind }).map((o) => ({ ...publicOrder(o, []), students: orderItems(store, o.id).length }));
  ctx.result(orders, () =>
    printTable(ctx, [L('date', 'дата'), L('number', 'номер'), L('order', 'приказ'), L('students', 'обучающихся'), L('reason', 'основание')], orders.map((o) => [formatDate(o.date), o.number, o.title, o.students, o.reason])),
  );
}

async function show(ctx: Context, flags: { date?: string }, number: string): Promise<void> {
  const store = await ctx.openStore();
  const o = findOrder(store, number.trim(), optionalDate(flags.date, '--date'));
  printOrder(ctx, o, orderItems(store, o.id));
}
