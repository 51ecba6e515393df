/**
 * Period and final marks and course works: SQL only. Every write asks the LockGate of its
 * transaction: a period mark by its period's end, a year, exam or final mark by the year's.
 */
import type { IsoDate } from '../domain/dates.js';
import type { CourseworkMark, GradeKind, GradeValue } from '../domain/grading.js';
import type { LockGate } from './locks.js';
import type { Store } from './store.js';

export interface GradeDraft {
  studentId: number;
  subjectId: number;
  yearId: number;
  periodId: number | null;
  kind: GradeKind;
  value: GradeValue;
  /** The end of the period (or year) the mark closes: what the lock rules look at. */
  periodEnd: IsoDate;
}

export interface GradeChange {
  studentId: number;
  subjectId: number;
  kind: GradeKind;
  before: GradeValue | null;
  after: GradeValue;
}

export interface GradeRow {
  studentId: number;
  subjectId: number;
  kind: GradeKind;
  periodId: number | null;
  value: GradeValue;
  enteredAt: string;
  enteredBy: string;
}

/** Set period and final marks (insert or replace); counts and every change made. */
export function writeGrades(store: Store, gate: LockGate, drafts: readonly GradeDraft[], at = store.nowIso()): { created: number; updated: number; unchanged: number; changes: GradeChange[] } {
  const find = store.stmt<{ id: number; value: GradeValue }>(
    'SELECT id, value FROM grade WHERE student_id = ? AND subject_id = ? AND year_id = ? AND kind = ? AND ifnull(period_id, 0) = ifnull(?, 0)',
  );
  const result = { created: 0, updated: 0, unchanged: 0, changes: [] as GradeChange[] };
  for (const d of drafts) {
    gate.check({ kind: 'grade', date: d.periodEnd, periodEnd: d.periodEnd });
    const old = find.get(d.studentId, d.subjectId, d.yearId, d.kind, d.periodId) as { id: number; value: GradeValue } | undefined;
    if (old?.value === d.value) {
      result.unchanged++;
      continue;
    }
    if (old) {
      store.run('UPDATE grade SET value = ?, entered_at = ?, entered_by = ? WHERE id = ?', d.value, at, store.actor, old.id);
      result.updated++;
    } else {
      store.run(
        'INSERT INTO grade (student_id, subject_id, year_id, period_id, kind, value, entered_at, entered_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        d.studentId, d.subjectId, d.yearId, d.periodId, d.kind, d.value, at, store.actor,
      );
      result.created++;
    }
    result.changes.push({ studentId: d.studentId, subjectId: d.subjectId, kind: d.kind, before: old?.value ?? null, after: d.value });
  }
  return result;
}

/** The marks of one kind given in a year (and period) to students (one subject, or all). */
export function gradesOf(store: Store, q: { yearId: number; periodId: number | null; kind: GradeKind; subjectId?: number; studentIds: readonly number[] }): GradeRow[] {
  const rows: GradeRow[] = [];
  for (let i = 0; i < q.studentIds.length; i += 500) {
    const part = q.studentIds.slice(i, i + 500);
    rows.push(
      ...store.all<GradeRow>(
        `SELECT student_id AS studentId, subject_id AS subjectId, kind, period_id AS periodId, value, entered_at AS enteredAt, entered_by AS enteredBy
           FROM grade WHERE year_id = ? AND kind = ? AND ifnull(period_id, 0) = ifnull(?, 0) AND (? IS NULL OR subject_id = ?)
            AND student_id IN (${part.map(() => '?').join(',')})`,
        q.yearId, q.kind, q.periodId, q.subjectId ?? null, q.subjectId ?? null, ...part,
      ),
    );
  }
  return rows;
}

export interface CourseworkDraft {
  studentId: number;
  subjectId: number;
  yearId: number;
  topic: string;
  approvedOn: IsoDate | null;
  defendedOn: IsoDate | null;
  mark: CourseworkMark | null;
  /** The end of the period the defence (else the approval) falls in: the mark's lock date. */
  periodEnd: IsoDate;
}

/** A stored course work: the draft's fields, and who entered it when. */
export interface CourseworkRow extends Omit<CourseworkDraft, 'periodEnd'> {
  enteredAt: string;
  enteredBy: string;
}

const COURSEWORK_SELECT = `SELECT student_id AS studentId, subject_id AS subjectId, year_id AS yearId, topic, approved_on AS approvedOn, defended_on AS defendedOn, mark,
  entered_at AS enteredAt, entered_by AS enteredBy FROM coursework`;

/**
 * Set a course work (insert or replace; an empty field keeps what is there). Each date it
 * carries, old and new, is guarded: nothing in a closed period changes, and the mark follows
 * the period-mark window of the period it falls in.
 */
export function saveCoursework(store: Store, gate: LockGate, d: CourseworkDraft, oldPeriodEnd?: (date: IsoDate) => IsoDate | undefined, at = store.nowIso()): { action: 'created' | 'updated' | 'unchanged'; before?: CourseworkRow; after: CourseworkRow } {
  const before = store.get<CourseworkRow>(`${COURSEWORK_SELECT} WHERE student_id = ? AND subject_id = ? AND year_id = ?`, d.studentId, d.subjectId, d.yearId);
  const next = {
    topic: d.topic || before?.topic || '',
    approvedOn: d.approvedOn ?? before?.approvedOn ?? null,
    defendedOn: d.defendedOn ?? before?.defendedOn ?? null,
    mark: d.mark ?? before?.mark ?? null,
  };
  for (const date of [before?.approvedOn, before?.defendedOn, next.approvedOn, next.defendedOn]) {
    if (!date) continue;
    const end = oldPeriodEnd?.(date) ?? d.periodEnd;
    gate.check({ kind: 'grade', date, periodEnd: end });
  }
  if (!before?.approvedOn && !before?.defendedOn && !next.approvedOn && !next.defendedOn) gate.check({ kind: 'grade', date: d.periodEnd, periodEnd: d.periodEnd });
  if (before && before.topic === next.topic && before.approvedOn === next.approvedOn && before.defendedOn === next.defendedOn && before.mark === next.mark) {
    return { action: 'unchanged', before, after: before };
  }
  if (before) {
    store.run(
      'UPDATE coursework SET topic = ?, approved_on = ?, defended_on = ?, mark = ?, entered_at = ?, entered_by = ? WHERE student_id = ? AND subject_id = ? AND year_id = ?',
      next.topic, next.approvedOn, next.defendedOn, next.mark, at, store.actor, d.studentId, d.subjectId, d.yearId,
    );
  } else {
    store.run(
      'INSERT INTO coursework (student_id, subject_id, year_id, topic, approved_on, defended_on, mark, entered_at, entered_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      d.studentId, d.subjectId, d.yearId, next.topic, next.approvedOn, next.defendedOn, next.mark, at, store.actor,
    );
  }
  const after = store.get<CourseworkRow>(`${COURSEWORK_SELECT} WHERE student_id = ? AND subject_id = ? AND year_id = ?`, d.studentId, d.subjectId, d.yearId)!;
  return { action: before ? 'updated' : 'created', before, after };
}

export function listCoursework(store: Store, yearId: number, studentIds: readonly number[]): CourseworkRow[] {
  if (!studentIds.length) return [];
  return store.all<CourseworkRow>(`${COURSEWORK_SELECT} WHERE year_id = ? AND student_id IN (${studentIds.map(() => '?').join(',')})`, yearId, ...studentIds);
}

// ---- what closing a period must report --------------------------------------

/** Groups × subjects with lessons in [from, to]: how many students lack a period mark. */
export function groupSubjectsWithLessons(store: Store, yearId: number, from: IsoDate, to: IsoDate): { groupId: number; group: string; subjectId: number; subject: string; lessons: number }[] {
  return store.all(
    `SELECT g.id AS groupId, g.name AS "group", s.id AS subjectId, s.code AS subject, count(*) AS lessons
       FROM lesson l JOIN study_group g ON g.id = l.group_id JOIN subject s ON s.id = l.subject_id
      WHERE g.year_id = ? AND l.date BETWEEN ? AND ?
      GROUP BY g.id, s.id ORDER BY g.name, s.code`,
    yearId, from, to,
  );
}

/** Students of a group on a date who have no period mark in a subject. */
export function studentsWithoutPeriodMark(store: Store, q: { groupId: number; subjectId: number; periodId: number; on: IsoDate }): number[] {
  return store
    .all<{ id: number }>(
      `SELECT m.student_id AS id FROM membership m
        WHERE m.group_id = ? AND m.from_date <= ? AND (m.to_date IS NULL OR ? < m.to_date)
          AND NOT EXISTS (SELECT 1 FROM grade gr WHERE gr.student_id = m.student_id AND gr.subject_id = ? AND gr.kind = 'period' AND gr.period_id = ?)`,
      q.groupId, q.on, q.on, q.subjectId, q.periodId,
    )
    .map((r) => r.id);
}

/** Lessons in [from, to] of a year's groups without a topic. */
export function lessonsWithoutTopic(store: Store, yearId: number, from: IsoDate, to: IsoDate): { group: string; subject: string; date: IsoDate; number: number }[] {
  return store.all(
    `SELECT g.name AS "group", s.code AS subject, l.date, l.number FROM lesson l JOIN study_group g ON g.id = l.group_id JOIN subject s ON s.id = l.subject_id
      WHERE g.year_id = ? AND l.date BETWEEN ? AND ? AND (l.topic IS NULL OR trim(l.topic) = '') ORDER BY g.name, s.code, l.date, l.number`,
    yearId, from, to,
  );
}

/** Absences in [from, to] still ОТ (no reason set). */
export function absencesWithoutReason(store: Store, yearId: number, from: IsoDate, to: IsoDate): { group: string; subject: string; date: IsoDate; studentId: number; student: string }[] {
  return store.all(
    `SELECT g.name AS "group", s.code AS subject, l.date, a.student_id AS studentId, p.last_name || ' ' || p.first_name || coalesce(' ' || p.middle_name, '') AS student
       FROM attendance a JOIN lesson l ON l.id = a.lesson_id JOIN study_group g ON g.id = l.group_id JOIN subject s ON s.id = l.subject_id JOIN person p ON p.id = a.student_id
      WHERE g.year_id = ? AND l.date BETWEEN ? AND ? AND a.code = 'ОТ' ORDER BY g.name, l.date, p.last_name`,
    yearId, from, to,
  );
}
