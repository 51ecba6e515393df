import { Command } from 'commander';
import { act, withExamples } from '../cli/command.js';
import { InputError } from '../core/errors.js';
import { L } from '../core/i18n.js';
import { printTable } from '../cli/table.js';
import { courseCount, formatDuration, isSpoCode, parseDuration, parseStudyForm, STUDY_FORMS, validateCode } from '../domain/programs.js';
import { addProgram, listPrograms, type ProgramRow } from '../store/programs.js';

/** The shape scripts see. */
function publicProgram(p: ProgramRow) {
  return { code: p.code, name: p.name, durationMonths: p.duration_months, courses: courseCount(p.duration_months), form: p.form, qualification: p.qualification };
}

export default function (): Command {
  const program = new Command('program').description('educational programs (специальности и профессии)');

  withExamples(
    program
      .command('add <code> <name>')
      .description('add a program; a federal СПО code has the form NN.NN.NN, other codes are accepted with a warning')
      .requiredOption('--duration <years>', 'how long it takes: 3, 2.5, 3г10м, "3 года 10 месяцев", 2y10m')
      .option('--form <form>', `form of study: ${STUDY_FORMS.join(', ')}`, 'очная')
      .option('--qualification <text>', 'qualification awarded')
      .action(
        act(async (ctx, opts: { duration: string; form: string; qualification?: string }, codeText: string, name: string) => {
          const code = validateCode(codeText);
          if (!code.ok) throw new InputError('bad_program_code', L(`Program code "${codeText}": ${code.reason}`, `Код программы «${codeText}»: ${code.reason}`));
          if (!name.trim()) throw new InputError('bad_program_name', L('The program needs a name.', 'У программы должно быть название.'));
          const months = parseDuration(opts.duration);
          if (months === undefined) {
            throw new InputError('bad_duration', L(`--duration "${opts.duration}" is not a duration from 1 month to 10 years (3, 2.5, 3г10м, 2y10m)`, `--duration «${opts.duration}» — не срок от 1 месяца до 10 лет (3, 2.5, 3г10м, 2y10m)`));
          }
          const form = parseStudyForm(opts.form);
          if (!form) throw new InputError('bad_form', L(`--form "${opts.form}": one of ${STUDY_FORMS.join(', ')}`, `--form «${opts.form}»: допустимы ${STUDY_FORMS.join(', ')}`));
          if (!isSpoCode(code.value)) ctx.warn(L(`${code.value} is not a federal СПО code (NN.NN.NN); kept as given.`, `${code.value} — не код специальности СПО (NN.NN.NN); сохранён как есть.`));
          const created = addProgram(await ctx.openStore(), { code: code.value, name: name.trim(), duration_months: months, form, qualification: opts.qualification?.trim() || null });
          ctx.result(publicProgram(created), () =>
            ctx.done(L(`Program ${created.code} «${created.name}» added (${formatDuration(months)}, ${courseCount(months)} course(s), ${form}).`, `Программа ${created.code} «${created.name}» добавлена (${formatDuration(months)}, курсов: ${courseCount(months)}, ${form}).`)),
          );
        }),
      ),
    'registrar program add 09.02.07 "Информационные системы и программирование" --duration 3г10м --qualification "Программист"',
    'registrar program add 15.02.16 "Технология машиностроения" --duration "3 года 10 месяцев" --form очная',
  );

  withExamples(
    program
      .command('list')
      .description('list programs')
      .action(
        act(async (ctx) => {
          const programs = listPrograms(await ctx.openStore());
          ctx.result(programs.map(publicProgram), () =>
            printTable(
              ctx,
              [L('code', 'код'), L('name', 'название'), L('duration', 'срок'), L('courses', 'курсов'), L('form', 'форма'), L('qualification', 'квалификация')],
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
