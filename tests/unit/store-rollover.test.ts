import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clockAt } from '../../src/core/clock.js';
import { assertReferencesIntact, withoutRowByRowForeignKeyChecks } from '../../src/store/rollover.js';
import { openStore, type Store } from '../../src/store/store.js';

let dir: string;
let store: Store | undefined;
afterEach(() => {
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a bulk delete checked once at its end', () => {
  it('a reference left pointing at nothing refuses and rolls everything back; the per-row checks come back on', () => {
    dir = mkdtempSync(join(tmpdir(), 'registrar-refs-'));
    store = openStore(join(dir, 'registrar.db'), { actor: 'tester', command: 'test', clock: clockAt('2025-10-01'), create: true });
    const s = store;
    s.mutate(() => {
      s.run(`INSERT INTO year (id, name, start, end) VALUES (1, '2025/2026', '2025-09-01', '2026-06-30')`);
      s.run(`INSERT INTO period (year_id, code, name, start, end) VALUES (1, 'S1', '1 семестр', '2025-09-01', '2026-01-31')`);
      s.audit({ entity: 'year', entityId: '2025/2026', action: 'create' });
    });
    const deleteYear = (withPeriods: boolean) =>
      withoutRowByRowForeignKeyChecks(s, () =>
        s.mutate(() => {
          if (withPeriods) s.run('DELETE FROM period WHERE year_id = 1');
          s.run('DELETE FROM year WHERE id = 1');
          assertReferencesIntact(s, ['year', 'period']);
          s.audit({ entity: 'year', entityId: '2025/2026', action: 'delete' });
        }),
      );
    expect(() => deleteYear(false)).toThrow(expect.objectContaining({ code: 'rollover_broken_references', exitCode: 5 }));
    expect(s.all('SELECT name FROM year')).toEqual([{ name: '2025/2026' }]);
    expect(s.db.pragma('foreign_keys', { simple: true })).toBe(1);
    deleteYear(true);
    expect(s.all('SELECT name FROM year')).toEqual([]);
  });
});
