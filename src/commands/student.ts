import { Command, Option } from 'commander';
import { act, withExamples } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { InputError, RuleError, UsageError } from '../core/errors.js';
import { L } from '../core/i18n.js';
import { printRecord, printTable } from '../cli/table.js';
import { formatDate, type IsoDate } from '../domain/dates.js';
import { ORDER_KINDS, STATUS_NAMES, type StudentStatus } from '../domain/orders.js';
import { parseStudentRow, type RowProblem, type StudentCard, type StudentField } from '../domain/studentRow.js';
import type { Report } from '../reports/model.js';
import { emitReport, outputOptions, type OutputFlags } from '../cli/output.js';
import { findGroup } from '../store/groups.js';
import { guardiansOf } from '../store/guardians.js';
import { applyMovement, ensureOrder, studentOrders } from '../store/orders.js';
import { findOrg } from '../store/org.js';
import { cardChanges, findPersonBySnils, fullName, insertPerson, matchPersonCard, updatePerson, type PersonCard, type PersonRow } from '../store/people.js';
import { findStudent, getStudent, listStudents, publicStudent, type StudentView } from '../store/students.js';
import type { Store } from '../store/store.js';
import { findYear } from '../store/years.js';
import importCommand from './studentImport.js';

/** The flags of `student add` / `student update`, by the field of the card they fill. */
interface CardFlags {
  last?: string;
  first?: string;
  middle?: string;
  name?: string;
  birthDate?: string;
  sex?: string;
  snils?: string;
  group?: string;
  orderNo?: string;
  orderDate?: string;
  phone?: string;
  email?: string;
}

const FLAG_OF: Record<StudentField, [keyof CardFlags, string]> = {
  last_name: ['last', '--last'],
  first_name: ['first', '--first'],
  middle_name: ['middle', '--middle'],
  full_name: ['name', '--name'],
  birth_date: ['birthDate', '--birth-date'],
  sex: ['sex', '--sex'],
  snils: ['snils', '--snils'],
  group: ['group', '--group'],
  order_no: ['orderNo', '--order-no'],
  order_date: ['orderDate', '--order-date'],
  phone: ['phone', '--phone'],
  email: ['email', '--email'],
};

const STATUSES: StudentStatus[] = ['active', 'leave', 'expelled', 'graduated'];

export default function (): Command {
  const student = new Command('student').description('students: cards, lists; status and group change only through `registrar order`');
  student.addCommand(importCommand());

  withExamples(
    cardOptions(student.command('add').description('add a student and enrol them by an order, in one step'))
      .option('--name <fio>', 'the full name in one: "Фамилия Имя Отчество" (instead of --last/--first/--middle)')
      .requiredOption('--group <name>', 'the group the student is enrolled in')
      .option('--year <name>', "the group's year (default: the current one)")
      .requiredOption('--order-no <number>', 'enrolment order number')
      .requiredOption('--order-date <date>', 'enrolment order date')
      .action(act(add)),
    'registrar student add --last Иванов --first Иван --middle Петрович --birth-date 14.03.2009 --sex М --snils "112-233-445 95" --group ИС-25 --order-no 12-к --order-date 25.08.2025',
    'registrar student add --name "Петрова Анна Сергеевна" --birth-date 2009-05-02 --sex Ж --group ИС-25 --order-no 12-к --order-date 25.08.2025 --phone "8 912 345-67-89"',
  );

  withExamples(
    outputOptions(
      student
        .command('list')
        .description("list students; with --group, those in the group on today's date")
        .option('--group <name>', 'only the students in this group')
        .addOption(new Option('--status <status>', 'only students with this status').choices(STATUSES))
        .option('--year <name>', 'the year of --group (default: the current one); its dates bound "today"'),
      ['table', 'json', 'csv', 'xlsx'],
    ).action(act(list)),
    'registrar student list --group ИС-25',
    'registrar student list --status active --format xlsx --out students.xlsx',
    'registrar student list --group ИС-25 --json',
  );

  withExamples(
    student
      .command('show <student>')
      .description('a student: card, status, group, guardians and the history of orders (by id, СНИЛС or full name)')
      .action(act(show)),
    'registrar student show 42',
    'registrar student show "112-233-445 95" --json',
    'registrar student show "Иванов Иван Петрович"',
  );

  withExamples(
    cardOptions(student.command('update <student>').description('change card fields (status and group change only through `registrar order`); "" clears an optional field'))
      .addHelpText('after', '\nStatus and group are not card fields: use `registrar order transfer|expel|leave|restore|graduate`.')
      .action(act(update)),
    'registrar student update 42 --phone "+7 912 345-67-89" --email ivanov@example.ru',
    'registrar student update "112-233-445 95" --last Сидорова --middle ""',
  );
  return student;
}

function cardOptions(command: Command): Command {
  return command
    .option('--last <name>', 'фамилия')
    .option('--first <name>', 'имя')
    .option('--middle <name>', 'отчество')
    .option('--birth-date <date>', 'дата рождения')
    .option('--sex <sex>', 'пол: М or Ж')
    .option('--snils <number>', 'СНИЛС')
    .option('--phone <number>', 'телефон')
    .option('--email <address>', 'email');
}

/** Validate a card exactly as `student import` validates a row; problems name the flags. */
function parseCard(ctx: Context, value: (field: StudentField) => string | undefined): { card: StudentCard; group?: string; order?: { number: string; date: IsoDate } } {
  const parsed = parseStudentRow(value, {}, ctx.today);
  const shown = (p: RowProblem) => ({ option: FLAG_OF[p.field][1], value: p.value, reason: p.reason });
  for (const w of parsed.warnings.map(shown)) ctx.warn(L(`${w.option} «${w.value}»: ${w.reason} (kept as typed)`, `${w.option} «${w.value}»: ${w.reason} (сохранено как есть)`));
  if (!parsed.card) {
    throw new InputError('invalid_student', L('The student card is invalid; nothing was written.', 'Карточка обучающегося с ошибками; ничего не записано.'), parsed.problems.map(shown));
  }
  return { card: parsed.card, group: parsed.group, order: parsed.order };
}

/** The same person as the card: same СНИЛС; else the same full name and birth date (no other СНИЛС). */
function matchPerson(store: Store, card: StudentCard): PersonRow | undefined {
  const { match, ambiguous } = matchPersonCard(store, card);
  if (ambiguous) {
    throw new InputError('person_ambiguous', L(`${fullName(card)} matches ${ambiguous.length} people in the store (id ${ambiguous.map((p) => p.id).join(', ')}); give --snils.`, `${fullName(card)} совпадает с ${ambiguous.length} людьми в хранилище (id ${ambiguous.map((p) => p.id).join(', ')}); укажите --snils.`));
  }
  return match;
}

const given = (card: Partial<PersonCard>): Partial<PersonCard> => Object.fromEntries(Object.entries(card).filter(([, v]) => v !== null));
const picked = (card: PersonCard, changes: Partial<PersonCard>) => Object.fromEntries(Object.keys(changes).map((k) => [k, card[k as keyof PersonCard]]));

async function add(ctx: Context, flags: CardFlags & { year?: string }): Promise<void> {
  if (flags.name !== undefined && (flags.last !== undefined || flags.first !== undefined || flags.middle !== undefined)) {
    throw new UsageError('name_conflict', L('Give either --name or --last/--first/--middle, not both.', 'Укажите либо --name, либо --last/--first/--middle, но не вместе.'));
  }
  const missing = [
    flags.name === undefined && (flags.last === undefined || flags.first === undefined) && '--last/--first (or --name)',
    flags.birthDate === undefined && '--birth-date',
    flags.sex === undefined && '--sex',
  ].filter(Boolean);
  if (missing.length) {
    throw new UsageError('missing_option', L(`Missing: ${missing.join(', ')}.`, `Не указано: ${missing.join(', ')}.`), { missing });
  }
  const { card, group: groupName, order: orderRef } = parseCard(ctx, (field) => flags[FLAG_OF[field][0]]?.trim());
  const store = await ctx.openStore();
  const group = findGroup(store, groupName!, flags.year, ctx.today);
  const match = matchPerson(store, card);
  const already = match && getStudent(store, match.id, ctx.today);
  if (already) {
    throw new RuleError('already_student', L(`${fullName(already)} is already a student (id ${already.id}, ${STATUS_NAMES[already.status]}, group ${already.group_name ?? '—'}); a change of group or status is an order.`, `${fullName(already)} уже есть среди обучающихся (id ${already.id}, ${STATUS_NAMES[already.status]}, группа ${already.group_name ?? '—'}); смена группы или статуса — это приказ.`), { id: already.id });
  }
  const id = store.mutate(() => {
    const order = ensureOrder(store, 'enroll', orderRef!);
    const changes = match ? cardChanges(match, given(card)) : {};
    const id = match?.id ?? insertPerson(store, card);
    updatePerson(store, id, changes);
    applyMovement(store, { studentId: id, order, toGroupId: group.id }, { audit: false });
    store.audit({
      entity: 'student',
      entityId: id,
      action: 'add',
      before: match ? { person: match.id, ...picked(match, changes) } : undefined,
      after: { ...card, group: group.name, order: { number: order.number, date: order.date } },
    });
    return id;
  });
  const added = getStudent(store, id, ctx.today)!;
  ctx.result(publicStudent(added), () =>
    ctx.done(L(`${fullName(added)} (id ${id}) enrolled in ${group.name} by order ${orderRef!.number} of ${formatDate(orderRef!.date)}.`, `${fullName(added)} (id ${id}) зачислен(а) в группу ${group.name} приказом ${orderRef!.number} от ${formatDate(orderRef!.date)}.`)),
  );
}

async function list(ctx: Context, flags: OutputFlags & { group?: string; status?: StudentStatus; year?: string }): Promise<void> {
  const store = await ctx.openStore();
  const year = findYear(store, flags.year, ctx.today);
  const on = ctx.today < year.start ? year.start : ctx.today > year.end ? year.end : ctx.today;
  const group = flags.group === undefined ? undefined : findGroup(store, flags.group, year.name, ctx.today);
  const students = listStudents(store, { groupId: group?.id, status: flags.status, on });
  const org = findOrg(store);
  const report: Report = {
    title: 'Список обучающихся',
    subtitle: `на ${formatDate(on)}`,
    meta: { org: org?.short_name ?? org?.name, group: group?.name },
    columns: [
      { key: 'id', header: 'id', align: 'right' },
      { key: 'last_name', header: 'Фамилия' },
      { key: 'first_name', header: 'Имя' },
      { key: 'middle_name', header: 'Отчество' },
      { key: 'birth_date', header: 'Дата рождения', date: true },
      { key: 'sex', header: 'Пол', align: 'center' },
      { key: 'snils', header: 'СНИЛС' },
      { key: 'group', header: 'Группа' },
      { key: 'status', header: 'Статус' },
      { key: 'phone', header: 'Телефон' },
      { key: 'email', header: 'Email' },
    ],
    rows: students.map((s) => ({
      id: s.id,
      last_name: s.last_name,
      first_name: s.first_name,
      middle_name: s.middle_name,
      birth_date: s.birth_date,
      sex: s.sex,
      snils: s.snils,
      group: s.group_name,
      status: STATUS_NAMES[s.status],
      phone: s.phone,
      email: s.email,
    })),
  };
  await emitReport(ctx, report, flags, { json: students.map(publicStudent), formats: ['table', 'json', 'csv', 'xlsx'] });
}

async function show(ctx: Context, _flags: unknown, ref: string): Promise<void> {
  const store = await ctx.openStore();
  const s = findStudent(store, ref, { on: ctx.today });
  const guardians = guardiansOf(store, s.id).map((g) => ({ id: g.id, name: fullName(g), relation: g.relation, phone: g.phone, email: g.email, snils: g.snils }));
  const orders = studentOrders(store, s.id).map((o) => ({ number: o.number, date: o.date, kind: o.kind, title: ORDER_KINDS[o.kind].title, reason: o.reason, fromGroup: o.from_group, toGroup: o.to_group }));
  ctx.result({ ...publicStudent(s), guardians, orders }, () => {
    printRecord(ctx, [
      ['id', s.id],
      [L('name', 'ФИО'), fullName(s)],
      [L('birth date', 'дата рождения'), formatDate(s.birth_date)],
      [L('sex', 'пол'), s.sex],
      ['СНИЛС', s.snils],
      [L('phone', 'телефон'), s.phone],
      ['email', s.email],
      [L('status', 'статус'), STATUS_NAMES[s.status]],
      [L('group', 'группа'), s.group_name ?? '—'],
      [L('enrolment order', 'приказ о зачислении'), s.enroll_order_number ? `${s.enroll_order_number} ${L('of', 'от')} ${formatDate(s.enroll_order_date)}` : '—'],
    ]);
    ctx.print();
    ctx.print(ctx.out.bold(L('Guardians', 'Законные представители')));
    if (guardians.length) printTable(ctx, ['id', L('name', 'ФИО'), L('relation', 'кем приходится'), L('phone', 'телефон'), 'email'], guardians.map((g) => [g.id, g.name, g.relation, g.phone, g.email]));
    else ctx.print('—');
    ctx.print();
    ctx.print(ctx.out.bold(L('Orders', 'Приказы')));
    printTable(ctx, [L('date', 'дата'), L('number', 'номер'), L('order', 'приказ'), L('from group', 'из группы'), L('to group', 'в группу'), L('reason', 'основание')], orders.map((o) => [formatDate(o.date), o.number, o.title, o.fromGroup, o.toGroup, o.reason]));
  });
}

const CARD_TEXT: Partial<Record<StudentField, (s: StudentView) => string | null>> = {
  last_name: (s) => s.last_name,
  first_name: (s) => s.first_name,
  middle_name: (s) => s.middle_name,
  birth_date: (s) => s.birth_date,
  sex: (s) => s.sex,
  snils: (s) => s.snils,
  phone: (s) => s.phone,
  email: (s) => s.email,
};

async function update(ctx: Context, flags: CardFlags, ref: string): Promise<void> {
  const fields = (Object.keys(CARD_TEXT) as StudentField[]).filter((f) => flags[FLAG_OF[f][0]] !== undefined);
  if (!fields.length) {
    throw new UsageError('nothing_to_update', L(`Give a field to change: ${Object.keys(CARD_TEXT).map((f) => FLAG_OF[f as StudentField][1]).join(', ')}.`, `Укажите, что изменить: ${Object.keys(CARD_TEXT).map((f) => FLAG_OF[f as StudentField][1]).join(', ')}.`));
  }
  const store = await ctx.openStore();
  const s = findStudent(store, ref, { on: ctx.today });
  // The whole card goes through the import's validation: given flags over the current values.
  // The group is not a card field; the current one only satisfies the row rule.
  const { card } = parseCard(ctx, (field) => {
    if (field === 'group') return s.group_name ?? '—';
    const text = CARD_TEXT[field];
    return text && (fields.includes(field) ? flags[FLAG_OF[field][0]]!.trim() : (text(s) ?? ''));
  });
  const changes = cardChanges(s, card);
  if (changes.snils) {
    const holder = findPersonBySnils(store, changes.snils);
    if (holder) throw new InputError('snils_taken', L(`СНИЛС ${changes.snils} belongs to ${fullName(holder)} (id ${holder.id}).`, `СНИЛС ${changes.snils} принадлежит: ${fullName(holder)} (id ${holder.id}).`), { id: holder.id });
  }
  if (Object.keys(changes).length) {
    store.mutate(() => {
      updatePerson(store, s.id, changes);
      store.audit({ entity: 'student', entityId: s.id, action: 'update', before: picked(s, changes), after: changes });
    });
  }
  const after = getStudent(store, s.id, ctx.today)!;
  ctx.result({ ...publicStudent(after), changed: Object.keys(changes) }, () =>
    Object.keys(changes).length
      ? ctx.done(L(`${fullName(after)} (id ${s.id}): changed ${Object.keys(changes).join(', ')}.`, `${fullName(after)} (id ${s.id}): изменено ${Object.keys(changes).join(', ')}.`))
      : ctx.print(L('Nothing to change: the card already says so.', 'Изменять нечего: в карточке уже так.')),
  );
}
