import { Command, Option } from 'commander';
import { act, collect, withExamples } from '../cli/command.js';
import { InputError } from '../cli/errors.js';
import { formatRowIssue, type RowIssue } from '../cli/rowIssue.js';
import { L } from '../cli/i18n.js';
import { printRecord, printTable } from '../cli/table.js';
import { formatDate, type IsoDate } from '../domain/dates.js';
import { AGE_LIMITS, personKey, splitFullName, validateBirthDate, validateEmail, validatePhone, validName } from '../domain/person.js';
import { parsePosition, parsePositions, POSITIONS } from '../domain/positions.js';
import { validateSnils, type Validation } from '../domain/snils.js';
import { STUDENT_FIELDS } from '../domain/studentRow.js';
import { mapColumns, type FieldSpec } from '../io/headers.js';
import { readTable, type Encoding } from '../io/readTable.js';
import { groupsCuratedBy } from '../store/groups.js';
import { fullName } from '../store/people.js';
import { getNumberSetting } from '../store/settings.js';
import { addStaff, findStaff, listStaff, matchStaff, saveStaff, type StaffDraft, type StaffMember } from '../store/staff.js';

const { full_name, last_name, first_name, middle_name, snils, phone, email, birth_date } = STUDENT_FIELDS;

/** The columns of a staff list: the person's card as in a student list, plus positions. */
const STAFF_FIELDS = {
  full_name,
  last_name,
  first_name,
  middle_name,
  position: { aliases: ['Должность', 'Должности', 'positions'] },
  snils,
  phone,
  email,
  birth_date,
} satisfies Record<string, FieldSpec>;

type StaffField = keyof typeof STAFF_FIELDS;

interface FieldProblem {
  field: StaffField;
  value: string;
  reason: string;
}

/**
 * One staff card from its fields' text (a file row or the options of `staff add`); undefined
 * means "not given". Either a full name or the last and first names; positions separated by
 * `,` or `;`.
 */
function parseStaffFields(cell: (f: StaffField) => string | undefined, today: IsoDate): { draft?: StaffDraft; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const text = (f: StaffField) => cell(f)?.trim() ?? '';
  const check = (f: StaffField, validate: (s: string) => Validation): string | undefined => {
    if (!text(f)) return undefined;
    const result = validate(text(f));
    if (result.ok) return result.value;
    problems.push({ field: f, value: text(f), reason: result.reason });
  };

  const separate = Boolean(text('last_name') || text('first_name'));
  const split = separate ? undefined : splitFullName(text('full_name'));
  if (!separate && !split) problems.push({ field: 'full_name', value: text('full_name'), reason: L('expected a surname and a first name', 'нужны хотя бы фамилия и имя') });
  const name = (f: 'last_name' | 'first_name' | 'middle_name', part: string | undefined): string | undefined => {
    const value = separate ? text(f) : (part ?? '');
    if (!value) {
      if (separate && f !== 'middle_name') problems.push({ field: f, value, reason: L('required', 'обязательное поле') });
      return undefined;
    }
    const result = validName(value);
    if (result.ok) return result.value;
    problems.push({ field: separate ? f : 'full_name', value, reason: result.reason });
  };
  const last = name('last_name', split?.last);
  const first = name('first_name', split?.first);
  const middle = name('middle_name', split?.middle);

  const { positions, unknown } = parsePositions(text('position'));
  if (unknown.length) {
    problems.push({ field: 'position', value: unknown.join(', '), reason: L(`unknown position; known: ${POSITIONS.join(', ')}`, `неизвестная должность; есть: ${POSITIONS.join(', ')}`) });
  }
  const card = {
    snils: check('snils', validateSnils),
    phone: check('phone', validatePhone),
    email: check('email', validateEmail),
    birth_date: check('birth_date', (s) => validateBirthDate(s, { today, ...AGE_LIMITS.staff })),
  };
  if (problems.length || !last || !first) return { problems };
  return { draft: { card: { last_name: last, first_name: first, middle_name: middle, ...card }, positions }, problems };
}

function publicStaff(s: StaffMember) {
  return { id: s.id, name: fullName(s), lastName: s.last_name, firstName: s.first_name, middleName: s.middle_name, birthDate: s.birth_date, snils: s.snils, phone: s.phone, email: s.email, positions: s.positions };
}

interface ImportOptions {
  dryRun?: boolean;
  skipInvalid?: boolean;
  encoding: 'auto' | Encoding;
  sheet?: string;
  map?: string;
}

export default function (): Command {
  const staff = new Command('staff').description('staff and their positions (должности)');

  withExamples(
    staff
      .command('add')
      .description('add a staff member')
      .requiredOption('--name <full name>', 'Фамилия Имя Отчество')
      .option('--position <position>', `a position, repeatable: ${POSITIONS.join(', ')}`, collect)
      .option('--snils <snils>', 'СНИЛС (checksum verified)')
      .option('--phone <phone>', 'phone number')
      .option('--email <email>', 'email address')
      .option('--birth-date <date>', 'date of birth')
      .action(
        act(async (ctx, opts: { name: string; position?: string[]; snils?: string; phone?: string; email?: string; birthDate?: string }) => {
          const given: Partial<Record<StaffField, string>> = { full_name: opts.name, position: opts.position?.join(';'), snils: opts.snils, phone: opts.phone, email: opts.email, birth_date: opts.birthDate };
          const { draft, problems } = parseStaffFields((f) => given[f], ctx.today);
          if (!draft) {
            const option: Record<StaffField, string> = { full_name: '--name', last_name: '--name', first_name: '--name', middle_name: '--name', position: '--position', snils: '--snils', phone: '--phone', email: '--email', birth_date: '--birth-date' };
            const options = [...new Set(problems.map((p) => option[p.field]))].join(', ');
            throw new InputError('bad_staff', L(`Invalid ${options}; nothing was written.`, `Неверно: ${options}; ничего не записано.`), problems.map((p) => ({ option: option[p.field], value: p.value, reason: p.reason })));
          }
          const member = addStaff(await ctx.openStore(), draft);
          ctx.result(publicStaff(member), () => ctx.done(L(`Staff member ${fullName(member)} added (id ${member.id}).`, `Сотрудник ${fullName(member)} добавлен (id ${member.id}).`)));
        }),
      ),
    'registrar staff add --name "Смирнова Анна Петровна" --position преподаватель --position куратор --snils "112-233-445 95"',
  );

  withExamples(
    staff
      .command('import <file>')
      .summary('import a staff list (CSV or XLSX)')
      .description(
        'import a staff list: ФИО (or Фамилия, Имя, Отчество), Должность (several separated by , or ;), СНИЛС, Телефон, Email, Дата рождения. ' +
          'A person is the same when the СНИЛС matches, else the full name (and the birth date when both have one); ' +
          'positions in a row replace the ones on file. All or nothing unless --skip-invalid.',
      )
      .option('--dry-run', 'check and count, write nothing')
      .option('--skip-invalid', 'write the valid rows and list the rest')
      .addOption(new Option('--encoding <encoding>', 'CSV encoding').choices(['auto', 'utf8', 'cp1251']).default('auto'))
      .option('--sheet <name>', 'XLSX sheet (default: the first)')
      .option('--map <pairs>', 'name columns explicitly: "Колонка=field,..." (fields: ' + Object.keys(STAFF_FIELDS).join(', ') + ')')
      .action(
        act(async (ctx, opts: ImportOptions, file: string) => {
          const store = await ctx.openStore();
          const table = await readTable(file, { encoding: opts.encoding, sheet: opts.sheet, maxBytes: getNumberSetting(store, 'import.maxMegabytes') * 2 ** 20 });
          const { columns, unknown } = mapColumns(table.headers, STAFF_FIELDS, opts.map);
          if (columns.full_name === undefined && (columns.last_name === undefined || columns.first_name === undefined)) {
            throw new InputError('missing_columns', L('Missing name columns: ФИО (full_name), or Фамилия (last_name) and Имя (first_name).', 'Нет колонок имени: ФИО (full_name) или Фамилия (last_name) и Имя (first_name).'), { missing: ['full_name'] });
          }
          if (unknown.length) ctx.warn(L(`ignored columns: ${unknown.join(', ')}`, `пропущены колонки: ${unknown.join(', ')}`));
          const column = (f: StaffField) => (columns[f] === undefined ? STAFF_FIELDS[f].aliases[0] : table.headers[columns[f]!]);

          const rejected: RowIssue[] = [];
          const drafts: StaffDraft[] = [];
          const seen = new Map<string, number>();
          for (const { row, cells } of table.rows) {
            const { draft, problems } = parseStaffFields((f) => (columns[f] === undefined ? undefined : cells[columns[f]!]), ctx.today);
            rejected.push(...problems.map((p) => ({ row, column: column(p.field), value: p.value, reason: p.reason })));
            if (!draft) continue;
            const { card } = draft;
            const nameColumn = column(columns.full_name === undefined ? 'last_name' : 'full_name');
            const key = personKey({ last: card.last_name, first: card.first_name, middle: card.middle_name, birthDate: card.birth_date, snils: card.snils });
            const match = matchStaff(store, draft);
            if (seen.has(key)) {
              rejected.push({ row, column: card.snils ? column('snils') : nameColumn, value: card.snils ?? fullName(card), reason: L(`the same person as row ${seen.get(key)}`, `тот же человек, что в строке ${seen.get(key)}`) });
            } else if (match.kind === 'ambiguous') {
              const ids = match.candidates.map((c) => c.id).join(', ');
              rejected.push({ row, column: nameColumn, value: fullName(card), reason: L(`matches several staff members (ids ${ids}); add a СНИЛС or birth date`, `подходит нескольким сотрудникам (id ${ids}); укажите СНИЛС или дату рождения`) });
            } else {
              seen.set(key, row);
              drafts.push(draft);
            }
          }
          rejected.sort((a, b) => a.row - b.row);
          if (rejected.length && !opts.skipInvalid) {
            const rows = new Set(rejected.map((r) => r.row)).size;
            throw new InputError('invalid_rows', L(`${file}: ${rows} invalid row(s); nothing was written (--skip-invalid writes the valid ones).`, `${file}: ошибок в строках: ${rows}; ничего не записано (--skip-invalid запишет верные).`), rejected);
          }

          const outcomes = saveStaff(store, drafts, opts.dryRun);
          const count = (o: string) => outcomes.filter((x) => x === o).length;
          const report = { file, rows: table.rows.length, created: count('created'), updated: count('updated'), unchanged: count('unchanged'), rejected, dryRun: Boolean(opts.dryRun) };
          ctx.result(report, () => {
            for (const r of rejected) ctx.warn(formatRowIssue(r));
            ctx.done(
              (opts.dryRun ? L('Dry run, nothing written: ', 'Пробный прогон, ничего не записано: ') : '') +
                L(
                  `${report.rows} row(s): ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${new Set(rejected.map((r) => r.row)).size} rejected.`,
                  `строк: ${report.rows}; создано ${report.created}, изменено ${report.updated}, без изменений ${report.unchanged}, отклонено ${new Set(rejected.map((r) => r.row)).size}.`,
                ),
            );
          });
        }),
      ),
    'registrar staff import fixtures/staff.csv',
    'registrar staff import kadry.xlsx --sheet "Сотрудники" --dry-run',
    'registrar staff import staff.csv --encoding cp1251 --skip-invalid --map "Сотрудник=full_name"',
  );

  withExamples(
    staff
      .command('list')
      .description('list staff members')
      .option('--position <position>', 'only those holding this position')
      .action(
        act(async (ctx, opts: { position?: string }) => {
          const position = opts.position === undefined ? undefined : parsePosition(opts.position);
          if (opts.position !== undefined && !position) {
            throw new InputError('bad_position', L(`--position "${opts.position}": one of ${POSITIONS.join(', ')}`, `--position «${opts.position}»: допустимы ${POSITIONS.join(', ')}`));
          }
          const members = listStaff(await ctx.openStore(), position);
          ctx.result(members.map(publicStaff), () =>
            printTable(
              ctx,
              ['id', L('name', 'ФИО'), L('positions', 'должности'), L('СНИЛС', 'СНИЛС'), L('phone', 'телефон'), 'email'],
              members.map((s) => [s.id, fullName(s), s.positions.join(', '), s.snils, s.phone, s.email]),
            ),
          );
        }),
      ),
    'registrar staff list --position curator',
    'registrar staff list --json',
  );

  withExamples(
    staff
      .command('show <staff>')
      .description('show a staff member by id or full name, with the groups they curate')
      .action(
        act(async (ctx, _opts, ref: string) => {
          const store = await ctx.openStore();
          const member = findStaff(store, ref);
          const curatorOf = groupsCuratedBy(store, member.id);
          ctx.result({ ...publicStaff(member), curatorOf }, () =>
            printRecord(ctx, [
              ['id', member.id],
              [L('Name', 'ФИО'), fullName(member)],
              [L('Positions', 'Должности'), member.positions.join(', ')],
              [L('Birth date', 'Дата рождения'), formatDate(member.birth_date)],
              ['СНИЛС', member.snils],
              [L('Phone', 'Телефон'), member.phone],
              ['Email', member.email],
              [L('Curator of', 'Куратор групп'), curatorOf.map((g) => `${g.group} (${g.year})`).join(', ')],
            ]),
          );
        }),
      ),
    'registrar staff show 12',
    'registrar staff show "Смирнова Анна Петровна" --json',
  );
  return staff;
}
