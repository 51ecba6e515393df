import { sortPositions, staffFullName, type StaffDirectory } from '../domain/staff.js';
import type { Position } from '../domain/positions.js';
import { loadPeople, type PersonRow } from './people.js';
import type { Store } from './store.js';

export interface StaffMember extends PersonRow {
  positions: Position[];
}

const collator = new Intl.Collator('ru');
const byName = (a: PersonRow, b: PersonRow) => collator.compare(staffFullName(a), staffFullName(b)) || a.id - b.id;

/** Every staff member's positions, in one query. */
function positionsByStaff(store: Store): Map<number, Position[]> {
  const byStaff = new Map<number, Position[]>();
  for (const { staff_id, position } of store.all<{ staff_id: number; position: Position }>('SELECT staff_id, position FROM staff_position')) {
    byStaff.set(staff_id, [...(byStaff.get(staff_id) ?? []), position]);
  }
  return byStaff;
}

function withPositions(people: PersonRow[], positions: Map<number, Position[]>): StaffMember[] {
  return people.sort(byName).map((p) => ({ ...p, positions: sortPositions(positions.get(p.id) ?? []) }));
}

export function getStaff(store: Store, id: number): StaffMember | undefined {
  const person = store.get<PersonRow>('SELECT p.* FROM person p JOIN staff s ON s.person_id = p.id WHERE p.id = ?', id);
  const positions = store.all<{ position: Position }>('SELECT position FROM staff_position WHERE staff_id = ?', id).map((r) => r.position);
  return person && { ...person, positions: sortPositions(positions) };
}

/** Staff members by name, with their positions (two queries); only those holding `position` when given. */
export function listStaff(store: Store, position?: Position): StaffMember[] {
  const people = position
    ? store.all<PersonRow>('SELECT p.* FROM person p JOIN staff_position sp ON sp.staff_id = p.id WHERE sp.position = ?', position)
    : store.all<PersonRow>('SELECT p.* FROM person p JOIN staff s ON s.person_id = p.id');
  return withPositions(people, positionsByStaff(store));
}

/** What staff matching needs, in a few queries: every staff member, and the people with these СНИЛС. */
export function loadStaffDirectory(store: Store, snils: Iterable<string>): StaffDirectory {
  return { staff: listStaff(store), bySnils: loadPeople(store, { snils, nameKeys: [] }).bySnils };
}

/** Give a person on file the staff role. */
export function insertStaffRole(store: Store, personId: number): void {
  store.run('INSERT INTO staff (person_id) VALUES (?)', personId);
}

/** Replace a staff member's positions. */
export function replacePositions(store: Store, staffId: number, positions: readonly Position[]): void {
  store.run('DELETE FROM staff_position WHERE staff_id = ?', staffId);
  const insert = store.stmt('INSERT INTO staff_position (staff_id, position) VALUES (?, ?)');
  for (const position of positions) insert.run(staffId, position);
}
