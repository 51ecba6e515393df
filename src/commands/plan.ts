import { Command, Option } from 'commander';
import { act, intOption, withExamples } from '../cli/command.js';
import { InputError } from '../cli/errors.js';
import type { RowIssue } from '../cli/rowIssue.js';
import { L } from '../cli/i18n.js';
import { printTable } from '../cli/table.js';
import { PLAN_FIELDS, readPlanRows, type PlanField } from '../domain/programs.js';
import { mapColumns, requireColumns } from '../io/headers.js';
import { readTable, type Encoding } from '../io/readTable.js';
import { findProgram, planOf, programDurations, savePlan, subjectsByCode } from '../store/programs.js';
import { getNumberSetting } from '../store/settings.js';

interface ImportOptions {
  program?: string;
  dryRun?: boolean;
  encoding: 'auto' | Encoding;
  sheet?: string;
  map?: string;
}

export default function (): Command {
  const plan = new Command('plan').description('curriculum (учебный план) per program, course and semester');

  withExamples(
    plan
      .command('import <file>')
      .summary('import curriculum rows (CSV or XLSX)')
      .description(
        'import curriculum rows: program, course, semester, subject code, name, kind, module, hours, assessment form. ' +
          'A semester is counted from the program start (course 2 has semesters 3 and 4) or within the course (1 or 2). ' +
          'Unknown subjects are created from their rows. All or nothing; importing the same file again changes nothing.',
      )
      .option('--program <code>', 'every row belongs to this program (no program column needed)')
      .option('--dry-run', 'check and count, write nothing')
      .addOption(new Option('--encoding <encoding>', 'CSV encoding').choices(['auto', 'utf8', 'cp1251']).default('auto'))
      .option('--sheet <name>', 'XLSX sheet (default: the first)')
      .option('--map <pairs>', 'name columns explicitly: "Колонка=field,..." (fields: ' + Object.keys(PLAN_FIELDS).join(', ') + ')')
      .action(
        act(async (ctx, opts: ImportOptions, file: string) => {
          const store = await ctx.openStore();
          const table = await readTable(file, { encoding: opts.encoding, sheet: opts.sheet, maxBytes: getNumberSetting(store, 'import.maxMegabytes') * 2 ** 20 });
          const { columns, unknown, missing } = mapColumns(table.headers, PLAN_FIELDS, opts.map);
          requireColumns(PLAN_FIELDS, opts.program || columns.program !== undefined ? missing : ['program', ...missing]);
          if (unknown.length) ctx.warn(L(`ignored columns: ${unknown.join(', ')}`, `пропущены колонки: ${unknown.join(', ')}`));
          const fields = Object.entries(columns) as [PlanField, number][];
          const draft = readPlanRows(
            table.rows.map(({ row, cells }) => ({ row, values: Object.fromEntries(fields.map(([f, i]) => [f, cells[i]])) })),
            { programs: programDurations(store), subjects: subjectsByCode(store), program: opts.program && findProgram(store, opts.program).code },
          );
          if (draft.problems.length) {
            const column = (f: PlanField) => (columns[f] === undefined ? (f === 'program' ? '--program' : PLAN_FIELDS[f].aliases[0]) : table.headers[columns[f]!]);
            const rows = new Set(draft.problems.map((p) => p.row)).size;
            throw new InputError(
              'invalid_rows',
              L(`${file}: ${rows} invalid row(s); nothing was written.`, `${file}: ошибок в строках: ${rows}; ничего не записано.`),
              draft.problems.map((p): RowIssue => ({ row: p.row, column: column(p.field), value: p.value, reason: p.reason })),
            );
          }
          const counts = savePlan(store, draft, opts.dryRun);
          ctx.result({ file, rows: table.rows.length, ...counts, dryRun: Boolean(opts.dryRun) }, () =>
            ctx.done(
              (opts.dryRun ? L('Dry run, nothing written: ', 'Пробный прогон, ничего не записано: ') : '') +
                L(
                  `${table.rows.length} row(s): ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged; ${counts.subjectsCreated} new subject(s).`,
                  `строк: ${table.rows.length}; создано ${counts.created}, изменено ${counts.updated}, без изменений ${counts.unchanged}; новых предметов: ${counts.subjectsCreated}.`,
                ),
            ),
          );
        }),
      ),
    'registrar plan import fixtures/plan.csv',
    'registrar plan import plan-09.02.07.xlsx --program 09.02.07 --dry-run',
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
