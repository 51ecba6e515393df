import { Command } from 'commander';
import { act, withExamples } from '../cli/command.js';
import { printTable } from '../cli/table.js';
import { t } from '../core/i18n.js';
import { courseCount, formatDuration, STUDY_FORMS } from '../domain/programs.js';
import { addProgram, publicProgram } from '../services/programs.js';
import { listPrograms } from '../store/programs.js';

export default function (): Command {
  const program = withExamples(
    new Command('program').description(t('help_program')),
    'registrar program add 09.02.07 "Информационные системы и программирование" --duration 3г10м --qualification "Программист"',
    'registrar program list',
  );

  withExamples(
    program
      .command('add <code> <name>')
      .description(t('help_program_add'))
      .requiredOption('--duration <years>', t('opt_program_duration'))
      .option('--form <form>', t('opt_program_form', { forms: STUDY_FORMS.join(', ') }), 'очная')
      .option('--qualification <text>', t('opt_program_qualification'))
      .action(
        act(async (ctx, opts: { duration: string; form: string; qualification?: string }, code: string, name: string) => {
          const { program: created, warnings } = addProgram(await ctx.openStore(), { code, name, duration: opts.duration, form: opts.form, qualification: opts.qualification });
          for (const w of warnings) ctx.warn(w);
          ctx.result(created, () =>
            ctx.done(t('program_added', { code: created.code, name: created.name, duration: formatDuration(created.durationMonths), courses: created.courses, form: created.form })),
          );
        }),
      ),
    'registrar program add 09.02.07 "Информационные системы и программирование" --duration 3г10м --qualification "Программист"',
    'registrar program add 15.02.16 "Технология машиностроения" --duration "3 года 10 месяцев" --form очная',
  );

  withExamples(
    program
      .command('list')
      .description(t('help_program_list'))
      .action(
        act(async (ctx) => {
          const programs = listPrograms(await ctx.openStore());
          ctx.result(programs.map(publicProgram), () =>
            printTable(
              ctx,
              [t('structure_col_code'), t('structure_col_name'), t('structure_col_duration'), t('structure_col_courses'), t('structure_col_form'), t('structure_col_qualification')],
              programs.map((p) => [p.code, p.name, formatDuration(p.duration_months), courseCount(p.duration_months), p.form, p.qualification]),
            ),
          );
        }),
      ),
    'registrar program list',
    'registrar program list --json',
  );
  return program;
}
