/**
 * The journal's SQL: lessons, current marks, attendance. Every write takes the LockGate of
 * its transaction and asks it about the lesson's date first (store/locks.ts); every mark,
 * absence and topic records when and by whom it was entered (the store's clock and actor).
 */
import type { IsoDate } from '../domain/dates.js';
import { markSlotKey, sortAttendanceWrites, sortMarkWrites, type AttendanceCode, type MarkValue, type WorkType } from '../domain/journal.js';
import type { LockGate } from './locks.js';
import type { Store } from './store.js';

export interface LessonRow {
  id: number;
  groupId: number;
  subjectId: number;
  /** The subgroup the lesson is for; null: the whole group. */
  subgroupId: number | null;
  teacherId: number | null;
  date: IsoDate;
  number: number;
  hours: number;
  topic: string | null;
  homework: string | null;
  enteredAt: string;
  enteredBy: string;
  topicEnteredAt: string | null;
  topicEnteredBy: string | null;
}

const LESSON_SELECT = `SELECT id, group_id AS groupId, subject_id AS subjectId, subgroup_id AS subgroupId, teacher_id AS teacherId, date, number, hours, topic, homework,
  entered_at AS enteredAt, entered_by AS enteredBy, topic_entered_at AS topicEnteredAt, topic_entered_by AS topicEnteredBy FROM lesson`;

export function listWorkTypes(store: Store): WorkType[] {
  return store.all<WorkType>('SELECT id, name, weight FROM work_type ORDER BY id');
}

/** Set a work type's weight (adding the type when it is new); returns the row before, if any. */
export function saveWorkType(store: Store, name: string, weight: number): { before?: WorkType; after: WorkType } {
  const before = store.get<WorkType>('SELECT id, name, weight FROM work_type WHERE name = ?', name);
  store.run('INSERT INTO work_type (name, weight) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET weight = excluded.weight', name, weight);
  return { before, after: store.get<WorkType>('SELECT id, name, weight FROM work_type WHERE name = ?', name)! };
}

export interface MemberRow {
  studentId: number;
  lastName: string;
  firstName: string;
  middleName: string | null;
  snils: string | null;
  fromDate: IsoDate;
  toDate: IsoDate | null;
}

/** Everyone who was ever in a group, with the interval of each stay ([from, to)). */
export function groupMemberships(store: Store, groupId: number): MemberRow[] {
  return store.all<MemberRow>(
    `SELECT m.student_id AS studentId, p.last_name AS lastName, p.first_name AS firstName, p.middle_name AS middleName, p.snils,
            m.from_date AS fromDate, m.to_date AS toDate
       FROM membership m JOIN person p ON p.id = m.student_id
      WHERE m.group_id = ? ORDER BY p.last_name, p.first_name, p.middle_name, p.id, m.from_date`,
    groupId,
  );
}

export function getLesson(store: Store, id: number): LessonRow | undefined {
  return store.get<LessonRow>(`${LESSON_SELECT} WHERE id = ?`, id);
}

/** The lessons of a group in a subject on a day, by number. */
export function lessonsOn(store: Store, groupId: number, subjectId: number, date: IsoDate): LessonRow[] {
  return store.all<LessonRow>(`${LESSON_SELECT} WHERE group_id = ? AND subject_id = ? AND date = ? ORDER BY number`, groupId, subjectId, date);
}

/** The lessons of a group in a subject over [from, to], in order. */
export function lessonsOfGroupSubject(store: Store, groupId: number, subjectId: number, from: IsoDate, to: IsoDate): LessonRow[] {
  return store.all<LessonRow>(`${LESSON_SELECT} WHERE group_id = ? AND subject_id = ? AND date BETWEEN ? AND ? ORDER BY date, number`, groupId, subjectId, from, to);
}

export interface LessonDraft {
  groupId: number;
  subjectId: number;
  /** A lesson of one subgroup; null (or left out): the whole group. */
  subgroupId?: number | null;
  teacherId: number | null;
  date: IsoDate;
  number: number;
  hours: number;
  topic: string | null;
  homework: string | null;
}

export type WriteAction = 'created' | 'updated' | 'unchanged';

/**
 * Create a lesson, or update the one with the same group, subject, date and number (an empty
 * topic or homework keeps what is there). Guarded by the lesson's date.
 */
export function saveLesson(store: Store, gate: LockGate, draft: LessonDraft, at = store.nowIso()): { lesson: LessonRow; action: WriteAction; before?: LessonRow } {
  gate.check({ kind: 'lesson', date: draft.date });
  const before = store.get<LessonRow>(`${LESSON_SELECT} WHERE group_id = ? AND subject_id = ? AND date = ? AND number = ?`, draft.groupId, draft.subjectId, draft.date, draft.number);
  if (!before) {
    const { lastInsertRowid } = store.run(
      `INSERT INTO lesson (group_id, subject_id, subgroup_id, teacher_id, date, number, hours, topic, homework, entered_at, entered_by, topic_entered_at, topic_entered_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      draft.groupId, draft.subjectId, draft.subgroupId ?? null, draft.teacherId, draft.date, draft.number, draft.hours, draft.topic, draft.homework, at, store.actor,
      draft.topic ? at : null, draft.topic ? store.actor : null,
    );
    return { lesson: getLesson(store, Number(lastInsertRowid))!, action: 'created' };
  }
  const next = {
    teacherId: draft.teacherId ?? before.teacherId,
    hours: draft.hours,
    topic: draft.topic ?? before.topic,
    homework: draft.homework ?? before.homework,
  };
  if (next.teacherId === before.teacherId && next.hours === before.hours && next.topic === before.topic && next.homework === before.homework) {
    return { lesson: before, action: 'unchanged' };
  }
  const topicChanged = next.topic !== before.topic;
  store.run(
    `UPDATE lesson SET teacher_id = ?, hours = ?, topic = ?, homework = ?,
            topic_entered_at = CASE WHEN ? THEN ? ELSE topic_entered_at END, topic_entered_by = CASE WHEN ? THEN ? ELSE topic_entered_by END
      WHERE id = ?`,
    next.teacherId, next.hours, next.topic, next.homework, topicChanged ? 1 : 0, at, topicChanged ? 1 : 0, store.actor, before.id,
  );
  return { lesson: getLesson(store, before.id)!, action: 'updated', before };
}

export interface MarkDraft {
  lessonId: number;
  /** The lesson's date: what the lock rules look at. */
  date: IsoDate;
  studentId: number;
  value: MarkValue;
  workTypeId: number;
  weight: number;
}

export interface MarkChange {
  lessonId: number;
  studentId: number;
  workTypeId: number;
  before: MarkValue | null;
  after: MarkValue;
}

/**
 * The locks of a batch of journal writes: asked once per distinct lesson date (the gate
 * remembers its answers), before anything is written.
 */
function checkLessonDates(gate: LockGate, drafts: readonly { date: IsoDate }[]): void {
  let last: IsoDate | undefined;
  for (const d of drafts) {
    if (d.date === last) continue;
    last = d.date;
    gate.check({ kind: 'lesson', date: d.date });
  }
}

/** Lessons whose marks (or attendance) one read brings in: a write of a million drafts holds a run's, never all of them. */
const LESSONS_PER_READ = 200;

/**
 * The drafts in consecutive runs that touch at most LESSONS_PER_READ lessons each, with those
 * lessons as the JSON array `json_each` reads. The runs keep the drafts' order, and a draft
 * never meets another's slot (each slot is named once), so writing run after run writes what
 * writing all at once would, in the same order.
 */
function* lessonRuns<D extends { lessonId: number }>(drafts: readonly D[]): Generator<{ drafts: readonly D[]; lessonIds: string }> {
  let from = 0;
  let lessons = new Set<number>();
  for (let i = 0; i <= drafts.length; i++) {
    if (i === drafts.length || (lessons.size === LESSONS_PER_READ && !lessons.has(drafts[i].lessonId))) {
      if (i > from) yield { drafts: drafts.slice(from, i), lessonIds: JSON.stringify([...lessons]) };
      from = i;
      lessons = new Set();
    }
    if (i < drafts.length) lessons.add(drafts[i].lessonId);
  }
}

/** The current marks of the given lessons, by slot (`lessonId:studentId:workTypeId`). */
export function marksOnLessons(store: Store, lessonIds: string): Map<string, { id: number; value: MarkValue; weight: number }> {
  const rows = store.all<{ id: number; lessonId: number; studentId: number; workTypeId: number; value: MarkValue; weight: number }>(
    `SELECT id, lesson_id AS lessonId, student_id AS studentId, work_type_id AS workTypeId, value, weight FROM mark
      WHERE lesson_id IN (SELECT value FROM json_each(?))`,
    lessonIds,
  );
  return new Map(rows.map((r) => [markSlotKey(r), r]));
}

/**
 * Write current marks (insert, or replace the value of the same lesson, student and work
 * type); counts and the changes of existing marks (the first `changesKept`). The marks the
 * batch touches are read a run of lessons at a time (see lessonRuns), the decisions made in
 * domain/journal.ts, the writes done through reused statements.
 */
export function writeMarks(store: Store, gate: LockGate, drafts: readonly MarkDraft[], at = store.nowIso(), changesKept = Infinity): { created: number; updated: number; unchanged: number; changes: MarkChange[] } {
  checkLessonDates(gate, drafts);
  const insert = store.stmt('INSERT INTO mark (lesson_id, student_id, value, work_type_id, weight, entered_at, entered_by) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const update = store.stmt('UPDATE mark SET value = ?, weight = ?, entered_at = ?, entered_by = ? WHERE id = ?');
  const out = { created: 0, updated: 0, unchanged: 0, changes: [] as MarkChange[] };
  for (const run of lessonRuns(drafts)) {
    const plan = sortMarkWrites(run.drafts, marksOnLessons(store, run.lessonIds));
    for (const d of plan.inserts) insert.run(d.lessonId, d.studentId, d.value, d.workTypeId, d.weight, at, store.actor);
    for (const u of plan.updates) update.run(u.draft.value, u.draft.weight, at, store.actor, u.id);
    out.created += plan.inserts.length;
    out.updated += plan.updates.length;
    out.unchanged += plan.unchanged;
    for (const u of plan.updates.slice(0, changesKept - out.changes.length)) {
      out.changes.push({ lessonId: u.draft.lessonId, studentId: u.draft.studentId, workTypeId: u.draft.workTypeId, before: u.before, after: u.draft.value });
    }
  }
  return out;
}

/** Remove a student's marks of a lesson (one work type, or all); returns what was removed. */
export function removeMarks(store: Store, gate: LockGate, lesson: { id: number; date: IsoDate }, studentId: number, workTypeId?: number): { workTypeId: number; value: MarkValue }[] {
  gate.check({ kind: 'lesson', date: lesson.date });
  const rows = store.all<{ workTypeId: number; value: MarkValue }>(
    'SELECT work_type_id AS workTypeId, value FROM mark WHERE lesson_id = ? AND student_id = ? AND (? IS NULL OR work_type_id = ?)',
    lesson.id, studentId, workTypeId ?? null, workTypeId ?? null,
  );
  store.run('DELETE FROM mark WHERE lesson_id = ? AND student_id = ? AND (? IS NULL OR work_type_id = ?)', lesson.id, studentId, workTypeId ?? null, workTypeId ?? null);
  return rows;
}

export interface AttendanceDraft {
  lessonId: number;
  date: IsoDate;
  studentId: number;
  code: AttendanceCode;
}

export interface AttendanceChange {
  lessonId: number;
  studentId: number;
  before: AttendanceCode | null;
  after: AttendanceCode;
}

/** The attendance marks of the given lessons, by `lessonId:studentId`. */
export function attendanceOnLessons(store: Store, lessonIds: string): Map<string, AttendanceCode> {
  const rows = store.all<{ lessonId: number; studentId: number; code: AttendanceCode }>(
    'SELECT lesson_id AS lessonId, student_id AS studentId, code FROM attendance WHERE lesson_id IN (SELECT value FROM json_each(?))',
    lessonIds,
  );
  return new Map(rows.map((r) => [`${r.lessonId}:${r.studentId}`, r.code]));
}

/**
 * Write attendance marks. Turning ОТ into a reason (Б, УП, НП) records who set the reason and
 * when, beside who entered the absence. What the batch touches is read a run of lessons at a
 * time (see lessonRuns), then written; the changes: reasons set, then other changes (the
 * first `changesKept` of each).
 */
export function writeAttendance(store: Store, gate: LockGate, drafts: readonly AttendanceDraft[], at = store.nowIso(), changesKept = Infinity): { created: number; updated: number; unchanged: number; changes: AttendanceChange[] } {
  checkLessonDates(gate, drafts);
  const insert = store.stmt('INSERT INTO attendance (lesson_id, student_id, code, entered_at, entered_by) VALUES (?, ?, ?, ?, ?)');
  const setReason = store.stmt('UPDATE attendance SET code = ?, reason_set_at = ?, reason_set_by = ? WHERE lesson_id = ? AND student_id = ?');
  const replace = store.stmt('UPDATE attendance SET code = ?, entered_at = ?, entered_by = ?, reason_set_at = NULL, reason_set_by = NULL WHERE lesson_id = ? AND student_id = ?');
  const out = { created: 0, updated: 0, unchanged: 0 };
  const reasons: AttendanceChange[] = [];
  const replaces: AttendanceChange[] = [];
  const change = ({ draft: d, before }: { draft: AttendanceDraft; before: AttendanceCode }): AttendanceChange => ({ lessonId: d.lessonId, studentId: d.studentId, before, after: d.code });
  for (const run of lessonRuns(drafts)) {
    const plan = sortAttendanceWrites(run.drafts, attendanceOnLessons(store, run.lessonIds));
    for (const d of plan.inserts) insert.run(d.lessonId, d.studentId, d.code, at, store.actor);
    for (const { draft: d } of plan.reasons) setReason.run(d.code, at, store.actor, d.lessonId, d.studentId);
    for (const { draft: d } of plan.replaces) replace.run(d.code, at, store.actor, d.lessonId, d.studentId);
    out.created += plan.inserts.length;
    out.updated += plan.reasons.length + plan.replaces.length;
    out.unchanged += plan.unchanged;
    for (const r of plan.reasons.slice(0, changesKept - reasons.length)) reasons.push(change(r));
    for (const r of plan.replaces.slice(0, changesKept - replaces.length)) replaces.push(change(r));
  }
  return { ...out, changes: [...reasons, ...replaces] };
}

/** Remove a student's attendance mark on a lesson (they were there after all). */
export function removeAttendance(store: Store, gate: LockGate, lesson: { id: number; date: IsoDate }, studentId: number): AttendanceCode | undefined {
  gate.check({ kind: 'lesson', date: lesson.date });
  const old = store.get<{ code: AttendanceCode }>('SELECT code FROM attendance WHERE lesson_id = ? AND student_id = ?', lesson.id, studentId);
  store.run('DELETE FROM attendance WHERE lesson_id = ? AND student_id = ?', lesson.id, studentId);
  return old?.code;
}

/** The attendance marks of one lesson, by student. */
export function attendanceOfLesson(store: Store, lessonId: number): Map<number, AttendanceCode> {
  return new Map(store.all<{ studentId: number; code: AttendanceCode }>('SELECT student_id AS studentId, code FROM attendance WHERE lesson_id = ?', lessonId).map((r) => [r.studentId, r.code]));
}

/** The students with at least one mark on a lesson. */
export function studentsMarkedOnLesson(store: Store, lessonId: number): Set<number> {
  return new Set(store.all<{ studentId: number }>('SELECT DISTINCT student_id AS studentId FROM mark WHERE lesson_id = ?', lessonId).map((r) => r.studentId));
}

/** A student's absences still ОТ on the lessons of a group over [from, to] (a subject, or all). */
export function pendingAbsences(store: Store, q: { groupId: number; studentId: number; from: IsoDate; to: IsoDate; subjectId?: number }): { lessonId: number; date: IsoDate; subjectId: number; subject: string }[] {
  return store.all(
    `SELECT l.id AS lessonId, l.date, l.subject_id AS subjectId, s.code AS subject FROM attendance a JOIN lesson l ON l.id = a.lesson_id JOIN subject s ON s.id = l.subject_id
      WHERE a.student_id = ? AND a.code = 'ОТ' AND l.group_id = ? AND l.date BETWEEN ? AND ? AND (? IS NULL OR l.subject_id = ?)
      ORDER BY l.date, l.number`,
    q.studentId, q.groupId, q.from, q.to, q.subjectId ?? null, q.subjectId ?? null,
  );
}

export interface MarkFact {
  lessonId: number;
  studentId: number;
  subjectId: number;
  date: IsoDate;
  value: MarkValue;
  weight: number;
  workType: string;
}

/** Current marks of a group's lessons over [from, to] (one subject, or all). */
export function marksOfGroup(store: Store, q: { groupId: number; from: IsoDate; to: IsoDate; subjectId?: number }): MarkFact[] {
  return store.all<MarkFact>(
    `SELECT m.lesson_id AS lessonId, m.student_id AS studentId, l.subject_id AS subjectId, l.date, m.value, m.weight, w.name AS workType
       FROM lesson l JOIN mark m ON m.lesson_id = l.id JOIN work_type w ON w.id = m.work_type_id
      WHERE l.group_id = ? AND l.date BETWEEN ? AND ? AND (? IS NULL OR l.subject_id = ?)
      ORDER BY l.date, l.number, m.work_type_id`,
    q.groupId, q.from, q.to, q.subjectId ?? null, q.subjectId ?? null,
  );
}

export interface AttendanceFact {
  lessonId: number;
  studentId: number;
  subjectId: number;
  date: IsoDate;
  hours: number;
  code: AttendanceCode;
}

/** Attendance marks of a group's lessons over [from, to] (one subject, or all). */
export function attendanceOfGroup(store: Store, q: { groupId: number; from: IsoDate; to: IsoDate; subjectId?: number }): AttendanceFact[] {
  return store.all<AttendanceFact>(
    `SELECT a.lesson_id AS lessonId, a.student_id AS studentId, l.subject_id AS subjectId, l.date, l.hours, a.code
       FROM lesson l JOIN attendance a ON a.lesson_id = l.id
      WHERE l.group_id = ? AND l.date BETWEEN ? AND ? AND (? IS NULL OR l.subject_id = ?)`,
    q.groupId, q.from, q.to, q.subjectId ?? null, q.subjectId ?? null,
  );
}

/** The subjects a group has lessons in over [from, to]. */
export function subjectsTaught(store: Store, groupId: number, from: IsoDate, to: IsoDate): { subjectId: number; code: string; name: string; lessons: number }[] {
  return store.all(
    `SELECT s.id AS subjectId, s.code, s.name, count(*) AS lessons FROM lesson l JOIN subject s ON s.id = l.subject_id
      WHERE l.group_id = ? AND l.date BETWEEN ? AND ? GROUP BY s.id ORDER BY s.code`,
    groupId, from, to,
  );
}

/** Whether any journal row exists (lessons), for tests and checks. */
export function countJournal(store: Store): { lessons: number; marks: number; attendance: number } {
  return store.get<{ lessons: number; marks: number; attendance: number }>(
    'SELECT (SELECT count(*) FROM lesson) AS lessons, (SELECT count(*) FROM mark) AS marks, (SELECT count(*) FROM attendance) AS attendance',
  )!;
}
