import { Command } from 'commander';
import { act, withExamples, withImportOptions } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { InputError } from '../core/errors.js';
import { L } from '../core/i18n.js';
import { formatRowIssue, type RowIssue } from '../core/rowIssue.js';
import { GUARDIAN_FIELDS, parseGuardianRow, type GuardianField } from '../domain/guardianRow.js';
import { readImport, type ImportOptions } from '../io/importTable.js';
import { planGuardians, saveGuardians, type GuardianInput, type GuardianPlan } from '../store/guardians.js';
import { fullName } from '../store/people.js';
import { importMaxBytes } from '../store/settings.js';
import { findStudent, findStudentByRef } from '../store/students.js';

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
  const parsed = parseGuardianRow((field) => (ADD_FLAGS[field] ? flags[ADD_FLAGS[field]!]?.trim() : undefined), { studentInRow: false });
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
    const parsed = parseGuardianRow((field) => imp.cell(line, field), { studentInRow: true });
    for (const w of parsed.warnings) ctx.warn(`${formatRowIssue(imp.issue(row, w.field, w.value, w.reason))} ${L('(kept as typed)', '(сохранено как есть)')}`);
    for (const p of parsed.problems) rejected.push(imp.issue(row, p.field, p.value, p.reason));
    if (!parsed.student) continue;
    const student = findStudentByRef(store, parsed.student);
    if ('reason' in student) rejected.push(imp.issue(row, parsed.student.field, parsed.student.value, student.reason));
    else if (parsed.card) inputs.push({ row, studentId: student.id, card: parsed.card, relation: parsed.relation! });
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
