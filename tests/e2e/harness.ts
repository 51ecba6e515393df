import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openSync } from 'node:fs';

/**
 * End-to-end harness: runs the BUILT bin/registrar.js in a fresh temporary directory the way
 * cron would (no colour, CI=true, stdin from /dev/null) and hands back exit code and output.
 */
export const BIN = resolve(__dirname, '../../bin/registrar.js');
export const ROOT = resolve(__dirname, '../..');

/** The uid and gid of user nobody. */
const NOBODY = 65534;

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  json: () => any;
}

export class Sandbox {
  readonly dir: string;
  readonly db: string;

  constructor(readonly env: Record<string, string> = {}) {
    this.dir = mkdtempSync(join(tmpdir(), 'registrar-e2e-'));
    this.db = join(this.dir, 'registrar.db');
  }

  /** The environment of a run: as cron has it, with the sandbox's store and date. */
  environment(extra: Record<string, string> = {}): Record<string, string> {
    return {
      PATH: process.env.PATH ?? '',
      HOME: this.dir,
      NO_COLOR: '1',
      CI: 'true',
      LANG: 'en_US.UTF-8',
      REGISTRAR_DB: this.db,
      REGISTRAR_ACTOR: 'tester',
      REGISTRAR_TODAY: '2025-10-01',
      ...this.env,
      ...extra,
    };
  }

  /**
   * Run registrar with args; the store is the sandbox's unless --db is given. `asNobody` runs
   * it as user nobody when the tests run as root (see readOnlyDirectory).
   */
  run(args: string[], options: { env?: Record<string, string>; input?: string; asNobody?: boolean } = {}): RunResult {
    const stdin = options.input === undefined ? openSync('/dev/null', 'r') : 'pipe';
    const result = spawnSync(process.execPath, [BIN, ...args], {
      cwd: this.dir,
      input: options.input,
      stdio: [stdin, 'pipe', 'pipe'],
      encoding: 'utf8',
      env: this.environment(options.env),
      ...(options.asNobody && process.getuid?.() === 0 ? { uid: NOBODY, gid: NOBODY } : {}),
    });
    const stdout = result.stdout ?? '';
    return { code: result.status ?? -1, stdout, stderr: result.stderr ?? '', json: () => JSON.parse(stdout) };
  }

  /**
   * Start registrar without waiting (for races and kills): the child, and a promise of its
   * result (code -1 when killed by a signal).
   */
  start(args: string[], options: { env?: Record<string, string> } = {}): { child: ChildProcess; done: Promise<RunResult> } {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: this.dir, stdio: ['ignore', 'pipe', 'pipe'], env: this.environment(options.env) });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const done = new Promise<RunResult>((resolveRun) =>
      child.on('close', (code) => resolveRun({ code: code ?? -1, stdout, stderr, json: () => JSON.parse(stdout) })),
    );
    return { child, done };
  }

  /** Run and fail loudly (with the output) unless the exit code is as expected. */
  ok(args: string[], options?: { env?: Record<string, string>; input?: string }): RunResult {
    const r = this.run(args, options);
    if (r.code !== 0) throw new Error(`registrar ${args.join(' ')} exited ${r.code}\n${r.stderr}\n${r.stdout}`);
    return r;
  }

  /**
   * A directory in the sandbox no run may write into (mode 0555). Root may write anywhere, so
   * the sandbox and its store are handed to nobody: run with `asNobody`, registrar owns the
   * store but not the directory.
   */
  readOnlyDirectory(name: string): string {
    const dir = this.path(name);
    mkdirSync(dir);
    chmodSync(dir, 0o555);
    chownSync(this.dir, NOBODY, NOBODY);
    for (const f of readdirSync(this.dir).filter((f) => f.startsWith('registrar.db'))) chownSync(this.path(f), NOBODY, NOBODY);
    return dir;
  }

  /** A ready store: organisation and the 2025/2026 year in semesters. */
  init(): this {
    this.ok(['init', '--org', 'ГБПОУ «Тестовый техникум»', '--year', '2025/2026', '--start', '2025-09-01', '--end', '2026-06-30', '--periods', 'semesters']);
    return this;
  }

  /**
   * The fixtures' college: both programs, their curriculum, the staff, the groups given
   * (ИС-25 in course 1 by default) and the enrolment list's students, enrolled by order 12-к.
   */
  college(groups: [name: string, course: string][] = [['ИС-25', '1']]): this {
    this.init().programs();
    this.ok(['plan', 'import', join(ROOT, 'fixtures', 'plan.csv')]);
    this.ok(['staff', 'import', join(ROOT, 'fixtures', 'staff.csv')]);
    for (const [name, course] of groups) this.ok(['group', 'create', name, '--program', '09.02.07', '--course', course]);
    this.ok(['student', 'import', join(ROOT, 'fixtures', 'enrolment.csv'), '--order-no', '12-к', '--order-date', '2025-08-25', '--skip-invalid']);
    return this;
  }

  /** The fixtures' two programs. */
  programs(): this {
    this.ok(['program', 'add', '09.02.07', 'Информационные системы и программирование', '--duration', '3г10м']);
    this.ok(['program', 'add', '15.02.16', 'Технология машиностроения', '--duration', '3г10м']);
    return this;
  }

  /** A ready store with the two programs and the four groups the enrolment fixture names (ИС-25, ИС-24, ТМ-25, ТМ-24). */
  enrolmentGroups(): this {
    this.init().programs();
    for (const [name, program, course] of [['ИС-25', '09.02.07', '1'], ['ИС-24', '09.02.07', '2'], ['ТМ-25', '15.02.16', '1'], ['ТМ-24', '15.02.16', '2']]) {
      this.ok(['group', 'create', name, '--program', program, '--course', course]);
    }
    return this;
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Read-only look into a store, for asserting its contents. */
export async function query<T = Record<string, unknown>>(db: string, sql: string, ...params: unknown[]): Promise<T[]> {
  const { default: Database } = await import('better-sqlite3');
  const conn = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return conn.prepare(sql).all(...params) as T[];
  } finally {
    conn.close();
  }
}

/**
 * English sentences left in a help text: runs of three or more Latin words, once the parts
 * that are not sentences are taken out (flags, placeholders, `registrar` command lines,
 * quoted and back-quoted text, field names) along with the usage line's syntax.
 */
/**
 * The help page of the root and of every command path below it (`group`, `group subgroup`,
 * `group subgroup add`, …), in the sandbox's language, walked through the pages' lists of
 * commands ("Commands:" or «Команды:»).
 */
export function helpPages(box: Sandbox, path: string[] = []): { path: string[]; help: string }[] {
  const help = box.ok([...path, '--help']).stdout;
  const commands = /^(?:Commands|Команды):\n((?: {2}.*\n)*)/m.exec(help)?.[1] ?? '';
  const subcommands = [...commands.matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((m) => m[1]).filter((name) => name !== 'help');
  return [{ path, help }, ...subcommands.flatMap((name) => helpPages(box, [...path, name]))];
}

export function englishIn(help: string): string[] {
  const text = help
    .replace(/\s+/g, ' ')
    .replace(/\$ registrar .*?(?= \$ registrar|$)/g, ' ')
    .replace(/Использование: registrar [a-z ]*(\[параметры\])?( \[команда\])?( <[a-z.]+>)*/g, ' ')
    .replace(/Аргументы: [a-z.]+/g, ' ')
    .replace(/\(варианты: [^)]*\)/g, ' ')
    .replace(/\((поля|fields): [^)]*\)/g, ' ')
    .replace(/`[^`]*`/g, ' ')
    .replace(/"[^"]*"/g, ' ')
    .replace(/--?[a-z][a-z-]*/g, ' ')
    .replace(/<[^>]*>|\[[a-z]+\]/g, ' ');
  // A word has small letters: codes such as NN.NN.NN or УД/ПМ are not sentences.
  return text.match(/\b[A-Z]?[a-z]{2,}(?:[\s,;:()'./-]+[A-Z]?[a-z]{2,}){2,}/g) ?? [];
}
