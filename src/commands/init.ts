import { Command, Option } from 'commander';
import { act, withExamples } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { InputError, RuleError, UsageError } from '../core/errors.js';
import { L } from '../core/i18n.js';
import { optionalDate } from '../cli/values.js';
import { defaultYearDates, parseYearName, yearDateProblems, type PeriodScheme } from '../domain/academicYear.js';
import { formatDate } from '../domain/dates.js';
import { findOrg, saveOrg } from '../store/org.js';
import { createYear, publicPeriod } from '../store/years.js';

interface InitOptions {
  org?: string;
  shortName?: string;
  year?: string;
  start?: string;
  end?: string;
  periods?: PeriodScheme;
}

const SCHEMES: PeriodScheme[] = ['semesters', 'trimesters', 'quarters'];

export default function (): Command {
  const command = new Command('init')
    .description('create the store: the organisation, its first academic year and periods')
    .option('--org <name>', 'full name of the organisation')
    .option('--short-name <name>', 'short name')
    .option('--year <name>', 'first academic year, e.g. 2025/2026')
    .option('--start <date>', 'first day of the year (default 1 September)')
    .option('--end <date>', 'last day of the year (default 30 June)')
    .addOption(new Option('--periods <scheme>', 'how the year is split').choices(SCHEMES).default('semesters'))
    .action(act(init));
  return withExamples(
    command,
    'registrar init --org "ГБПОУ «Ленский технологический техникум»" --year 2025/2026 --start 2025-09-01 --end 2026-06-30 --periods semesters',
    'registrar init            # a wizard asks for what is missing (on a terminal)',
  );
}

async function init(ctx: Context, opts: InitOptions): Promise<void> {
  if (!opts.org || !opts.year) {
    if (!ctx.interactive) {
      const missing = [!opts.org && '--org', !opts.year && '--year'].filter(Boolean).join(', ');
      throw new UsageError('missing_options', L(`init needs ${missing} (no terminal to ask on). Example: registrar init --org "Техникум" --year 2025/2026`, `init нужны ${missing} (спросить негде: нет терминала). Пример: registrar init --org "Техникум" --year 2025/2026`), { missing: missing.split(', ') });
    }
    Object.assign(opts, await wizard(opts));
  }
  const yearName = opts.year!.trim();
  const parsed = parseYearName(yearName);
  if ('error' in parsed) throw new InputError('bad_year', parsed.error);
  const defaults = defaultYearDates(parsed.first);
  const start = optionalDate(opts.start, '--start') ?? defaults.start;
  const end = optionalDate(opts.end, '--end') ?? defaults.end;
  const problems = yearDateProblems(yearName, start, end);
  if (problems.length) throw new InputError('bad_year_dates', `${yearName}: ${problems.join('; ')}`, problems);

  const store = await ctx.openStore({ create: true });
  if (findOrg(store)) {
    throw new RuleError('already_initialised', L(`${ctx.dbPath} is already initialised; use \`registrar org set\` and \`registrar year create\`.`, `${ctx.dbPath} уже создано; используйте \`registrar org set\` и \`registrar year create\`.`));
  }
  const result = store.mutate(() => {
    const org = saveOrg(store, { name: opts.org!.trim(), short_name: opts.shortName?.trim() || null });
    const created = createYear(store, { name: yearName, start, end, scheme: opts.periods ?? 'semesters', status: 'open' });
    return { org, ...created };
  });
  ctx.result({ store: ctx.dbPath, org: result.org, year: { name: result.year.name, start, end, status: result.year.status }, periods: result.periods.map(publicPeriod) }, () => {
    ctx.done(L(`Store created: ${ctx.dbPath}`, `Хранилище создано: ${ctx.dbPath}`));
    ctx.print(`${result.org.name}`);
    ctx.print(`${result.year.name}: ${formatDate(start)} – ${formatDate(end)}`);
    for (const p of result.periods) ctx.print(`  ${p.code}  ${p.name.padEnd(12)} ${formatDate(p.start)} – ${formatDate(p.end)}`);
  });
}

/** «Мастер ввода данных»: asks only for what the flags did not give. */
async function wizard(opts: InitOptions): Promise<InitOptions> {
  const { input, select } = await import('@inquirer/prompts');
  const org = opts.org ?? (await input({ message: L('Organisation (full name):', 'Организация (полное наименование):'), required: true }));
  const shortName = opts.shortName ?? ((await input({ message: L('Short name (optional):', 'Краткое наименование (необязательно):') })) || undefined);
  const year = opts.year ?? (await input({ message: L('First academic year:', 'Первый учебный год:'), default: suggestYear(), validate: (v) => { const p = parseYearName(v); return 'error' in p ? p.error : true; } }));
  const first = Number(year.slice(0, 4));
  const defaults = defaultYearDates(first);
  const start = opts.start ?? (await input({ message: L('First day:', 'Начало:'), default: formatDate(defaults.start) }));
  const end = opts.end ?? (await input({ message: L('Last day:', 'Окончание:'), default: formatDate(defaults.end) }));
  const periods = await select<PeriodScheme>({
    message: L('Periods:', 'Учебные периоды:'),
    default: opts.periods ?? 'semesters',
    choices: [
      { value: 'semesters', name: L('semesters (colleges)', 'семестры (СПО)') },
      { value: 'trimesters', name: L('trimesters', 'триместры') },
      { value: 'quarters', name: L('quarters (schools)', 'четверти (школы)') },
    ],
  });
  return { org, shortName, year, start, end, periods };
}

function suggestYear(): string {
  const now = new Date();
  const first = now.getMonth() >= 6 ? now.getFullYear() : now.getFullYear() - 1;
  return `${first}/${first + 1}`;
}
