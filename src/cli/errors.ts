/**
 * The one error path: every failure the user should understand is an AppError carrying
 * the exit code of CLI.md and a stable machine code for `--json` consumers.
 */
export const ExitCode = {
  ok: 0,
  internal: 1,
  usage: 2,
  input: 3,
  rule: 4,
  store: 5,
  check: 6,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class AppError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    /** Stable, lower_snake_case; scripts match on it, so never rename one. */
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Unknown command or flag, missing argument, confirmation refused: exit 2. */
export class UsageError extends AppError {
  constructor(code: string, message: string, details?: unknown) {
    super(ExitCode.usage, code, message, details);
  }
}

/** Invalid input data or a reference to something that does not exist: exit 3. */
export class InputError extends AppError {
  constructor(code: string, message: string, details?: unknown) {
    super(ExitCode.input, code, message, details);
  }
}

/** Refused by a rule (closed period, already done...): exit 4. */
export class RuleError extends AppError {
  constructor(code: string, message: string, details?: unknown) {
    super(ExitCode.rule, code, message, details);
  }
}

/** The store is missing, locked, corrupt or too new: exit 5. */
export class StoreError extends AppError {
  constructor(code: string, message: string, details?: unknown) {
    super(ExitCode.store, code, message, details);
  }
}
