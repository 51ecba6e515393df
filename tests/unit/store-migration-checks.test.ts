import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clockAt } from '../../src/core/clock.js';
import { listAccounts } from '../../src/store/accounts.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { APPLICATION_ID, openStore } from '../../src/store/store.js';
import { valueListChecksAsChains } from '../../src/store/tableRebuild.js';

const Database = createRequire(import.meta.url)('better-sqlite3');
const dir = mkdtempSync(join(tmpdir(), 'registrar-migration-checks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const options = { actor: 'tester', command: 'test', clock: clockAt('2025-10-01') };

describe('valueListChecksAsChains', () => {
  it('writes a CHECK that lists values as the same test in comparisons', () => {
    expect(valueListChecksAsChains("status TEXT NOT NULL CHECK (status IN ('active', 'leave', 'expelled')),")).toBe(
      "status TEXT NOT NULL CHECK (status = 'active' OR status = 'leave' OR status = 'expelled'),",
    );
    expect(valueListChecksAsChains('flag INTEGER CHECK (flag IN (0, 1))')).toBe('flag INTEGER CHECK (flag = 0 OR flag = 1)');
  });

  it('leaves every other CHECK as it is', () => {
    const others = "CHECK (mark IS NULL OR mark IN ('5', '4')), CHECK (kind NOT IN ('УД', 'ПМ') OR module_id IS NULL), CHECK (to_date IS NULL OR from_date <= to_date)";
    expect(valueListChecksAsChains(others)).toBe(others);
  });

  it('refuses a list that holds anything but literals', () => {
    expect(() => valueListChecksAsChains('CHECK (a IN (b, c))')).toThrow(/not a list of literals/);
  });
});

/** A store as registrar left it at schema 9: migrations 1–9, with rows that refer to each other. */
function storeAtSchema9(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  for (const m of MIGRATIONS.filter((m) => m.version <= 9)) db.exec(m.sql);
  db.pragma('user_version = 9');
  db.pragma(`application_id = ${APPLICATION_ID}`);
  db.exec(`
    INSERT INTO year (id, name, start, "end", status) VALUES (1, '2025/2026', '2025-09-01', '2026-06-30', 'open');
    INSERT INTO program (id, code, name, duration_months) VALUES (1, '09.02.07', 'ИСП', 46);
    INSERT INTO study_group (id, year_id, name, program_id, course) VALUES (1, 1, 'ИС-25', 1, 1);
    INSERT INTO "order" (id, number, date, kind, created_at) VALUES (1, '12-к', '2025-08-25', 'enroll', '2025-08-25T00:00:00Z');
    INSERT INTO person (id, last_name, first_name, name_key, created_at) VALUES (1, 'Иванов', 'Иван', 'иванов иван', '2025-08-25T00:00:00Z'), (2, 'Петров', 'Пётр', 'петров петр', '2025-08-25T00:00:00Z');
    INSERT INTO student (person_id, status, enroll_order_id) VALUES (1, 'active', 1), (2, 'leave', 1);
    INSERT INTO membership (student_id, group_id, from_date, from_order_id) VALUES (1, 1, '2025-08-25', 1), (2, 1, '2025-08-25', 1);
    INSERT INTO account (person_id, role, login, password_hash, issued_at, issued_by) VALUES (1, 'student', 'ivanovi', 'x', '2025-09-01T00:00:00Z', 'admin');
  `);
  db.close();
}

const schema = (db: typeof Database.prototype) =>
  db.prepare("SELECT type, name, tbl_name AS tbl, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_autoindex%' ORDER BY type, name").all() as { type: string; name: string; tbl: string; sql: string }[];

describe('migration 10: CHECKs as chains', () => {
  it('makes every table again with its rows, indexes and references, and the same constraints', () => {
    const file = join(dir, 'v9.db');
    storeAtSchema9(file);
    const before = new Database(file, { readonly: true });
    const oldSchema = schema(before);
    const oldRows = Object.fromEntries(oldSchema.filter((o) => o.type === 'table').map((t) => [t.name, before.prepare(`SELECT * FROM "${t.name}" ORDER BY 1`).all()]));
    before.close();

    // Migration 10 alone, as openStore runs it: in a transaction, references checked after.
    const db = new Database(file);
    db.pragma('foreign_keys = OFF');
    db.transaction(() => MIGRATIONS.find((m) => m.version === 10)!.run!(db))();
    db.pragma('user_version = 10');
    db.close();

    const after = new Database(file, { readonly: true });
    expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(after.pragma('foreign_key_check')).toEqual([]);
    const newSchema = schema(after);
    expect(newSchema.map((o) => `${o.type} ${o.name} ${o.tbl}`)).toEqual(oldSchema.map((o) => `${o.type} ${o.name} ${o.tbl}`));
    // Indexes as they were; tables with the lists written out and nothing else changed.
    for (const [o, n] of oldSchema.map((o, i) => [o, newSchema[i]] as const)) {
      if (o.type === 'index') expect(n.sql).toBe(o.sql);
      else expect(n.sql.replace(/^CREATE TABLE "(\w+)"/, 'CREATE TABLE $1')).toBe(valueListChecksAsChains(o.sql).replace(/^CREATE TABLE "(\w+)"/, 'CREATE TABLE $1'));
    }
    expect(newSchema.filter((o) => /CHECK \(\w+ IN \(/.test(o.sql ?? ''))).toEqual([]);
    for (const [table, rows] of Object.entries(oldRows)) expect(after.prepare(`SELECT * FROM "${table}" ORDER BY 1`).all(), table).toEqual(rows);
    after.close();

    // Upgraded by registrar to the current version: the constraints still refuse what they
    // refused, and references are enforced again.
    const store = openStore(file, options);
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(() => store.run("UPDATE student SET status = 'gone' WHERE person_id = 1")).toThrow(/CHECK constraint failed/);
    expect(() => store.run("INSERT INTO account (person_id, role, login, password_hash, issued_at, issued_by) VALUES (2, 'guest', 'p', 'x', 'now', 'a')")).toThrow(/CHECK constraint failed/);
    expect(() => store.run("INSERT INTO membership (student_id, group_id, from_date) VALUES (99, 1, '2025-09-01')")).toThrow(/FOREIGN KEY constraint failed/);
    store.close();
  });

  it('refuses a store whose references are already broken, and leaves it at its version', () => {
    const file = join(dir, 'broken.db');
    storeAtSchema9(file);
    const db = new Database(file);
    db.pragma('foreign_keys = OFF');
    db.exec("INSERT INTO membership (student_id, group_id, from_date) VALUES (77, 1, '2025-09-01')");
    db.close();

    let refusal: { code?: string; exitCode?: number } | undefined;
    try {
      openStore(file, options);
    } catch (error) {
      refusal = error as { code?: string; exitCode?: number };
    }
    expect(refusal).toMatchObject({ code: 'store_references_broken', exitCode: 5 });
    const after = new Database(file, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(9);
    expect((after.prepare("SELECT sql FROM sqlite_schema WHERE name = 'student'").get() as { sql: string }).sql).toMatch(/status IN \(/);
    after.close();
  });
});

describe('migration 11: the history of disabling accounts', () => {
  it('keeps each disabled account disabled since the same time, for the same reason or by its order, and drops the columns', () => {
    const file = join(dir, 'v10.db');
    storeAtSchema9(file);
    const db = new Database(file);
    db.pragma('foreign_keys = OFF');
    db.transaction(() => MIGRATIONS.find((m) => m.version === 10)!.run!(db))();
    db.pragma('user_version = 10');
    // Петров expelled by order 5-к (the old build quoted the order as the reason); Иванов's
    // account disabled by hand with a reason that only looks like an order of his.
    db.exec(`INSERT INTO "order" (id, number, date, kind, created_at) VALUES (5, '5-к', '2025-10-20', 'expel', '2025-10-20T08:00:00Z');
             INSERT INTO order_item (order_id, student_id, from_group_id) VALUES (5, 2, 1);
             UPDATE account SET disabled_at = '2025-10-01T09:00:00.000Z', disabled_reason = 'приказ об отчислении 6-к от 20.10.2025' WHERE login = 'ivanovi';
             INSERT INTO account (person_id, role, login, password_hash, issued_at, issued_by, disabled_at, disabled_reason)
             VALUES (2, 'student', 'petrovp', 'x', '2025-09-01T00:00:00Z', 'admin', '2025-10-20T08:00:00.000Z', 'приказ об отчислении 5-к от 20.10.2025')`);
    db.close();

    const store = openStore(file, options);
    expect(store.all('SELECT a.login, d.disabled_at, d.enabled_at, d.reason, d.order_id FROM account_disabled d JOIN account a ON a.id = d.account_id ORDER BY a.login')).toEqual([
      { login: 'ivanovi', disabled_at: '2025-10-01T09:00:00.000Z', enabled_at: null, reason: 'приказ об отчислении 6-к от 20.10.2025', order_id: null },
      { login: 'petrovp', disabled_at: '2025-10-20T08:00:00.000Z', enabled_at: null, reason: null, order_id: 5 },
    ]);
    // Read as before: the order quoted the way the old build wrote it.
    expect(listAccounts(store, { on: '2025-10-21' }).map((a) => [a.login, a.disabled_reason]).sort()).toEqual([
      ['ivanovi', 'приказ об отчислении 6-к от 20.10.2025'],
      ['petrovp', 'приказ об отчислении 5-к от 20.10.2025'],
    ]);
    expect(store.all<{ name: string }>("SELECT name FROM pragma_table_info('account') WHERE name LIKE 'disabled%'")).toEqual([]);
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
    // One open disabling per account: a second is refused until the first is ended.
    expect(() => store.run("INSERT INTO account_disabled (account_id, disabled_at, reason) SELECT id, '2025-11-01T00:00:00Z', 'again' FROM account WHERE login = 'petrovp'")).toThrow(/UNIQUE constraint failed/);
    store.close();
  });
});
