import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { AppError, ExitCode, InputError } from './core/errors.js';
import { closeContexts, heldLines, setRunArgv } from './cli/command.js';
import { terminalSafe } from './core/excerpt.js';
import { formatRowIssue, isRowIssue } from './core/rowIssue.js';
import { detectLang, setLang, t } from './core/i18n.js';
import { localizeCommanderMessage, localizedHelp } from './cli/commanderText.js';
import { COMMANDS } from './commands/index.js';
import { hasControl } from './domain/text.js';
import { relaxedWrites } from './io/outputGuard.js';
import { describeSqliteError } from './store/errors.js';

/**
 * The entry point. Only the command being run is loaded (nuxi-style lazy registry); the
 * others are registered as bare names so that help lists them and typos get suggestions.
 * Returns the exit code.
 */
export async function main(argv: string[]): Promise<number> {
  // A reader that goes away (`registrar log | head`) is not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  const jsonMode = argv.includes('--json');
  setLang(detectLang(optionValue(argv, '--lang'), process.env));
  setRunArgv(argv);

  // `registrar help student import` is `registrar student import --help`.
  const [first, second] = operands(argv);
  if (first === 'help' && second !== undefined) argv = helpAsFlag(argv);
  const program = buildProgram(jsonMode);
  const wanted = first === 'help' ? second : first;
  for (const spec of COMMANDS) {
    if (spec.name === wanted) {
      program.addCommand(inheritSettings((await spec.load()).default(), program));
    } else {
      program.command(spec.name).description(t(spec.summary));
    }
  }
  if (namesUnknownCommand(program, argv)) argv = argv.filter((a) => a !== '--help' && a !== '-h');

  try {
    refuseControlCharacters(argv);
    await program.parseAsync(argv, { from: 'user' });
    // A file with personal data written wider than owner-only is never a silent choice.
    for (const line of heldLines()) process.stderr.write(line + '\n');
    if (!argv.includes('--quiet') && !argv.includes('-q')) {
      for (const { file, mode } of relaxedWrites()) process.stderr.write(`registrar: ${t('files_mode_relaxed', { file, mode: mode.toString(8).padStart(4, '0') })}\n`);
    }
    return ExitCode.ok;
  } catch (error) {
    return report(error, jsonMode);
  } finally {
    closeContexts();
  }
}

function buildProgram(jsonMode: boolean): Command {
  const program = new Command('registrar')
    .description(t('help_registrar'))
    .version(packageVersion(), '-V, --version', t('opt_version'))
    .helpOption('-h, --help', t('opt_help'))
    .helpCommand('help [command]', t('help_help_command'))
    .option('--db <file>', t('opt_db'))
    .option('--json', t('opt_json'))
    .option('--actor <name>', t('opt_actor'))
    .option('-y, --yes', t('opt_yes'))
    .option('--no-input', t('opt_no_input'))
    .option('-q, --quiet', t('opt_quiet'))
    .option('--no-color', t('opt_no_color'))
    .addOption(new Option('--lang <lang>', t('opt_lang')).choices(['ru', 'en']))
    .configureHelp(localizedHelp())
    .showSuggestionAfterError(true)
    .exitOverride();
  program.addHelpText('after', `\n${t('help_examples')}\n  $ registrar init --org "ГБПОУ «Ленский технологический техникум»" --year 2025/2026 --start 2025-09-01 --end 2026-06-30 --periods semesters\n  $ registrar group list --json\n  $ registrar help student import\n`);
  // Commander's error messages in the current language, with the one error prefix (its help
  // words are translated by localizedHelp); under --json its error text is replaced by the
  // JSON error document.
  program.configureOutput({
    writeOut: (text) => process.stdout.write(text),
    writeErr: (text) => {
      if (!jsonMode) process.stderr.write(text);
    },
    outputError: (text, write) => write(localizeCommanderMessage(text)),
  });
  return program;
}

/** Commands built on their own get the root's exit override and output settings, recursively. */
function inheritSettings(command: Command, root: Command): Command {
  command.copyInheritedSettings(root);
  for (const sub of command.commands) inheritSettings(sub, root);
  return command;
}

/** Print an error the way CLI.md promises and return its exit code. */
function report(error: unknown, jsonMode: boolean): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0) {
      return ExitCode.ok;
    }
    if (jsonMode) writeJsonError('usage', localizeCommanderMessage(error.message).replace(/^registrar: /, '').trim(), undefined);
    return ExitCode.usage;
  }
  const app = error instanceof AppError ? error : describeSqliteError(error);
  if (app) {
    if (jsonMode) {
      writeJsonError(app.code, app.message, app.details);
    } else {
      process.stderr.write(`registrar: ${terminalSafe(app.message)}\n`);
      for (const line of app.lines ?? detailLines(app.details)) process.stderr.write(`  ${terminalSafe(line)}\n`);
    }
    return app.exitCode;
  }
  const err = error instanceof Error ? error : new Error(String(error));
  // Ctrl-C at a prompt (@inquirer/prompts) is the user's choice, not a bug.
  if (err.name === 'ExitPromptError' || err.name === 'AbortPromptError') {
    if (jsonMode) writeJsonError('interrupted', t('interrupted'), undefined);
    else process.stderr.write(`registrar: ${t('interrupted')}\n`);
    return ExitCode.interrupted;
  }
  const message = t('internal_error', { message: err.message, stack: err.stack ?? '' });
  if (jsonMode) writeJsonError('internal', err.message, { stack: err.stack });
  else process.stderr.write(`registrar: ${message}\n`);
  return ExitCode.internal;
}

/** The failure under --json: one document on stderr, with the diagnostics held until now as `notes`. */
function writeJsonError(code: string, message: string, details: unknown): void {
  const notes = heldLines();
  process.stderr.write(JSON.stringify({ error: { code, message, details: details ?? null }, ...(notes.length ? { notes } : {}) }) + '\n');
}

/** Human form of an error's details: problem lists print one per line. */
function detailLines(details: unknown): string[] {
  if (!Array.isArray(details)) return [];
  return details.map((d) => {
    if (typeof d !== 'object' || d === null) return String(d);
    if (isRowIssue(d)) return formatRowIssue(d);
    const r = d as Record<string, unknown>;
    return Object.entries(r).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`).join(', ');
  });
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Global options that take a value; needed to find the command name before parsing. */
const VALUED_GLOBALS = new Set(['--db', '--actor', '--lang']);

/** The first `limit` words of argv that are not options (nor a global option's value). */
function operands(argv: string[], limit = 2): string[] {
  const found: string[] = [];
  for (let i = 0; i < argv.length && found.length < limit; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (a.startsWith('-')) {
      if (VALUED_GLOBALS.has(a)) i++;
      continue;
    }
    found.push(a);
  }
  return found;
}

/**
 * Whether argv asks for the help of a command that does not exist (`registrar nosuch --help`,
 * `registrar help student nosuch`): a word where a subcommand is expected that names none.
 * Commander would print the parent's help and exit 0; without the help flag it reports the
 * unknown command with the nearest name instead (exit 2), as CLI.md promises.
 */
function namesUnknownCommand(program: Command, argv: string[]): boolean {
  const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
  if (!argv.slice(0, end).some((a) => a === '--help' || a === '-h')) return false;
  let command = program;
  for (const word of operands(argv.slice(0, end), Infinity)) {
    if (!command.commands.length) return false; // the rest are the command's own arguments
    const sub = command.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (!sub) return word !== 'help';
    command = sub;
  }
  return false;
}

/**
 * No argument may hold a control character (domain/text hasControl): a name, topic or reason
 * given in a flag would be stored with it and printed raw on a later terminal (an escape
 * sequence that retitles the window or clears the screen). InputError (exit 3) naming it.
 */
function refuseControlCharacters(argv: readonly string[]): void {
  const bad = argv.find(hasControl);
  if (bad !== undefined) throw new InputError('argument_control_characters', { value: terminalSafe(bad) });
}

/** `help a b --x` → `a b --x --help`: the help of the deepest command named. */
function helpAsFlag(argv: string[]): string[] {
  const at = argv.indexOf('help');
  return [...argv.slice(0, at), ...argv.slice(at + 1), '--help'];
}

function optionValue(argv: string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === name) return argv[i + 1];
    if (argv[i].startsWith(name + '=')) return argv[i].slice(name.length + 1);
  }
  return undefined;
}
