import { Command } from 'commander';
import { act, withExamples } from '../cli/command.js';
import { printTable } from '../cli/table.js';
import { t } from '../core/i18n.js';
import { SUBJECT_KINDS } from '../domain/programs.js';
import { addSubject, publicSubject, subjectKind } from '../services/programs.js';
import { findProgram, listSubjects } from '../store/programs.js';

export default function (): Command {
  const subject = withExamples(
    new Command('subject').description(t('help_subject')),
    'registrar subject add ОП.01 "Операционные системы и среды" --kind УД --program 09.02.07',
    'registrar subject list --program 09.02.07',
  );

  withExamples(
    subject
      .command('add <code> <name>')
      .description(t('help_subject_add'))
      .requiredOption('--kind <kind>', t('opt_subject_kind', { kinds: SUBJECT_KINDS.join(', ') }))
      .option('--module <code>', t('opt_subject_module'))
      .option('--program <code>', t('opt_subject_program'))
      .action(
        act(async (ctx, opts: { kind: string; module?: string; program?: string }, code: string, name: string) => {
          const created = addSubject(await ctx.openStore(), { code, name, kind: opts.kind, module: opts.module, program: opts.program });
          ctx.result(created, () => ctx.done(t('subject_added', { code: created.code, name: created.name, kind: created.kind, program: created.program })));
        }),
      ),
    'registrar subject add ОП.01 "Операционные системы и среды" --kind УД --program 09.02.07',
    'registrar subject add МДК.01.01 "Разработка программных модулей" --kind МДК --module ПМ.01',
  );

  withExamples(
    subject
      .command('list')
      .description(t('help_subject_list'))
      .option('--program <code>', t('opt_subject_list_program'))
      .option('--kind <kind>', t('opt_subject_list_kind'))
      .action(
        act(async (ctx, opts: { program?: string; kind?: string }) => {
          const store = await ctx.openStore();
          const subjects = listSubjects(store, { programId: opts.program === undefined ? undefined : findProgram(store, opts.program).id, kind: opts.kind === undefined ? undefined : subjectKind(opts.kind) });
          ctx.result(subjects.map(publicSubject), () =>
            printTable(ctx, [t('structure_col_program'), t('structure_col_code'), t('structure_col_name'), t('structure_col_kind'), t('structure_col_module')], subjects.map((s) => [s.program, s.code, s.name, s.kind, s.module])),
          );
        }),
      ),
    'registrar subject list --program 15.02.16 --kind МДК',
    'registrar subject list --json',
  );
  return subject;
}
