import { Command } from 'commander';
import { act, withExamples, withImportOptions } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { InputError } from '../cli/errors.js';
import { L } from '../cli/i18n.js';
import { formatRowIssue, type RowIssue } from '../cli/rowIssue.js';
import { parseDate } from '../domain/dates.js';
import { splitFullName, validateEmail, validatePhone, validName, normalizeName } from '../domain/person.js';
import { validateSnils, type Validation } from '../domain/snils.js';
import type { FieldSpec } from '../io/headers.js';
import { readImport, type ImportOptions } from '../io/importTable.js';
import { planGuardians, saveGuardians, type GuardianInput, type GuardianPlan } from '../store/guardians.js';
import { findPeopleByName, findPersonBySnils, fullName, type PersonCard } from '../store/people.js';
import { importMaxBytes } from '../store/settings.js';
import { findStudent, isStudent } from '../store/students.js';
import type { Store } from '../store/store.js';

/** The columns of a list of parents: the student (by СНИЛС, or full name and birth date) and the guardian. */
const GUARDIAN_FIELDS = {
  student_snils: { aliases: ['СНИЛС обучающегося', 'СНИЛС ученика', 'СНИЛС студента'] },
  student_name: { aliases: ['ФИО обучающегося', 'ФИО ученика', 'ФИО студента', 'Обучающийся', 'student'] },
  student_birth_date: { aliases: ['Дата рождения обучающегося', 'Дата рождения ученика', 'Дата рождения студента'] },
  full_name: { aliases: ['ФИО представителя', 'ФИО родителя', 'ФИО законного представителя', 'Представитель', 'Родитель', 'guardian', 'guardian_name'], required: true },
  relation: { aliases: ['Кем приходится', 'Степень родства', 'Родство'], required: true },
  phone: { aliases: ['Телефон', 'Телефон представителя', 'Телефон родителя'] },
  email: { aliases: ['Email', 'E-mail', 'Эл. почта', 'Электронная почта'] },
  snils: { aliases: ['СНИЛС представителя', 'СНИЛС родителя'] },
} satisfies Record<string, FieldSpec>;

type GuardianField = keyof typeof GUARDIAN_FIELDS;

interface Problem {
  field: GuardianField;
  value: string;
  reason: string;
}

const RELATION = /^\p{L}+(?:[ -]\p{L}+)*$/u;

/** «Мать», «законный  представитель» → lower case, single spaces; words only, so nothing formula-like. */
function validRelation(text: string): Validation {
  const value = text.trim().replace(/\s+/g, ' ').toLowerCase();
  if (!value) return { ok: false, reason: L('required', 'обязательное поле') };
  if (value.length > 40 || !RELATION.test(value)) return { ok: false, reason: L('expected words such as мать, отец, опекун', 'ожидается слово вроде «мать», «отец», «опекун»') };
  return { ok: true, value };
}

/**
 * A guardian's card and relation from cells (an import row or the flags of `guardian add`).
 * A name part that is not all letters is kept as typed and flagged, as in `student import`.
 */
function parseGuardian(cell: (field: GuardianField) => string | undefined): { card?: PersonCard; relation?: string; problems: Problem[]; warnings: Problem[] } {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const fullText = cell('full_name') ?? '';
  const name = splitFullName(fullText);
  if (!name) problems.push({ field: 'full_name', value: fullText, reason: fullText ? L('expected at least a surname and a first name', 'нужны хотя бы фамилия и имя') : L('required', 'обязательное поле') });
  for (const part of name ? [name.last, name.first, name.middle ?? ''] : []) {
    const check = part ? validName(part) : undefined;
    if (check && !check.ok) warnings.push({ field: 'full_name', value: fullText, reason: check.reason });
  }
  const checked = (field: GuardianField, validate: (text: string) => Validation, optional = true): string | null => {
    const text = cell(field) ?? '';
    if (!text && optional) return null;
    const result = validate(text);
    if (result.ok) return result.value;
    problems.push({ field, value: text, reason: result.reason });
    return null;
  };
  const relation = checked('relation', validRelation, false);
  const snils = checked('snils', validateSnils);
  const phone = checked('phone', validatePhone);
  const email = checked('email', validateEmail);
  if (problems.length) return { problems, warnings };
  return {
    card: { last_name: normalizeName(name!.last), first_name: normalizeName(name!.first), middle_name: name!.middle ? normalizeName(name!.middle) : null, birth_date: null, sex: null, snils, phone, email },
    relation: relation!,
    problems,
    warnings,
  };
}

/** The student of an import row: by СНИЛС, else by full name and birth date. */
function rowStudent(store: Store, cell: (field: GuardianField) => string | undefined): { id: number } | Problem {
  const snilsText = cell('student_snils') ?? '';
  if (snilsText) {
    const snils = validateSnils(snilsText);
    if (!snils.ok) return { field: 'student_snils', value: snilsText, reason: snils.reason };
    const person = findPersonBySnils(store, snils.value);
    if (!person || !isStudent(store, person.id)) return { field: 'student_snils', value: snilsText, reason: L('no student with this СНИЛС', 'нет обучающегося с таким СНИЛС') };
    return { id: person.id };
  }
  const nameText = cell('student_name') ?? '';
  const name = splitFullName(nameText);
  if (!name) return { field: 'student_name', value: nameText, reason: nameText ? L('expected at least a surname and a first name', 'нужны хотя бы фамилия и имя') : L('give the student’s СНИЛС or full name', 'укажите СНИЛС или ФИО обучающегося') };
  const birthText = cell('student_birth_date') ?? '';
  const birth = parseDate(birthText);
  if (!birth) return { field: 'student_birth_date', value: birthText, reason: birthText ? L('not a date', 'не дата') : L('required when the student has no СНИЛС in the row', 'обязательно, если не указан СНИЛС обучающегося') };
  const students = findPeopleByName(store, name, birth).filter((p) => isStudent(store, p.id));
  if (students.length === 1) return { id: students[0].id };
  return {
    field: 'student_name',
    value: nameText,
    reason: students.length ? L(`${students.length} students match; give the СНИЛС`, `подходят ${students.length} обучающихся; укажите СНИЛС`) : L('no such student', 'нет такого обучающегося'),
  };
}

export default function (): Command {
  const guardian = new Command('guardian').description('parents and legal representatives of students');

  withExamples(
    guardian
      .command('add')
      .description("add a guardian to a student (or link a known one: same СНИЛС, or same name and phone or email)")
      .requiredOption('--student <student>', 'the student: id, СНИЛС or full name')
      .requiredOption('--name <fio>', 'the guardian\'s full name: "Фамилия Имя Отчество"')
      .requiredOption('--relation <relation>', 'мать, отец, опекун, попечитель, ...')
      .option('--phone <number>', 'телефон')
      .option('--email <address>', 'email')
      .option('--snils <number>', 'СНИЛС')
      .action(act(add)),
    'registrar guardian add --student 42 --name "Иванова Мария Петровна" --relation мать --phone "8 912 345-67-89"',
  );

  withExamples(
    withImportOptions(guardian.command('import <file>').description('import a list of parents: all rows or none, every bad row named; importing it again changes nothing'), GUARDIAN_FIELDS).action(act(importFile)),
    'registrar guardian import родители.csv',
    'registrar guardian import parents.xlsx --skip-invalid --errors rejected.xlsx --json',
    'registrar guardian import list.csv --map "Мама/папа=full_name,Кто=relation" --dry-run',
  );
  return guardian;
}

const ADD_FLAGS: Partial<Record<GuardianField, 'name' | 'relation' | 'phone' | 'email' | 'snils'>> = { full_name: 'name', relation: 'relation', phone: 'phone', email: 'email', snils: 'snils' };

async function add(ctx: Context, flags: { student: string; name: string; relation: string; phone?: string; email?: string; snils?: string }): Promise<void> {
  const store = await ctx.openStore();
  const student = findStudent(store, flags.student, { on: ctx.today });
  const flagOf = (field: GuardianField) => `--${ADD_FLAGS[field]}`;
  const parsed = parseGuardian((field) => (ADD_FLAGS[field] ? flags[ADD_FLAGS[field]!]?.trim() : undefined));
  for (const w of parsed.warnings) ctx.warn(L(`${flagOf(w.field)} «${w.value}»: ${w.reason} (kept as typed)`, `${flagOf(w.field)} «${w.value}»: ${w.reason} (сохранено как есть)`));
  if (!parsed.card) {
    throw new InputError('invalid_guardian', L('The guardian card is invalid; nothing was written.', 'Карточка представителя с ошибками; ничего не записано.'), parsed.problems.map((p) => ({ option: flagOf(p.field), value: p.value, reason: p.reason })));
  }
  const [plan] = planGuardians(store, [{ row: 1, studentId: student.id, card: parsed.card, relation: parsed.relation! }]);
  if ('reason' in plan) throw new InputError('guardian_is_student', `${fullName(parsed.card)}: ${plan.reason}`);
  const id = plan.outcome === 'unchanged' ? (plan.guardian as { id: number }).id : saveGuardians(store, [plan], 'add', { student: student.id }).ids[0];
  const name = fullName(parsed.card);
  ctx.result({ id, name, relation: plan.input.relation, student: { id: student.id, name: fullName(student) }, outcome: plan.outcome }, () =>
    ctx.done(
      plan.outcome === 'unchanged'
        ? L(`${name} (id ${id}) is already ${plan.input.relation} of ${fullName(student)}; nothing changed.`, `${name} (id ${id}) уже указан(а) как ${plan.input.relation} обучающегося ${fullName(student)}; ничего не изменено.`)
        : L(`${name} (id ${id}) is ${plan.input.relation} of ${fullName(student)} (id ${student.id}).`, `${name} (id ${id}) — ${plan.input.relation} обучающегося ${fullName(student)} (id ${student.id}).`),
    ),
  );
}

async function importFile(ctx: Context, flags: ImportOptions & { dryRun?: boolean }, file: string): Promise<void> {
  const store = await ctx.openStore();
  const imp = await readImport(file, GUARDIAN_FIELDS, { ...flags, maxBytes: importMaxBytes(store), notices: ctx });
  if (!imp.has('student_snils') && !imp.has('student_name')) {
    throw new InputError('missing_columns', L('Missing the student: a column «СНИЛС обучающегося», or «ФИО обучающегося» with «Дата рождения обучающегося».', 'Нет обучающегося: нужна колонка «СНИЛС обучающегося» или «ФИО обучающегося» с «Дата рождения обучающегося».'), { missing: ['student_snils', 'student_name'] });
  }

  const rejected: RowIssue[] = [];
  const inputs: GuardianInput[] = [];
  for (const line of imp.rows) {
    const { row } = line;
    const cell = (field: GuardianField) => imp.cell(line, field);
    const parsed = parseGuardian(cell);
    for (const w of parsed.warnings) ctx.warn(`${formatRowIssue(imp.issue(row, w.field, w.value, w.reason))} ${L('(kept as typed)', '(сохранено как есть)')}`);
    const student = rowStudent(store, cell);
    const problems = 'reason' in student ? [...parsed.problems, student] : parsed.problems;
    for (const p of problems) rejected.push(imp.issue(row, p.field, p.value, p.reason));
    if (!problems.length) inputs.push({ row, studentId: (student as { id: number }).id, card: parsed.card!, relation: parsed.relation! });
  }
  const plans: GuardianPlan[] = [];
  for (const plan of planGuardians(store, inputs)) {
    if ('reason' in plan) rejected.push(imp.issue(plan.input.row, 'full_name', fullName(plan.input.card), plan.reason));
    else plans.push(plan);
  }
  await imp.settle(rejected);
  const rejectedRows = new Set(rejected.map((r) => r.row)).size;
  const count = (outcome: GuardianPlan['outcome']) => plans.filter((p) => p.outcome === outcome).length;
  const result = {
    file,
    rows: imp.rows.length,
    created: count('created'),
    updated: count('updated'),
    unchanged: count('unchanged'),
    newGuardians: new Set(plans.flatMap((p) => ('fresh' in p.guardian ? [p.guardian.fresh] : []))).size,
    rejected,
    ignoredColumns: imp.ignored,
    dryRun: Boolean(flags.dryRun),
  };
  if (!flags.dryRun && plans.some((p) => p.outcome !== 'unchanged')) saveGuardians(store, plans, 'import', { file });
  ctx.result(result, () => {
    const will = result.dryRun ? L('would be ', 'будет ') : '';
    ctx.print(L(
      `${file}: ${result.rows} rows; links ${will}created ${result.created} (new guardians ${result.newGuardians}), ${will}updated ${result.updated}, unchanged ${result.unchanged}, rejected ${rejectedRows}`,
      `${file}: строк ${result.rows}; связей ${will}создано ${result.created} (новых представителей ${result.newGuardians}), ${will}обновлено ${result.updated}, без изменений ${result.unchanged}, отклонено ${rejectedRows}`,
    ));
    for (const x of rejected) ctx.print(formatRowIssue(x));
  });
}
