import { Command, Option } from 'commander';
import { act, withExamples } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { InputError, UsageError } from '../core/errors.js';
import { t } from '../core/i18n.js';
import { optionalDate } from '../cli/values.js';
import { checkNewYear, checkYearEnd, checkYearStart, defaultYearDates, parseNewYearName, type PeriodScheme } from '../domain/academicYear.js';
import { formatDate, yearOf } from '../domain/dates.js';
import { initStore } from '../services/setup.js';

interface InitFlags {
  org?: string;
  shortName?: string;
  year?: string;
  start?: string;
  end?: string;
  periods: PeriodScheme;
}

const SCHEMES: PeriodScheme[] = ['semesters', 'trimesters', 'quarters'];

export default function (): Command {
  const command = new Command('init')
    .description(t('help_init'))
    .option('--org <name>', t('opt_init_org'))
    .option('--short-name <name>', t('opt_setup_short_name'))
    .option('--year <name>', t('opt_init_year'))
    .option('--start <date>', t('opt_year_start'))
    .option('--end <date>', t('opt_year_end'))
    .addOption(new Option('--periods <scheme>', t('opt_setup_periods')).choices(SCHEMES).default('semesters'))
    .action(act(init));
  return withExamples(
    command,
    'registrar init --org "ГБПОУ «Ленский технологический техникум»" --year 2025/2026 --start 2025-09-01 --end 2026-06-30 --periods semesters',
    `registrar init            # ${t('example_init_wizard')}`,
  );
}

async function init(ctx: Context, flags: InitFlags): Promise<void> {
  // The flags given are checked before any question is asked.
  if (flags.year !== undefined) {
    const parsed = parseNewYearName(flags.year);
    if ('error' in parsed) throw new InputError('bad_year', { value: flags.year, reason: parsed.error });
  }
  let answers: Answers = { org: flags.org, shortName: flags.shortName, year: flags.year, start: optionalDate(flags.start, '--start'), end: optionalDate(flags.end, '--end'), periods: flags.periods };
  if (!answers.org || !answers.year) {
    if (!ctx.interactive) {
      const missing = [!answers.org && '--org', !answers.year && '--year'].filter((f): f is string => Boolean(f));
      throw new UsageError('missing_options', { missing: missing.join(', ') }, { missing });
    }
    answers = await wizard(ctx, answers);
  }
  // Every answer is in: only now is the store created (an interrupted wizard leaves nothing).
  const year = checkNewYear(answers.year!, { start: answers.start, end: answers.end }, { strict: true });
  const store = await ctx.openStore({ create: true });
  const result = initStore(store, { org: answers.org!, shortName: answers.shortName, year, scheme: answers.periods });
  ctx.result(
    { store: ctx.dbPath, org: result.org, year: { name: result.year.name, start: result.year.start, end: result.year.end, status: result.year.status }, periods: result.periods },
    () => {
      ctx.done(t('init_created', { path: ctx.dbPath }));
      ctx.print(result.org.name);
      ctx.print(`${result.year.name}: ${formatDate(result.year.start)} – ${formatDate(result.year.end)}`);
      for (const p of result.periods) ctx.print(`  ${p.code}  ${p.name.padEnd(12)} ${formatDate(p.start)} – ${formatDate(p.end)}`);
    },
  );
}

type Answers = { org?: string; shortName?: string; year?: string; start?: string; end?: string; periods: PeriodScheme };

/**
 * «Мастер ввода данных»: asks only for what the flags did not give, and checks each answer as
 * it is typed (a year written as 2025/2026, real dates, the end after the start), asking again
 * until it is right. Ctrl-C throws @inquirer's ExitPromptError (exit 130 in cli.ts).
 */
async function wizard(ctx: Context, given: Answers): Promise<Answers> {
  const { input, select } = await import('@inquirer/prompts');
  const check = (result: { error: string } | object): true | string => ('error' in result ? (result as { error: string }).error : true);
  const org = given.org ?? (await input({ message: t('wizard_org'), required: true, validate: (v) => (v.trim() ? true : t('wizard_required')) })).trim();
  const shortName = given.shortName ?? ((await input({ message: t('wizard_short_name') })).trim() || undefined);
  const year = given.year ?? (await input({ message: t('wizard_year'), default: suggestYear(ctx.today), validate: (v) => check(parseNewYearName(v)) })).trim();
  const parsed = parseNewYearName(year) as { first: number; second: number };
  const defaults = defaultYearDates(parsed.first);
  const start =
    given.start ?? (checkYearStart(await input({ message: t('wizard_start'), default: formatDate(defaults.start), validate: (v) => check(checkYearStart(v, parsed.first)) }), parsed.first) as { date: string }).date;
  const end =
    given.end ?? (checkYearEnd(await input({ message: t('wizard_end'), default: formatDate(defaults.end), validate: (v) => check(checkYearEnd(v, start, parsed.second)) }), start, parsed.second) as { date: string }).date;
  const periods = await select<PeriodScheme>({
    message: t('wizard_periods'),
    default: given.periods,
    theme: { style: { keysHelpTip: (keys: [string, string][]) => keys.map(([key, action]) => `${key} ${action === 'navigate' ? t('wizard_key_navigate') : action === 'select' ? t('wizard_key_select') : action}`).join(' • ') } },
    choices: [
      { value: 'semesters', name: t('wizard_semesters') },
      { value: 'trimesters', name: t('wizard_trimesters') },
      { value: 'quarters', name: t('wizard_quarters') },
    ],
  });
  return { org, shortName, year, start, end, periods };
}

/** The academic year under way on `today` (from July on, the one about to begin). */
function suggestYear(today: string): string {
  const first = Number(today.slice(5, 7)) >= 7 ? yearOf(today) : yearOf(today) - 1;
  return `${first}/${first + 1}`;
}
