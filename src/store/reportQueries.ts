/**
 * The questions the reports ask of the store, SQL only. Each one reads a group (or a teacher,
 * or a date range) through an index, so a report of one group costs the same in a store of a
 * thousand students and of a hundred thousand (bench/report.js measures it).
 */
import type { IsoDate } from '../domain/dates.js';
import type { Assessment, SubjectKind } from '../domain/programs.js';
import type { Store } from './store.js';

export interface GroupStudent {
  studentId: number;
  name: string;
  /** The first day in the group within the range's stays, and the day they left (null: still there). */
  fromDate: IsoDate;
  toDate: IsoDate | null;
}

/**
 * The students who were in a group at some time in [from, to], by name, each once (several
 * stays merged: earliest start, latest end). Memberships are half-open [from_date, to_date).
 */
export function studentsOfGroupDuring(store: Store, groupId: number, from: IsoDate, to: IsoDate): GroupStudent[] {
  return store.all<GroupStudent>(
    `SELECT m.student_id AS studentId, p.last_name || ' ' || p.first_name || coalesce(' ' || p.middle_name, '') AS name,
            min(m.from_date) AS fromDate, CASE WHEN count(*) > count(m.to_date) THEN NULL ELSE max(m.to_date) END AS toDate
       FROM membership m JOIN person p ON p.id = m.student_id
      WHERE m.group_id = ? AND m.from_date <= ? AND (m.to_date IS NULL OR ? < m.to_date)
      GROUP BY m.student_id
      ORDER BY p.last_name, p.first_name, p.middle_name, p.id`,
    groupId, to, from,
  );
}

export interface PlannedSubject {
  subjectId: number;
  code: string;
  name: string;
  kind: SubjectKind;
  semester: number;
  hours: number;
  assessment: Assessment | null;
}

/** The curriculum's subjects of a program in these (absolute) semesters, by semester and code. */
export function plannedSubjects(store: Store, programId: number, semesters: readonly number[]): PlannedSubject[] {
  if (!semesters.length) return [];
  return store.all<PlannedSubject>(
    `SELECT s.id AS subjectId, s.code, s.name, s.kind, pi.semester, pi.hours, pi.assessment
       FROM plan_item pi JOIN subject s ON s.id = pi.subject_id
      WHERE s.program_id = ? AND pi.semester IN (${semesters.map(() => '?').join(',')})
      ORDER BY pi.semester, s.code`,
    programId, ...semesters,
  );
}

/** Subjects by id (code, name, kind). */
export function subjectsByIds(store: Store, ids: readonly number[]): { subjectId: number; code: string; name: string; kind: SubjectKind }[] {
  if (!ids.length) return [];
  return store.all(`SELECT id AS subjectId, code, name, kind FROM subject WHERE id IN (${ids.map(() => '?').join(',')}) ORDER BY code`, ...ids);
}

/** Full names of staff (or any people) by id. */
export function peopleNames(store: Store, ids: readonly number[]): Map<number, string> {
  if (!ids.length) return new Map();
  const rows = store.all<{ id: number; name: string }>(
    `SELECT id, last_name || ' ' || first_name || coalesce(' ' || middle_name, '') AS name FROM person WHERE id IN (${ids.map(() => '?').join(',')})`,
    ...ids,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface TeachingLoad {
  teacherId: number | null;
  groupId: number;
  subjectId: number;
  lessons: number;
  hours: number;
  topicsFilled: number;
  marks: number;
}

/**
 * Per teacher, group and subject over [from, to]: lessons held, their hours, lessons with a
 * topic and current marks given. Only these groups when given (one index range each).
 */
export function teachingLoad(store: Store, from: IsoDate, to: IsoDate, groupIds?: readonly number[]): TeachingLoad[] {
  const sql = (where: string) => `SELECT l.teacher_id AS teacherId, l.group_id AS groupId, l.subject_id AS subjectId, count(*) AS lessons, sum(l.hours) AS hours,
            sum(CASE WHEN l.topic IS NOT NULL AND trim(l.topic) <> '' THEN 1 ELSE 0 END) AS topicsFilled,
            sum((SELECT count(*) FROM mark m WHERE m.lesson_id = l.id)) AS marks
       FROM lesson l WHERE ${where} l.date BETWEEN ? AND ?
      GROUP BY l.teacher_id, l.group_id, l.subject_id`;
  if (groupIds) return groupIds.flatMap((g) => store.all<TeachingLoad>(sql('l.group_id = ? AND'), g, from, to));
  return store.all<TeachingLoad>(sql(''), from, to);
}

/** Period (or year/exam/final) marks of a group's students in one subject. */
export function gradeValuesOfSubject(store: Store, q: { yearId: number; periodId: number | null; kind: string; subjectId: number; studentIds: readonly number[] }): string[] {
  const out: string[] = [];
  for (let i = 0; i < q.studentIds.length; i += 500) {
    const part = q.studentIds.slice(i, i + 500);
    out.push(
      ...store
        .all<{ value: string }>(
          `SELECT value FROM grade WHERE year_id = ? AND kind = ? AND ifnull(period_id, 0) = ifnull(?, 0) AND subject_id = ? AND student_id IN (${part.map(() => '?').join(',')})`,
          q.yearId, q.kind, q.periodId, q.subjectId, ...part,
        )
        .map((r) => r.value),
    );
  }
  return out;
}

export interface ActorActivity {
  actor: string;
  kind: string;
  actions: number;
  first: string;
  last: string;
}

/** The audit log over [from, to] (dates, inclusive), per actor and kind (`entity.action`). */
export function auditActivity(store: Store, from: IsoDate, to: IsoDate): ActorActivity[] {
  return store.all<ActorActivity>(
    `SELECT actor, entity || '.' || action AS kind, count(*) AS actions, min(at) AS first, max(at) AS last
       FROM audit WHERE at >= ? AND at < ? GROUP BY actor, entity, action ORDER BY actor, kind`,
    from, `${to}T99`,
  );
}

export interface MarkEntryDay {
  teacherId: number | null;
  lessonDate: IsoDate;
  enteredOn: IsoDate;
  marks: number;
}

/**
 * Current marks of lessons over [from, to], counted per lesson teacher, lesson date and the
 * (UTC) date the mark was entered: what "marks entered on time" is decided from.
 */
export function markEntryDays(store: Store, from: IsoDate, to: IsoDate): MarkEntryDay[] {
  return store.all<MarkEntryDay>(
    `SELECT l.teacher_id AS teacherId, l.date AS lessonDate, substr(m.entered_at, 1, 10) AS enteredOn, count(*) AS marks
       FROM lesson l JOIN mark m ON m.lesson_id = l.id
      WHERE l.date BETWEEN ? AND ? GROUP BY l.teacher_id, l.date, substr(m.entered_at, 1, 10)`,
    from, to,
  );
}

/** Per teacher over [from, to]: lessons held and lessons with a topic. */
export function lessonsByTeacher(store: Store, from: IsoDate, to: IsoDate): { teacherId: number | null; lessons: number; topicsFilled: number }[] {
  return store.all(
    `SELECT teacher_id AS teacherId, count(*) AS lessons, sum(CASE WHEN topic IS NOT NULL AND trim(topic) <> '' THEN 1 ELSE 0 END) AS topicsFilled
       FROM lesson WHERE date BETWEEN ? AND ? GROUP BY teacher_id`,
    from, to,
  );
}

/** A group of a year by its exact name, through the (year, name) index; undefined when none is named so. */
export function groupIdNamed(store: Store, yearId: number, name: string): number | undefined {
  return store.get<{ id: number }>('SELECT id FROM study_group WHERE year_id = ? AND name = ?', yearId, name.trim())?.id;
}
