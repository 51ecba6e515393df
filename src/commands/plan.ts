import { Command } from 'commander';
import { act, intOption, withExamples, withImportOptions } from '../cli/command.js';
import { L } from '../core/i18n.js';
import { printTable } from '../cli/table.js';
import { PLAN_FIELDS, readPlanRows, type PlanField } from '../domain/programs.js';
import { readImport, type ImportOptions } from '../io/importTable.js';
import { findProgram, listSubjects, planOf, programDurations, savePlan } from '../store/programs.js';
import { importMaxBytes } from '../store/settings.js';

export default function (): Command {
  const plan = new Command('plan').description('curriculum (учебный план) per program, course and semester');

  withExamples(
    withImportOptions(
      plan
        .command('import <file>')
        .summary('import curriculum rows (CSV or XLSX)')
        .description(
          'import curriculum rows: program, course, semester, subject code, name, kind, module, hours, assessment form. ' +
            'A semester is counted from the program start (course 2 has semesters 3 and 4) or within the course (1 or 2). ' +
            "Subjects are the program's own; unknown ones are created from their rows. All or nothing; importing the same file again changes nothing.",
        )
        .option('--program <code>', 'every row belongs to this program (no program column needed)'),
      PLAN_FIELDS,
      false,
    ).action(
      act(async (ctx, opts: ImportOptions & { program?: string; dryRun?: boolean }, file: string) => {
        const store = await ctx.openStore();
        const imp = await readImport(file, PLAN_FIELDS, { ...opts, maxBytes: importMaxBytes(store), notices: ctx }, (has) => (opts.program || has('program') ? [] : ['program']));
        const fields = Object.keys(PLAN_FIELDS) as PlanField[];
        const draft = readPlanRows(
          imp.rows.map((row) => ({ row: row.row, values: Object.fromEntries(fields.map((f) => [f, imp.cell(row, f)])) })),
          { programs: programDurations(store), subjects: listSubjects(store), program: opts.program && findProgram(store, opts.program).code },
        );
        const column = (f: PlanField) => (f === 'program' && !imp.has(f) ? '--program' : imp.header(f));
        await imp.settle(draft.problems.map((p) => ({ row: p.row, column: column(p.field), value: p.value, reason: p.reason })), false);
        const counts = savePlan(store, draft, opts.dryRun);
        ctx.result({ file, rows: imp.rows.length, ...counts, dryRun: Boolean(opts.dryRun) }, () =>
          ctx.done(
            (opts.dryRun ? L('Dry run, nothing written: ', 'Пробный прогон, ничего не записано: ') : '') +
              L(
                `${imp.rows.length} row(s): ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged; ${counts.subjectsCreated} new subject(s).`,
                `строк: ${imp.rows.length}; создано ${counts.created}, изменено ${counts.updated}, без изменений ${counts.unchanged}; новых предметов: ${counts.subjectsCreated}.`,
              ),
          ),
        );
      }),
    ),
    'registrar plan import fixtures/plan.csv',
    'registrar plan import plan-09.02.07.xlsx --program 09.02.07 --dry-run --errors plan-errors.xlsx',
    'registrar plan import plan.csv --encoding cp1251 --map "Дисциплина=name,Всего=hours"',
  );

  withExamples(
    plan
      .command('show')
      .description("show a program's curriculum by course and semester")
      .requiredOption('--program <code>', 'the program')
      .option('--course <n>', 'only this course', intOption(1, 10))
      .action(
        act(async (ctx, opts: { program: string; course?: number }) => {
          const store = await ctx.openStore();
          const program = findProgram(store, opts.program);
          const items = planOf(store, program.id, opts.course);
          ctx.result({ program: program.code, items }, () => {
            ctx.print(`${program.code} «${program.name}»`);
            if (!items.length) ctx.print(L('No curriculum yet: `plan import`.', 'Учебного плана пока нет: `plan import`.'));
            for (const semester of [...new Set(items.map((i) => i.semester))]) {
              const rows = items.filter((i) => i.semester === semester);
              const hours = rows.reduce((sum, i) => sum + i.hours, 0);
              ctx.print();
              ctx.print(ctx.out.bold(L(`Course ${rows[0].course}, semester ${semester} (${hours} h)`, `Курс ${rows[0].course}, семестр ${semester} (${hours} ч)`)));
              printTable(
                ctx,
                [L('code', 'индекс'), L('name', 'наименование'), L('kind', 'вид'), L('module', 'модуль'), L('hours', 'часы'), L('assessment', 'аттестация')],
                rows.map((i) => [i.code, i.name, i.kind, i.module, i.hours, i.assessment]),
              );
            }
          });
        }),
      ),
    'registrar plan show --program 09.02.07',
    'registrar plan show --program 09.02.07 --course 2 --json',
  );
  return plan;
}
