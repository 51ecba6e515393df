import { Command } from 'commander';
import { act, collect, withExamples, withImportOptions } from '../cli/command.js';
import { printRecord, printTable } from '../cli/table.js';
import { InputError } from '../core/errors.js';
import { t } from '../core/i18n.js';
import { formatRowIssue } from '../core/rowIssue.js';
import { formatDate } from '../domain/dates.js';
import { parsePosition, POSITIONS } from '../domain/positions.js';
import { staffFullName } from '../domain/staff.js';
import { STAFF_FIELDS } from '../domain/staffRow.js';
import type { ImportOptions } from '../io/importTable.js';
import { addStaff, findStaff, importStaff, publicStaff } from '../services/staff.js';
import { groupsCuratedBy } from '../store/groups.js';
import { listStaff } from '../store/staff.js';

export default function (): Command {
  const staff = withExamples(
    new Command('staff').description(t('help_staff')),
    'registrar staff import staff.csv --dry-run',
    'registrar staff add --name "Смирнова Анна Петровна" --position преподаватель',
    'registrar staff list --position куратор',
  );

  withExamples(
    staff
      .command('add')
      .description(t('help_staff_add'))
      .requiredOption('--name <full name>', t('opt_staff_name'))
      .option('--position <position>', t('opt_staff_position', { positions: POSITIONS.join(', ') }), collect)
      .option('--snils <snils>', t('opt_staff_snils'))
      .option('--phone <phone>', t('opt_staff_phone'))
      .option('--email <email>', t('opt_staff_email'))
      .option('--birth-date <date>', t('opt_staff_birth_date'))
      .action(
        act(async (ctx, opts: { name: string; position?: string[]; snils?: string; phone?: string; email?: string; birthDate?: string }) => {
          const member = addStaff(await ctx.openStore(), { name: opts.name, positions: opts.position, snils: opts.snils, phone: opts.phone, email: opts.email, birthDate: opts.birthDate });
          ctx.result(member, () => ctx.done(t('staff_added', { name: member.name, id: member.id })));
        }),
      ),
    'registrar staff add --name "Смирнова Анна Петровна" --position преподаватель --position куратор --snils "112-233-445 95"',
  );

  withExamples(
    withImportOptions(staff.command('import <file>').summary(t('help_staff_import_summary')).description(t('help_staff_import')), STAFF_FIELDS).action(
      act(async (ctx, opts: ImportOptions & { dryRun?: boolean }, file: string) => {
        const report = await importStaff(await ctx.openStore(), { ...opts, file, notices: ctx });
        for (const w of report.warnings) ctx.warn(formatRowIssue(w));
        ctx.result(report, () => {
          for (const r of report.rejected) ctx.warn(formatRowIssue(r));
          ctx.done(
            (report.dryRun ? t('structure_dry_run_prefix') : '') +
              t('staff_imported', { rows: report.rows, created: report.created, updated: report.updated, unchanged: report.unchanged, rejected: new Set(report.rejected.map((r) => r.row)).size }),
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
      .description(t('help_staff_list'))
      .option('--position <position>', t('opt_staff_list_position'))
      .action(
        act(async (ctx, opts: { position?: string }) => {
          const position = opts.position === undefined ? undefined : parsePosition(opts.position);
          if (opts.position !== undefined && !position) {
            throw new InputError('bad_position', { value: opts.position, known: POSITIONS.join(', ') });
          }
          const members = listStaff(await ctx.openStore(), position);
          ctx.result(members.map(publicStaff), () =>
            printTable(
              ctx,
              [t('structure_col_id'), t('structure_col_full_name'), t('structure_col_positions'), t('structure_col_snils'), t('structure_col_phone'), t('structure_col_email')],
              members.map((s) => [s.id, staffFullName(s), s.positions.join(', '), s.snils, s.phone, s.email]),
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
      .description(t('help_staff_show'))
      .action(
        act(async (ctx, _opts, ref: string) => {
          const store = await ctx.openStore();
          const member = findStaff(store, ref);
          const curatorOf = groupsCuratedBy(store, member.id);
          ctx.result({ ...publicStaff(member), curatorOf }, () =>
            printRecord(ctx, [
              [t('structure_col_id'), member.id],
              [t('structure_field_full_name'), staffFullName(member)],
              [t('structure_field_positions'), member.positions.join(', ')],
              [t('structure_field_birth_date'), formatDate(member.birth_date)],
              [t('structure_col_snils'), member.snils],
              [t('structure_field_phone'), member.phone],
              [t('structure_field_email'), member.email],
              [t('structure_field_curator_of'), curatorOf.map((g) => `${g.group} (${g.year})`).join(', ')],
            ]),
          );
        }),
      ),
    'registrar staff show 12',
    'registrar staff show "Смирнова Анна Петровна" --json',
  );
  return staff;
}
