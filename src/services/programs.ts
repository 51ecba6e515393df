/**
 * The teaching structure's write use cases: `program add`, `subject add`, `plan import`.
 * Each checks its input by the domain rules, owns its transaction with the audit records,
 * and returns a plain result; warnings go into the result.
 */
import { InputError } from '../core/errors.js';
import { t } from '../core/i18n.js';
import {
  chooseSubjectProgram,
  courseCount,
  isSpoCode,
  moduleProblem,
  parseDuration,
  parseStudyForm,
  parseSubjectKind,
  planCounts,
  planItemStates,
  PLAN_FIELDS,
  readPlanRows,
  STUDY_FORMS,
  SUBJECT_KINDS,
  subjectsInWriteOrder,
  validateCode,
  type PlanCounts,
  type PlanField,
  type SubjectKind,
  type SubjectSpec,
} from '../domain/programs.js';
import { readImport, type ImportOptions } from '../io/importTable.js';
import {
  findProgram,
  insertPlanItem,
  insertProgram,
  insertSubject,
  listPrograms,
  listSubjects,
  planItemsOf,
  programDurations,
  programExists,
  programsWithSubject,
  subjectIn,
  updatePlanItem,
  type ProgramRow,
  type SubjectRow,
} from '../store/programs.js';
import { importMaxBytes } from '../store/settings.js';
import type { Store } from '../store/store.js';

// ---- programs ---------------------------------------------------------------

export interface AddProgramOptions {
  code: string;
  name: string;
  /** As typed: 3, 2.5, 3г10м, "3 года 10 месяцев", 2y10m. */
  duration: string;
  form?: string;
  qualification?: string;
}

/** The shape scripts see. */
export interface PublicProgram {
  code: string;
  name: string;
  durationMonths: number;
  courses: number;
  form: string;
  qualification: string | null;
}

export function publicProgram(p: ProgramRow): PublicProgram {
  return { code: p.code, name: p.name, durationMonths: p.duration_months, courses: courseCount(p.duration_months), form: p.form, qualification: p.qualification };
}

/** `program add`: a code of letters and digits (an unusual one is kept with a warning), a name, a duration and a form. */
export function addProgram(store: Store, options: AddProgramOptions): { program: PublicProgram; warnings: string[] } {
  const code = validateCode(options.code);
  if (!code.ok) throw new InputError('bad_program_code', { code: options.code, reason: code.reason });
  // A name pasted from a document may carry a line break: stored on one line, as group and subject names are.
  const name = options.name.replace(/\s+/g, ' ').trim();
  if (!name) throw new InputError('bad_program_name');
  const months = parseDuration(options.duration);
  if (months === undefined) throw new InputError('bad_duration', { value: options.duration });
  const formText = options.form ?? 'очная';
  const form = parseStudyForm(formText);
  if (!form) throw new InputError('bad_form', { value: formText, known: STUDY_FORMS.join(', ') });
  const warnings = isSpoCode(code.value) ? [] : [t('program_code_not_spo', { code: code.value })];
  const program = store.mutate(() => {
    if (programExists(store, code.value)) throw new InputError('program_exists', { program: code.value });
    const created = insertProgram(store, { code: code.value, name, duration_months: months, form, qualification: options.qualification?.trim() || null });
    store.audit({ entity: 'program', entityId: created.code, action: 'create', after: created });
    return created;
  });
  return { program: publicProgram(program), warnings };
}

// ---- subjects ---------------------------------------------------------------

export interface AddSubjectOptions {
  code: string;
  name: string;
  /** УД, ПМ, МДК, УП, ПП or their variants (UD, PM, ...). */
  kind: string;
  module?: string;
  program?: string;
}

export type PublicSubject = Omit<SubjectRow, 'id'>;

export const publicSubject = ({ id: _id, ...s }: SubjectRow): PublicSubject => s;

/** A subject kind as typed, or exit 3 naming the known ones. */
export function subjectKind(text: string): SubjectKind {
  const kind = parseSubjectKind(text);
  if (!kind) throw new InputError('bad_kind', { value: text, known: SUBJECT_KINDS.join(', ') });
  return kind;
}

/**
 * The program a new subject goes to: `--program`, else the only one holding its module, else
 * the only program there is. More than one candidate is an error naming them.
 */
function subjectProgram(store: Store, code: string | undefined, module: string | null): ProgramRow {
  if (code) return findProgram(store, code);
  const { chosen, candidates, byModule } = chooseSubjectProgram(module ? programsWithSubject(store, module) : [], listPrograms(store));
  if (chosen) return chosen;
  if (!candidates.length) throw new InputError('program_not_found', { program: '', known: '' });
  const list = candidates.map((p) => `${p.code} «${p.name}»`).join(', ');
  throw new InputError('program_ambiguous', { module: byModule ? module! : '', list }, { programs: candidates.map((p) => p.code) });
}

/** `subject add`: a subject of a program; an МДК names its ПМ (of the same program). */
export function addSubject(store: Store, options: AddSubjectOptions): PublicSubject {
  const code = validateCode(options.code);
  if (!code.ok) throw new InputError('bad_subject_code', { code: options.code, reason: code.reason });
  const name = options.name.replace(/\s+/g, ' ').trim();
  if (!name) throw new InputError('bad_subject_name');
  const kind = subjectKind(options.kind);
  const moduleCode = options.module?.trim() || null;
  return store.mutate(() => {
    const program = subjectProgram(store, options.program, moduleCode);
    const spec: SubjectSpec = { program: program.code, code: code.value, name, kind, module: moduleCode };
    if (subjectIn(store, program.id, spec.code)) throw new InputError('subject_exists', { program: program.code, subject: spec.code });
    const module = spec.module ? subjectIn(store, program.id, spec.module) : undefined;
    if (spec.module && !module) throw new InputError('module_not_found', { program: program.code, module: spec.module });
    const problem = moduleProblem(spec.kind, module);
    if (problem) throw new InputError('bad_module', { subject: spec.code, problem }, { subject: spec.code, module: spec.module });
    const created = insertSubject(store, spec, program.id);
    store.audit({ entity: 'subject', entityId: `${spec.program}:${spec.code}`, action: 'create', after: spec });
    return publicSubject(created);
  });
}

// ---- curriculum -------------------------------------------------------------

export interface PlanImportOptions extends ImportOptions {
  file: string;
  /** Every row belongs to this program (no program column needed). */
  program?: string;
  dryRun?: boolean;
}

export interface PlanImportResult extends PlanCounts {
  file: string;
  rows: number;
  dryRun: boolean;
}

/**
 * `plan import`: read curriculum rows, check them against the store's programs and subjects
 * (all or nothing), then write the new subjects and each plan item created or updated in one
 * transaction, each with its audit record. Nothing is written when nothing changes, so a
 * second import of the same file leaves the store (and the audit log) as it was.
 */
export async function importPlan(store: Store, options: PlanImportOptions): Promise<PlanImportResult> {
  const imp = await readImport(options.file, PLAN_FIELDS, { ...options, maxBytes: options.maxBytes ?? importMaxBytes(store) }, (has) => (options.program || has('program') ? [] : ['program']));
  const program = options.program ? findProgram(store, options.program).code : undefined;
  const fields = Object.keys(PLAN_FIELDS) as PlanField[];
  const draft = readPlanRows(
    imp.rows.map((row) => ({ row: row.row, values: Object.fromEntries(fields.map((f) => [f, imp.cell(row, f)])) })),
    { programs: programDurations(store), subjects: listSubjects(store), program },
  );
  const column = (f: PlanField) => (f === 'program' && !imp.has(f) ? '--program' : imp.header(f));
  await imp.settle(draft.problems.map((p) => ({ row: p.row, column: column(p.field), value: p.value, reason: p.reason })), false);

  const programs = [...new Set(draft.items.map((i) => i.program))];
  const states = planItemStates(draft.items, planItemsOf(store, programs));
  const counts = planCounts(states, draft.subjects.length);
  const result = { file: options.file, rows: imp.rows.length, ...counts, dryRun: Boolean(options.dryRun) };
  if (options.dryRun || counts.created + counts.updated + counts.subjectsCreated === 0) return result;

  store.mutate(() => {
    const programIds = new Map(listPrograms(store).map((p) => [p.code, p.id]));
    for (const spec of subjectsInWriteOrder(draft.subjects)) {
      insertSubject(store, spec, programIds.get(spec.program)!);
      store.audit({ entity: 'subject', entityId: `${spec.program}:${spec.code}`, action: 'create', after: spec });
    }
    for (const { item, existing, outcome } of states) {
      if (outcome === 'unchanged') continue;
      const after = { course: item.course, semester: item.semester, hours: item.hours, assessment: item.assessment };
      const entityId = `${item.program}:${item.semester}:${item.subject}`;
      if (existing) {
        updatePlanItem(store, existing.id, item);
        const before = { course: existing.course, hours: existing.hours, assessment: existing.assessment, semester: item.semester };
        store.audit({ entity: 'plan_item', entityId, action: 'update', before, after });
      } else {
        insertPlanItem(store, subjectIn(store, programIds.get(item.program)!, item.subject)!.id, item);
        store.audit({ entity: 'plan_item', entityId, action: 'create', after });
      }
    }
  });
  return result;
}
