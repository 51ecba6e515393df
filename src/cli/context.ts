import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { Chalk, type ChalkInstance } from 'chalk';
import { UsageError } from '../core/errors.js';
import { detectLang, setLang, t, type Lang } from '../core/i18n.js';
import type { Store } from '../store/store.js';
import { systemClock, type Clock } from '../core/clock.js';

/** Global options of CLI.md "Everywhere", as commander hands them over. */
export interface GlobalOptions {
  db?: string;
  json?: boolean;
  actor?: string;
  yes?: boolean;
  input?: boolean; // commander's negation of --no-input
  quiet?: boolean;
  color?: boolean; // commander's negation of --no-color
  lang?: string;
}

export interface Streams {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
}

/** Colour is on only for a TTY, and never under --no-color, NO_COLOR or TERM=dumb. */
export function colorLevel(stream: NodeJS.WriteStream, flag: boolean | undefined, env: NodeJS.ProcessEnv): 0 | 1 {
  if (flag === false) return 0;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (env.TERM === 'dumb') return 0;
  return stream.isTTY ? 1 : 0;
}

/**
 * Everything a command needs from its surroundings, built once per run: who acts, what
 * today is, where output goes, whether we may prompt or draw, and the store.
 */
export class Context {
  readonly json: boolean;
  readonly quiet: boolean;
  readonly yes: boolean;
  readonly lang: Lang;
  readonly actor: string;
  readonly dbPath: string;
  /** Colours for stdout / stderr; level 0 writes plain text. */
  readonly out: ChalkInstance;
  readonly err: ChalkInstance;
  private store?: Store;
  private clockOnce?: Clock;
  /** info and warn lines held under --json (heldLines). */
  private readonly held: string[] = [];

  constructor(
    readonly opts: GlobalOptions,
    readonly argv: string[],
    readonly env: NodeJS.ProcessEnv = process.env,
    readonly streams: Streams = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin },
  ) {
    this.json = Boolean(opts.json);
    this.quiet = Boolean(opts.quiet);
    this.yes = Boolean(opts.yes);
    this.lang = detectLang(opts.lang, env);
    setLang(this.lang);
    this.actor = opts.actor || env.REGISTRAR_ACTOR || safeUserName();
    this.dbPath = resolve(opts.db || env.REGISTRAR_DB || 'registrar.db');
    this.out = new Chalk({ level: colorLevel(streams.stdout, opts.color, env) });
    this.err = new Chalk({ level: colorLevel(streams.stderr, opts.color, env) });
  }

  /** Prompts appear only with a TTY on stdin and without --no-input. */
  get interactive(): boolean {
    return this.opts.input !== false && Boolean(this.streams.stdin.isTTY) && !this.json;
  }

  /** Spinners and progress bars only on a TTY (stderr) and never with --quiet/--json. */
  get decorated(): boolean {
    return Boolean(this.streams.stderr.isTTY) && !this.quiet && !this.json && this.err.level > 0;
  }

  /** The run's clock: today is $REGISTRAR_TODAY (ISO date) when set; exit 3 when it is not a date. */
  get clock(): Clock {
    return (this.clockOnce ??= systemClock(this.env));
  }

  /** Today by the run's clock. */
  get today(): string {
    return this.clock.today;
  }

  /** The command line as the audit log records it. */
  get commandLine(): string {
    return this.argv.join(' ');
  }

  /** Open the store, failing with a pointer to `registrar init` when there is none. */
  async openStore(options: { create?: boolean } = {}): Promise<Store> {
    if (!this.store) {
      const { openStore } = await import('../store/store.js');
      this.store = openStore(this.dbPath, { create: options.create ?? false, actor: this.actor, command: this.commandLine, clock: this.clock });
    }
    return this.store;
  }

  close(): void {
    this.store?.close();
    this.store = undefined;
  }

  // ---- output -------------------------------------------------------------

  /**
   * The command's result: JSON document under --json, else whatever `human` prints; nothing
   * under --quiet (CLI.md: it prints only errors), where the exit code is the answer.
   */
  result(data: unknown, human?: () => void): void {
    if (this.json) {
      this.streams.stdout.write(JSON.stringify(data, null, 2) + '\n');
    } else if (this.quiet) {
      return;
    } else if (human) {
      human();
    } else {
      this.streams.stdout.write(String(data) + '\n');
    }
  }

  /** A line of human result on stdout; silent under --quiet. */
  print(line = ''): void {
    if (!this.quiet) this.streams.stdout.write(line + '\n');
  }

  /** A confirmation of what was done (stdout); silent under --quiet and --json. */
  done(message: string): void {
    if (!this.quiet && !this.json) this.streams.stdout.write(this.out.green('✔ ') + message + '\n');
  }

  /**
   * Diagnostics and progress notes (stderr); silent under --quiet. Under --json they are held
   * (heldLines) until the command ends: a failure's stderr is then one JSON document that
   * carries them, and a success prints them after the fact.
   */
  info(message: string): void {
    if (this.quiet) return;
    if (this.json) this.held.push(message);
    else this.streams.stderr.write(message + '\n');
  }

  warn(message: string): void {
    if (this.quiet) return;
    if (this.json) this.held.push(t('warning_prefix') + message);
    else this.streams.stderr.write(this.err.yellow(t('warning_prefix')) + message + '\n');
  }

  /** The diagnostics held under --json (info, warn), in order; each is returned once. */
  heldLines(): string[] {
    return this.held.splice(0);
  }

  /**
   * Ask before a destructive step. --yes confirms; without a TTY (cron) and without --yes
   * the command refuses with exit 2, naming the flag.
   */
  async confirm(ask: string | (() => string)): Promise<void> {
    if (this.yes) return;
    // A question that takes work to put (what an undo would remove) is put only when asked.
    const question = typeof ask === 'string' ? ask : ask();
    if (!this.interactive) {
      throw new UsageError('confirmation_required', { question });
    }
    const { confirm } = await import('@inquirer/prompts');
    if (!(await confirm({ message: question, default: false }))) {
      throw new UsageError('confirmation_refused');
    }
  }
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** Global options of the command being run (commander keeps them on the root). */
export function contextFor(command: Command, argv: string[]): Context {
  const opts = command.optsWithGlobals<GlobalOptions & { errors?: string }>();
  // `--errors -`: stdout carries the rejects file, so the command's own lines go to stderr.
  if (opts.errors === '-') return new Context(opts, argv, undefined, { stdout: process.stderr, stderr: process.stderr, stdin: process.stdin });
  return new Context(opts, argv);
}
