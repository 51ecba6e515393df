import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clockAt } from '../../src/core/clock.js';
import { backupStore } from '../../src/store/backup.js';
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
