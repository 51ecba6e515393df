import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clockAt } from '../../src/core/clock.js';
import { assertReferencesIntact, gatherYearMemberships, studentsToLookAt, withoutRowByRowForeignKeyChecks } from '../../src/store/rollover.js';
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

describe('the students a rollover looks at one by one', () => {
  /** Year 1 with group 1 (Аникин, plain; Борин, on leave since February); year 2 with group 2 (Волков, active there). */
  function world(): Store {
    dir = mkdtempSync(join(tmpdir(), 'registrar-look-'));
    const s = openStore(join(dir, 'registrar.db'), { actor: 'tester', command: 'test', clock: clockAt('2026-07-05'), create: true });
    s.db.exec(`
      INSERT INTO year (id, name, start, end) VALUES (1, '2025/2026', '2025-09-01', '2026-06-30'), (2, '2026/2027', '2026-09-01', '2027-06-30');
      INSERT INTO program (id, code, name, duration_months) VALUES (1, '09.02.07', 'ИСП', 46);
      INSERT INTO study_group (id, year_id, name, program_id, course) VALUES (1, 1, 'ИС-25', 1, 1), (2, 2, 'ИС-26', 1, 1);
      INSERT INTO person (id, last_name, first_name, name_key, created_at) VALUES
        (1, 'Аникин', 'Андрей', 'аникин андрей', 'now'), (2, 'Борин', 'Борис', 'борин борис', 'now'), (3, 'Волков', 'Вадим', 'волков вадим', 'now');
      INSERT INTO student (person_id, status) VALUES (1, 'active'), (2, 'leave'), (3, 'active');
      INSERT INTO membership (student_id, group_id, from_date, to_date) VALUES (1, 1, '2025-09-01', NULL), (2, 1, '2025-09-01', '2026-02-01'), (3, 2, '2026-09-01', NULL);`);
    return s;
  }
  const look = (s: Store) => studentsToLookAt(s, gatherYearMemberships(s, { id: 1, end: '2026-06-30' })).map((f) => [f.name, f.status, f.groupId]);

  it('an active student in no group is looked at; one in another year\'s group is not', () => {
    store = world();
    expect(look(store)).toEqual([['Борин Борис', 'leave', 1]]);
    store.db.exec(`INSERT INTO person (id, last_name, first_name, name_key, created_at) VALUES (4, 'Гусев', 'Глеб', 'гусев глеб', 'now');
      INSERT INTO student (person_id, status) VALUES (4, 'active');`);
    expect(look(store)).toEqual([['Борин Борис', 'leave', 1], ['Гусев Глеб', 'active', null]]);
  });
});
