import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { StoreError } from '../core/errors.js';
import type { Clock, IsoDate } from '../core/clock.js';
import { protectStore, setPersonalDataMode } from '../io/outputGuard.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';

export type Db = BetterSqlite3.Database;
export type Row = Record<string, unknown>;

export interface AuditEntry {
  entity: string;
  entityId?: string | number | null;
  action: string;
  before?: unknown;
  after?: unknown;
}

/** Thrown by Store.rehearse to roll its transaction back; never escapes it. */
const ROLL_BACK = Symbol('rehearsal');

/**
 * The store: one SQLite file. It owns the connection, the migrations, the prepared
 * statements and the rule that every mutation runs in one transaction with its audit record.
 */
export class Store {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  private auditedInTx = 0;
  private inMutation = false;
  private readonly beforeClosing: (() => void)[] = [];

  constructor(
    readonly db: Db,
    readonly path: string,
    /** Who acts: written to every audit record. */
    readonly actor: string,
    /** The command line as typed: written to every audit record. */
    readonly command: string,
    /** The run's one clock: "as of" dates, lock checks and every stored timestamp. */
    readonly clock: Clock,
  ) {}

  /** Today's date by the run's clock (`$REGISTRAR_TODAY` or the real date). */
  get today(): IsoDate {
    return this.clock.today;
  }

  /** The current moment as an ISO timestamp, for stored times (audit, issued_at...). */
  nowIso(): string {
    return this.clock.now().toISOString();
  }

  /** A prepared statement, prepared once per run and reused. */
  stmt<T = Row>(sql: string): BetterSqlite3.Statement<unknown[], T> {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s as BetterSqlite3.Statement<unknown[], T>;
  }

  get<T = Row>(sql: string, ...params: unknown[]): T | undefined {
    return this.stmt<T>(sql).get(...params) as T | undefined;
  }

  all<T = Row>(sql: string, ...params: unknown[]): T[] {
    return this.stmt<T>(sql).all(...params) as T[];
  }

  run(sql: string, ...params: unknown[]): BetterSqlite3.RunResult {
    return this.stmt(sql).run(...params);
  }

  /**
   * Run `fn` as one write transaction (BEGIN IMMEDIATE, so a concurrent writer waits for the
   * busy timeout instead of failing halfway). Whatever `fn` decides from what it reads here is
   * current: decide inside, not before. A transaction that changed rows must have written an
   * audit record, or it is rolled back: no change goes unrecorded. One that changed nothing
   * (say, a re-import that finds every row unchanged) commits as the no-op it is.
   */
  mutate<T>(fn: () => T): T {
    if (this.inMutation) return fn();
    const tx = this.db.transaction(() => {
      this.auditedInTx = 0;
      const changesBefore = this.totalChanges();
      const result = fn();
      if (this.auditedInTx === 0 && this.totalChanges() !== changesBefore) throw new Error('a mutation wrote no audit record');
      return result;
    });
    this.inMutation = true;
    try {
      return tx.immediate();
    } finally {
      this.inMutation = false;
    }
  }

  /**
   * Run `fn` as mutate runs it, then roll all of it back: a dry run that goes through the very
   * writes, so its counts and refusals are the real run's, and leaves the store as it was.
   * Returns what `fn` returned.
   */
  rehearse<T>(fn: () => T): T {
    if (this.inMutation) throw new Error('rehearse() inside mutate()');
    let result: T | undefined;
    try {
      this.mutate(() => {
        result = fn();
        throw ROLL_BACK;
      });
    } catch (error) {
      if (error !== ROLL_BACK) throw error;
    }
    return result as T;
  }

  private totalChanges(): number {
    return this.stmt<{ n: number }>('SELECT total_changes() AS n').get()!.n;
  }

  /** Append an audit record; only inside mutate(), so it commits with the change. */
  audit(entry: AuditEntry): void {
    if (!this.inMutation) throw new Error('audit() outside mutate()');
    this.run(
      `INSERT INTO audit (at, actor, command, entity, entity_id, action, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      this.nowIso(),
      this.actor,
      this.command,
      entry.entity,
      entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
      entry.action,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
    );
    this.auditedInTx++;
  }

  /** Run `fn` when the store closes, before its connection does: to wait for work another thread does on the store. */
  beforeClose(fn: () => void): void {
    this.beforeClosing.push(fn);
  }

  close(): void {
    for (const fn of this.beforeClosing.splice(0)) fn();
    if (this.db.open) this.db.close();
  }
}

export interface OpenOptions {
  create: boolean;
  actor: string;
  command: string;
  clock: Clock;
}

/** `PRAGMA application_id` of a registrar store ('REG1'): how we know a file is ours. */
export const APPLICATION_ID = 0x52454731;

/**
 * Open (or, with `create`, make) the store. Refused with exit 5, the file untouched: a file
 * that is not a registrar store (empty, not SQLite, another application's database), and a
 * store whose schema is newer than this build knows. A new store is created with mode 0600
 * (SQLite gives its `-wal` and `-shm` the same mode): it holds personal data.
 */
export function openStore(path: string, options: OpenOptions): Store {
  const fresh = createIfMissing(path, options.create);
  const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  let db: Db;
  try {
    db = new Database(path, { fileMustExist: true, timeout: DEFAULT_BUSY_TIMEOUT_SECONDS * 1000 });
  } catch (error) {
    throw new StoreError('store_unavailable', { path, reason: (error as Error).message });
  }
  try {
    // Nothing is written before we know the file is ours: these reads change nothing.
    const version = identify(db, path, fresh);
    if (version > SCHEMA_VERSION) {
      throw new StoreError('store_too_new', { path, schema: version, supported: SCHEMA_VERSION });
    }
    // The wait is the store's own setting, in force before the first lock is taken.
    let waitSeconds = DEFAULT_BUSY_TIMEOUT_SECONDS;
    if (version >= 1) {
      waitSeconds = busyTimeoutSeconds(db);
      db.pragma(`busy_timeout = ${waitSeconds * 1000}`);
      const mode = storedSetting(db, 'files.mode');
      if (mode) setPersonalDataMode(parseInt(mode, 8));
    }
    enterWal(db, waitSeconds);
    db.pragma('synchronous = NORMAL');
    // 64 MiB of page cache: bulk imports touch index pages all over the file.
    db.pragma('cache_size = -65536');
    // The same for temporary tables, which have their own cache (2 MiB): the rollover gathers
    // 100,000 memberships into one, and past its cache a temporary table goes to disk.
    db.pragma('temp.cache_size = -65536');
    if (version < SCHEMA_VERSION || (db.pragma('application_id', { simple: true }) as number) !== APPLICATION_ID) {
      // better-sqlite3 turns enforcement on by default; a migration that makes a table again
      // must run without it, and checks the references itself.
      db.pragma('foreign_keys = OFF');
      migrate(db, path);
    }
    db.pragma('foreign_keys = ON');
  } catch (error) {
    db.close();
    throw error;
  }
  protectStore(path);
  return new Store(db, path, options.actor, options.command, options.clock);
}

const IN_MEMORY = ':memory:';

/** Whether the store is new: created here (mode 0600), or an empty file handed to `init`. */
function createIfMissing(path: string, create: boolean): boolean {
  // SQLite's in-memory database (the unit tests' store) has no file to make.
  if (path === IN_MEMORY) return true;
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    if (!create) throw new StoreError('store_missing', { path });
    try {
      closeSync(openSync(path, 'wx', 0o600));
    } catch (error) {
      throw new StoreError('store_unavailable', { path, reason: (error as Error).message });
    }
    return true;
  }
  if (size === 0 && !create) throw new StoreError('store_foreign', { path, reason: 'empty' });
  return size === 0;
}

/** Whether the file begins with SQLite's header. */
function startsAsSqlite(path: string): boolean {
  const head = Buffer.alloc(16);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  return head.toString('latin1') === 'SQLite format 3\0';
}

/**
 * The schema version of a file that is ours; StoreError `store_foreign` for any other file.
 * A store made before application_id was set is recognised by its own tables.
 */
function identify(db: Db, path: string, fresh: boolean): number {
  let appId: number, version: number, tables: Set<string>;
  try {
    appId = db.pragma('application_id', { simple: true }) as number;
    version = db.pragma('user_version', { simple: true }) as number;
    tables = new Set(db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).pluck().all() as string[]);
  } catch (error) {
    const code = String((error as { code?: string }).code ?? '');
    if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
      // An SQLite file whose pages are broken is a damaged store, most likely this one: what to do is restore it, not init.
      throw new StoreError(startsAsSqlite(path) ? 'store_damaged' : 'store_foreign', { path, reason: 'not_sqlite' });
    }
    throw error;
  }
  if (appId === APPLICATION_ID) return version;
  if (appId === 0 && version >= 1 && ['org', 'setting', 'audit'].every((t) => tables.has(t))) return version;
  if (fresh || (appId === 0 && version === 0 && tables.size === 0)) return 0;
  throw new StoreError('store_foreign', { path, reason: 'other_application' });
}

/**
 * Switch the file to write-ahead logging (a no-op once it is). SQLite answers SQLITE_BUSY at
 * once, without its busy handler, when two processes switch the same file at the same moment,
 * so the switch is retried here for up to the store's wait, `seconds`.
 */
function enterWal(db: Db, seconds: number): void {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      const busy = String((error as { code?: string }).code ?? '').startsWith('SQLITE_BUSY');
      if (!busy || Date.now() >= deadline) throw error;
      Atomics.wait(PAUSE, 0, 0, 10);
    }
  }
}

/** A cell to block on for a short synchronous pause between retries. */
const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/**
 * Bring the schema up to date in one IMMEDIATE transaction, reading the version inside it: a
 * second process that opened the same old store waits, then finds nothing left to do. Runs
 * with foreign key enforcement off (a migration may make a table again: store/tableRebuild.ts)
 * and checks every reference once at the end; StoreError `store_references_broken` rolls it all back.
 */
function migrate(db: Db, path: string): void {
  db.transaction(() => {
    const from = db.pragma('user_version', { simple: true }) as number;
    const pending = MIGRATIONS.filter((m) => m.version > from);
    for (const m of pending) {
      db.exec(m.sql);
      m.run?.(db);
      db.pragma(`user_version = ${m.version}`);
    }
    // Once per upgrade (a second process that waited finds nothing left to do, nor to check).
    const broken = pending.length ? (db.pragma('foreign_key_check') as { table: string }[]) : [];
    if (broken.length) throw new StoreError('store_references_broken', { path, table: broken[0].table, count: broken.length });
    if ((db.pragma('application_id', { simple: true }) as number) !== APPLICATION_ID) db.pragma(`application_id = ${APPLICATION_ID}`);
  }).immediate();
}

/**
 * How long a writer waits for another one before giving up with exit 5, in seconds: longer
 * than the longest write the bench measures (a 100,000-row import holds the lock 5–8 s).
 */
export const DEFAULT_BUSY_TIMEOUT_SECONDS = 60;

/** A setting read straight from its table, before the store is handed out (a read never waits in WAL). */
function storedSetting(db: Db, key: string): string | undefined {
  return (db.prepare('SELECT value FROM setting WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

/** The `store.busyTimeoutSeconds` setting. */
function busyTimeoutSeconds(db: Db): number {
  const n = Number(storedSetting(db, 'store.busyTimeoutSeconds'));
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_BUSY_TIMEOUT_SECONDS;
}
