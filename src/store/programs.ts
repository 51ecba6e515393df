import { InputError } from '../core/errors.js';
import { L } from '../core/i18n.js';
import { moduleProblem, subjectsNamed, type Assessment, type PlanItemDraft, type StudyForm, type SubjectKind, type SubjectSpec } from '../domain/programs.js';
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

const SUBJECT_COLUMNS = 's.id, p.code AS program, s.code, s.name, s.kind, m.code AS module';
const SUBJECT_FROM = 'subject s JOIN program p ON p.id = s.program_id LEFT JOIN subject m ON m.id = s.module_id';
const SUBJECT_SELECT = `SELECT ${SUBJECT_COLUMNS} FROM ${SUBJECT_FROM}`;

export function listSubjects(store: Store, filter: { programId?: number; kind?: SubjectKind } = {}): SubjectRow[] {
  const programId = filter.programId ?? null;
  const kind = filter.kind ?? null;
  return store.all<SubjectRow>(`${SUBJECT_SELECT} WHERE (? IS NULL OR s.program_id = ?) AND (? IS NULL OR s.kind = ?) ORDER BY p.code, s.code`, programId, programId, kind, kind);
}

function subjectIn(store: Store, programId: number, code: string): SubjectRow | undefined {
  return store.get<SubjectRow>(`${SUBJECT_SELECT} WHERE s.program_id = ? AND s.code = ?`, programId, code);
}

/**
 * The program a new subject goes to: the one named, else the only one holding its module,
 * else the only program there is. More than one candidate is an error naming them.
 */
function subjectProgram(store: Store, code: string | undefined, module: string | null): ProgramRow {
  if (code) return findProgram(store, code);
  const holding = module ? store.all<ProgramRow>('SELECT p.* FROM program p JOIN subject s ON s.program_id = p.id WHERE s.code = ? ORDER BY p.code', module) : [];
  const candidates = holding.length ? holding : listPrograms(store);
  if (candidates.length === 1) return candidates[0];
  if (!candidates.length) throw new InputError('program_not_found', L('No programs yet: a subject belongs to one (add it with `program add`).', 'Программ ещё нет: предмет входит в программу (добавьте её командой `program add`).'));
  const list = candidates.map((p) => `${p.code} «${p.name}»`).join(', ');
  throw new InputError(
    'program_ambiguous',
    holding.length ? L(`The module ${module} is in several programs: ${list}. Give --program.`, `Модуль ${module} есть в нескольких программах: ${list}. Укажите --program.`) : L(`Which program? Give --program: ${list}.`, `В какую программу? Укажите --program: ${list}.`),
    { programs: candidates.map((p) => p.code) },
  );
}

/** Add a subject to a program (`--program`, or the one `subjectProgram` finds); its module is a ПМ of that program. */
export function addSubject(store: Store, input: Omit<SubjectSpec, 'program'> & { program?: string }): SubjectRow {
  return store.mutate(() => {
    const program = subjectProgram(store, input.program, input.module);
    const spec = { ...input, program: program.code };
    if (subjectIn(store, program.id, spec.code)) {
      throw new InputError('subject_exists', L(`${program.code} already has the subject ${spec.code}.`, `В программе ${program.code} уже есть предмет ${spec.code}.`), { program: program.code, subject: spec.code });
    }
    const module = spec.module ? subjectIn(store, program.id, spec.module) : undefined;
    if (spec.module && !module) {
      throw new InputError('module_not_found', L(`${program.code} has no module ${spec.module}: add it first (subject add ${spec.module} ... --kind ПМ).`, `В программе ${program.code} нет модуля ${spec.module}: сначала добавьте его (subject add ${spec.module} ... --kind ПМ).`), { program: program.code, module: spec.module });
    }
    const problem = moduleProblem(spec.kind, module);
    if (problem) throw new InputError('bad_module', `${spec.code}: ${problem}`, { subject: spec.code, module: spec.module });
    return insertSubject(store, spec, program.id);
  });
}

function insertSubject(store: Store, spec: SubjectSpec, programId: number): SubjectRow {
  const moduleId = spec.module ? subjectIn(store, programId, spec.module)!.id : null;
  const { lastInsertRowid } = store.run('INSERT INTO subject (program_id, code, name, kind, module_id) VALUES (?, ?, ?, ?, ?)', programId, spec.code, spec.name, spec.kind, moduleId);
  const subject = store.get<SubjectRow>(`${SUBJECT_SELECT} WHERE s.id = ?`, lastInsertRowid)!;
  store.audit({ entity: 'subject', entityId: `${spec.program}:${spec.code}`, action: 'create', after: spec });
  return subject;
}

/**
 * The subject a journal row names for a group: a code (or a name) resolved among the
 * subjects of the group's program's curriculum (see `subjectsNamed`). None or several is an
 * error naming the candidates.
 */
export function findSubjectForGroup(store: Store, group: Pick<Group, 'name' | 'programId' | 'program' | 'course'>, ref: string): SubjectRow {
  const planned = store
    .all<SubjectRow & { courses: string }>(
      `SELECT ${SUBJECT_COLUMNS}, group_concat(DISTINCT pi.course) AS courses FROM ${SUBJECT_FROM} JOIN plan_item pi ON pi.subject_id = s.id
        WHERE s.program_id = ? GROUP BY s.id ORDER BY s.code`,
      group.programId,
    )
    .map(({ courses, ...s }) => ({ ...s, courses: courses.split(',').map(Number) }));
  const found = subjectsNamed(planned, ref, group.course);
  if (found.length === 1) {
    const { courses: _courses, ...subject } = found[0];
    return subject;
  }
  const candidates = found.length ? found : planned.filter((s) => s.courses.includes(group.course));
  const list = candidates.map((s) => `${s.code} «${s.name}»`).join(', ');
  const where = L(`${group.name} (${group.program}, course ${group.course})`, `${group.name} (${group.program}, ${group.course} курс)`);
  throw new InputError(
    found.length ? 'subject_ambiguous' : 'subject_not_found',
    found.length
      ? L(`«${ref}» in ${where} may be ${list}: give the code.`, `«${ref}» в ${where} может означать ${list}: укажите индекс.`)
      : L(`${where} has no subject «${ref}» in its curriculum; its course's subjects: ${list || 'none (`plan import`)'}.`, `У ${where} нет предмета «${ref}» в учебном плане; предметы курса: ${list || 'нет (`plan import`)'}.`),
    { group: group.name, subject: ref, candidates: candidates.map(({ code, name }) => ({ code, name })) },
  );
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

type ItemState = { item: PlanItemDraft; existing?: { id: number; course: number; hours: number; assessment: Assessment | null } };

function itemStates(store: Store, items: PlanItemDraft[]): ItemState[] {
  return items.map((item) => ({
    item,
    existing: store.get(
      `SELECT pi.id, pi.course, pi.hours, pi.assessment FROM plan_item pi
         JOIN subject s ON s.id = pi.subject_id JOIN program p ON p.id = s.program_id
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
    const programIds = new Map(listPrograms(store).map((p) => [p.code, p.id]));
    // Modules first: an МДК refers to its ПМ.
    for (const spec of [...draft.subjects].sort((a, b) => Number(a.module !== null) - Number(b.module !== null))) insertSubject(store, spec, programIds.get(spec.program)!);
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
          'INSERT INTO plan_item (subject_id, course, semester, hours, assessment) VALUES (?, ?, ?, ?, ?)',
          subjectIn(store, programIds.get(item.program)!, item.subject)!.id, item.course, item.semester, item.hours, item.assessment,
        );
        store.audit({ entity: 'plan_item', entityId, action: 'create', after });
      }
    }
    return countOf(states, draft.subjects.length);
  });
}
