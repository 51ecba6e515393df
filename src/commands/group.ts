import { Command } from 'commander';
import { act, withExamples } from '../cli/command.js';
import { InputError } from '../core/errors.js';
import { L } from '../core/i18n.js';
import type { Context } from '../cli/context.js';
import { printRecord, printTable } from '../cli/table.js';
import { CURATOR_POSITIONS } from '../domain/positions.js';
import { createGroup, findGroup, listGroups, updateGroup, type Group, type GroupChange } from '../store/groups.js';
import { fullName } from '../store/people.js';
import { findProgram } from '../store/programs.js';
import { findStaff } from '../store/staff.js';
import type { Store } from '../store/store.js';
import { findYear } from '../store/years.js';

function publicGroup({ yearId: _y, programId: _p, ...g }: Group) {
  return g;
}

/** Whole number from the command line; a course out of range is a data problem (exit 3), not usage. */
function courseArg(text: string): number {
  if (!/^-?\d+$/.test(text.trim())) throw new InputError('bad_course', L(`--course "${text}" is not a whole number`, `--course «${text}» — не целое число`));
  return Number(text);
}

/** The curator named by id or full name; one without a curator's position is accepted with a warning. */
function curatorArg(ctx: Context, store: Store, ref: string): number {
  const curator = findStaff(store, ref);
  if (!curator.positions.some((p) => CURATOR_POSITIONS.includes(p))) {
    ctx.warn(L(`${fullName(curator)} holds no position ${CURATOR_POSITIONS.join(' or ')}.`, `у сотрудника ${fullName(curator)} нет должности ${CURATOR_POSITIONS.join(' или ')}.`));
  }
  return curator.id;
}

export default function (): Command {
  const group = new Command('group').description('study groups of a year');

  withExamples(
    group
      .command('create <name>')
      .description('create a group of a program and course in a year')
      .requiredOption('--program <code>', 'the program')
      .requiredOption('--course <n>', 'year of study, from 1 to the last course of the program')
      .option('--year <name>', 'academic year (default: the current one)')
      .option('--curator <staff>', 'curator: staff id or full name')
      .action(
        act(async (ctx, opts: { program: string; course: string; year?: string; curator?: string }, name: string) => {
          const store = await ctx.openStore();
          const year = findYear(store, opts.year, ctx.today);
          const program = findProgram(store, opts.program);
          const curatorId = opts.curator === undefined ? null : curatorArg(ctx, store, opts.curator);
          const created = createGroup(store, year, { name, programId: program.id, course: courseArg(opts.course), curatorId });
          ctx.result(publicGroup(created), () =>
            ctx.done(L(`Group ${created.name} (${created.program}, course ${created.course}) created in ${created.year}.`, `Группа ${created.name} (${created.program}, ${created.course} курс) создана в ${created.year}.`)),
          );
        }),
      ),
    'registrar group create ИС-21 --program 09.02.07 --course 1 --curator "Смирнова Анна Петровна"',
    'registrar group create ТМ-31 --program 15.02.16 --course 3 --year 2026/2027',
  );

  withExamples(
    group
      .command('list')
      .description('list the groups of a year')
      .option('--year <name>', 'academic year (default: the current one)')
      .action(
        act(async (ctx, opts: { year?: string }) => {
          const store = await ctx.openStore();
          const groups = listGroups(store, findYear(store, opts.year, ctx.today).id);
          ctx.result(groups.map(publicGroup), () =>
            printTable(ctx, [L('group', 'группа'), L('program', 'программа'), L('course', 'курс'), L('curator', 'куратор')], groups.map((g) => [g.name, g.program, g.course, g.curator])),
          );
        }),
      ),
    'registrar group list',
    'registrar group list --year 2025/2026 --json',
  );

  withExamples(
    group
      .command('show <name>')
      .description('show a group: program, course, year, curator')
      .option('--year <name>', 'academic year (default: the current one)')
      .action(
        act(async (ctx, opts: { year?: string }, name: string) => {
          const g = findGroup(await ctx.openStore(), name, opts.year, ctx.today);
          // The group's students join this card (JSON and print) once the student module lists them.
          ctx.result(publicGroup(g), () =>
            printRecord(ctx, [
              [L('Group', 'Группа'), g.name],
              [L('Year', 'Учебный год'), g.year],
              [L('Program', 'Программа'), `${g.program} «${g.programName}»`],
              [L('Course', 'Курс'), g.course],
              [L('Curator', 'Куратор'), g.curator],
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
      .description('rename a group or change its course, program or curator')
      .option('--year <name>', 'academic year (default: the current one)')
      .option('--name <new>', 'new name')
      .option('--course <n>', 'new course')
      .option('--program <code>', 'new program')
      .option('--curator <staff>', 'new curator: staff id or full name')
      .option('--no-curator', 'remove the curator')
      .action(
        act(async (ctx, opts: { year?: string; name?: string; course?: string; program?: string; curator?: string | false }, name: string) => {
          const store = await ctx.openStore();
          const g = findGroup(store, name, opts.year, ctx.today);
          const change: GroupChange = {};
          if (opts.name !== undefined) change.name = opts.name;
          if (opts.course !== undefined) change.course = courseArg(opts.course);
          if (opts.program !== undefined) change.programId = findProgram(store, opts.program).id;
          if (opts.curator !== undefined) change.curatorId = opts.curator === false ? null : curatorArg(ctx, store, opts.curator);
          if (!Object.keys(change).length) {
            throw new InputError('nothing_to_set', L('Nothing to change: give --name, --course, --program, --curator or --no-curator.', 'Нечего менять: укажите --name, --course, --program, --curator или --no-curator.'));
          }
          const updated = updateGroup(store, g, change);
          ctx.result(publicGroup(updated), () => ctx.done(L(`Group ${updated.name} updated.`, `Группа ${updated.name} изменена.`)));
        }),
      ),
    'registrar group update ИС-21 --curator 12',
    'registrar group update ИС-21 --name ИС-22 --course 2',
    'registrar group update ИС-21 --no-curator',
  );
  return group;
}
