import { Command, Option } from 'commander';
import { act, withExamples } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { UsageError } from '../core/errors.js';
import { t } from '../core/i18n.js';
import { printRecord, printTable } from '../cli/table.js';
import { formatDate } from '../domain/dates.js';
import { groupOnOrder, ORDER_KINDS, orderTitle, STATUS_LIST, statusName, type StudentStatus } from '../domain/orders.js';
import { cardFieldJson, fullName } from '../domain/person.js';
import type { StudentField } from '../domain/studentRow.js';
import type { Report } from '../reports/model.js';
import { emitReport, outputOptions, type OutputFlags } from '../cli/output.js';
import { addStudent, CARD_TEXT, findStudent, updateStudent, type CardWarning } from '../services/students.js';
import { findGroup } from '../store/groups.js';
import { guardiansOf } from '../store/guardians.js';
import { studentOrders } from '../store/orders.js';
import { findOrg } from '../store/org.js';
import { listStudents, publicStudent } from '../store/students.js';
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

/** `--status all` lists everyone; without --status, those in a group on the date. */
type StatusFilter = StudentStatus | 'all';

export default function (): Command {
  const student = withExamples(
    new Command('student').description(t('help_student')),
    'registrar student import список.csv --order-no 12-к --order-date 25.08.2025 --dry-run',
    'registrar student list --group ИС-25',
    'registrar student show "Иванов Иван Петрович"',
  );
  student.addCommand(importCommand());

  withExamples(
    cardOptions(student.command('add').description(t('help_student_add')))
      .option('--name <fio>', t('opt_student_name'))
      .requiredOption('--group <name>', t('opt_student_group'))
      .option('--year <name>', t('opt_student_year'))
      .requiredOption('--order-no <number>', t('opt_enrol_order_no'))
      .requiredOption('--order-date <date>', t('opt_enrol_order_date'))
      .action(act(add)),
    'registrar student add --last Иванов --first Иван --middle Петрович --birth-date 14.03.2009 --sex М --snils "112-233-445 95" --group ИС-25 --order-no 12-к --order-date 25.08.2025',
    'registrar student add --name "Петрова Анна Сергеевна" --birth-date 2009-05-02 --sex Ж --group ИС-25 --order-no 12-к --order-date 25.08.2025 --phone "8 912 345-67-89"',
  );

  withExamples(
    outputOptions(
      student
        .command('list')
        .description(t('help_student_list'))
        .option('--group <name>', t('opt_student_list_group'))
        .addOption(new Option('--status <status>', t('opt_student_status')).choices([...STATUS_LIST, 'all']))
        .option('--year <name>', t('opt_student_list_year')),
      ['table', 'json', 'csv', 'xlsx'],
    ).action(act(list)),
    'registrar student list --group ИС-25',
    'registrar student list --status all --format xlsx --out students.xlsx',
    'registrar student list --group ИС-25 --json',
  );

  withExamples(
    student.command('show <student>').description(t('help_student_show')).action(act(show)),
    'registrar student show 42',
    'registrar student show "112-233-445 95" --json',
    'registrar student show "Иванов Иван Петрович"',
  );

  withExamples(
    cardOptions(student.command('update <student>').description(t('help_student_update')))
      .addHelpText('after', `\n${t('help_student_update_after')}`)
      .action(act(update)),
    'registrar student update 42 --phone "+7 912 345-67-89" --email ivanov@example.ru',
    'registrar student update "112-233-445 95" --last Сидорова --middle ""',
  );
  return student;
}

function cardOptions(command: Command): Command {
  return command
    .option('--last <name>', t('opt_people_last'))
    .option('--first <name>', t('opt_people_first'))
    .option('--middle <name>', t('opt_people_middle'))
    .option('--birth-date <date>', t('opt_people_birth_date'))
    .option('--sex <sex>', t('opt_people_sex'))
    .option('--snils <number>', t('opt_people_snils'))
    .option('--phone <number>', t('opt_people_phone'))
    .option('--email <address>', t('opt_people_email'));
}

const label = (field: StudentField) => FLAG_OF[field][1];

function warnKept(ctx: Context, warnings: CardWarning[]): void {
  for (const w of warnings) ctx.warn(`${w.option} «${w.value}»: ${w.reason} ${t('people_kept_as_typed')}`);
}

async function add(ctx: Context, flags: CardFlags & { year?: string }): Promise<void> {
  if (flags.name !== undefined && (flags.last !== undefined || flags.first !== undefined || flags.middle !== undefined)) {
    throw new UsageError('name_conflict');
  }
  const missing = [
    flags.name === undefined && (flags.last === undefined || flags.first === undefined) && t('people_missing_name_flags'),
    flags.birthDate === undefined && '--birth-date',
    flags.sex === undefined && '--sex',
  ].filter((m): m is string => Boolean(m));
  if (missing.length) throw new UsageError('missing_option', { options: missing.join(', ') }, { missing });
  const store = await ctx.openStore();
  const added = addStudent(store, { value: (field) => flags[FLAG_OF[field][0]]?.trim(), label, year: flags.year });
  warnKept(ctx, added.warnings);
  const s = added.student;
  ctx.result(publicStudent(s), () =>
    ctx.done(t('people_student_enrolled', { name: fullName(s), id: s.id, group: added.group, number: added.order.number, date: formatDate(added.order.date) })),
  );
}

async function list(ctx: Context, flags: OutputFlags & { group?: string; status?: StatusFilter; year?: string }): Promise<void> {
  const store = await ctx.openStore();
  const year = findYear(store, flags.year, store.today);
  const on = store.today < year.start ? year.start : store.today > year.end ? year.end : store.today;
  const group = flags.group === undefined ? undefined : findGroup(store, flags.group, year.name, store.today);
  const status = flags.status === 'all' ? undefined : flags.status;
  const students = listStudents(store, { groupId: group?.id, status, on, inGroup: flags.status === undefined });
  const org = findOrg(store);
  const report: Report = {
    title: t('people_student_list_title'),
    subtitle: t('people_as_of', { date: formatDate(on) }),
    meta: { org: org?.short_name ?? org?.name, group: group?.name },
    columns: [
      { key: 'id', header: 'id', align: 'right' },
      { key: 'last_name', header: t('people_col_last_name') },
      { key: 'first_name', header: t('people_col_first_name') },
      { key: 'middle_name', header: t('people_col_middle_name') },
      { key: 'birth_date', header: t('people_col_birth_date'), date: true },
      { key: 'sex', header: t('people_col_sex'), align: 'center' },
      { key: 'snils', header: 'СНИЛС' },
      { key: 'group', header: t('people_col_group') },
      { key: 'status', header: t('people_col_status') },
      { key: 'phone', header: t('people_col_phone') },
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
      // A group of another year (a student held back stays in last year's) says which.
      group: s.group_name !== null && s.group_year !== year.name ? `${s.group_name} (${s.group_year})` : s.group_name,
      status: statusName(s.status),
      phone: s.phone,
      email: s.email,
    })),
  };
  await emitReport(ctx, report, flags, { json: students.map(publicStudent), formats: ['table', 'json', 'csv', 'xlsx'] });
}

async function show(ctx: Context, _flags: unknown, ref: string): Promise<void> {
  const store = await ctx.openStore();
  const s = findStudent(store, ref, { on: store.today });
  const guardians = guardiansOf(store, s.id).map((g) => ({ id: g.id, name: fullName(g), relation: g.relation, phone: g.phone, email: g.email, snils: g.snils }));
  const orders = studentOrders(store, s.id).map((o) => ({
    // The student's own note on the order (a conditional transfer, say) first, as the book of movement prints it.
    number: o.number, date: o.date, kind: o.kind, title: ORDER_KINDS[o.kind].title, reason: o.note ?? o.reason,
    fromGroup: o.from_group, fromCourse: o.from_course, fromYear: o.from_year, toGroup: o.to_group, toCourse: o.to_course, toYear: o.to_year,
  }));
  // The retake rules are loaded only here, off the other student commands' start-up.
  const { openDebtsOfStudent } = await import('../reports/outcomes.js');
  const debts = openDebtsOfStudent(store, s.id).flatMap((y) => y.debts.map((d) => ({ year: y.year, subject: d.subject, subjectName: d.subjectName, value: d.value, period: d.period })));
  ctx.result({ ...publicStudent(s), guardians, orders, debts }, () => {
    printRecord(ctx, [
      ['id', s.id],
      [t('people_field_name'), fullName(s)],
      [t('people_field_birth_date'), formatDate(s.birth_date)],
      [t('people_field_sex'), s.sex],
      ['СНИЛС', s.snils],
      [t('people_field_phone'), s.phone],
      ['email', s.email],
      [t('people_field_status'), statusName(s.status)],
      [t('people_field_group'), groupOnOrder(s.group_name, s.group_course, s.group_year) ?? '—'],
      [t('people_field_enrol_order'), s.enroll_order_number ? t('people_order_ref', { number: s.enroll_order_number, date: formatDate(s.enroll_order_date) }) : '—'],
    ]);
    ctx.print();
    ctx.print(ctx.out.bold(t('people_guardians_heading')));
    if (guardians.length) printTable(ctx, ['id', t('people_field_name'), t('people_field_relation'), t('people_field_phone'), 'email'], guardians.map((g) => [g.id, g.name, g.relation, g.phone, g.email]));
    else ctx.print('—');
    ctx.print();
    ctx.print(ctx.out.bold(t('people_orders_heading')));
    printTable(
      ctx,
      [t('people_field_date'), t('people_field_number'), t('people_field_order'), t('people_field_from_group'), t('people_field_to_group'), t('people_field_reason')],
      orders.map((o) => [formatDate(o.date), o.number, orderTitle(o.kind), groupOnOrder(o.fromGroup, o.fromCourse, o.fromYear), groupOnOrder(o.toGroup, o.toCourse, o.toYear), o.reason]),
    );
    if (debts.length) {
      ctx.print();
      ctx.print(ctx.out.bold(t('people_debts_heading')));
      printTable(ctx, [t('people_field_year'), t('people_field_subject'), t('people_field_mark'), t('people_field_period')], debts.map((d) => [d.year, `${d.subject} «${d.subjectName}»`, d.value, d.period ?? '']));
    }
  });
}

async function update(ctx: Context, flags: CardFlags, ref: string): Promise<void> {
  const fields = (Object.keys(CARD_TEXT) as StudentField[]).filter((f) => flags[FLAG_OF[f][0]] !== undefined);
  if (!fields.length) {
    throw new UsageError('nothing_to_update', { flags: Object.keys(CARD_TEXT).map((f) => label(f as StudentField)).join(', ') });
  }
  const store = await ctx.openStore();
  const r = updateStudent(store, { student: ref, fields, value: (field) => flags[FLAG_OF[field][0]]?.trim(), label });
  warnKept(ctx, r.warnings);
  const s = r.student;
  ctx.result({ ...publicStudent(s), changed: r.changed.map(cardFieldJson) }, () =>
    r.changed.length
      ? ctx.done(t('people_student_changed', { name: fullName(s), id: s.id, fields: r.changed.join(', ') }))
      : ctx.print(t('people_nothing_changed')),
  );
}
