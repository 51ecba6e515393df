import { Command } from 'commander';
import { act, withExamples } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { printRecord, printTable } from '../cli/table.js';
import { InputError } from '../core/errors.js';
import { t } from '../core/i18n.js';
import { createGroup, publicGroup, updateGroup, type GroupResult } from '../services/groups.js';
import { addSubgroup, listSubgroups } from '../services/subgroups.js';
import { optionalDate } from '../cli/values.js';
import { formatDate } from '../domain/dates.js';
import { findGroup, listGroups } from '../store/groups.js';
import { findYear } from '../store/years.js';

/** Whole number from the command line; a course out of range is a data problem (exit 3), not usage. */
function courseArg(text: string): number {
  if (!/^-?\d+$/.test(text.trim())) throw new InputError('bad_course', { group: '--course', program: '', problem: t('course_not_whole', { value: text }) }, { course: text });
  return Number(text);
}

function printWarnings(ctx: Context, result: GroupResult): void {
  for (const w of result.warnings) ctx.warn(w);
}

export default function (): Command {
  const group = withExamples(
    new Command('group').description(t('help_group')),
    'registrar group create ИС-25 --program 09.02.07 --course 1 --curator "Смирнова Анна Петровна"',
    'registrar group list',
    'registrar group subgroup list ИС-25',
  );

  withExamples(
    group
      .command('create <name>')
      .description(t('help_group_create'))
      .requiredOption('--program <code>', t('opt_group_program'))
      .requiredOption('--course <n>', t('opt_group_course'))
      .option('--year <name>', t('opt_group_year'))
      .option('--curator <staff>', t('opt_group_curator'))
      .action(
        act(async (ctx, opts: { program: string; course: string; year?: string; curator?: string }, name: string) => {
          const result = createGroup(await ctx.openStore(), { name, program: opts.program, course: courseArg(opts.course), year: opts.year, curator: opts.curator });
          printWarnings(ctx, result);
          const created = result.group;
          ctx.result(created, () => ctx.done(t('group_created', { name: created.name, program: created.program, course: created.course, year: created.year })));
        }),
      ),
    'registrar group create ИС-21 --program 09.02.07 --course 1 --curator "Смирнова Анна Петровна"',
    'registrar group create ТМ-31 --program 15.02.16 --course 3 --year 2026/2027',
  );

  withExamples(
    group
      .command('list')
      .description(t('help_group_list'))
      .option('--year <name>', t('opt_group_year'))
      .action(
        act(async (ctx, opts: { year?: string }) => {
          const store = await ctx.openStore();
          const groups = listGroups(store, findYear(store, opts.year).id);
          ctx.result(groups.map(publicGroup), () =>
            printTable(ctx, [t('structure_col_group'), t('structure_col_program'), t('structure_col_course'), t('structure_col_curator')], groups.map((g) => [g.name, g.program, g.course, g.curator])),
          );
        }),
      ),
    'registrar group list',
    'registrar group list --year 2025/2026 --json',
  );

  withExamples(
    group
      .command('show <name>')
      .description(t('help_group_show'))
      .option('--year <name>', t('opt_group_year'))
      .action(
        act(async (ctx, opts: { year?: string }, name: string) => {
          const g = findGroup(await ctx.openStore(), name, opts.year);
          // The group's students join this card (JSON and print) once the student module lists them.
          ctx.result(publicGroup(g), () =>
            printRecord(ctx, [
              [t('structure_field_group'), g.name],
              [t('structure_field_year'), g.year],
              [t('structure_field_program'), `${g.program} «${g.programName}»`],
              [t('structure_field_course'), g.course],
              [t('structure_field_curator'), g.curator],
            ]),
          );
        }),
      ),
    'registrar group show ИС-21',
    'registrar group show ИС-21 --year 2025/2026 --json',
  );

  withExamples(
    group
      .command('update <name>')
      .description(t('help_group_update'))
      .option('--year <name>', t('opt_group_year'))
      .option('--name <new>', t('opt_group_new_name'))
      .option('--course <n>', t('opt_group_new_course'))
      .option('--program <code>', t('opt_group_new_program'))
      .option('--curator <staff>', t('opt_group_new_curator'))
      .option('--no-curator', t('opt_group_no_curator'))
      .action(
        act(async (ctx, opts: { year?: string; name?: string; course?: string; program?: string; curator?: string | false }, name: string) => {
          const result = updateGroup(await ctx.openStore(), {
            group: name,
            year: opts.year,
            name: opts.name,
            course: opts.course === undefined ? undefined : courseArg(opts.course),
            program: opts.program,
            curator: opts.curator === false ? null : opts.curator,
          });
          printWarnings(ctx, result);
          ctx.result(result.group, () => (result.changed ? ctx.done(t('group_updated', { name: result.group.name })) : ctx.print(t('group_unchanged', { name: result.group.name }))));
        }),
      ),
    'registrar group update ИС-21 --curator 12',
    'registrar group update ИС-21 --name ИС-22 --course 2',
    'registrar group update ИС-21 --no-curator',
  );
  const subgroup = withExamples(
    group.command('subgroup').description(t('help_group_subgroup')),
    'registrar group subgroup add ИС-25 1 --students 17 18 19',
    'registrar group subgroup list ИС-25 --on 01.12.2025',
  );
  withExamples(
    subgroup
      .command('add <group> <name>')
      .description(t('help_group_subgroup_add'))
      .requiredOption('--students <refs...>', t('opt_subgroup_students'))
      .option('--from <date>', t('opt_subgroup_from'))
      .option('--year <name>', t('opt_group_year'))
      .action(
        act(async (ctx, opts: { students: string[]; from?: string; year?: string }, groupName: string, name: string) => {
          const r = addSubgroup(await ctx.openStore(), { group: groupName, name, students: opts.students, from: optionalDate(opts.from, '--from'), year: opts.year });
          ctx.result(r, () => ctx.done(t('subgroup_created', { subgroup: r.label, count: r.students.length, from: formatDate(r.from) })));
        }),
      ),
    'registrar group subgroup add ИС-25 1 --students "Лебедев Даниил Геннадьевич" 17 100-210-794\\ 69',
    'registrar group subgroup add ИС-25 англ-2 --from 01.09.2025 --students 18 19 20',
  );
  withExamples(
    subgroup
      .command('list <group>')
      .description(t('help_group_subgroup_list'))
      .option('--on <date>', t('opt_subgroup_on'))
      .option('--year <name>', t('opt_group_year'))
      .action(
        act(async (ctx, opts: { on?: string; year?: string }, groupName: string) => {
          const list = listSubgroups(await ctx.openStore(), { group: groupName, on: optionalDate(opts.on, '--on'), year: opts.year });
          ctx.result(list, () => printTable(ctx, [t('subgroup_col_subgroup'), t('subgroup_col_students')], list.map((s) => [s.label, s.students.map((x) => x.student).join(', ')])));
        }),
      ),
    'registrar group subgroup list ИС-25',
    'registrar group subgroup list ИС-25 --on 01.12.2025 --json',
  );
  return group;
}
