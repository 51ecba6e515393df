/**
 * The journal's write use cases: a lesson, a mark, an absence, an absence's reason. Each
 * resolves what the flags name, checks the row rules, and writes in one transaction with one
 * audit record; the locks are asked inside the store's write functions (store/locks.ts).
 */
import { InputError } from '../core/errors.js';
import { formatDate, type IsoDate } from '../domain/dates.js';
import { findWorkType, isAbsence, parseAttendanceCode, parseMark, REASON_CODES, type AttendanceCode, type MarkValue, type ReasonCode, type WorkType } from '../domain/journal.js';
import type { LockRefusal } from '../domain/locks.js';
import type { Report } from '../reports/model.js';
import { journalPageReport } from '../reports/journalPage.js';
import type { Group } from '../store/groups.js';
import { findPeriod, findYear } from '../store/years.js';
import { attendanceOfLesson, lessonsOn, listWorkTypes, saveWorkType, pendingAbsences, removeAttendance, removeMarks, saveLesson, studentsMarkedOnLesson, writeAttendance, writeMarks, type LessonRow, type WriteAction } from '../store/journal.js';
import { openLockGate, overrideAudit } from '../store/locks.js';
import { getNumberSetting } from '../store/settings.js';
import type { Store } from '../store/store.js';
import { JournalRefs, must } from './journalRefs.js';

/** What every single journal command may carry: the reason to pass a closed edit window. */
export interface OverrideOption {
  override?: string;
}

interface LessonRef {
  group: string;
  subject: string;
  date: IsoDate;
  number?: number;
}

/** The default work type of current marks: «устный ответ», else the first there is. */
export function defaultWorkType(types: readonly WorkType[]): WorkType {
  return findWorkType(types, 'устный ответ') ?? types[0];
}

export function workTypeNamed(types: readonly WorkType[], name: string | undefined): WorkType {
  if (!name?.trim()) return defaultWorkType(types);
  const found = findWorkType(types, name);
  if (!found) throw new InputError('journal_unknown_work_type', { value: name, known: types.map((t) => t.name).join(', ') });
  return found;
}

// ---- lessons -----------------------------------------------------------------

export interface LessonAddOptions extends LessonRef, OverrideOption {
  teacher: string;
  hours?: number;
  topic?: string;
  homework?: string;
}

export interface LessonResult {
  action: WriteAction;
  lesson: { id: number; group: string; subject: string; date: IsoDate; number: number; hours: number; teacher: string; topic: string | null; homework: string | null };
  overridden: LockRefusal[];
}

/**
 * `journal lesson add`: a new lesson (the next number that day), or with `number` the topic,
 * homework, hours or teacher of that lesson.
 */
export function addLesson(store: Store, o: LessonAddOptions): LessonResult {
  const refs = new JournalRefs(store);
  const { group, subgroup, label } = must(refs.lessonGroup(o.group, o.date));
  const subject = must(refs.subject(group, o.subject));
  const teacher = must(refs.teacher(o.teacher));
  must(refs.teachingDay(group, o.date));
  const hours = o.hours ?? getNumberSetting(store, 'lesson.hours');
  return store.mutate(() => {
    const gate = openLockGate(store, o.override);
    const existing = lessonsOn(store, group.id, subject.id, o.date);
    const number = o.number ?? (existing.length ? Math.max(...existing.map((l) => l.number)) + 1 : 1);
    const same = existing.find((l) => l.number === number);
    if (same) checkSameSubgroup(refs, group, same, subgroup?.id ?? null, label);
    const saved = saveLesson(store, gate, {
      groupId: group.id, subjectId: subject.id, subgroupId: subgroup?.id ?? null, teacherId: teacher.id, date: o.date, number, hours,
      topic: o.topic?.trim() || null, homework: o.homework?.trim() || null,
    });
    const lesson = { id: saved.lesson.id, group: label, subject: subject.code, date: o.date, number, hours: saved.lesson.hours, teacher: fullNameOf(teacher), topic: saved.lesson.topic, homework: saved.lesson.homework };
    if (saved.action !== 'unchanged') {
      store.audit({ entity: 'lesson', entityId: saved.lesson.id, action: saved.action === 'created' ? 'create' : 'update', before: saved.before, after: { ...lesson, ...overrideAudit(gate) } });
    } else {
      store.audit({ entity: 'lesson', entityId: saved.lesson.id, action: 'unchanged', after: overrideAudit(gate) });
    }
    return { action: saved.action, lesson, overridden: gate.overridden };
  });
}

/**
 * A lesson's number names one lesson of the group's day: changing it through another
 * subgroup (or the whole group) would move it; refused with how the lesson is written.
 */
export function checkSameSubgroup(refs: JournalRefs, group: Group, lesson: LessonRow, subgroupId: number | null, label: string): void {
  if (lesson.subgroupId === subgroupId) return;
  throw new InputError('journal_lesson_other_subgroup', { number: lesson.number, date: formatDate(lesson.date), group: label, lessonGroup: refs.lessonLabel(group, lesson) });
}

function fullNameOf(p: { last_name: string; first_name: string; middle_name?: string | null }): string {
  return [p.last_name, p.first_name, p.middle_name].filter(Boolean).join(' ');
}

// ---- marks and attendance ----------------------------------------------------

function resolveLesson(refs: JournalRefs, o: LessonRef & { student: string }) {
  const { group, subgroup, label } = must(refs.lessonGroup(o.group, o.date));
  const subject = must(refs.subject(group, o.subject));
  must(refs.teachingDay(group, o.date));
  must(refs.held(o.date));
  const lesson = must(refs.lesson(group, subject, o.date, o.number, subgroup));
  const student = must(refs.studentOnLesson(group, lesson, o.student, o.date));
  return { label, subject, lesson, student };
}

export interface MarkSetOptions extends LessonRef, OverrideOption {
  student: string;
  /** A mark on the scale, or undefined with `clear`. */
  mark?: string;
  workType?: string;
  clear?: boolean;
}

/** What a mark or an attendance entry of one student on one lesson did. */
interface EntryResult {
  action: WriteAction | 'removed';
  group: string;
  subject: string;
  date: IsoDate;
  number: number;
  studentId: number;
  student: string;
  overridden: LockRefusal[];
}

export interface MarkResult extends EntryResult {
  mark: MarkValue | null;
  before: MarkValue | null;
  workType: string;
}

/** `journal mark set`: a student's mark for a lesson and work type (or `clear` to remove it). */
export function setMark(store: Store, o: MarkSetOptions): MarkResult {
  const refs = new JournalRefs(store);
  const { label, subject, lesson, student } = resolveLesson(refs, o);
  const types = listWorkTypes(store);
  const type = workTypeNamed(types, o.workType);
  const value = o.clear ? undefined : parseMark(o.mark ?? '');
  if (!o.clear && !value) throw new InputError('journal_bad_mark', { value: o.mark ?? '' });
  const code = attendanceOfLesson(store, lesson.id).get(student.studentId);
  if (value && code && isAbsence(code)) throw new InputError('journal_mark_for_absent', { student: o.student, date: formatDate(o.date), code });
  const name = [student.lastName, student.firstName, student.middleName].filter(Boolean).join(' ');
  return store.mutate(() => {
    const gate = openLockGate(store, o.override);
    const base = { group: label, subject: subject.code, date: o.date, number: lesson.number, studentId: student.studentId, student: name, workType: type.name };
    if (!value) {
      const removed = removeMarks(store, gate, lesson, student.studentId, type.id);
      store.audit({ entity: 'mark', entityId: `${lesson.id}:${student.studentId}`, action: 'remove', before: removed, after: { ...base, ...overrideAudit(gate) } });
      return { ...base, action: 'removed' as const, mark: null, before: removed[0]?.value ?? null, overridden: gate.overridden };
    }
    const r = writeMarks(store, gate, [{ lessonId: lesson.id, date: lesson.date, studentId: student.studentId, value, workTypeId: type.id, weight: type.weight }]);
    const action: WriteAction = r.created ? 'created' : r.updated ? 'updated' : 'unchanged';
    const before = r.changes[0]?.before ?? null;
    store.audit({ entity: 'mark', entityId: `${lesson.id}:${student.studentId}`, action: action === 'created' ? 'create' : action === 'updated' ? 'update' : 'unchanged', before: before === null ? undefined : { value: before }, after: { ...base, value, ...overrideAudit(gate) } });
    return { ...base, action, mark: value, before, overridden: gate.overridden };
  });
}

export interface AbsenceSetOptions extends LessonRef, OverrideOption {
  student: string;
  /** ОТ by default; `н` is ОТ. */
  code?: string;
  clear?: boolean;
}

export interface AbsenceResult extends EntryResult {
  code: AttendanceCode | null;
  before: AttendanceCode | null;
}

/** `journal absence set`: a student's attendance mark on a lesson (or `clear`: present after all). */
export function setAbsence(store: Store, o: AbsenceSetOptions): AbsenceResult {
  const refs = new JournalRefs(store);
  const { label, subject, lesson, student } = resolveLesson(refs, o);
  const code = o.clear ? undefined : parseAttendanceCode(o.code ?? 'ОТ');
  if (!o.clear && !code) throw new InputError('journal_bad_code', { value: o.code ?? '' });
  if (code && isAbsence(code) && studentsMarkedOnLesson(store, lesson.id).has(student.studentId)) {
    throw new InputError('journal_absent_has_mark', { student: o.student, date: formatDate(o.date) });
  }
  const name = [student.lastName, student.firstName, student.middleName].filter(Boolean).join(' ');
  return store.mutate(() => {
    const gate = openLockGate(store, o.override);
    const base = { group: label, subject: subject.code, date: o.date, number: lesson.number, studentId: student.studentId, student: name };
    if (!code) {
      const removed = removeAttendance(store, gate, lesson, student.studentId) ?? null;
      store.audit({ entity: 'attendance', entityId: `${lesson.id}:${student.studentId}`, action: 'remove', before: { code: removed }, after: { ...base, ...overrideAudit(gate) } });
      return { ...base, action: 'removed' as const, code: null, before: removed, overridden: gate.overridden };
    }
    const r = writeAttendance(store, gate, [{ lessonId: lesson.id, date: lesson.date, studentId: student.studentId, code }]);
    const action: WriteAction = r.created ? 'created' : r.updated ? 'updated' : 'unchanged';
    const before = r.changes[0]?.before ?? null;
    store.audit({ entity: 'attendance', entityId: `${lesson.id}:${student.studentId}`, action: action === 'created' ? 'create' : action === 'updated' ? 'update' : 'unchanged', before: before === null ? undefined : { code: before }, after: { ...base, code, ...overrideAudit(gate) } });
    return { ...base, action, code, before, overridden: gate.overridden };
  });
}

export interface ReasonSetOptions extends OverrideOption {
  group: string;
  student: string;
  from: IsoDate;
  to?: IsoDate;
  subject?: string;
  code: string;
}

export interface ReasonResult {
  group: string;
  studentId: number;
  student: string;
  code: ReasonCode;
  from: IsoDate;
  to: IsoDate;
  changed: { date: IsoDate; subject: string; lessonId: number }[];
  overridden: LockRefusal[];
}

/**
 * `journal reason set`: the curator turns a student's ОТ absences over [from, to] (one
 * subject, or all) into Б, УП or НП once a document arrives (or does not).
 */
export function setReason(store: Store, o: ReasonSetOptions): ReasonResult {
  const refs = new JournalRefs(store);
  const to = o.to ?? o.from;
  const group = must(refs.group(o.group, o.from));
  const subject = o.subject ? must(refs.subject(group, o.subject)) : undefined;
  const student = must(refs.student(group, o.student, o.from));
  const code = parseAttendanceCode(o.code);
  if (!code || !(REASON_CODES as readonly string[]).includes(code)) throw new InputError('journal_bad_reason', { value: o.code });
  const name = [student.lastName, student.firstName, student.middleName].filter(Boolean).join(' ');
  return store.mutate(() => {
    const gate = openLockGate(store, o.override);
    const pending = pendingAbsences(store, { groupId: group.id, studentId: student.studentId, from: o.from, to, subjectId: subject?.id });
    if (!pending.length) throw new InputError('journal_no_pending_absence', { student: o.student, from: formatDate(o.from), to: formatDate(to) });
    writeAttendance(store, gate, pending.map((p) => ({ lessonId: p.lessonId, date: p.date, studentId: student.studentId, code })));
    const changed = pending.map((p) => ({ date: p.date, subject: p.subject, lessonId: p.lessonId }));
    store.audit({ entity: 'attendance', entityId: String(student.studentId), action: 'reason', before: { code: 'ОТ' }, after: { group: group.name, student: name, code, from: o.from, to, lessons: changed, ...overrideAudit(gate) } });
    return { group: group.name, studentId: student.studentId, student: name, code: code as ReasonCode, from: o.from, to, changed, overridden: gate.overridden };
  });
}

// ---- the page -----------------------------------------------------------------

/** `journal show`: the page of a group (or subgroup, `ИС-25/1`) and subject over a period (default: the year so far). */
export function journalPage(store: Store, o: { group: string; subject: string; period?: string; year?: string }): Report {
  const refs = new JournalRefs(store);
  const { group, subgroup: sg, label } = must(refs.lessonGroup(o.group, undefined, o.year));
  const subject = must(refs.subject(group, o.subject));
  const subgroup = sg ? { id: sg.id, label, stays: refs.subgroupsOf(group.id).members.filter((m) => m.subgroupId === sg.id) } : undefined;
  if (o.period) {
    const { year, period } = findPeriod(store, o.period, o.year ?? group.year);
    return journalPageReport(store, { group, subject, subgroup, from: period.start, to: period.end, periodName: `${period.name} ${year.name}` });
  }
  const year = findYear(store, o.year ?? group.year);
  return journalPageReport(store, { group, subject, subgroup, from: year.start, to: year.end, periodName: year.name });
}

/** `journal worktype set`: a work type and its weight in the average. */
export function setWorkType(store: Store, name: string, weight: number): WorkType {
  if (!name.trim()) throw new InputError('journal_unknown_work_type', { value: name, known: listWorkTypes(store).map((w) => w.name).join(', ') });
  if (!(weight > 0 && weight <= 100)) throw new InputError('journal_bad_weight', { value: String(weight) });
  return store.mutate(() => {
    const r = saveWorkType(store, name.trim(), weight);
    store.audit({ entity: 'work_type', entityId: r.after.id, action: r.before ? 'update' : 'create', before: r.before, after: r.after });
    return r.after;
  });
}
