import { Command } from 'commander';
import { act, withExamples, withImportOptions } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { t } from '../core/i18n.js';
import { formatRowIssue } from '../core/rowIssue.js';
import { GUARDIAN_FIELDS, type GuardianField } from '../domain/guardianRow.js';
import type { ImportOptions } from '../io/importTable.js';
import { addGuardian, importGuardians } from '../services/guardians.js';

export default function (): Command {
  const guardian = withExamples(
    new Command('guardian').description(t('help_guardian')),
    'registrar guardian import родители.csv --dry-run',
    'registrar guardian add --student 42 --name "Иванова Мария Петровна" --relation мать --phone "8 912 345-67-89"',
  );

  withExamples(
    guardian
      .command('add')
      .description(t('help_guardian_add'))
      .requiredOption('--student <student>', t('opt_guardian_student'))
      .requiredOption('--name <fio>', t('opt_guardian_name'))
      .requiredOption('--relation <relation>', t('opt_guardian_relation'))
      .option('--phone <number>', t('opt_people_phone'))
      .option('--email <address>', t('opt_people_email'))
      .option('--snils <number>', t('opt_people_snils'))
      .action(act(add)),
    'registrar guardian add --student 42 --name "Иванова Мария Петровна" --relation мать --phone "8 912 345-67-89"',
  );

  withExamples(
    withImportOptions(guardian.command('import <file>').description(t('help_guardian_import')), GUARDIAN_FIELDS).action(act(importFile)),
    'registrar guardian import родители.csv',
    'registrar guardian import parents.xlsx --skip-invalid --errors rejected.xlsx --json',
    'registrar guardian import list.csv --map "Мама/папа=full_name,Кто=relation" --dry-run',
  );
  return guardian;
}

const ADD_FLAGS: Partial<Record<GuardianField, 'name' | 'relation' | 'phone' | 'email' | 'snils'>> = { full_name: 'name', relation: 'relation', phone: 'phone', email: 'email', snils: 'snils' };

async function add(ctx: Context, flags: { student: string; name: string; relation: string; phone?: string; email?: string; snils?: string }): Promise<void> {
  const store = await ctx.openStore();
  const r = addGuardian(store, {
    student: flags.student,
    value: (field) => (ADD_FLAGS[field] ? flags[ADD_FLAGS[field]!]?.trim() : undefined),
    label: (field) => `--${ADD_FLAGS[field]}`,
  });
  for (const w of r.warnings) ctx.warn(`${w.option} «${w.value}»: ${w.reason} ${t('people_kept_as_typed')}`);
  const { warnings: _warnings, ...result } = r;
  ctx.result(result, () =>
    ctx.done(
      r.outcome === 'unchanged'
        ? t('people_guardian_already', { name: r.name, id: r.id, relation: r.relation, student: r.student.name })
        : t('people_guardian_linked', { name: r.name, id: r.id, relation: r.relation, student: r.student.name, studentId: r.student.id }),
    ),
  );
}

async function importFile(ctx: Context, flags: ImportOptions & { dryRun?: boolean }, file: string): Promise<void> {
  const store = await ctx.openStore();
  const { report, warnings } = await importGuardians(store, { ...flags, file, notices: ctx });
  for (const w of warnings) ctx.warn(formatRowIssue(w));
  const rejected = new Set(report.rejected.map((r) => r.row)).size;
  ctx.result(report, () => {
    ctx.print(t(report.dryRun ? 'people_guardian_summary_dry' : 'people_guardian_summary', { file, rows: report.rows, created: report.created, newGuardians: report.newGuardians, updated: report.updated, unchanged: report.unchanged, rejected }));
    for (const x of report.rejected) ctx.print(formatRowIssue(x));
  });
}
