/**
 * Subgroups' SQL: a group's subgroups and who is in each over which dates ([from, to), as
 * memberships). The caller owns the transaction, the checks and the audit.
 */
import type { IsoDate } from '../domain/dates.js';
import type { Store } from './store.js';

export interface SubgroupRow {
  id: number;
  groupId: number;
  name: string;
}

export interface SubgroupMemberRow {
  subgroupId: number;
  studentId: number;
  lastName: string;
  firstName: string;
  middleName: string | null;
  fromDate: IsoDate;
  toDate: IsoDate | null;
}

const collator = new Intl.Collator('ru', { numeric: true });

/** A group's subgroups, in name order (`1` before `2` before `10`). */
export function subgroupsOfGroup(store: Store, groupId: number): SubgroupRow[] {
  return store.all<SubgroupRow>('SELECT id, group_id AS groupId, name FROM subgroup WHERE group_id = ?', groupId).sort((a, b) => collator.compare(a.name, b.name));
}

/** Everyone who was ever in the group's subgroups, with each stay ([from, to)). */
export function subgroupMembersOfGroup(store: Store, groupId: number): SubgroupMemberRow[] {
  return store.all<SubgroupMemberRow>(
    `SELECT sm.subgroup_id AS subgroupId, sm.student_id AS studentId, p.last_name AS lastName, p.first_name AS firstName, p.middle_name AS middleName,
            sm.from_date AS fromDate, sm.to_date AS toDate
       FROM subgroup_member sm JOIN subgroup s ON s.id = sm.subgroup_id JOIN person p ON p.id = sm.student_id
      WHERE s.group_id = ? ORDER BY p.last_name, p.first_name, p.middle_name, p.id, sm.from_date`,
    groupId,
  );
}

/** Insert a subgroup with its members from a date on (still there). */
export function insertSubgroup(store: Store, groupId: number, name: string, studentIds: readonly number[], from: IsoDate): SubgroupRow {
  const { lastInsertRowid } = store.run('INSERT INTO subgroup (group_id, name) VALUES (?, ?)', groupId, name);
  const id = Number(lastInsertRowid);
  const member = store.stmt('INSERT INTO subgroup_member (subgroup_id, student_id, from_date) VALUES (?, ?, ?)');
  for (const studentId of studentIds) member.run(id, studentId, from);
  return { id, groupId, name };
}
