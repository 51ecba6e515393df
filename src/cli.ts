import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { AppError, ExitCode } from './core/errors.js';
import { closeContexts, setRunArgv } from './cli/command.js';
import { formatRowIssue, isRowIssue } from './core/rowIssue.js';
import { L, detectLang, setLang } from './core/i18n.js';
import { COMMANDS } from './commands/index.js';
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

  const program = buildProgram(jsonMode);
  const [first, second] = operands(argv);
  const wanted = first === 'help' ? second : first;
  for (const spec of COMMANDS) {
    if (spec.name === wanted) {
      program.addCommand(inheritSettings((await spec.load()).default(), program));
    } else {
      program.command(spec.name).description(spec.summary);
    }
  }

  try {
    await program.parseAsync(argv, { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    return report(error, jsonMode);
  } finally {
    closeContexts();
  }
}

function buildProgram(jsonMode: boolean): Command {
  const program = new Command('registrar')
    .description(L('Runs the academic year of a school or college from a local store.', 'Учебный год школы или колледжа из локального хранилища.'))
    .version(packageVersion(), '-V, --version')
    .option('--db <file>', 'the store (else $REGISTRAR_DB, else ./registrar.db)')
    .option('--json', 'one JSON document on stdout as the result')
    .option('--actor <name>', 'who acts, for the audit log (else $REGISTRAR_ACTOR, else the OS user)')
    .option('-y, --yes', 'confirm destructive steps')
    .option('--no-input', 'never prompt')
    .option('-q, --quiet', 'print only errors')
    .option('--no-color', 'no colour')
    .addOption(new Option('--lang <lang>', 'language of messages').choices(['ru', 'en']))
    .showSuggestionAfterError(true)
    .exitOverride();
  program.addHelpText('after', `\nExamples:\n  $ registrar init --org "ГБПОУ «Ленский технологический техникум»" --year 2025/2026 --start 2025-09-01 --end 2026-06-30 --periods semesters\n  $ registrar group list --json\n  $ registrar help group\n`);
  // Under --json, commander's own error text is replaced by the JSON error document.
  program.configureOutput({
    writeErr: (text) => {
      if (!jsonMode) process.stderr.write(text);
    },
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
    if (jsonMode) writeJsonError('usage', error.message.replace(/^error: /, ''), undefined);
    return ExitCode.usage;
  }
  const app = error instanceof AppError ? error : describeSqliteError(error);
  if (app) {
    if (jsonMode) {
      writeJsonError(app.code, app.message, app.details);
    } else {
      process.stderr.write(`registrar: ${app.message}\n`);
      for (const line of detailLines(app.details)) process.stderr.write(`  ${line}\n`);
    }
    return app.exitCode;
  }
  const err = error instanceof Error ? error : new Error(String(error));
  const message = L(
    `internal error: ${err.message}\nThis is a bug in registrar. Please report it with the command you ran and this output:\n${err.stack ?? ''}`,
    `внутренняя ошибка: ${err.message}\nЭто ошибка в registrar. Сообщите о ней, приложив команду и этот вывод:\n${err.stack ?? ''}`,
  );
  if (jsonMode) writeJsonError('internal', err.message, { stack: err.stack });
  else process.stderr.write(`registrar: ${message}\n`);
  return ExitCode.internal;
}

function writeJsonError(code: string, message: string, details: unknown): void {
  process.stderr.write(JSON.stringify({ error: { code, message, details: details ?? null } }) + '\n');
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

function operands(argv: string[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < argv.length && found.length < 2; i++) {
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

function optionValue(argv: string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === name) return argv[i + 1];
    if (argv[i].startsWith(name + '=')) return argv[i].slice(name.length + 1);
  }
  return undefined;
}
