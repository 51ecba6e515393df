import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { StoreError } from '../core/errors.js';
import type { Clock, IsoDate } from '../core/clock.js';
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

/** How long a writer waits for another one before giving up with exit 5. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * The store: one SQLite file. It owns the connection, the migrations, the prepared
 * statements and the rule that every mutation runs in one transaction with its audit record.
 */
export class Store {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  private auditedInTx = 0;
  private inMutation = false;

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
   * busy timeout instead of failing halfway). The transaction must write at least one audit
   * record, or it is rolled back: no change goes unrecorded.
   */
  mutate<T>(fn: () => T): T {
    if (this.inMutation) return fn();
    const tx = this.db.transaction(() => {
      this.auditedInTx = 0;
      const result = fn();
      if (this.auditedInTx === 0) throw new Error('a mutation wrote no audit record');
      return result;
    });
    this.inMutation = true;
    try {
      return tx.immediate();
    } finally {
      this.inMutation = false;
    }
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

  close(): void {
    if (this.db.open) this.db.close();
  }
}

export interface OpenOptions {
  create: boolean;
  actor: string;
  command: string;
  clock: Clock;
}

/**
 * Open (or, with `create`, make) the store. A store whose schema is newer than this build
 * knows is refused before anything is written to it.
 */
export function openStore(path: string, options: OpenOptions): Store {
  const exists = existsSync(path);
  if (!exists && !options.create) {
    throw new StoreError('store_missing', { path });
  }
  const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  let db: Db;
  try {
    db = new Database(path, { fileMustExist: !options.create, timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw new StoreError('store_unavailable', { path, reason: (error as Error).message });
  }
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new StoreError('store_too_new', { path, schema: version, supported: SCHEMA_VERSION });
    }
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    // 64 MiB of page cache: bulk imports touch index pages all over the file.
    db.pragma('cache_size = -65536');
    migrate(db, version);
  } catch (error) {
    db.close();
    throw error;
  }
  return new Store(db, path, options.actor, options.command, options.clock);
}

function migrate(db: Db, from: number): void {
  const pending = MIGRATIONS.filter((m) => m.version > from);
  if (!pending.length) return;
  db.transaction(() => {
    for (const m of pending) {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
}
