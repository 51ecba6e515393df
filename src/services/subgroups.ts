/**
 * Subgroups (issue 10: a lesson names «date, group (or subgroup)»): `group subgroup add`
 * splits off a named part of a group with its students from a date on; `group subgroup list`
 * shows a group's subgroups with who is in each on a date. A lesson of a subgroup is written
 * `ИС-25/1` (see JournalRefs.lessonGroup).
 */
import { InputError } from '../core/errors.js';
import type { IsoDate } from '../domain/dates.js';
import { ensureYearWritable, groupNameKey } from '../domain/groups.js';
import { subgroupLabel } from '../domain/journal.js';
import { assertDateOpen } from '../store/locks.js';
import type { Store } from '../store/store.js';
import { insertSubgroup, subgroupMembersOfGroup, subgroupsOfGroup } from '../store/subgroups.js';
import { findYear } from '../store/years.js';
import { JournalRefs, must } from './journalRefs.js';

export interface SubgroupAddOptions {
  group: string;
  /** The subgroup's name within the group (`1`, `англ-1`): no slash. */
  name: string;
  /** Students of the group on `from`, each by id, СНИЛС or full name. */
  students: string[];
  /** The first day in the subgroup; default: the store's today. */
  from?: IsoDate;
  /** The group's year; default: the year of `from`. */
  year?: string;
}

export interface SubgroupStudent {
  studentId: number;
  student: string;
}

export interface SubgroupResult {
  group: string;
  subgroup: string;
  /** `ИС-25/1` */
  label: string;
  from: IsoDate;
  students: SubgroupStudent[];
}

function fullName(s: { lastName: string; firstName: string; middleName: string | null }): string {
  return [s.lastName, s.firstName, s.middleName].filter(Boolean).join(' ');
}

/**
 * `group subgroup add`: a new subgroup with its students, in one transaction with its audit
 * record. Refused: an empty name or one with a slash (`subgroup_bad_name`), a name the group
 * already has, case and ё folded (`subgroup_exists`), no students (`subgroup_no_students`),
 * a student not in the group on `from`, a closed year (exit 4) or a closed period.
 */
export function addSubgroup(store: Store, o: SubgroupAddOptions): SubgroupResult {
  const name = o.name.replace(/\s+/g, ' ').trim();
  if (!name || name.includes('/')) throw new InputError('subgroup_bad_name', { name: o.name });
  if (!o.students.length) throw new InputError('subgroup_no_students', { name });
  const from = o.from ?? store.today;
  return store.mutate(() => {
    const refs = new JournalRefs(store);
    const group = must(refs.lessonGroup(o.group, from, o.year)).group;
    ensureYearWritable(findYear(store, group.year));
    assertDateOpen(store, from);
    const label = subgroupLabel(group.name, name);
    if (subgroupsOfGroup(store, group.id).some((s) => groupNameKey(s.name) === groupNameKey(name))) throw new InputError('subgroup_exists', { subgroup: label });
    const students = new Map<number, SubgroupStudent>();
    for (const ref of o.students) {
      const s = must(refs.student(group, ref, from));
      students.set(s.studentId, { studentId: s.studentId, student: fullName(s) });
    }
    const row = insertSubgroup(store, group.id, name, [...students.keys()], from);
    const result = { group: group.name, subgroup: name, label, from, students: [...students.values()] };
    store.audit({ entity: 'subgroup', entityId: row.id, action: 'create', after: result });
    return result;
  });
}

export interface SubgroupListed {
  group: string;
  subgroup: string;
  label: string;
  /** The date the students are of. */
  on: IsoDate;
  students: SubgroupStudent[];
}

/** `group subgroup list`: a group's subgroups, each with its students on `on` (default today). */
export function listSubgroups(store: Store, o: { group: string; year?: string; on?: IsoDate }): SubgroupListed[] {
  const on = o.on ?? store.today;
  const group = must(new JournalRefs(store).lessonGroup(o.group, on, o.year)).group;
  const members = subgroupMembersOfGroup(store, group.id).filter((m) => m.fromDate <= on && (m.toDate === null || on < m.toDate));
  return subgroupsOfGroup(store, group.id).map((s) => ({
    group: group.name,
    subgroup: s.name,
    label: subgroupLabel(group.name, s.name),
    on,
    students: members.filter((m) => m.subgroupId === s.id).map((m) => ({ studentId: m.studentId, student: fullName(m) })),
  }));
}
