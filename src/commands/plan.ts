import { Command } from 'commander';
import { act, intOption, withExamples, withImportOptions } from '../cli/command.js';
import { printTable } from '../cli/table.js';
import { t } from '../core/i18n.js';
import { PLAN_FIELDS } from '../domain/programs.js';
import type { ImportOptions } from '../io/importTable.js';
import { importPlan } from '../services/programs.js';
import { findProgram, planOf } from '../store/programs.js';

export default function (): Command {
  const plan = withExamples(
    new Command('plan').description(t('help_plan')),
    'registrar plan import plan.csv --program 09.02.07 --dry-run',
    'registrar plan show --program 09.02.07 --course 2',
  );

  withExamples(
    withImportOptions(
      plan
        .command('import <file>')
        .summary(t('help_plan_import_summary'))
        .description(t('help_plan_import'))
        .option('--program <code>', t('opt_plan_import_program')),
      PLAN_FIELDS,
      false,
    ).action(
      act(async (ctx, opts: ImportOptions & { program?: string; dryRun?: boolean }, file: string) => {
        const result = await importPlan(await ctx.openStore(), { ...opts, file, notices: ctx });
        ctx.result(result, () =>
          ctx.done(
            (result.dryRun ? t('structure_dry_run_prefix') : '') +
              t('plan_imported', { rows: result.rows, created: result.created, updated: result.updated, unchanged: result.unchanged, subjectsCreated: result.subjectsCreated }),
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
      .description(t('help_plan_show'))
      .requiredOption('--program <code>', t('opt_plan_show_program'))
      .option('--course <n>', t('opt_plan_show_course'), intOption(1, 10))
      .action(
        act(async (ctx, opts: { program: string; course?: number }) => {
          const store = await ctx.openStore();
          const program = findProgram(store, opts.program);
          const items = planOf(store, program.id, opts.course);
          ctx.result({ program: program.code, items }, () => {
            ctx.print(`${program.code} «${program.name}»`);
            if (!items.length) ctx.print(t('plan_empty'));
            for (const semester of [...new Set(items.map((i) => i.semester))]) {
              const rows = items.filter((i) => i.semester === semester);
              const hours = rows.reduce((sum, i) => sum + i.hours, 0);
              ctx.print();
              ctx.print(ctx.out.bold(t('plan_semester_heading', { course: rows[0].course, semester, hours })));
              printTable(
                ctx,
                [t('structure_col_index'), t('structure_col_title'), t('structure_col_kind'), t('structure_col_module'), t('structure_col_hours'), t('structure_col_assessment')],
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
