/**
 * Parents and legal representatives: `guardian add` and `guardian import`. Both load what
 * matching needs in bulk, plan in the domain (domain/matching.ts) and write in one transaction.
 */
import { InputError } from '../core/errors.js';
import { t } from '../core/i18n.js';
import type { RowIssue } from '../core/rowIssue.js';
import { GUARDIAN_FIELDS, parseGuardianRow, type GuardianField, type StudentRef } from '../domain/guardianRow.js';
import { planGuardians, resolveStudentRef, type GuardianInput, type GuardianPlan, type KnownGuardians } from '../domain/matching.js';
import { cardNameKey, fullName, nameKey, pickFields } from '../domain/person.js';
import { readImport, type ImportCounts, type ImportOptions } from '../io/importTable.js';
import { importReadBounds } from './importLimits.js';
import { addGuardianRole, guardiansOfStudents, insertGuardianship, updateGuardianshipRelation } from '../store/guardians.js';
import { insertPerson, loadPeople, updatePerson } from '../store/people.js';
import { studentIdsAmong } from '../store/students.js';
import { findStudent } from './students.js';
import type { Store } from '../store/store.js';

/** Everything matching needs about these guardians' cards and these students, in a few queries. */
function knownGuardians(store: Store, inputs: GuardianInput[]): KnownGuardians {
  const people = loadPeople(store, { snils: inputs.flatMap((i) => (i.card.snils ? [i.card.snils] : [])), nameKeys: inputs.map((i) => cardNameKey(i.card)) });
  return { ...people, guardiansOf: guardiansOfStudents(store, inputs.map((i) => i.studentId)) };
}

/**
 * Write the plans that change something, in one transaction with one audit record. Returns
 * the guardian's id for each plan.
 */
function saveGuardians(store: Store, plans: GuardianPlan[], action: 'add' | 'import', context: Record<string, unknown>): number[] {
  return store.mutate(() => {
    const freshIds: number[] = [];
    const links: unknown[] = [];
    const updates: unknown[] = [];
    const ids = plans.map((plan) => {
      const { input } = plan;
      const id = 'id' in plan.guardian ? plan.guardian.id : (freshIds[plan.guardian.fresh] ??= insertPerson(store, plan.guardian.card));
      if (plan.outcome === 'unchanged') return id;
      addGuardianRole(store, id);
      if (Object.keys(plan.fill).length) updatePerson(store, id, plan.fill);
      if (plan.link === 'create') {
        insertGuardianship(store, id, input.studentId, input.relation);
        links.push({ guardian: id, student: input.studentId, relation: input.relation });
      } else {
        if (plan.link === 'relation') updateGuardianshipRelation(store, id, input.studentId, input.relation);
        const before = pickFields(plan.guardian.card, plan.fill);
        updates.push({
          guardian: id,
          student: input.studentId,
          before: plan.link === 'relation' ? { ...before, relation: plan.previousRelation } : before,
          after: plan.link === 'relation' ? { ...plan.fill, relation: input.relation } : plan.fill,
        });
      }
      return id;
    });
    store.audit({ entity: 'guardian', entityId: action === 'add' ? ids[0] : null, action, after: { ...context, people: freshIds, links, updates } });
    return ids;
  });
}

export interface CardWarning {
  option: string;
  value: string;
  reason: string;
}

export interface AddGuardianOptions {
  /** The student: id, СНИЛС or full name. */
  student: string;
  /** The text of each guardian field as given; undefined when not given. */
  value: (field: GuardianField) => string | undefined;
  /** How the caller names a field in problems and warnings (e.g. its flag). */
  label: (field: GuardianField) => string;
}

export interface AddGuardianResult {
  id: number;
  name: string;
  relation: string;
  student: { id: number; name: string };
  outcome: GuardianPlan['outcome'];
  warnings: CardWarning[];
}

/** `guardian add`: a guardian for a student, or the link of a known one; again changes nothing. */
export function addGuardian(store: Store, options: AddGuardianOptions): AddGuardianResult {
  const student = findStudent(store, options.student, { on: store.today });
  const parsed = parseGuardianRow(options.value, { studentInRow: false });
  const warnings = parsed.warnings.map((w) => ({ option: options.label(w.field), value: w.value, reason: w.reason }));
  if (!parsed.card) {
    throw new InputError('invalid_guardian', undefined, parsed.problems.map((p) => ({ option: options.label(p.field), value: p.value, reason: p.reason })));
  }
  const inputs = [{ row: 1, studentId: student.id, card: parsed.card, relation: parsed.relation! }];
  const [plan] = planGuardians(inputs, knownGuardians(store, inputs));
  const name = fullName(parsed.card);
  if ('reason' in plan) throw new InputError('guardian_is_student', { name, reason: plan.reason });
  const id = plan.outcome === 'unchanged' ? (plan.guardian as { id: number }).id : saveGuardians(store, [plan], 'add', { student: student.id })[0];
  return { id, name, relation: plan.input.relation, student: { id: student.id, name: fullName(student) }, outcome: plan.outcome, warnings };
}

export interface ImportGuardiansOptions extends ImportOptions {
  file: string;
  dryRun?: boolean;
}

export interface GuardianImportReport extends ImportCounts {
  newGuardians: number;
  ignoredColumns: string[];
}

export interface GuardianImportResult {
  report: GuardianImportReport;
  /** Values kept as typed, with why they look odd. */
  warnings: RowIssue[];
}

/** The key of a student reference, for loading the people the rows name in bulk. */
function refKeys(refs: StudentRef[]): { snils: string[]; nameKeys: string[] } {
  return {
    snils: refs.flatMap((r) => (r.field === 'student_snils' ? [r.snils] : [])),
    nameKeys: refs.flatMap((r) => (r.field === 'student_name' ? [nameKey(r.name.last, r.name.first, r.name.middle)] : [])),
  };
}

/**
 * `guardian import`: a list of parents. Every row is read and checked, the students and
 * guardians it names are loaded in bulk and matched in the domain, and the links are written
 * in one transaction: all rows or none, unless `skipInvalid`; `dryRun` writes nothing.
 */
export async function importGuardians(store: Store, options: ImportGuardiansOptions): Promise<GuardianImportResult> {
  const bounds = importReadBounds(store);
  const imp = await readImport(options.file, GUARDIAN_FIELDS, { ...options, maxBytes: options.maxBytes ?? bounds.maxBytes, limits: options.limits ?? bounds.limits });
  if (!imp.has('student_snils') && !imp.has('student_name')) {
    throw new InputError('missing_columns', { file: options.file, list: t('people_guardian_student_columns'), header: '' }, { missing: ['student_snils', 'student_name'] });
  }

  const rejected: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  const rows = imp.rows.map((line) => {
    const parsed = parseGuardianRow((field) => imp.cell(line, field), { studentInRow: true, keepUnreadableOptional: true });
    for (const w of parsed.warnings) warnings.push(imp.issue(line.row, w.field, w.value, w.reason));
    for (const p of parsed.problems) rejected.push(imp.issue(line.row, p.field, p.value, p.reason));
    return { row: line.row, parsed };
  });

  // The students the rows name and the guardians already known, in a few queries, then each
  // row by the domain's rules. With writes this is read inside the transaction: two imports
  // at once give what one after the other gives.
  const decide = () => {
    const refused: RowIssue[] = [];
    const refs = rows.flatMap((r) => (r.parsed.student ? [r.parsed.student] : []));
    const people = loadPeople(store, refKeys(refs));
    const students = studentIdsAmong(store, [...people.bySnils.values(), ...[...people.byName.values()].flat()].map((p) => p.id));
    const inputs: GuardianInput[] = [];
    for (const { row, parsed } of rows) {
      if (!parsed.student) continue;
      const student = resolveStudentRef(parsed.student, people, students);
      if ('reason' in student) refused.push(imp.issue(row, parsed.student.field, parsed.student.value, student.reason));
      else if (parsed.card) inputs.push({ row, studentId: student.id, card: parsed.card, relation: parsed.relation! });
    }
    const plans: GuardianPlan[] = [];
    for (const plan of planGuardians(inputs, knownGuardians(store, inputs))) {
      if ('reason' in plan) refused.push(imp.issue(plan.input.row, 'full_name', fullName(plan.input.card), plan.reason));
      else plans.push(plan);
    }
    return { plans, refused };
  };
  const writes = !options.dryRun && (rejected.length === 0 || options.skipInvalid);
  const { plans, refused } = writes
    ? store.mutate(() => {
        const decided = decide();
        const changes = decided.plans.some((p) => p.outcome !== 'unchanged');
        if ((!decided.refused.length || options.skipInvalid) && changes) saveGuardians(store, decided.plans, 'import', { file: options.file });
        return decided;
      })
    : decide();
  rejected.push(...refused);
  await imp.settle(rejected);
  const count = (outcome: GuardianPlan['outcome']) => plans.filter((p) => p.outcome === outcome).length;
  const report: GuardianImportReport = {
    file: options.file,
    rows: imp.rows.length,
    created: count('created'),
    updated: count('updated'),
    unchanged: count('unchanged'),
    newGuardians: new Set(plans.flatMap((p) => ('fresh' in p.guardian ? [p.guardian.fresh] : []))).size,
    rejected,
    ignoredColumns: imp.ignored,
    dryRun: Boolean(options.dryRun),
  };
  return { report, warnings };
}

