import { describe, expect, it } from 'vitest';
import { clockAt } from '../../src/core/clock.js';
import { enrollNewPeople, ensureOrder } from '../../src/store/orders.js';
import { findPeopleByName, insertPeople, type PersonCard } from '../../src/store/people.js';
import { openStore } from '../../src/store/store.js';

const open = () => openStore(':memory:', { create: true, actor: 'test', command: 'test', clock: clockAt('2025-10-01') });

const card = (i: number): PersonCard => ({
  last_name: ['Иванов', 'Петров', 'Сидоров'][i % 3],
  first_name: 'Пётр',
  middle_name: null,
  birth_date: `2008-01-${String((i % 28) + 1).padStart(2, '0')}`,
  sex: 'М',
  snils: null,
  phone: null,
  email: null,
});

const indexSql = (store: ReturnType<typeof open>, name: string) => store.get<{ sql: string }>('SELECT sql FROM sqlite_schema WHERE name = ?', name)?.sql;
const nameIndex = (store: ReturnType<typeof open>) => indexSql(store, 'person_name');

describe('bulk inserts build their scattered indexes once after the rows (withIndexesRebuilt)', () => {
  it('leaves the same index, used by name lookups, and every person found by name', () => {
    const store = open();
    const before = nameIndex(store);
    const ids = store.mutate(() => {
      const inserted = insertPeople(store, Array.from({ length: 1_500 }, (_, i) => card(i)));
      store.audit({ entity: 'person', action: 'test' });
      return inserted;
    });
    expect(ids).toEqual(Array.from({ length: 1_500 }, (_, i) => i + 1));
    expect(nameIndex(store)).toBe(before);
    const plan = store.db.prepare('EXPLAIN QUERY PLAN SELECT * FROM person WHERE name_key = ?').all('x') as { detail: string }[];
    expect(plan.map((r) => r.detail)).toEqual(['SEARCH person USING INDEX person_name (name_key=?)']);
    expect(findPeopleByName(store, { last: 'ИВАНОВ', first: 'петр' })).toHaveLength(500);
    expect(findPeopleByName(store, { last: 'Петров', first: 'Пётр' }, '2008-01-02')).toHaveLength(18); // i ≡ 1 (mod 3) and i ≡ 1 (mod 28)
  });

  it('a transaction that fails after the inserts keeps the index and no person', () => {
    const store = open();
    const before = nameIndex(store);
    expect(() =>
      store.mutate(() => {
        insertPeople(store, Array.from({ length: 1_500 }, (_, i) => card(i)));
        throw new Error('a later row refused');
      }),
    ).toThrow('a later row refused');
    expect(nameIndex(store)).toBe(before);
    expect(store.get<{ n: number }>('SELECT count(*) AS n FROM person')!.n).toBe(0);
  });

  it('enrolling 1,500 new people by one order leaves membership_group as it was, and used for a group', () => {
    const store = open();
    const before = indexSql(store, 'membership_group');
    store.mutate(() => {
      store.run("INSERT INTO program (id, code, name, duration_months) VALUES (1, '09.02.07', 'ИСиП', 46)");
      store.run("INSERT INTO year (id, name, start, end) VALUES (1, '2025/2026', '2025-09-01', '2026-06-30')");
      for (const g of [1, 2, 3]) store.run('INSERT INTO study_group (id, year_id, name, program_id, course) VALUES (?, 1, ?, 1, 1)', g, `ИС-2${g}`);
      const ids = insertPeople(store, Array.from({ length: 1_500 }, (_, i) => card(i)));
      const order = ensureOrder(store, 'enroll', { number: '12-к', date: '2025-08-25' });
      enrollNewPeople(store, order, ids.map((id, i) => ({ studentId: id, groupId: (i % 3) + 1 })));
      store.audit({ entity: 'student', action: 'test' });
    });
    expect(indexSql(store, 'membership_group')).toBe(before);
    const plan = store.db.prepare('EXPLAIN QUERY PLAN SELECT student_id FROM membership WHERE group_id = ? AND from_date <= ?').all(2, '2025-09-01') as { detail: string }[];
    expect(plan.map((r) => r.detail)).toEqual(['SEARCH membership USING INDEX membership_group (group_id=? AND from_date<?)']);
    expect(store.all('SELECT student_id FROM membership WHERE group_id = 2 ORDER BY student_id').map((r) => r.student_id)).toEqual(Array.from({ length: 500 }, (_, i) => 3 * i + 2));
  });
});
