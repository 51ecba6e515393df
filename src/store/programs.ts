import { InputError } from '../core/errors.js';
import { subjectsNamed, type Assessment, type PlanItemOnFile, type StudyForm, type SubjectKind, type SubjectSpec } from '../domain/programs.js';
import type { Group } from './groups.js';
import type { Store } from './store.js';

export interface ProgramRow {
  id: number;
  code: string;
  name: string;
  duration_months: number;
  form: StudyForm;
  qualification: string | null;
}

export interface SubjectRow extends SubjectSpec {
  id: number;
}

/** One line of a program's curriculum; `semester` counts from the program's start (1…2×courses). */
export interface PlanEntry {
  course: number;
  semester: number;
  code: string;
  name: string;
  kind: SubjectKind;
  module: string | null;
  hours: number;
  assessment: Assessment | null;
}

// ---- programs ---------------------------------------------------------------

export function listPrograms(store: Store): ProgramRow[] {
  return store.all<ProgramRow>('SELECT * FROM program ORDER BY code');
}

export function findProgram(store: Store, code: string): ProgramRow {
  const program = store.get<ProgramRow>('SELECT * FROM program WHERE code = ?', code.trim());
  if (!program) {
    const known = listPrograms(store).map((p) => p.code).join(', ');
    throw new InputError('program_not_found', { program: code, known }, { program: code });
  }
  return program;
}

export function getProgram(store: Store, id: number): ProgramRow | undefined {
  return store.get<ProgramRow>('SELECT * FROM program WHERE id = ?', id);
}

/** Program code → duration in months, for checking curriculum rows. */
export function programDurations(store: Store): Map<string, number> {
  return new Map(listPrograms(store).map((p) => [p.code, p.duration_months]));
}

export function programExists(store: Store, code: string): boolean {
  return store.get('SELECT 1 FROM program WHERE code = ?', code) !== undefined;
}

/** Insert a program (the caller owns the transaction and the audit). */
export function insertProgram(store: Store, input: Omit<ProgramRow, 'id'>): ProgramRow {
  const { lastInsertRowid } = store.run(
    'INSERT INTO program (code, name, duration_months, form, qualification) VALUES (?, ?, ?, ?, ?)',
    input.code, input.name, input.duration_months, input.form, input.qualification,
  );
  return store.get<ProgramRow>('SELECT * FROM program WHERE id = ?', lastInsertRowid)!;
}

// ---- subjects ---------------------------------------------------------------

const SUBJECT_COLUMNS = 's.id, p.code AS program, s.code, s.name, s.kind, m.code AS module';
const SUBJECT_FROM = 'subject s JOIN program p ON p.id = s.program_id LEFT JOIN subject m ON m.id = s.module_id';
const SUBJECT_SELECT = `SELECT ${SUBJECT_COLUMNS} FROM ${SUBJECT_FROM}`;

export function listSubjects(store: Store, filter: { programId?: number; kind?: SubjectKind } = {}): SubjectRow[] {
  const programId = filter.programId ?? null;
  const kind = filter.kind ?? null;
  return store.all<SubjectRow>(`${SUBJECT_SELECT} WHERE (? IS NULL OR s.program_id = ?) AND (? IS NULL OR s.kind = ?) ORDER BY p.code, s.code`, programId, programId, kind, kind);
}

export function subjectIn(store: Store, programId: number, code: string): SubjectRow | undefined {
  return store.get<SubjectRow>(`${SUBJECT_SELECT} WHERE s.program_id = ? AND s.code = ?`, programId, code);
}

/** The programs that have a subject with this code (a module's code, say), by code. */
export function programsWithSubject(store: Store, code: string): ProgramRow[] {
  return store.all<ProgramRow>('SELECT p.* FROM program p JOIN subject s ON s.program_id = p.id WHERE s.code = ? ORDER BY p.code', code);
}

/** Insert a subject of a program; its module, if any, is already there (the caller owns the transaction and the audit). */
export function insertSubject(store: Store, spec: SubjectSpec, programId: number): SubjectRow {
  const moduleId = spec.module ? subjectIn(store, programId, spec.module)!.id : null;
  const { lastInsertRowid } = store.run('INSERT INTO subject (program_id, code, name, kind, module_id) VALUES (?, ?, ?, ?, ?)', programId, spec.code, spec.name, spec.kind, moduleId);
  return store.get<SubjectRow>(`${SUBJECT_SELECT} WHERE s.id = ?`, lastInsertRowid)!;
}

/**
 * The subject a journal row or a mark names for a group: a code (or a name) resolved among the
 * subjects of the group's program's curriculum (see `subjectsNamed`), and planned for the
 * group's course (`within: 'course'`: lessons, period and year marks) or for it or an earlier
 * one (`'earlier'`: an exam or final mark, which may be the retake of an earlier course's
 * debt). None or several is an error naming the candidates (InputError `subject_not_found`,
 * `subject_ambiguous`); a subject of another course, InputError `subject_not_in_course`.
 */
export function findSubjectForGroup(store: Store, group: Pick<Group, 'name' | 'programId' | 'program' | 'course'>, ref: string, within: 'course' | 'earlier' = 'course'): SubjectRow {
  const planned = store
    .all<SubjectRow & { courses: string }>(
      `SELECT ${SUBJECT_COLUMNS}, group_concat(DISTINCT pi.course) AS courses FROM ${SUBJECT_FROM} JOIN plan_item pi ON pi.subject_id = s.id
        WHERE s.program_id = ? GROUP BY s.id ORDER BY s.code`,
      group.programId,
    )
    .map(({ courses, ...s }) => ({ ...s, courses: courses.split(',').map(Number) }));
  const found = subjectsNamed(planned, ref, group.course);
  if (found.length === 1) {
    const { courses, ...subject } = found[0];
    if (!courses.some((c) => c === group.course || (within === 'earlier' && c < group.course))) {
      throw new InputError('subject_not_in_course', { group: group.name, course: group.course, subject: subject.code, courses: courses.join(', ') });
    }
    return subject;
  }
  const candidates = found.length ? found : planned.filter((s) => s.courses.includes(group.course));
  const list = candidates.map((s) => `${s.code} «${s.name}»`).join(', ');
  const params = { group: group.name, program: group.program, course: group.course, subject: ref, list };
  const details = { group: group.name, subject: ref, candidates: candidates.map(({ code, name }) => ({ code, name })) };
  if (found.length) throw new InputError('subject_ambiguous', params, details);
  throw new InputError('subject_not_found', params, details);
}

// ---- curriculum -------------------------------------------------------------

export function planOf(store: Store, programId: number, course?: number): PlanEntry[] {
  return store.all<PlanEntry>(
    `SELECT pi.course, pi.semester, s.code, s.name, s.kind, m.code AS module, pi.hours, pi.assessment
       FROM plan_item pi JOIN subject s ON s.id = pi.subject_id LEFT JOIN subject m ON m.id = s.module_id
      WHERE s.program_id = ? AND (? IS NULL OR pi.course = ?)
      ORDER BY pi.semester, s.code`,
    programId, course ?? null, course ?? null,
  );
}

/** Every plan item of these programs (by code), keyed as drafts are: one query. */
export function planItemsOf(store: Store, programs: readonly string[]): PlanItemOnFile[] {
  if (!programs.length) return [];
  return store.all<PlanItemOnFile>(
    `SELECT pi.id, p.code AS program, pi.semester, s.code AS subject, pi.course, pi.hours, pi.assessment
       FROM plan_item pi JOIN subject s ON s.id = pi.subject_id JOIN program p ON p.id = s.program_id
      WHERE p.code IN (${programs.map(() => '?').join(',')})`,
    ...programs,
  );
}

export function insertPlanItem(store: Store, subjectId: number, item: { course: number; semester: number; hours: number; assessment: Assessment | null }): void {
  store.run('INSERT INTO plan_item (subject_id, course, semester, hours, assessment) VALUES (?, ?, ?, ?, ?)', subjectId, item.course, item.semester, item.hours, item.assessment);
}

export function updatePlanItem(store: Store, id: number, item: { course: number; hours: number; assessment: Assessment | null }): void {
  store.run('UPDATE plan_item SET course = ?, hours = ?, assessment = ? WHERE id = ?', item.course, item.hours, item.assessment, id);
}
