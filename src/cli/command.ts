import { Command, InvalidArgumentError, Option } from 'commander';
import { Context, contextFor } from './context.js';
import { UsageError } from '../core/errors.js';
import { t } from '../core/i18n.js';
import { parseEncodingName } from '../io/encoding.js';

let runArgv: string[] = [];
const openContexts: Context[] = [];

/** main() records the argv so audit records carry the command line as typed. */
export function setRunArgv(argv: string[]): void {
  runArgv = argv;
}

/** The diagnostics the commands of this run held under --json (Context.heldLines). */
export function heldLines(): string[] {
  return openContexts.flatMap((ctx) => ctx.heldLines());
}

export function closeContexts(): void {
  while (openContexts.length) openContexts.pop()!.close();
}

/**
 * Wrap a command's action: build its Context from the global options and hand over the
 * operands and options. Errors propagate to the single handler in cli.ts.
 */
export function act<Args extends unknown[], Opts>(
  fn: (ctx: Context, opts: Opts, ...args: Args) => Promise<void> | void,
) {
  return async (...received: unknown[]): Promise<void> => {
    const command = received[received.length - 1] as Command;
    const opts = received[received.length - 2] as Opts;
    const args = received.slice(0, -2) as Args;
    const ctx = contextFor(command, runArgv);
    openContexts.push(ctx);
    await fn(ctx, opts, ...args);
  };
}

/** Append an "Examples" section to a command's help (every command has at least one). */
export function withExamples(command: Command, ...examples: string[]): Command {
  return command.addHelpText('after', `\n${t('help_examples')}\n${examples.map((e) => `  $ ${e}`).join('\n')}\n`);
}

/** Option parser for whole numbers in a range. */
export function intOption(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || n < min || n > max) {
      throw new InvalidArgumentError(t('expected_whole_number', { min, max }));
    }
    return n;
  };
}

/** Option parser that collects a repeatable option into an array. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * The flags of every file import: --dry-run, --skip-invalid (not for an import that is all
 * or nothing by nature), --errors, --encoding (auto, utf8, cp1251, cp866, utf16 and their
 * aliases), --sheet, --header-row, --hidden and --map naming `fields`.
 */
export function withImportOptions(command: Command, fields: Record<string, unknown>, skipInvalid = true): Command {
  command.option('--dry-run', t('opt_dry_run'));
  if (skipInvalid) command.option('--skip-invalid', t('opt_skip_invalid'));
  return command
    .option('--errors <file>', t('opt_errors_file'))
    .option('--force', t('opt_force_errors'))
    .addOption(new Option('--encoding <encoding>', t('opt_import_encoding')).argParser(encodingOption).default('auto'))
    .option('--sheet <name>', t('opt_import_sheet'))
    .option('--header-row <n>', t('opt_header_row'), intOption(1, 1_048_576))
    .addOption(new Option('--hidden <what>', t('opt_hidden')).choices(['include', 'skip']))
    .option('--map <pairs>', t('opt_map', { fields: Object.keys(fields).join(', ') }))
    .hook('preAction', (action) => {
      // Rejects on stdout would put a second document beside --json's one.
      const o = action.optsWithGlobals();
      if (o.errors === '-' && o.json) throw new UsageError('json_conflict_errors');
    });
}

/** `--encoding`: a known name or alias (`Windows-1251`, `DOS`, `UTF-8`...), normalised; else exit 2 listing them. */
function encodingOption(value: string): string {
  try {
    return parseEncodingName(value);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}
