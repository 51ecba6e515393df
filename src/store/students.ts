import { InputError } from '../core/errors.js';
import { L } from '../core/i18n.js';
import { type IsoDate } from '../domain/dates.js';
import { normalizeSnils } from '../domain/snils.js';
import { splitFullName, type FullName } from '../domain/person.js';
import type { StudentStatus } from '../domain/orders.js';
import { findPeopleByName, findPersonBySnils, type PersonRow } from './people.js';
import type { Store } from './store.js';

export interface StudentView extends PersonRow {
  status: StudentStatus;
  group_id: number | null;
  group_name: string | null;
  enroll_order_number: string | null;
  enroll_order_date: IsoDate | null;
}

/** Memberships are half-open intervals [from_date, to_date): the order's date is the first day away. */
const ACTIVE_ON = 'm.from_date <= @on AND (m.to_date IS NULL OR @on < m.to_date)';

const VIEW = `
  SELECT p.*, s.status, g.id AS group_id, g.name AS group_name, o.number AS enroll_order_number, o.date AS enroll_order_date
    FROM student s
    JOIN person p ON p.id = s.person_id
    LEFT JOIN membership m ON m.student_id = s.person_id AND ${ACTIVE_ON}
    LEFT JOIN study_group g ON g.id = m.group_id
    LEFT JOIN "order" o ON o.id = s.enroll_order_id`;

export function getStudent(store: Store, id: number, on: IsoDate): StudentView | undefined {
  return store.stmt<StudentView>(`${VIEW} WHERE s.person_id = @id`).get({ id, on }) as StudentView | undefined;
}

/** Students of a group on a date (those in it then), or of the whole store; by name. */
export function listStudents(store: Store, filter: { groupId?: number; status?: StudentStatus; on: IsoDate }): StudentView[] {
  const where = ['1 = 1'];
  if (filter.groupId !== undefined) where.push('m.group_id = @groupId');
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

function isStudent(store: Store, personId: number): boolean {
  return Boolean(store.get('SELECT 1 FROM student WHERE person_id = ?', personId));
}

/**
 * A student named as on the command line: the store's id, a СНИЛС, or a full name that is
 * unique (in the group when one is given).
 */
export function findStudent(store: Store, ref: string, options: { groupId?: number; on: IsoDate }): StudentView {
  const text = ref.trim();
  const byId = /^\d{1,9}$/.test(text) ? getStudent(store, Number(text), options.on) : undefined;
  if (byId) return byId;
  const snils = normalizeSnils(text);
  if (snils) {
    const row = store.get<{ id: number }>('SELECT p.id FROM person p JOIN student s ON s.person_id = p.id WHERE p.snils = ?', snils);
    if (row) return getStudent(store, row.id, options.on)!;
  }
  const name = splitFullName(text);
  if (name) {
    let matches = findPeopleByName(store, name).map((p) => getStudent(store, p.id, options.on)).filter((s): s is StudentView => Boolean(s));
    if (options.groupId !== undefined) matches = matches.filter((s) => s.group_id === options.groupId);
    if (matches.length === 1) return matches[0];
    if (matches.length > 1) {
      throw new InputError('student_ambiguous', L(`"${text}" names ${matches.length} students; use the id or СНИЛС: ${matches.map((s) => `${s.id} (${s.group_name ?? '—'})`).join(', ')}`, `«${text}» — это ${matches.length} обучающихся; укажите id или СНИЛС: ${matches.map((s) => `${s.id} (${s.group_name ?? '—'})`).join(', ')}`));
    }
  }
  throw new InputError('student_not_found', L(`No student "${text}" (give the id, the СНИЛС or the full name).`, `Обучающийся «${text}» не найден (укажите id, СНИЛС или ФИО).`));
}

/** The student a list row names (a list of parents): by СНИЛС, else by full name and birth date; else why not. */
export function findStudentByRef(store: Store, ref: { snils: string } | { name: FullName; birthDate: IsoDate }): { id: number } | { reason: string } {
  if ('snils' in ref) {
    const person = findPersonBySnils(store, ref.snils);
    if (!person || !isStudent(store, person.id)) return { reason: L('no student with this СНИЛС', 'нет обучающегося с таким СНИЛС') };
    return { id: person.id };
  }
  const students = findPeopleByName(store, ref.name, ref.birthDate).filter((p) => isStudent(store, p.id));
  if (students.length === 1) return { id: students[0].id };
  return { reason: students.length ? L(`${students.length} students match; give the СНИЛС`, `подходят ${students.length} обучающихся; укажите СНИЛС`) : L('no such student', 'нет такого обучающегося') };
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
    enrollOrder: s.enroll_order_number ? { number: s.enroll_order_number, date: s.enroll_order_date } : null,
  };
}

export interface StudentState {
  status: StudentStatus;
  groupId: number | null;
  enrollOrder: { number: string; date: IsoDate } | null;
}

/** Status, group on a date and enrolment order of many people at once (absent: not a student). */
export function studentStates(store: Store, ids: number[], on: IsoDate): Map<number, StudentState> {
  const states = new Map<number, StudentState>();
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    const rows = store.all<{ id: number; status: StudentStatus; group_id: number | null; number: string | null; date: IsoDate | null }>(
      `SELECT s.person_id AS id, s.status, m.group_id, o.number, o.date FROM student s
         LEFT JOIN membership m ON m.student_id = s.person_id AND m.from_date <= ? AND (m.to_date IS NULL OR ? < m.to_date)
         LEFT JOIN "order" o ON o.id = s.enroll_order_id
        WHERE s.person_id IN (${part.map(() => '?').join(',')})`,
      on, on, ...part,
    );
    for (const r of rows) states.set(r.id, { status: r.status, groupId: r.group_id, enrollOrder: r.number && r.date ? { number: r.number, date: r.date } : null });
  }
  return states;
}
