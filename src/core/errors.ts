/**
 * The one refusal shape: every failure the user should understand is an AppError carrying
 * the exit code of CLI.md, a stable machine code (the key of its message in the catalogues,
 * `src/core/messages/`), the parameters of that message and, for `--json`, details.
 */
import { t, type MessageKey, type MessageParams } from './i18n.js';

export const ExitCode = {
  ok: 0,
  internal: 1,
  usage: 2,
  input: 3,
  rule: 4,
  store: 5,
  check: 6,
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class AppError extends Error {
  /** The message's parameters; also the JSON `details` unless details are given. */
  readonly params: Record<string, unknown> | undefined;
  readonly details: unknown;

  constructor(
    readonly exitCode: ExitCode,
    /** Stable, lower_snake_case; scripts match on it, so never rename one. */
    readonly code: string,
    params?: unknown,
    details?: unknown,
    /** The catalogue entry of the message, when it is not the code's own (see within). */
    messageKey: string = code,
  ) {
    super(messageOf(messageKey, params));
    this.name = 'AppError';
    this.params = typeof params === 'object' && params !== null ? (params as Record<string, unknown>) : undefined;
    this.details = details ?? this.params;
  }

  /** The details as lines for people, where they are records for scripts (describedAs); else the details print as they are. */
  lines: string[] | undefined;

  /** Give records as details their form for people: one line each, in the current language. */
  describedAs(lines: string[]): this {
    this.lines = lines;
    return this;
  }

  /**
   * The same refusal (exit code, stable code) said with more context: the message of `key`
   * (e.g. naming the student an order refused), with new details. The code stays, so scripts
   * still match on it.
   */
  within<K extends MessageKey>(key: K, ...args: ErrorArgs<K>): AppError {
    return new AppError(this.exitCode, this.code, args[0], args[1], key);
  }
}

function messageOf(key: string, params: unknown): string {
  return (t as (key: string, params?: unknown) => string)(key, params);
}

/** The arguments after the code: the message's parameters when it has any, then details. */
export type ErrorArgs<K extends MessageKey> = MessageParams<K> extends undefined
  ? [params?: undefined, details?: unknown]
  : [params: MessageParams<K>, details?: unknown];

/** An error class whose constructor is typed by the catalogue: `new InputError('group_not_found', { name, year })`. */
export interface AppErrorClass {
  new <K extends MessageKey>(code: K, ...args: ErrorArgs<K>): AppError;
}

function errorClass(exitCode: ExitCode, name: string): AppErrorClass {
  const cls = class extends AppError {
    constructor(code: string, params?: unknown, details?: unknown) {
      super(exitCode, code, params, details);
      this.name = name;
    }
  };
  return cls as unknown as AppErrorClass;
}

/** Unknown command or flag, missing argument, confirmation refused: exit 2. */
export const UsageError = errorClass(ExitCode.usage, 'UsageError');
/** Invalid input data or a reference to something that does not exist: exit 3. */
export const InputError = errorClass(ExitCode.input, 'InputError');
/** Refused by a rule (closed period, already done...): exit 4. */
export const RuleError = errorClass(ExitCode.rule, 'RuleError');
/** The store is missing, locked, corrupt or too new: exit 5. */
export const StoreError = errorClass(ExitCode.store, 'StoreError');
/** Ctrl-C at a prompt or during work; nothing was written: exit 130. */
export const Interrupted = errorClass(ExitCode.interrupted, 'Interrupted');
