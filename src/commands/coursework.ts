import { Command } from 'commander';
import { act, withExamples, withImportOptions } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { optionalDate } from '../cli/values.js';
import { t } from '../core/i18n.js';
import { formatRowIssue } from '../core/rowIssue.js';
import { formatDate } from '../domain/dates.js';
import { COURSEWORK_FIELDS, importCoursework, setCoursework } from '../services/grades.js';

export default function (): Command {
  const coursework = withExamples(
    new Command('coursework').description(t('cmd_coursework')),
    'registrar coursework set --group ИС-24 --subject МДК.01.01 --student 12 --topic "Разработка модуля учёта" --approved 15.09.2025',
    'registrar coursework import курсовые.csv',
  );
  withExamples(
    coursework
      .command('set')
      .description(t('help_coursework_set'))
      .requiredOption('--group <name>', t('opt_journal_group'))
      .requiredOption('--subject <code>', t('opt_journal_subject'))
      .requiredOption('--student <ref>', t('opt_journal_student'))
      .option('--topic <text>', t('opt_coursework_topic'))
      .option('--approved <date>', t('opt_coursework_approved'))
      .option('--defended <date>', t('opt_coursework_defended'))
      .option('--mark <mark>', t('opt_coursework_mark'))
      .option('--year <name>', t('opt_journal_year'))
      .option('--override <reason>', t('opt_journal_override'))
      .action(
        act(async (ctx: Context, f: { group: string; subject: string; student: string; topic?: string; approved?: string; defended?: string; mark?: string; year?: string; override?: string }) => {
          const r = setCoursework(await ctx.openStore(), { ...f, approvedOn: optionalDate(f.approved, '--approved'), defendedOn: optionalDate(f.defended, '--defended') });
          for (const o of r.overridden) ctx.warn(t('journal_overridden', { rule: o.rule, passed: formatDate(o.passed) }));
          ctx.result(r, () => ctx.done(t('coursework_done', { action: r.action, student: r.student, subject: r.subject, topic: r.topic })));
        }),
      ),
    'registrar coursework set --group ИС-24 --subject МДК.01.01 --student "Иванов Иван Иванович" --topic "Разработка модуля учёта" --approved 15.09.2025',
    'registrar coursework set --group ИС-24 --subject МДК.01.01 --student 12 --defended 20.12.2025 --mark 5',
  );
  withExamples(
    withImportOptions(coursework.command('import').argument('<file>', t('arg_journal_file')).description(t('help_coursework_import')).option('--year <name>', t('opt_journal_year')), COURSEWORK_FIELDS).action(
      act(async (ctx: Context, f: { year?: string; dryRun?: boolean; skipInvalid?: boolean; errors?: string; encoding?: 'auto' | 'utf8' | 'cp1251'; sheet?: string; map?: string }, file: string) => {
        const store = await ctx.openStore();
        const r = await importCoursework(store, { ...f, file, notices: ctx });
        ctx.result(r, () => {
          ctx.print(t('grades_import_summary', { file: r.file, rows: r.rows, created: r.created, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected.length, dryRun: r.dryRun }));
          for (const x of r.rejected) ctx.print(formatRowIssue(x));
        });
      }),
    ),
    'registrar coursework import курсовые.csv',
  );
  return coursework;
}
