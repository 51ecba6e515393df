import { type IsoDate } from '../domain/dates.js';
import type { StudentStatus } from '../domain/orders.js';
import { findPeopleByName, type PersonRow } from './people.js';
import type { StudentState } from '../domain/enrolment.js';
import type { Store } from './store.js';

export interface StudentView extends PersonRow {
  status: StudentStatus;
  group_id: number | null;
  group_name: string | null;
  /** The year of that group: a student held back stays in a group of the year before. */
  group_year: string | null;
  group_course: number | null;
  enroll_order_number: string | null;
  enroll_order_date: IsoDate | null;
}

/** Memberships are half-open intervals [from_date, to_date): the order's date is the first day away. */
const ACTIVE_ON = 'm.from_date <= @on AND (m.to_date IS NULL OR @on < m.to_date)';

const VIEW = `
  SELECT p.*, s.status, g.id AS group_id, g.name AS group_name, gy.name AS group_year, g.course AS group_course, o.number AS enroll_order_number, o.date AS enroll_order_date
    FROM student s
    JOIN person p ON p.id = s.person_id
    LEFT JOIN membership m ON m.student_id = s.person_id AND ${ACTIVE_ON}
    LEFT JOIN study_group g ON g.id = m.group_id
    LEFT JOIN year gy ON gy.id = g.year_id
    LEFT JOIN "order" o ON o.id = s.enroll_order_id`;

export function getStudent(store: Store, id: number, on: IsoDate): StudentView | undefined {
  return store.stmt<StudentView>(`${VIEW} WHERE s.person_id = @id`).get({ id, on }) as StudentView | undefined;
}

/**
 * Students of a group on a date (those in it then), or of the whole store; by name. With
 * `inGroup`, only those in some group on the date (the roster of the college that day).
 */
export function listStudents(store: Store, filter: { groupId?: number; status?: StudentStatus; on: IsoDate; inGroup?: boolean }): StudentView[] {
  const where = ['1 = 1'];
  if (filter.groupId !== undefined) where.push('m.group_id = @groupId');
  if (filter.inGroup) where.push('m.group_id IS NOT NULL');
  if (filter.status) where.push('s.status = @status');
  return store.stmt<StudentView>(`${VIEW} WHERE ${where.join(' AND ')} ORDER BY p.last_name, p.first_name, p.middle_name, p.id`).all({
    on: filter.on,
    groupId: filter.groupId ?? null,
    status: filter.status ?? null,
  }) as StudentView[];
}

/** The group a student is in on a date, if any. */
export function currentGroupId(store: Store, studentId: number, on: IsoDate): number | undefined {
  return store.stmt<{ group_id: number }>(`SELECT m.group_id FROM membership m WHERE m.student_id = @id AND ${ACTIVE_ON}`).get({ id: studentId, on })?.group_id;
}

/** The student with this СНИЛС, if any. */
export function findStudentBySnils(store: Store, snils: string, on: IsoDate): StudentView | undefined {
  const row = store.get<{ id: number }>('SELECT p.id FROM person p JOIN student s ON s.person_id = p.id WHERE p.snils = ?', snils);
  return row ? getStudent(store, row.id, on) : undefined;
}

/** The students with this full name (case- and ё-insensitive), as on a date. */
export function findStudentsByName(store: Store, name: { last: string; first: string; middle?: string | null }, on: IsoDate): StudentView[] {
  return findPeopleByName(store, name).map((p) => getStudent(store, p.id, on)).filter((s): s is StudentView => Boolean(s));
}

/** Which of these people have a student role: one query per 500. */
export function studentIdsAmong(store: Store, personIds: Iterable<number>): Set<number> {
  const ids = [...new Set(personIds)];
  const out = new Set<number>();
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    for (const r of store.all<{ id: number }>(`SELECT person_id AS id FROM student WHERE person_id IN (${part.map(() => '?').join(',')})`, ...part)) out.add(r.id);
  }
  return out;
}

/** Plain JSON shape of a student for scripts. */
export function publicStudent(s: StudentView) {
  return {
    id: s.id,
    lastName: s.last_name,
    firstName: s.first_name,
    middleName: s.middle_name,
    birthDate: s.birth_date,
    sex: s.sex,
    snils: s.snils,
    phone: s.phone,
    email: s.email,
    status: s.status,
    group: s.group_name,
    groupYear: s.group_year,
    enrollOrder: s.enroll_order_number ? { number: s.enroll_order_number, date: s.enroll_order_date } : null,
  };
}

export type { StudentState } from '../domain/enrolment.js';

/** Status, group on a date and enrolment order of many people at once (absent: not a student). */
export function studentStates(store: Store, ids: number[], on: IsoDate): Map<number, StudentState> {
  const states = new Map<number, StudentState>();
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    const rows = store.all<{ id: number; status: StudentStatus; group_id: number | null; number: string | null; date: IsoDate | null; enrolled_into: string | null }>(
      `SELECT s.person_id AS id, s.status, m.group_id, o.number, o.date,
              (SELECT g.name FROM order_item i JOIN study_group g ON g.id = i.to_group_id WHERE i.order_id = s.enroll_order_id AND i.student_id = s.person_id) AS enrolled_into
         FROM student s
         LEFT JOIN membership m ON m.student_id = s.person_id AND m.from_date <= ? AND (m.to_date IS NULL OR ? < m.to_date)
         LEFT JOIN "order" o ON o.id = s.enroll_order_id
        WHERE s.person_id IN (${part.map(() => '?').join(',')})`,
      on, on, ...part,
    );
    for (const r of rows) states.set(r.id, { status: r.status, groupId: r.group_id, enrollOrder: r.number && r.date ? { number: r.number, date: r.date } : null, enrolledInto: r.enrolled_into });
  }
  return states;
}
