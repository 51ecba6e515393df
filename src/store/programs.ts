import { InputError } from '../cli/errors.js';
import { L } from '../cli/i18n.js';
import { moduleProblem, type Assessment, type PlanItemDraft, type StudyForm, type SubjectKind, type SubjectSpec } from '../domain/programs.js';
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

export interface PlanCounts {
  created: number;
  updated: number;
  unchanged: number;
  subjectsCreated: number;
}

// ---- programs ---------------------------------------------------------------

export function listPrograms(store: Store): ProgramRow[] {
  return store.all<ProgramRow>('SELECT * FROM program ORDER BY code');
}

export function findProgram(store: Store, code: string): ProgramRow {
  const program = store.get<ProgramRow>('SELECT * FROM program WHERE code = ?', code.trim());
  if (!program) {
    const known = listPrograms(store).map((p) => p.code).join(', ');
    throw new InputError('program_not_found', L(`No program ${code}. Known programs: ${known || 'none'} (add one with \`program add\`).`, `Нет программы ${code}. Есть: ${known || 'ни одной'} (добавьте командой \`program add\`).`), { program: code });
  }
  return program;
}

/** Program code → duration in months, for checking curriculum rows. */
export function programDurations(store: Store): Map<string, number> {
  return new Map(listPrograms(store).map((p) => [p.code, p.duration_months]));
}

export function addProgram(store: Store, input: Omit<ProgramRow, 'id'>): ProgramRow {
  return store.mutate(() => {
    if (store.get('SELECT 1 FROM program WHERE code = ?', input.code)) {
      throw new InputError('program_exists', L(`The program ${input.code} already exists.`, `Программа ${input.code} уже есть.`), { program: input.code });
    }
    const { lastInsertRowid } = store.run(
      'INSERT INTO program (code, name, duration_months, form, qualification) VALUES (?, ?, ?, ?, ?)',
      input.code, input.name, input.duration_months, input.form, input.qualification,
    );
    const program = store.get<ProgramRow>('SELECT * FROM program WHERE id = ?', lastInsertRowid)!;
    store.audit({ entity: 'program', entityId: program.code, action: 'create', after: program });
    return program;
  });
}

// ---- subjects ---------------------------------------------------------------

const SUBJECT_SELECT = 'SELECT s.id, s.code, s.name, s.kind, m.code AS module FROM subject s LEFT JOIN subject m ON m.id = s.module_id';

export function listSubjects(store: Store, kind?: SubjectKind): SubjectRow[] {
  return kind ? store.all<SubjectRow>(`${SUBJECT_SELECT} WHERE s.kind = ? ORDER BY s.code`, kind) : store.all<SubjectRow>(`${SUBJECT_SELECT} ORDER BY s.code`);
}

export function findSubject(store: Store, code: string): SubjectRow | undefined {
  return store.get<SubjectRow>(`${SUBJECT_SELECT} WHERE s.code = ?`, code.trim());
}

/** Every known subject by code, for checking curriculum rows. */
export function subjectsByCode(store: Store): Map<string, SubjectSpec> {
  return new Map(listSubjects(store).map(({ id: _id, ...s }) => [s.code, s]));
}

export function addSubject(store: Store, spec: SubjectSpec): SubjectRow {
  return store.mutate(() => {
    if (findSubject(store, spec.code)) {
      throw new InputError('subject_exists', L(`The subject ${spec.code} already exists.`, `Предмет ${spec.code} уже есть.`), { subject: spec.code });
    }
    const module = spec.module ? findSubject(store, spec.module) : undefined;
    if (spec.module && !module) {
      throw new InputError('module_not_found', L(`No module ${spec.module}: add it first (subject add ${spec.module} ... --kind ПМ).`, `Нет модуля ${spec.module}: сначала добавьте его (subject add ${spec.module} ... --kind ПМ).`), { module: spec.module });
    }
    const problem = moduleProblem(spec.kind, module);
    if (problem) throw new InputError('bad_module', `${spec.code}: ${problem}`, { subject: spec.code, module: spec.module });
    return insertSubject(store, spec);
  });
}

function insertSubject(store: Store, spec: SubjectSpec): SubjectRow {
  const moduleId = spec.module ? findSubject(store, spec.module)!.id : null;
  const { lastInsertRowid } = store.run('INSERT INTO subject (code, name, kind, module_id) VALUES (?, ?, ?, ?)', spec.code, spec.name, spec.kind, moduleId);
  const subject = store.get<SubjectRow>(`${SUBJECT_SELECT} WHERE s.id = ?`, lastInsertRowid)!;
  store.audit({ entity: 'subject', entityId: subject.code, action: 'create', after: spec });
  return subject;
}

// ---- curriculum -------------------------------------------------------------

export function planOf(store: Store, programId: number, course?: number): PlanEntry[] {
  return store.all<PlanEntry>(
    `SELECT pi.course, pi.semester, s.code, s.name, s.kind, m.code AS module, pi.hours, pi.assessment
       FROM plan_item pi JOIN subject s ON s.id = pi.subject_id LEFT JOIN subject m ON m.id = s.module_id
      WHERE pi.program_id = ? AND (? IS NULL OR pi.course = ?)
      ORDER BY pi.semester, s.code`,
    programId, course ?? null, course ?? null,
  );
}

type ItemState = { item: PlanItemDraft; existing?: { id: number; course: number; hours: number; assessment: Assessment | null } };

function itemStates(store: Store, items: PlanItemDraft[]): ItemState[] {
  return items.map((item) => ({
    item,
    existing: store.get(
      `SELECT pi.id, pi.course, pi.hours, pi.assessment FROM plan_item pi
         JOIN program p ON p.id = pi.program_id JOIN subject s ON s.id = pi.subject_id
        WHERE p.code = ? AND pi.semester = ? AND s.code = ?`,
      item.program, item.semester, item.subject,
    ),
  }));
}

const isSame = ({ item, existing }: ItemState) => existing !== undefined && existing.course === item.course && existing.hours === item.hours && existing.assessment === item.assessment;

function countOf(states: ItemState[], subjectsCreated: number): PlanCounts {
  const unchanged = states.filter(isSame).length;
  const created = states.filter((s) => !s.existing).length;
  return { created, updated: states.length - created - unchanged, unchanged, subjectsCreated };
}

/**
 * Write checked curriculum rows in one transaction: the new subjects, then each plan item
 * created or updated, each with its audit record. Nothing is written when nothing changes,
 * so a second import of the same file leaves the store (and the audit log) as it was.
 */
export function savePlan(store: Store, draft: { subjects: SubjectSpec[]; items: PlanItemDraft[] }, dryRun = false): PlanCounts {
  const preview = countOf(itemStates(store, draft.items), draft.subjects.length);
  if (dryRun || preview.created + preview.updated + preview.subjectsCreated === 0) return preview;
  return store.mutate(() => {
    // Modules first: an МДК refers to its ПМ.
    for (const spec of [...draft.subjects].sort((a, b) => Number(a.module !== null) - Number(b.module !== null))) insertSubject(store, spec);
    const states = itemStates(store, draft.items);
    for (const state of states) {
      if (isSame(state)) continue;
      const { item, existing } = state;
      const after = { course: item.course, semester: item.semester, hours: item.hours, assessment: item.assessment };
      const entityId = `${item.program}:${item.semester}:${item.subject}`;
      if (existing) {
        store.run('UPDATE plan_item SET course = ?, hours = ?, assessment = ? WHERE id = ?', item.course, item.hours, item.assessment, existing.id);
        const { id: _id, ...before } = existing;
        store.audit({ entity: 'plan_item', entityId, action: 'update', before: { ...before, semester: item.semester }, after });
      } else {
        store.run(
          'INSERT INTO plan_item (program_id, course, semester, subject_id, hours, assessment) VALUES (?, ?, ?, ?, ?, ?)',
          findProgram(store, item.program).id, item.course, item.semester, findSubject(store, item.subject)!.id, item.hours, item.assessment,
        );
        store.audit({ entity: 'plan_item', entityId, action: 'create', after });
      }
    }
    return countOf(states, draft.subjects.length);
  });
}
