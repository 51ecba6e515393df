import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clockAt } from '../../src/core/clock.js';
import { checkOutput } from '../../src/io/atomicWrite.js';
import { APPLICATION_ID, openStore } from '../../src/store/store.js';

const Database = createRequire(import.meta.url)('better-sqlite3');
const dir = mkdtempSync(join(tmpdir(), 'registrar-store-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const options = { actor: 'tester', command: 'test', clock: clockAt('2025-10-01') };
let n = 0;
const path = (name: string) => join(dir, `${++n}-${name}`);

function refusal(fn: () => unknown): { code?: string; exitCode?: number } {
  try {
    fn();
  } catch (error) {
    return error as { code?: string; exitCode?: number };
  }
  throw new Error('expected a refusal');
}

describe('openStore', () => {
  it('creates a new store, its -wal and -shm readable by the owner only', () => {
    const file = path('new.db');
    const store = openStore(file, { ...options, create: true });
    store.mutate(() => {
      store.run(`INSERT INTO setting (key, value) VALUES ('lesson.hours', '2')`);
      store.audit({ entity: 'setting', action: 'set' });
    });
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(statSync(f).mode & 0o777).toBe(0o600);
    store.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    db.close();
  });

  it('refuses an empty file, a text file and another application\'s database with exit 5, untouched', () => {
    const empty = path('empty.db');
    writeFileSync(empty, '');
    const text = path('notes.db');
    writeFileSync(text, 'not a database at all, just some notes\n'.repeat(200));
    const foreign = path('foreign.db');
    const db = new Database(foreign);
    db.exec('CREATE TABLE student (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO student (name) VALUES (\'x\');');
    db.close();

    for (const file of [empty, text, foreign]) {
      const before = readFileSync(file);
      expect(refusal(() => openStore(file, { ...options, create: false }))).toMatchObject({ code: 'store_foreign', exitCode: 5 });
      expect(readFileSync(file).equals(before)).toBe(true);
    }
    // `init` may take an empty file, never another application's data.
    for (const file of [text, foreign]) {
      const before = readFileSync(file);
      expect(refusal(() => openStore(file, { ...options, create: true }))).toMatchObject({ code: 'store_foreign', exitCode: 5 });
      expect(readFileSync(file).equals(before)).toBe(true);
    }
    openStore(empty, { ...options, create: true }).close();
    expect(statSync(empty).size).toBeGreaterThan(0);
  });

  it('recognises a store made before application_id was set, and marks it', () => {
    const file = path('legacy.db');
    openStore(file, { ...options, create: true }).close();
    const db = new Database(file);
    db.pragma('application_id = 0');
    db.close();
    openStore(file, { ...options, create: false }).close();
    const check = new Database(file, { readonly: true });
    expect(check.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    check.close();
  });

  it('protects the store and its companions from every output of the run', () => {
    const file = path('guarded.db');
    const store = openStore(file, { ...options, create: true });
    for (const target of [file, `${file}-wal`, `${file}-shm`]) {
      expect(refusal(() => checkOutput(target, { force: true }))).toMatchObject({ code: 'output_is_store', exitCode: 3 });
    }
    store.close();
  });
});
