import type { IsoDate } from '../domain/dates.js';
import type { Store } from './store.js';

/**
 * People once, roles beside them: students, staff and guardians share this card, so one
 * matching rule and one login rule serve all of them.
 */
export interface PersonCard {
  last_name: string;
  first_name: string;
  middle_name: string | null;
  birth_date: IsoDate | null;
  sex: 'М' | 'Ж' | null;
  snils: string | null;
  phone: string | null;
  email: string | null;
}

export interface PersonRow extends PersonCard {
  id: number;
  created_at: string;
}

export const CARD_FIELDS: (keyof PersonCard)[] = ['last_name', 'first_name', 'middle_name', 'birth_date', 'sex', 'snils', 'phone', 'email'];

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

export interface PersonMatch {
  match?: PersonRow;
  /** Several people fit and nothing tells them apart. */
  ambiguous?: PersonRow[];
}

/**
 * The matching rule of CLI.md: the same СНИЛС; else the same full name and birth date, among
 * people without a СНИЛС when the card has one (a different СНИЛС is a different person).
 * `sameName` are the people with the card's folded name, whatever their birth date.
 */
export function pickPerson(card: { snils: string | null; birth_date: IsoDate | null }, bySnils: PersonRow | undefined, sameName: readonly PersonRow[]): PersonMatch {
  if (bySnils) return { match: bySnils };
  const fits = sameName.filter((p) => (!p.birth_date || !card.birth_date || p.birth_date === card.birth_date) && (!card.snils || !p.snils));
  return fits.length > 1 ? { ambiguous: fits } : { match: fits[0] };
}

/** pickPerson against the store, for one card. */
export function matchPersonCard(store: Store, card: PersonCard): PersonMatch {
  const bySnils = card.snils ? findPersonBySnils(store, card.snils) : undefined;
  return pickPerson(card, bySnils, bySnils ? [] : findPeopleByName(store, { last: card.last_name, first: card.first_name, middle: card.middle_name }));
}

/** The folded full name people are matched on. */
export function nameKey(last: string, first: string, middle?: string | null): string {
  return [last, first, middle ?? ''].join(' ').toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

export function fullName(p: { last_name: string; first_name: string; middle_name?: string | null }): string {
  return [p.last_name, p.first_name, p.middle_name].filter(Boolean).join(' ');
}

export function insertPerson(store: Store, card: PersonCard): number {
  return insertPeople(store, [card])[0];
}

/** Insert many cards (one prepared statement, reused); returns their ids in order. */
export function insertPeople(store: Store, cards: PersonCard[]): number[] {
  const insert = store.stmt(
    'INSERT INTO person (last_name, first_name, middle_name, birth_date, sex, snils, phone, email, name_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const createdAt = store.nowIso();
  return cards.map((c) => Number(insert.run(c.last_name, c.first_name, c.middle_name, c.birth_date, c.sex, c.snils, c.phone, c.email, nameKey(c.last_name, c.first_name, c.middle_name), createdAt).lastInsertRowid));
}

/** The fields of `next` that differ from `current` (undefined in `next` means "not given"). */
export function cardChanges(current: PersonCard, next: Partial<PersonCard>): Partial<PersonCard> {
  const changes: Partial<PersonCard> = {};
  for (const field of CARD_FIELDS) {
    const value = next[field];
    if (value !== undefined && value !== current[field]) (changes as Record<string, unknown>)[field] = value;
  }
  return changes;
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

/** Every person with one of these СНИЛС or folded names, in a few queries: for bulk matching. */
export function loadPeople(store: Store, keys: { snils: Iterable<string>; nameKeys: Iterable<string> }): { bySnils: Map<string, PersonRow>; byName: Map<string, PersonRow[]> } {
  const bySnils = new Map<string, PersonRow>();
  const byName = new Map<string, PersonRow[]>();
  for (const part of chunks([...new Set(keys.snils)])) {
    for (const p of store.all<PersonRow>(`SELECT * FROM person WHERE snils IN (${part.map(() => '?').join(',')})`, ...part)) bySnils.set(p.snils!, p);
  }
  for (const part of chunks([...new Set(keys.nameKeys)])) {
    for (const p of store.all<PersonRow & { name_key: string }>(`SELECT * FROM person WHERE name_key IN (${part.map(() => '?').join(',')})`, ...part)) {
      const list = byName.get(p.name_key);
      if (list) list.push(p);
      else byName.set(p.name_key, [p]);
    }
  }
  return { bySnils, byName };
}
