import { Command, Option } from 'commander';
import { act, intOption, withExamples, withImportOptions } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { emitReport, outputOptions, type OutputFlags } from '../cli/output.js';
import { progressBar } from '../cli/progress.js';
import { printTable } from '../cli/table.js';
import { dateArg, optionalDate } from '../cli/values.js';
import { UsageError } from '../core/errors.js';
import { t } from '../core/i18n.js';
import { formatRowIssue } from '../core/rowIssue.js';
import type { LockRefusal } from '../domain/locks.js';
import { formatDate } from '../domain/dates.js';
import { ATTENDANCE_FIELDS, LESSON_FIELDS, MARK_FIELDS } from '../domain/journalRows.js';
import { addLesson, journalPage, setAbsence, setMark, setReason, setWorkType } from '../services/journal.js';
import { importJournal, type JournalKind } from '../services/journalImport.js';
import { listWorkTypes } from '../store/journal.js';

interface LessonFlags {
  group: string;
  subject: string;
  date: string;
  number?: number;
  override?: string;
}

function lessonOptions(command: Command): Command {
  return command
    .requiredOption('--group <name>', t('opt_journal_group'))
    .requiredOption('--subject <code>', t('opt_journal_subject'))
    .requiredOption('--date <date>', t('opt_journal_date'))
    .option('--number <n>', t('opt_journal_number'), intOption(1, 12))
    .option('--override <reason>', t('opt_journal_override'));
}

function noteOverride(ctx: Context, overridden: LockRefusal[]): void {
  for (const r of overridden) ctx.warn(t('journal_overridden', { rule: r.rule, passed: formatDate(r.passed) }));
}

export default function (): Command {
  const journal = withExamples(
    new Command('journal').description(t('cmd_journal')),
    'registrar journal lesson add --group ИС-25 --subject ОУД.04 --date 01.10.2025 --teacher "Новикова Мария Андреевна" --topic "Степени и корни"',
    'registrar journal mark set --group ИС-25 --subject ОУД.04 --date 01.10.2025 --student 17 --mark 5',
    'registrar journal show --group ИС-25 --subject ОУД.04 --period S1',
  );

  const lesson = withExamples(
    journal.command('lesson').description(t('help_journal_lesson')),
    'registrar journal lesson add --group ИС-25 --subject ОУД.04 --date 01.10.2025 --teacher "Новикова Мария Андреевна" --topic "Степени и корни"',
    'registrar journal lesson add --group ИС-25/1 --subject ОУД.04 --date 02.10.2025 --teacher 9 --hours 1',
  );
  withExamples(
    lessonOptions(lesson.command('add').description(t('help_journal_lesson_add')))
      .requiredOption('--teacher <name>', t('opt_journal_teacher'))
      .option('--hours <n>', t('opt_journal_hours'), intOption(1, 12))
      .option('--topic <text>', t('opt_journal_topic'))
      .option('--homework <text>', t('opt_journal_homework'))
      .action(
        act(async (ctx, f: LessonFlags & { teacher: string; hours?: number; topic?: string; homework?: string }) => {
          const r = addLesson(await ctx.openStore(), { ...f, date: dateArg(f.date, '--date') });
          noteOverride(ctx, r.overridden);
          ctx.result(r, () => ctx.done(t('journal_lesson_done', { action: r.action, group: r.lesson.group, subject: r.lesson.subject, date: formatDate(r.lesson.date), number: r.lesson.number })));
        }),
      ),
    'registrar journal lesson add --group ИС-25 --subject ОУД.04 --date 01.10.2025 --teacher "Новикова Мария Андреевна" --topic "Степени и корни"',
    'registrar journal lesson add --group ИС-25 --subject ОУД.04 --date 01.10.2025 --number 1 --teacher 9 --homework "№ 12–15"',
  );

  const mark = withExamples(
    journal.command('mark').description(t('help_journal_mark')),
    'registrar journal mark set --group ИС-25 --subject ОУД.04 --date 01.10.2025 --student 17 --mark 5',
    'registrar journal mark set --group ИС-25 --subject ОУД.04 --date 01.10.2025 --student 17 --clear',
  );
  withExamples(
    lessonOptions(mark.command('set').description(t('help_journal_mark_set')))
      .requiredOption('--student <ref>', t('opt_journal_student'))
      .option('--mark <mark>', t('opt_journal_mark'))
      .option('--work-type <name>', t('opt_journal_work_type'))
      .addOption(new Option('--clear', t('opt_journal_clear_mark')).conflicts(['mark', 'workType']))
      .action(
        act(async (ctx, f: LessonFlags & { student: string; mark?: string; workType?: string; clear?: boolean }) => {
          if (f.mark === undefined && !f.clear) throw new UsageError('journal_mark_or_clear');
          const r = setMark(await ctx.openStore(), { ...f, date: dateArg(f.date, '--date') });
          noteOverride(ctx, r.overridden);
          ctx.result(r, () => ctx.done(t('journal_mark_done', { action: r.action, student: r.student, mark: r.mark ?? '—', date: formatDate(r.date), subject: r.subject })));
        }),
      ),
    'registrar journal mark set --group ИС-25 --subject ОУД.04 --date 01.10.2025 --student "Лебедев Даниил Геннадьевич" --mark 5',
    'registrar journal mark set --group ИС-25 --subject ОУД.04 --date 01.10.2025 --student 100-210-794\\ 69 --mark 4 --work-type "контрольная работа" --override "ошибка ввода, служебная записка 12"',
  );

  const absence = withExamples(
    journal.command('absence').description(t('help_journal_absence')),
    'registrar journal absence set --group ИС-25 --subject ОУД.04 --date 01.10.2025 --student 18',
    'registrar journal absence set --group ИС-25 --subject ОУД.04 --date 01.10.2025 --student 18 --clear',
  );
  withExamples(
    lessonOptions(absence.command('set').description(t('help_journal_absence_set')))
      .requiredOption('--student <ref>', t('opt_journal_student'))
      .option('--code <code>', t('opt_journal_code'), 'ОТ')
      .option('--clear', t('opt_journal_clear_absence'))
      .action(
        act(async (ctx, f: LessonFlags & { student: string; code?: string; clear?: boolean }) => {
          const r = setAbsence(await ctx.openStore(), { ...f, date: dateArg(f.date, '--date') });
          noteOverride(ctx, r.overridden);
          ctx.result(r, () => ctx.done(t('journal_absence_done', { action: r.action, student: r.student, code: r.code ?? '—', date: formatDate(r.date), subject: r.subject })));
        }),
      ),
    'registrar journal absence set --group ИС-25 --subject ОУД.04 --date 01.10.2025 --student "Лебедев Даниил Геннадьевич"',
    'registrar journal absence set --group ИС-25 --subject ОУД.04 --date 01.10.2025 --student 17 --code ОП',
  );

  const reason = withExamples(
    journal.command('reason').description(t('help_journal_reason')),
    'registrar journal reason set --group ИС-25 --student 17 --date 06.10.2025 --to 10.10.2025 --code Б',
    'registrar journal reason set --group ИС-25 --student 17 --date 13.10.2025 --subject ОУД.04 --code УП',
  );
  withExamples(
    reason
      .command('set')
      .description(t('help_journal_reason_set'))
      .requiredOption('--group <name>', t('opt_journal_group'))
      .requiredOption('--student <ref>', t('opt_journal_student'))
      .requiredOption('--date <date>', t('opt_journal_reason_from'))
      .option('--to <date>', t('opt_journal_reason_to'))
      .option('--subject <code>', t('opt_journal_reason_subject'))
      .requiredOption('--code <code>', t('opt_journal_reason_code'))
      .option('--override <reason>', t('opt_journal_override'))
      .action(
        act(async (ctx, f: { group: string; student: string; date: string; to?: string; subject?: string; code: string; override?: string }) => {
          const r = setReason(await ctx.openStore(), { ...f, from: dateArg(f.date, '--date'), to: optionalDate(f.to, '--to') });
          noteOverride(ctx, r.overridden);
          ctx.result(r, () => ctx.done(t('journal_reason_done', { student: r.student, code: r.code, count: r.changed.length })));
        }),
      ),
    'registrar journal reason set --group ИС-25 --student "Лебедев Даниил Геннадьевич" --date 06.10.2025 --to 10.10.2025 --code Б',
  );

  withExamples(
    outputOptions(
      journal
        .command('show')
        .description(t('help_journal_show'))
        .requiredOption('--group <name>', t('opt_journal_group'))
        .requiredOption('--subject <code>', t('opt_journal_subject'))
        .option('--period <code>', t('opt_journal_period'))
        .option('--year <name>', t('opt_journal_year')),
    ).action(
      act(async (ctx, f: OutputFlags & { group: string; subject: string; period?: string; year?: string }) => {
        const report = journalPage(await ctx.openStore(), f);
        await emitReport(ctx, report, f);
      }),
    ),
    'registrar journal show --group ИС-25 --subject ОУД.04 --period S1',
    'registrar journal show --group ИС-25 --subject ОУД.04 --out журнал.xlsx',
  );

  withExamples(
    withImportOptions(
      journal
        .command('import')
        .argument('<file>', t('arg_journal_file'))
        .description(t('help_journal_import'))
        .addOption(new Option('--kind <kind>', t('opt_journal_kind')).choices(['lessons', 'marks', 'attendance']).makeOptionMandatory())
        .addOption(new Option('--layout <layout>', t('opt_journal_layout')).choices(['rows', 'grid']).default('rows'))
        .option('--work-type <name>', t('opt_journal_grid_work_type'))
        .option('--override <reason>', t('opt_journal_override')),
      { ...LESSON_FIELDS, ...MARK_FIELDS, ...ATTENDANCE_FIELDS },
    ).action(
      act(async (ctx, f: { kind: JournalKind; layout: 'rows' | 'grid'; workType?: string; override?: string; dryRun?: boolean; skipInvalid?: boolean; errors?: string; encoding?: 'auto' | 'utf8' | 'cp1251'; sheet?: string; map?: string }, file: string) => {
        const store = await ctx.openStore();
        const bar = progressBar(ctx, t('journal_checking_rows'));
        let report;
        try {
          report = await importJournal(store, { ...f, file, notices: ctx, onProgress: bar.update });
        } finally {
          bar.finish();
        }
        const r = report;
        ctx.result(r, () => {
          ctx.print(t('journal_import_summary', { file: r.file, rows: r.rows, dryRun: r.dryRun, lessons: r.lessons.created + r.lessons.updated, marks: r.marks.created + r.marks.updated, attendance: r.attendance.created + r.attendance.updated, rejected: r.rejected.length }));
          for (const x of r.rejected) ctx.print(formatRowIssue(x));
        });
      }),
    ),
    'registrar journal import занятия.csv --kind lessons',
    'registrar journal import оценки.csv --kind marks --skip-invalid --errors отклонено.csv',
    'registrar journal import журнал-ИС-24.xlsx --kind marks --layout grid',
  );

  const worktype = withExamples(
    journal.command('worktype').description(t('help_journal_worktype')),
    'registrar journal worktype list',
    'registrar journal worktype set "контрольная работа" --weight 2',
  );
  withExamples(
    worktype.command('list').description(t('help_journal_worktype_list')).action(
      act(async (ctx) => {
        const types = listWorkTypes(await ctx.openStore());
        ctx.result(types, () => printTable(ctx, [t('journal_col_work_type'), t('journal_col_weight')], types.map((w) => [w.name, String(w.weight)])));
      }),
    ),
    'registrar journal worktype list',
  );
  withExamples(
    worktype
      .command('set')
      .argument('<name>', t('arg_journal_work_type'))
      .requiredOption('--weight <w>', t('opt_journal_weight'), (v: string) => Number(v.replace(',', '.')))
      .description(t('help_journal_worktype_set'))
      .action(
        act(async (ctx, f: { weight: number }, name: string) => {
          const w = setWorkType(await ctx.openStore(), name, f.weight);
          ctx.result(w, () => ctx.done(t('journal_worktype_done', { name: w.name, weight: w.weight })));
        }),
      ),
    'registrar journal worktype set "контрольная работа" --weight 2',
  );
  return journal;
}
