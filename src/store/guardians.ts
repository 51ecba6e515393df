import type { PersonRow } from '../domain/person.js';
import type { Store } from './store.js';

/**
 * Parents and legal representatives: a `guardian` role on a person, linked to students by
 * `guardianship` with the relation («мать», «опекун»). One guardian may have several children.
 */
export interface GuardianView extends PersonRow {
  relation: string;
}

export function guardiansOf(store: Store, studentId: number): GuardianView[] {
  return store.all<GuardianView>(
    'SELECT p.*, gs.relation FROM guardianship gs JOIN person p ON p.id = gs.guardian_id WHERE gs.student_id = ? ORDER BY p.last_name, p.first_name, p.id',
    studentId,
  );
}

/** The guardians of many students at once, by student: for planning a list of parents. */
export function guardiansOfStudents(store: Store, studentIds: Iterable<number>): Map<number, GuardianView[]> {
  const out = new Map<number, GuardianView[]>();
  const ids = [...new Set(studentIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    const rows = store.all<GuardianView & { student_id: number }>(
      `SELECT p.*, gs.relation, gs.student_id FROM guardianship gs JOIN person p ON p.id = gs.guardian_id
        WHERE gs.student_id IN (${part.map(() => '?').join(',')}) ORDER BY p.last_name, p.first_name, p.id`,
      ...part,
    );
    for (const { student_id, ...g } of rows) {
      const list = out.get(student_id);
      if (list) list.push(g);
      else out.set(student_id, [g]);
    }
  }
  return out;
}

/** Give a person the guardian role (no-op when they have it). */
export function addGuardianRole(store: Store, personId: number): void {
  store.run('INSERT OR IGNORE INTO guardian (person_id) VALUES (?)', personId);
}

export function insertGuardianship(store: Store, guardianId: number, studentId: number, relation: string): void {
  store.run('INSERT INTO guardianship (guardian_id, student_id, relation) VALUES (?, ?, ?)', guardianId, studentId, relation);
}

export function updateGuardianshipRelation(store: Store, guardianId: number, studentId: number, relation: string): void {
  store.run('UPDATE guardianship SET relation = ? WHERE guardian_id = ? AND student_id = ?', relation, guardianId, studentId);
}
