import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { act, withExamples } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { RuleError } from '../core/errors.js';
import { t } from '../core/i18n.js';
import { withSpinner } from '../cli/spinner.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'registrar.js');
const FIXTURES = join(ROOT, 'fixtures');
/** Marks a directory as the demo's own, so a second run may clear it. */
const MARKER = '.registrar-demo';
/**
 * The demo plays the autumn of 2025/2026, so the year, its orders and deadlines are current;
 * its own clock, whatever REGISTRAR_TODAY says: its fixtures are dated (the journal runs to
 * 17 October, and no mark goes onto a lesson still to come).
 */
const DEMO_TODAY = '2025-10-20';
/** …and closes it in the summer. */
const YEAR_END_TODAY = '2026-07-05';

interface Step {
  args: string[];
  /** The exit code this step is meant to show (the all-or-nothing import exits 3). */
  expect?: number;
  note?: string;
  /** The day this step is run on, when it is not the demo's autumn day (the year's end). */
  today?: string;
}

export default function (): Command {
  return withExamples(
    new Command('demo')
      .description(t('help_demo'))
      .option('--dir <dir>', t('opt_demo_dir'), 'demo')
      .action(act(async (ctx: Context, opts: { dir: string }) => runDemo(ctx, resolve(opts.dir)))),
    'registrar demo',
    'registrar demo --dir /tmp/registrar-demo',
  );
}

async function runDemo(ctx: Context, dir: string): Promise<void> {
  prepareDir(dir);
  const out = (name: string) => join(dir, name);
  const fixture = (name: string) => join(FIXTURES, name);
  const steps: Step[] = [
    { args: ['init', '--org', 'ГБПОУ «Демонстрационный колледж информационных технологий»', '--short-name', 'ГБПОУ ДКИТ', '--year', '2025/2026', '--start', '2025-09-01', '--end', '2026-06-30', '--periods', 'semesters'] },
    { args: ['org', 'set', '--inn', '1435123458', '--director', 'Кузнецова Ольга Викторовна', '--address', 'г. Якутск, ул. Учебная, 1'] },
    { args: ['period', 'set', 'S1', '--end', '2025-12-28'], note: t('demo_note_period') },
    { args: ['calendar', 'due', '2026-04-30', '--workdays', '3'], note: t('demo_note_due') },
    { args: ['calendar', 'show', '--from', '2026-04-25', '--to', '2026-05-15'] },
    { args: ['program', 'add', '09.02.07', 'Информационные системы и программирование', '--duration', '3г10м', '--qualification', 'Программист'] },
    { args: ['program', 'add', '15.02.16', 'Технология машиностроения', '--duration', '3г10м', '--qualification', 'Техник-технолог'] },
    { args: ['plan', 'import', fixture('plan.csv')] },
    { args: ['plan', 'show', '--program', '09.02.07', '--course', '1'] },
    { args: ['staff', 'import', fixture('staff.csv')], note: t('demo_note_staff') },
    { args: ['group', 'create', 'ИС-25', '--program', '09.02.07', '--course', '1', '--curator', 'Смирнова Анна Петровна'] },
    { args: ['group', 'create', 'ИС-24', '--program', '09.02.07', '--course', '2', '--curator', 'Васильев Игорь Олегович'] },
    { args: ['group', 'create', 'ТМ-25', '--program', '15.02.16', '--course', '1', '--curator', 'Фёдоров Алексей Михайлович'] },
    { args: ['group', 'create', 'ТМ-24', '--program', '15.02.16', '--course', '2', '--curator', 'Козлова Светлана Юрьевна'] },
    // The last course, for the year's end to graduate.
    { args: ['group', 'create', 'ИС-22', '--program', '09.02.07', '--course', '4'] },
    { args: ['group', 'list'] },
    { args: ['student', 'import', fixture('enrolment.csv'), '--order-no', '12-к', '--order-date', '25.08.2025'], expect: 3, note: t('demo_note_all_or_nothing') },
    { args: ['student', 'import', fixture('enrolment.csv'), '--order-no', '12-к', '--order-date', '25.08.2025', '--skip-invalid', '--errors', out('enrolment-rejects.csv')], note: t('demo_note_skip_invalid') },
    { args: ['student', 'import', fixture('enrolment.xlsx'), '--order-no', '12-к', '--order-date', '25.08.2025', '--skip-invalid', '--dry-run'], note: t('demo_note_xlsx') },
    { args: ['guardian', 'import', fixture('guardians.csv')] },
    { args: ['student', 'add', '--name', 'Белов Артём Игоревич', '--birth-date', '12.03.2005', '--sex', 'М', '--group', 'ИС-22', '--order-no', '12-к', '--order-date', '25.08.2025'] },
    { args: ['student', 'add', '--name', 'Громова Дарья Олеговна', '--birth-date', '30.11.2005', '--sex', 'Ж', '--group', 'ИС-22', '--order-no', '12-к', '--order-date', '25.08.2025'] },
    { args: ['student', 'list', '--group', 'ИС-25'] },
    { args: ['student', 'list', '--group', 'ИС-25', '--format', 'xlsx', '--out', out('students-ИС-25.xlsx')] },
    { args: ['order', 'expel', '--order-no', '45-к', '--order-date', '2025-10-15', '--reason', 'по собственному желанию', 'Щеглова Юлия Сергеевна'] },
    { args: ['student', 'list', '--group', 'ИС-25', '--json'], note: t('demo_note_expelled') },
    { args: ['report', 'movement', '--from', '2025-08-01', '--to', '2025-12-31'] },
    { args: ['report', 'movement', '--from', '2025-08-01', '--to', '2025-12-31', '--format', 'html', '--out', out('movement.html')] },
    { args: ['report', 'movement', '--from', '2025-08-01', '--to', '2025-12-31', '--format', 'xlsx', '--out', out('movement.xlsx')] },
    { args: ['credentials', 'issue', '--group', 'ИС-24', '--out', out('slips-ИС-24.html')], note: t('demo_note_slips') },
    { args: ['credentials', 'issue', '--group', 'ИС-24', '--role', 'parent', '--out', out('parents-ИС-24.csv'), '--format', 'csv'] },
    { args: ['credentials', 'issue', '--group', 'ИС-22', '--out', out('slips-ИС-22.html')] },
    { args: ['credentials', 'list', '--group', 'ИС-24'] },
    { args: ['config', 'set', 'journal.editWindowDays', '60'], note: t('demo_note_backfill') },
    { args: ['journal', 'import', fixture('journal-lessons.csv'), '--kind', 'lessons'] },
    { args: ['journal', 'import', fixture('journal-attendance.csv'), '--kind', 'attendance'] },
    { args: ['journal', 'import', fixture('journal-marks.csv'), '--kind', 'marks'] },
    { args: ['journal', 'import', fixture('journal-ИС-24.xlsx'), '--kind', 'marks', '--layout', 'grid'], note: t('demo_note_grid') },
    { args: ['config', 'set', 'journal.editWindowDays', '10'] },
    { args: ['journal', 'show', '--group', 'ИС-25', '--subject', 'ОУД.04', '--period', 'S1'] },
    { args: ['journal', 'show', '--group', 'ИС-25', '--subject', 'ОУД.04', '--period', 'S1', '--format', 'html', '--out', out('journal-ИС-25-ОУД.04.html')] },
    { args: ['grades', 'suggest', '--group', 'ИС-25', '--period', 'S1', '--subject', 'ОУД.04'] },
    ...['ИС-25', 'ИС-24', 'ТМ-25', 'ТМ-24'].map((group) => ({ args: ['grades', 'fill', '--group', group, '--period', 'S1'] })),
    { args: ['period', 'close', 'S1'], expect: 4, note: t('demo_note_close_refused') },
    { args: ['period', 'close', 'S1', '--force'], note: t('demo_note_close_forced') },
    { args: ['journal', 'mark', 'set', '--group', 'ИС-25', '--subject', 'ОУД.04', '--date', '2025-10-13', '--student', 'Лебедев Даниил Геннадьевич', '--mark', '5', '--override', 'исправление'], expect: 4, note: t('demo_note_closed_lock') },
    ...semesterReports(out),
    { args: ['log', '--limit', '8'] },
    { args: ['backup', out('backup.db')] },
    // The year's end: the second semester closed, the year closed, every group moved on.
    ...yearEnd(),
  ];

  const results: { command: string; exit: number; expected: number }[] = [];
  for (const step of steps) {
    const command = `registrar ${step.args.map(quote).join(' ')}`;
    if (!ctx.json) {
      ctx.print(ctx.out.bold(`\n$ ${command.replaceAll(ROOT + '/', '').replaceAll(dir, ctx.out.dim('<demo>'))}`));
      if (step.note) ctx.print(ctx.out.dim(`# ${step.note}`));
    }
    const run = await withSpinner(ctx, t('demo_running'), () => runStep(dir, step.args, ctx.out.level > 0, step.today));
    const exit = run.status;
    results.push({ command, exit, expected: step.expect ?? 0 });
    if (!ctx.json && !ctx.quiet) {
      ctx.streams.stdout.write(run.stdout);
      ctx.streams.stdout.write(run.stderr);
    }
    if (exit !== (step.expect ?? 0)) {
      throw new RuleError('demo_failed', { exit, command, stderr: run.stderr });
    }
  }
  const outputs = readdirSync(dir).filter((f) => f !== MARKER && !f.startsWith('registrar.db')).sort();
  ctx.result({ dir, today: DEMO_TODAY, steps: results, outputs }, () => {
    if (existsSync(out('enrolment-rejects.csv'))) {
      ctx.print(ctx.out.bold(`\n${t('demo_rejects')} (enrolment-rejects.csv):`));
      ctx.print(readFileSync(out('enrolment-rejects.csv'), 'utf8').replace(/^\uFEFF/, '').trimEnd());
    }
    ctx.print(ctx.out.bold(`\n${t('demo_built', { dir })}`));
    ctx.print(t('demo_store', { db: join(dir, 'registrar.db') }));
    for (const f of outputs) ctx.print(`  ${f}`);
  });
}

/** Every report of the closed first semester, on the screen and as the files that are printed and archived. */
function semesterReports(out: (name: string) => string): Step[] {
  const dir = out('reports') + '/';
  return [
    { args: ['report', 'statement', '--group', 'ИС-24', '--period', 'S1'], note: t('demo_note_statement') },
    { args: ['report', 'statement', '--all', '--period', 'S1', '--format', 'pdf', '--out', dir] },
    { args: ['report', 'statement', '--all', '--period', 'S1', '--format', 'xlsx', '--out', dir] },
    { args: ['report', 'attendance', '--all', '--period', 'S1', '--by', 'month', '--format', 'html', '--out', dir] },
    { args: ['report', 'curator', '--all', '--period', 'S1', '--format', 'pdf', '--out', dir] },
    { args: ['report', 'progress', '--period', 'S1', '--format', 'pdf', '--out', out('reports/progress.pdf')] },
    { args: ['report', 'teacher', '--period', 'S1', '--format', 'xlsx', '--out', out('reports/teacher.xlsx')] },
    { args: ['report', 'letter', '--group', 'ИС-24', '--period', 'S1', '--format', 'pdf', '--out', out('reports/letters-ИС-24.pdf')] },
    { args: ['report', 'activity', '--from', '2025-09-01', '--to', '2025-10-20', '--format', 'pdf', '--out', out('reports/activity.pdf')] },
    { args: ['report', 'verify', out('reports/statement_ИС-24_2025-2026_S1.pdf')], note: t('demo_note_verify') },
  ];
}

/**
 * Closing 2025/2026 and rolling it over on 5 July 2026: ИС-22, the last course, graduates and
 * its accounts close; the others move on. The fixtures' curriculum of 15.02.16 stops at course
 * 2, so ТМ-24 cannot be placed in course 3: the rollover leaves it behind and says so, as an
 * administrator would until the curriculum arrives.
 */
function yearEnd(): Step[] {
  const today = YEAR_END_TODAY;
  return [
    { args: ['period', 'close', 'S2', '--force'], today },
    { args: ['year', 'close', '2025/2026'], today, note: t('demo_note_year_close') },
    { args: ['year', 'rollover', '--from', '2025/2026', '--to', '2026/2027', '--leave-behind', '--dry-run'], today, note: t('demo_note_rollover_plan') },
    { args: ['year', 'rollover', '--from', '2025/2026', '--to', '2026/2027', '--leave-behind', '--order-no', '101-к', '--order-date', '01.09.2026'], today },
    { args: ['year', 'rollover', '--from', '2025/2026', '--to', '2026/2027', '--leave-behind'], today, expect: 4, note: t('demo_note_rollover_twice') },
    { args: ['report', 'outcomes', '--year', '2025/2026'], today },
    { args: ['order', 'show', '101-к'], today },
    { args: ['credentials', 'list', '--group', 'ИС-22', '--year', '2025/2026'], today },
    { args: ['group', 'list', '--year', '2026/2027'], today },
  ];
}

/** One step as its own process, as a user would run it; asynchronous so a spinner can turn. */
function runStep(dir: string, args: string[], color: boolean, today?: string): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: dir,
      env: { ...process.env, REGISTRAR_DB: join(dir, 'registrar.db'), REGISTRAR_TODAY: today ?? DEMO_TODAY, REGISTRAR_ACTOR: 'demo', NO_COLOR: color ? '' : '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ status: code ?? 1, stdout, stderr }));
  });
}

/** An empty directory, or one the demo made before (then cleared); never someone else's files. */
function prepareDir(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length) {
    if (!existsSync(join(dir, MARKER))) {
      throw new RuleError('demo_dir_not_empty', { dir });
    }
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, MARKER), 'made by `registrar demo`; the next run clears this directory\n');
}

function quote(arg: string): string {
  return /^[\p{L}\p{N}_./:@=+-]+$/u.test(arg) ? arg : `"${arg.replace(/(["\\$`])/g, '\\$1')}"`;
}
