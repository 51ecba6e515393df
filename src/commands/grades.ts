import { Command, Option } from 'commander';
import { act, withExamples, withImportOptions } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { emitReport, outputOptions, type OutputFlags } from '../cli/output.js';
import { t } from '../core/i18n.js';
import { formatRowIssue } from '../core/rowIssue.js';
import { formatDate } from '../domain/dates.js';
import { GRADE_KINDS, type GradeKind } from '../domain/grading.js';
import type { Report } from '../reports/model.js';
import { fillGrades, GRADE_FIELDS, importGrades, setGrade, suggestGrades, type SuggestResult, type SuggestionRow } from '../services/grades.js';

function suggestionReport(s: SuggestResult, rows: SuggestionRow[], title: string): Report {
  return {
    title,
    subtitle: `${s.group}, ${s.period.name} ${s.year} (${formatDate(s.period.start)}–${formatDate(s.period.end)})`,
    meta: { group: s.group, period: s.period.code, from: s.period.start, to: s.period.end },
    columns: [
      { key: 'student', header: t('journal_col_student') },
      { key: 'subject', header: t('grades_col_subject') },
      { key: 'marks', header: t('grades_col_marks'), align: 'right' },
      { key: 'average', header: t('journal_col_average'), align: 'right' },
      { key: 'suggested', header: t('grades_col_suggested'), align: 'center' },
      { key: 'current', header: t('grades_col_current'), align: 'center' },
    ],
    rows: rows.map((r) => ({ studentId: r.studentId, student: r.student, subject: r.subject, marks: r.marks, average: r.average, suggested: r.suggested, current: r.current })),
  };
}

const kindOption = () => new Option('--kind <kind>', t('opt_grades_kind')).choices([...GRADE_KINDS]).default('period');

export default function (): Command {
  const grades = withExamples(
    new Command('grades').description(t('cmd_grades')),
    'registrar grades suggest --group ИС-25 --period S1',
    'registrar grades fill --group ИС-25 --period S1',
    'registrar grades set --group ИС-25 --subject ОУД.04 --period S1 --student 17 --mark 4',
  );
  withExamples(
    outputOptions(
      grades
        .command('suggest')
        .description(t('help_grades_suggest'))
        .requiredOption('--group <name>', t('opt_journal_group'))
        .requiredOption('--period <code>', t('opt_journal_period'))
        .option('--subject <code>', t('opt_journal_subject'))
        .option('--year <name>', t('opt_journal_year')),
    ).action(
      act(async (ctx: Context, f: OutputFlags & { group: string; period: string; subject?: string; year?: string }) => {
        const s = suggestGrades(await ctx.openStore(), f);
        await emitReport(ctx, suggestionReport(s, s.rows, t('grades_suggest_title')), f, { json: s });
      }),
    ),
    'registrar grades suggest --group ИС-25 --period S1',
    'registrar grades suggest --group ИС-25 --period S1 --subject ОУД.04 --json',
  );
  withExamples(
    grades
      .command('set')
      .description(t('help_grades_set'))
      .requiredOption('--group <name>', t('opt_journal_group'))
      .requiredOption('--subject <code>', t('opt_journal_subject'))
      .requiredOption('--student <ref>', t('opt_journal_student'))
      .requiredOption('--mark <mark>', t('opt_grades_mark'))
      .option('--period <code>', t('opt_grades_period'))
      .addOption(kindOption())
      .option('--year <name>', t('opt_journal_year'))
      .option('--override <reason>', t('opt_journal_override'))
      .action(
        act(async (ctx: Context, f: { group: string; subject: string; student: string; mark: string; period?: string; kind: GradeKind; year?: string; override?: string }) => {
          const r = setGrade(await ctx.openStore(), f);
          for (const o of r.overridden) ctx.warn(t('journal_overridden', { rule: o.rule, passed: formatDate(o.passed) }));
          ctx.result(r, () => ctx.done(t('grades_set_done', { action: r.action, student: r.student, subject: r.subject, mark: r.mark, kind: r.kind, period: r.period ?? '' })));
        }),
      ),
    'registrar grades set --group ИС-25 --subject ОУД.04 --period S1 --student "Лебедев Даниил Геннадьевич" --mark 4',
    'registrar grades set --group ИС-24 --subject ОП.01 --kind exam --student 12 --mark 5',
  );
  withExamples(
    outputOptions(
      grades
        .command('fill')
        .description(t('help_grades_fill'))
        .requiredOption('--group <name>', t('opt_journal_group'))
        .requiredOption('--period <code>', t('opt_journal_period'))
        .option('--subject <code>', t('opt_journal_subject'))
        .option('--year <name>', t('opt_journal_year'))
        .option('--dry-run', t('opt_dry_run'))
        .option('--override <reason>', t('opt_journal_override')),
    ).action(
      act(async (ctx: Context, f: OutputFlags & { group: string; period: string; subject?: string; year?: string; dryRun?: boolean; override?: string }) => {
        const r = fillGrades(await ctx.openStore(), f);
        await emitReport(ctx, suggestionReport(r, r.set, t(f.dryRun ? 'grades_fill_title_dry' : 'grades_fill_title')), f, { json: { group: r.group, period: r.period, set: r.set, skipped: r.skipped, dryRun: Boolean(f.dryRun) } });
        if (r.skipped.length && !ctx.json) ctx.warn(t('grades_fill_skipped', { count: r.skipped.length }));
      }),
    ),
    'registrar grades fill --group ИС-25 --period S1',
  );
  withExamples(
    withImportOptions(
      grades
        .command('import')
        .argument('<file>', t('arg_journal_file'))
        .description(t('help_grades_import'))
        .option('--period <code>', t('opt_grades_period'))
        .addOption(kindOption())
        .option('--year <name>', t('opt_journal_year'))
        .option('--override <reason>', t('opt_journal_override')),
      GRADE_FIELDS,
    ).action(
      act(async (ctx: Context, f: { period?: string; kind: GradeKind; year?: string; override?: string; dryRun?: boolean; skipInvalid?: boolean; errors?: string; encoding?: 'auto' | 'utf8' | 'cp1251'; sheet?: string; map?: string }, file: string) => {
        const store = await ctx.openStore();
        const r = await importGrades(store, { ...f, file, notices: ctx });
        ctx.result(r, () => {
          ctx.print(t('grades_import_summary', { file: r.file, rows: r.rows, created: r.created, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected.length, dryRun: r.dryRun }));
          for (const x of r.rejected) ctx.print(formatRowIssue(x));
        });
      }),
    ),
    'registrar grades import ведомость.csv --period S1',
  );
  return grades;
}
