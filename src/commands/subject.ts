import { Command } from 'commander';
import { act, withExamples } from '../cli/command.js';
import { InputError } from '../core/errors.js';
import { L } from '../core/i18n.js';
import { printTable } from '../cli/table.js';
import { parseSubjectKind, SUBJECT_KINDS, validateCode, type SubjectKind } from '../domain/programs.js';
import { addSubject, findProgram, listSubjects, type SubjectRow } from '../store/programs.js';

function kindArg(text: string): SubjectKind {
  const kind = parseSubjectKind(text);
  if (!kind) throw new InputError('bad_kind', L(`--kind "${text}": one of ${SUBJECT_KINDS.join(', ')}`, `--kind «${text}»: допустимы ${SUBJECT_KINDS.join(', ')}`));
  return kind;
}

const publicSubject = ({ id: _id, ...s }: SubjectRow) => s;

export default function (): Command {
  const subject = new Command('subject').description("subjects of a program's curriculum: УД (дисциплина), ПМ (модуль), МДК (курс внутри ПМ), УП/ПП (практика)");

  withExamples(
    subject
      .command('add <code> <name>')
      .description("add a subject to a program; an МДК names its ПМ (of the same program) with --module, УП/ПП may")
      .requiredOption('--kind <kind>', `${SUBJECT_KINDS.join(', ')} (or UD, PM, MDK, UP, PP)`)
      .option('--module <code>', 'the ПМ the subject belongs to')
      .option('--program <code>', 'the program (needed only when the store has several and --module does not tell)')
      .action(
        act(async (ctx, opts: { kind: string; module?: string; program?: string }, codeText: string, name: string) => {
          const code = validateCode(codeText);
          if (!code.ok) throw new InputError('bad_subject_code', L(`Subject code "${codeText}": ${code.reason}`, `Код предмета «${codeText}»: ${code.reason}`));
          if (!name.trim()) throw new InputError('bad_subject_name', L('The subject needs a name.', 'У предмета должно быть название.'));
          const created = addSubject(await ctx.openStore(), { program: opts.program, code: code.value, name: name.replace(/\s+/g, ' ').trim(), kind: kindArg(opts.kind), module: opts.module?.trim() || null });
          ctx.result(publicSubject(created), () =>
            ctx.done(L(`Subject ${created.code} «${created.name}» (${created.kind}) added to ${created.program}.`, `Предмет ${created.code} «${created.name}» (${created.kind}) добавлен в ${created.program}.`)),
          );
        }),
      ),
    'registrar subject add ОП.01 "Операционные системы и среды" --kind УД --program 09.02.07',
    'registrar subject add МДК.01.01 "Разработка программных модулей" --kind МДК --module ПМ.01',
  );

  withExamples(
    subject
      .command('list')
      .description('list subjects, by program')
      .option('--program <code>', 'only this program')
      .option('--kind <kind>', 'only this kind')
      .action(
        act(async (ctx, opts: { program?: string; kind?: string }) => {
          const store = await ctx.openStore();
          const subjects = listSubjects(store, { programId: opts.program === undefined ? undefined : findProgram(store, opts.program).id, kind: opts.kind === undefined ? undefined : kindArg(opts.kind) });
          ctx.result(subjects.map(publicSubject), () =>
            printTable(ctx, [L('program', 'программа'), L('code', 'код'), L('name', 'название'), L('kind', 'вид'), L('module', 'модуль')], subjects.map((s) => [s.program, s.code, s.name, s.kind, s.module])),
          );
        }),
      ),
    'registrar subject list --program 15.02.16 --kind МДК',
    'registrar subject list --json',
  );
  return subject;
}
