import { Command } from 'commander';
import { act, collect, withExamples, withImportOptions } from '../cli/command.js';
import { InputError } from '../core/errors.js';
import { formatRowIssue, type RowIssue } from '../core/rowIssue.js';
import { L } from '../core/i18n.js';
import { printRecord, printTable } from '../cli/table.js';
import { formatDate } from '../domain/dates.js';
import { personKey } from '../domain/person.js';
import { parsePosition, POSITIONS } from '../domain/positions.js';
import { parseStaffRow, STAFF_FIELDS, type StaffDraft, type StaffField } from '../domain/staffRow.js';
import { missingNameColumns } from '../domain/studentRow.js';
import { readImport, type ImportOptions } from '../io/importTable.js';
import { groupsCuratedBy } from '../store/groups.js';
import { fullName } from '../store/people.js';
import { importMaxBytes } from '../store/settings.js';
import { addStaff, findStaff, listStaff, matchStaff, saveStaff, type StaffMember } from '../store/staff.js';

function publicStaff(s: StaffMember) {
  return { id: s.id, name: fullName(s), lastName: s.last_name, firstName: s.first_name, middleName: s.middle_name, birthDate: s.birth_date, snils: s.snils, phone: s.phone, email: s.email, positions: s.positions };
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
          const { draft, problems } = parseStaffRow((f) => given[f], ctx.today);
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
    withImportOptions(
      staff
        .command('import <file>')
        .summary('import a staff list (CSV or XLSX)')
        .description(
          'import a staff list: ФИО (or Фамилия, Имя, Отчество), Должность (several separated by , or ;), СНИЛС, Телефон, Email, Дата рождения. ' +
            'A person is the same when the СНИЛС matches, else the full name (and the birth date when both have one); ' +
            'positions in a row replace the ones on file. All or nothing unless --skip-invalid.',
        ),
      STAFF_FIELDS,
    ).action(
      act(async (ctx, opts: ImportOptions & { dryRun?: boolean }, file: string) => {
        const store = await ctx.openStore();
        const imp = await readImport(file, STAFF_FIELDS, { ...opts, maxBytes: importMaxBytes(store), notices: ctx }, missingNameColumns);
        const nameField: StaffField = imp.has('full_name') ? 'full_name' : 'last_name';
        const rejected: RowIssue[] = [];
        const drafts: StaffDraft[] = [];
        const seen = new Map<string, number>();
        for (const line of imp.rows) {
          const { row } = line;
          const { draft, problems } = parseStaffRow((f) => imp.cell(line, f), ctx.today);
          rejected.push(...problems.map((p) => imp.issue(row, p.field, p.value, p.reason)));
          if (!draft) continue;
          const { card } = draft;
          const key = personKey({ last: card.last_name, first: card.first_name, middle: card.middle_name, birthDate: card.birth_date, snils: card.snils });
          const match = matchStaff(store, draft);
          if (seen.has(key)) {
            rejected.push(imp.issue(row, card.snils ? 'snils' : nameField, card.snils ?? fullName(card), L(`the same person as row ${seen.get(key)}`, `тот же человек, что в строке ${seen.get(key)}`)));
          } else if (match.kind === 'ambiguous') {
            const ids = match.candidates.map((c) => c.id).join(', ');
            rejected.push(imp.issue(row, nameField, fullName(card), L(`matches several staff members (ids ${ids}); add a СНИЛС or birth date`, `подходит нескольким сотрудникам (id ${ids}); укажите СНИЛС или дату рождения`)));
          } else {
            seen.set(key, row);
            drafts.push(draft);
          }
        }
        await imp.settle(rejected);

        const outcomes = saveStaff(store, drafts, opts.dryRun);
        const count = (o: string) => outcomes.filter((x) => x === o).length;
        const report = { file, rows: imp.rows.length, created: count('created'), updated: count('updated'), unchanged: count('unchanged'), rejected, dryRun: Boolean(opts.dryRun) };
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
    'registrar staff import staff.csv --encoding cp1251 --skip-invalid --errors staff-errors.csv --map "Сотрудник=full_name"',
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
