import type { IsoDate } from '../domain/dates.js';
import { nameKey, type PersonCard, type PersonRow } from '../domain/person.js';
import { withIndexesRebuilt } from './bulkIndexes.js';
import type { Store } from './store.js';

// The card and its pure rules live in the domain; re-exported for the modules that import them from here.
export { CARD_FIELDS, cardChanges, fullName, nameKey, type PersonCard, type PersonRow } from '../domain/person.js';

export function getPerson(store: Store, id: number): PersonRow | undefined {
  return store.get<PersonRow>('SELECT * FROM person WHERE id = ?', id);
}

export function findPersonBySnils(store: Store, snils: string): PersonRow | undefined {
  return store.get<PersonRow>('SELECT * FROM person WHERE snils = ?', snils);
}

/** People with this full name (case- and ё-insensitive) and, when given, this birth date. */
export function findPeopleByName(store: Store, name: { last: string; first: string; middle?: string | null }, birthDate?: IsoDate | null): PersonRow[] {
  const key = nameKey(name.last, name.first, name.middle);
  return birthDate
    ? store.all<PersonRow>('SELECT * FROM person WHERE name_key = ? AND (birth_date = ? OR birth_date IS NULL)', key, birthDate)
    : store.all<PersonRow>('SELECT * FROM person WHERE name_key = ?', key);
}

export function insertPerson(store: Store, card: PersonCard): number {
  return insertPeople(store, [card])[0];
}

/**
 * Insert many cards (one prepared statement, reused); returns their ids in order. `nameKeys[i]`,
 * when given, is card i's nameKey. A bulk insert builds the name index once after the inserts
 * (see withIndexesRebuilt).
 */
export function insertPeople(store: Store, cards: PersonCard[], nameKeys?: readonly string[]): number[] {
  const insert = store.stmt(
    'INSERT INTO person (last_name, first_name, middle_name, birth_date, sex, snils, phone, email, name_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const createdAt = store.nowIso();
  return withIndexesRebuilt(store, ['person_name'], cards.length, () =>
    cards.map((c, i) => Number(insert.run(c.last_name, c.first_name, c.middle_name, c.birth_date, c.sex, c.snils, c.phone, c.email, nameKeys?.[i] ?? nameKey(c.last_name, c.first_name, c.middle_name), createdAt).lastInsertRowid)),
  );
}

/** Apply changes to a card (no audit here: the caller audits the role it changed). */
export function updatePerson(store: Store, id: number, changes: Partial<PersonCard>): void {
  const fields = Object.keys(changes) as (keyof PersonCard)[];
  if (!fields.length) return;
  store.run(`UPDATE person SET ${fields.map((f) => `${f} = ?`).join(', ')} WHERE id = ?`, ...fields.map((f) => changes[f]), id);
  if (changes.last_name !== undefined || changes.first_name !== undefined || changes.middle_name !== undefined) {
    const p = getPerson(store, id)!;
    store.run('UPDATE person SET name_key = ? WHERE id = ?', nameKey(p.last_name, p.first_name, p.middle_name), id);
  }
}

/** SQLite allows 32766 parameters; lookups go in chunks well below that. */
const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * Every person with one of these СНИЛС or folded names, for bulk matching: in a few queries
 * of 500 keys, or, when the keys are many beside the people stored (a first import of a whole
 * college: 100,000 keys against an empty or small table), in one pass over the table.
 */
export function loadPeople(store: Store, keys: { snils: Iterable<string>; nameKeys: Iterable<string> }): { bySnils: Map<string, PersonRow>; byName: Map<string, PersonRow[]> } {
  const bySnils = new Map<string, PersonRow>();
  const byName = new Map<string, PersonRow[]>();
  const stored = store.get<{ n: number }>('SELECT count(*) AS n FROM person')!.n;
  // A first import into an empty store: nobody to find, no key to gather.
  if (stored === 0) return { bySnils, byName };
  const snils = new Set(keys.snils);
  const names = new Set(keys.nameKeys);
  type Stored = PersonRow & { name_key: string };
  const bySnilsOf = (p: Stored) => {
    if (p.snils !== null && snils.has(p.snils)) bySnils.set(p.snils, p);
  };
  const byNameOf = (p: Stored) => {
    if (!names.has(p.name_key)) return;
    const list = byName.get(p.name_key);
    if (list) list.push(p);
    else byName.set(p.name_key, [p]);
  };
  if (snils.size + names.size >= stored / 4) {
    for (const p of store.stmt<Stored>('SELECT * FROM person').iterate()) {
      bySnilsOf(p as Stored);
      byNameOf(p as Stored);
    }
    return { bySnils, byName };
  }
  for (const part of chunks([...snils])) {
    for (const p of store.all<Stored>(`SELECT * FROM person WHERE snils IN (${part.map(() => '?').join(',')})`, ...part)) bySnilsOf(p);
  }
  for (const part of chunks([...names])) {
    for (const p of store.all<Stored>(`SELECT * FROM person WHERE name_key IN (${part.map(() => '?').join(',')})`, ...part)) byNameOf(p);
  }
  return { bySnils, byName };
}
