import { describe, expect, it } from 'vitest';
import { clockAt } from '../../src/core/clock.js';
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

const nameIndex = (store: ReturnType<typeof open>) => store.get<{ sql: string }>("SELECT sql FROM sqlite_schema WHERE name = 'person_name'")?.sql;

describe('insertPeople in bulk (the name index built once after the inserts)', () => {
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
});
