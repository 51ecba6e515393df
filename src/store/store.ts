import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { StoreError } from '../cli/errors.js';
import { L } from '../cli/i18n.js';
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
    readonly actor: string,
    readonly command: string,
  ) {}

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
      new Date().toISOString(),
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
}

/**
 * Open (or, with `create`, make) the store. A store whose schema is newer than this build
 * knows is refused before anything is written to it.
 */
export function openStore(path: string, options: OpenOptions): Store {
  const exists = existsSync(path);
  if (!exists && !options.create) {
    throw new StoreError('store_missing', L(`No store at ${path}. Create one with \`registrar init\` (or name another with --db / $REGISTRAR_DB).`, `Хранилище ${path} не найдено. Создайте его командой \`registrar init\` (или укажите другое через --db / $REGISTRAR_DB).`), { path });
  }
  const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  let db: Db;
  try {
    db = new Database(path, { fileMustExist: !options.create, timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw new StoreError('store_unavailable', L(`Cannot open the store ${path}: ${(error as Error).message}`, `Не удалось открыть хранилище ${path}: ${(error as Error).message}`), { path });
  }
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new StoreError('store_too_new', L(`The store ${path} was written by a newer registrar (schema ${version}, this one knows ${SCHEMA_VERSION}); upgrade registrar. The store was not touched.`, `Хранилище ${path} создано более новой версией registrar (схема ${version}, эта знает ${SCHEMA_VERSION}); обновите registrar. Хранилище не изменено.`), { path, schema: version, supported: SCHEMA_VERSION });
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
  return new Store(db, path, options.actor, options.command);
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
