import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clockAt } from '../../src/core/clock.js';
import Database from 'better-sqlite3';
import { backupStore } from '../../src/store/backup.js';
import { automaticBackupAlongside } from '../../src/store/backupAlongside.js';
import { openStore, type Store } from '../../src/store/store.js';

let dir: string;
let store: Store | undefined;
afterEach(() => {
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('backupStore', () => {
  it('SQLite writes into a temporary file that already exists with mode 0600, which then takes the name', async () => {
    dir = mkdtempSync(join(tmpdir(), 'registrar-backup-'));
    store = openStore(join(dir, 'registrar.db'), { actor: 'tester', command: 'test', clock: clockAt('2025-10-01'), create: true });
    const seen: { name: string; mode: number; size: number }[] = [];
    const real = store.db.backup.bind(store.db);
    // Look at the file the moment SQLite is handed it, before a single page is copied.
    store.db.backup = ((destination: string) => {
      const s = statSync(destination);
      seen.push({ name: destination, mode: s.mode & 0o777, size: s.size });
      return real(destination);
    }) as typeof store.db.backup;
    const target = join(dir, 'copy.db');
    await backupStore(store, target);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ mode: 0o600, size: 0 });
    expect(seen[0].name).not.toBe(target);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});

describe('automaticBackupAlongside', () => {
  const setting = (s: Store, value: string) => {
    s.run("INSERT INTO setting (key, value) VALUES ('test.step', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", value);
    s.audit({ entity: 'setting', entityId: 'test.step', action: 'set', after: value });
  };

  it('copies the store as the transaction found it, while the transaction writes, and names the copy before the commit', async () => {
    dir = mkdtempSync(join(tmpdir(), 'registrar-backup-'));
    store = openStore(join(dir, 'registrar.db'), { actor: 'tester', command: 'test', clock: clockAt('2025-10-01'), create: true });
    const s = store;
    s.mutate(() => setting(s, 'before'));
    const copy = automaticBackupAlongside(s, 'step');
    let path = '';
    try {
      s.mutate(() => {
        ({ path } = copy.begin());
        for (let i = 0; i < 2000; i++) setting(s, `during ${i}`);
        copy.finish();
      });
    } finally {
      await copy.dispose();
    }
    expect(path).toMatch(/backups\/registrar-\d{8}-\d{6}-step\.db$/);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const copied = new Database(path, { readonly: true });
    expect(copied.prepare("SELECT value FROM setting WHERE key = 'test.step'").get()).toEqual({ value: 'before' });
    copied.close();
    expect(s.get("SELECT value FROM setting WHERE key = 'test.step'")).toEqual({ value: 'during 1999' });
    expect(readdirSync(join(dir, 'backups')).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('a step that stops before it begins writes nothing; one that fails after leaves no copy behind', async () => {
    dir = mkdtempSync(join(tmpdir(), 'registrar-backup-'));
    store = openStore(join(dir, 'registrar.db'), { actor: 'tester', command: 'test', clock: clockAt('2025-10-01'), create: true });
    const s = store;
    const unused = automaticBackupAlongside(s, 'step');
    await unused.dispose();
    expect(existsSync(join(dir, 'backups'))).toBe(false);

    const copy = automaticBackupAlongside(s, 'step');
    try {
      expect(() =>
        s.mutate(() => {
          copy.begin();
          setting(s, 'lost');
          throw new Error('the step fails');
        }),
      ).toThrow('the step fails');
    } finally {
      await copy.dispose();
    }
    expect(readdirSync(join(dir, 'backups'))).toEqual([]);
    expect(s.get("SELECT value FROM setting WHERE key = 'test.step'")).toBeUndefined();
  });
});
