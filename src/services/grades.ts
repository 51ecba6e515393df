/**
 * Period and final marks and course works: suggest by the rule, set one, fill the gaps, import
 * a file. Each write is one transaction with its audit record; the store's write functions
 * ask the locks (a period mark until `grading.editWindowDays` days after the period's end; a closed period never).
 */
import { AppError, InputError, UsageError } from '../core/errors.js';
import { t } from '../core/i18n.js';
import type { RowIssue } from '../core/rowIssue.js';
import { parseDate, type IsoDate } from '../domain/dates.js';
import { GRADE_KINDS, parseCourseworkMark, parseGrade, parseThresholds, RETAKE_KINDS, suggestGrade, type CourseworkMark, type GradeKind, type GradeValue } from '../domain/grading.js';
import type { FieldSpec } from '../domain/fields.js';
import type { LockRefusal } from '../domain/locks.js';
import { readImport, type ImportCounts, type ImportOptions } from '../io/importTable.js';
import { groupNamed } from '../domain/groups.js';
import { semesterOfPeriod } from '../domain/programs.js';
import { findGroup, listGroups, type Group } from '../store/groups.js';
import { gradesOf, saveCoursework, writeGrades, type GradeDraft } from '../store/grades.js';
import { marksOfGroup, subjectsTaught } from '../store/journal.js';
import { plannedSubjects } from '../store/reportQueries.js';
import { lockError, openLockGate, overrideAudit } from '../store/locks.js';
import { getSetting } from '../store/settings.js';
import type { Store } from '../store/store.js';
import { findPeriod, findYear, listPeriods, listYears, type PeriodRow, type YearRow } from '../store/years.js';
import { withReadBounds } from './importLimits.js';
import { isRefusal, JournalRefs, must } from './journalRefs.js';

export interface SuggestOptions {
  group: string;
  period: string;
  subject?: string;
  year?: string;
}

export interface SuggestionRow {
  studentId: number;
  student: string;
  subjectId: number;
  subject: string;
  subjectName: string;
  marks: number;
  average: number | null;
  suggested: GradeValue | null;
  current: GradeValue | null;
}

export interface SuggestResult {
  group: string;
  year: string;
  period: { code: string; name: string; start: IsoDate; end: IsoDate };
  thresholds: readonly number[];
  rows: SuggestionRow[];
}

function groupAndPeriod(store: Store, o: { group: string; period: string; year?: string }): { group: Group; year: YearRow; period: PeriodRow } {
  const group = findGroup(store, o.group, o.year);
  const { year, period } = findPeriod(store, o.period, o.year ?? group.year);
  return { group, year, period };
}

/** `grades suggest`: per student and subject, the weighted average of the period and the mark the rule gives. */
export function suggestGrades(store: Store, o: SuggestOptions): SuggestResult {
  const { group, year, period } = groupAndPeriod(store, o);
  const refs = new JournalRefs(store);
  const subjects = o.subject
    ? [must(refs.subject(group, o.subject))].map((s) => ({ subjectId: s.id, code: s.code, name: s.name }))
    : subjectsTaught(store, group.id, period.start, period.end);
  const on = store.today < period.end ? (store.today > period.start ? store.today : period.start) : period.end;
  const students = refs.studentsOn(group.id, on);
  const thresholds = parseThresholds(getSetting(store, 'grading.thresholds'));
  // Subjects the curriculum assesses by a зачёт in this semester get зач or незач.
  const semester = semesterOfPeriod(group.course, listPeriods(store, year.id).map((p) => p.code), period.code);
  const passFail = new Set(plannedSubjects(store, group.programId, semester === null ? [] : [semester]).filter((p) => p.assessment === 'зачёт').map((p) => p.subjectId));
  const marks = marksOfGroup(store, { groupId: group.id, from: period.start, to: period.end, subjectId: o.subject ? subjects[0]?.subjectId : undefined });
  const byKey = new Map<string, { value: (typeof marks)[number]['value']; weight: number }[]>();
  for (const m of marks) {
    const key = `${m.studentId}:${m.subjectId}`;
    const list = byKey.get(key);
    if (list) list.push(m);
    else byKey.set(key, [m]);
  }
  const current = new Map(gradesOf(store, { yearId: year.id, periodId: period.id, kind: 'period', studentIds: students.map((s) => s.studentId) }).map((g) => [`${g.studentId}:${g.subjectId}`, g.value]));
  const rows: SuggestionRow[] = [];
  for (const s of subjects) {
    for (const st of students) {
      const key = `${st.studentId}:${s.subjectId}`;
      const suggestion = suggestGrade(byKey.get(key) ?? [], thresholds, passFail.has(s.subjectId));
      rows.push({
        studentId: st.studentId, student: [st.lastName, st.firstName, st.middleName].filter(Boolean).join(' '),
        subjectId: s.subjectId, subject: s.code, subjectName: s.name,
        marks: suggestion.marks, average: suggestion.average, suggested: suggestion.suggested, current: current.get(key) ?? null,
      });
    }
  }
  return { group: group.name, year: year.name, period: { code: period.code, name: period.name, start: period.start, end: period.end }, thresholds, rows };
}

export interface GradeSetOptions {
  group: string;
  subject: string;
  student: string;
  mark: string;
  kind?: GradeKind;
  period?: string;
  year?: string;
  override?: string;
}

function kindOf(kind: string | undefined): GradeKind {
  const k = (kind ?? 'period') as GradeKind;
  if (!GRADE_KINDS.includes(k)) throw new UsageError('grades_bad_kind', { value: String(kind), kinds: GRADE_KINDS.join(', ') });
  return k;
}

/** The period a mark of this kind belongs to (a period mark needs one) and the end its lock counts from. */
function gradeSlot(store: Store, group: Group, kind: GradeKind, periodSpec: string | undefined, yearName?: string): { year: YearRow; period: PeriodRow | null; end: IsoDate } {
  if (periodSpec) {
    const { year, period } = findPeriod(store, periodSpec, yearName ?? group.year);
    return { year, period, end: period.end };
  }
  if (kind === 'period') throw new UsageError('grades_period_required');
  const year = findYear(store, yearName ?? group.year);
  const periods = listPeriods(store, year.id);
  return { year, period: null, end: periods.length ? periods[periods.length - 1].end : year.end };
}

export interface GradeSetResult {
  action: 'created' | 'updated' | 'unchanged';
  group: string;
  subject: string;
  studentId: number;
  student: string;
  kind: GradeKind;
  period: string | null;
  mark: GradeValue;
  before: GradeValue | null;
  overridden: LockRefusal[];
}

/** `grades set`: one period, year, exam or final mark. */
export function setGrade(store: Store, o: GradeSetOptions): GradeSetResult {
  const kind = kindOf(o.kind);
  const group = findGroup(store, o.group, o.year);
  const refs = new JournalRefs(store);
  const subject = must(refs.subject(group, o.subject, RETAKE_KINDS.includes(kind) ? 'earlier' : 'course'));
  const slot = gradeSlot(store, group, kind, o.period, o.year);
  const value = parseGrade(o.mark);
  if (!value) throw new InputError('grades_bad_mark', { value: o.mark });
  const student = must(refs.student(group, o.student, slot.end < store.today ? slot.end : store.today < (slot.period?.start ?? slot.year.start) ? (slot.period?.start ?? slot.year.start) : store.today));
  const name = [student.lastName, student.firstName, student.middleName].filter(Boolean).join(' ');
  return store.mutate(() => {
    const gate = openLockGate(store, o.override);
    const r = withRetakeHint(store, o, slot.year, () => writeGrades(store, gate, [{ studentId: student.studentId, subjectId: subject.id, yearId: slot.year.id, periodId: slot.period?.id ?? null, kind, value, periodEnd: slot.end }]));
    const action = r.created ? 'created' : r.updated ? 'updated' : 'unchanged';
    const before = r.changes[0]?.before ?? null;
    const after = { group: group.name, subject: subject.code, student: name, kind, period: slot.period?.code ?? null, value, ...overrideAudit(gate) };
    // The same mark again writes nothing, so it leaves no record (one would block a rollover's undo).
    if (action !== 'unchanged') store.audit({ entity: 'grade', entityId: `${student.studentId}:${subject.code}:${kind}:${slot.period?.code ?? slot.year.name}`, action: action === 'created' ? 'create' : 'update', before: before === null ? undefined : { value: before }, after });
    return { action, group: group.name, subject: subject.code, studentId: student.studentId, student: name, kind, period: slot.period?.code ?? null, mark: value, before, overridden: gate.overridden };
  });
}

/**
 * Run `write`; a mark refused because the year is closed, when the user named no year and a
 * later year has a group of the same name, is refused saying where a retake goes (the same
 * code, `lock_year_closed`): after the rollover the default year of early summer is still the
 * closed one.
 */
function withRetakeHint<T>(store: Store, o: { group: string; year?: string }, year: YearRow, write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'lock_year_closed' || o.year !== undefined) throw error;
    const next = listYears(store).find((y) => y.start > year.end && groupNamed(listGroups(store, y.id), o.group));
    if (!next) throw error;
    throw error.within('lock_year_closed_next', { ...(error.params as { date: string; year: string }), next: next.name }, error.details);
  }
}

export interface FillResult extends SuggestResult {
  set: SuggestionRow[];
  skipped: SuggestionRow[];
}

/**
 * `grades fill`: the suggested mark wherever none is set; lists what it set and what it could
 * not. After the period marks' window only with `override` (the reason, audited).
 */
export function fillGrades(store: Store, o: SuggestOptions & { dryRun?: boolean; override?: string }): FillResult {
  const s = suggestGrades(store, o);
  const { year, period } = groupAndPeriod(store, o);
  const set = s.rows.filter((r) => r.current === null && r.suggested !== null);
  const skipped = s.rows.filter((r) => r.current === null && r.suggested === null);
  const drafts: GradeDraft[] = set.map((r) => ({ studentId: r.studentId, subjectId: r.subjectId, yearId: year.id, periodId: period.id, kind: 'period', value: r.suggested!, periodEnd: period.end }));
  // Asked even when nothing is missing: filling a locked period is refused, not a silent no-op.
  const refusal = openLockGate(store, o.override).refusal({ kind: 'grade', date: period.end, periodEnd: period.end });
  if (refusal) throw lockError(refusal);
  if (!o.dryRun && drafts.length) {
    store.mutate(() => {
      const gate = openLockGate(store, o.override);
      writeGrades(store, gate, drafts);
      const filled = set.map((r) => ({ student: r.studentId, subject: r.subject, value: r.suggested, average: r.average }));
      store.audit({ entity: 'grade', entityId: `${s.group}:${period.code}`, action: 'fill', after: { group: s.group, period: period.code, set: filled, ...overrideAudit(gate) } });
    });
  }
  // What was set reads as set (a dry run's rows stay as they are: nothing was).
  return { ...s, set: o.dryRun ? set : set.map((r) => ({ ...r, current: r.suggested })), skipped };
}

// ---- imports ------------------------------------------------------------------

export const GRADE_FIELDS = {
  group: { aliases: ['Группа', 'group'], required: true },
  subject: { aliases: ['Предмет', 'Дисциплина', 'Индекс', 'subject'], required: true },
  student: { aliases: ['Обучающийся', 'Студент', 'ФИО', 'СНИЛС', 'student'], required: true },
  period: { aliases: ['Период', 'Семестр', 'period'] },
  kind: { aliases: ['Вид', 'Вид отметки', 'kind'] },
  mark: { aliases: ['Оценка', 'Отметка', 'mark'], required: true },
} satisfies Record<string, FieldSpec>;

export const COURSEWORK_FIELDS = {
  group: { aliases: ['Группа', 'group'], required: true },
  subject: { aliases: ['Предмет', 'Дисциплина', 'Индекс', 'МДК', 'subject'], required: true },
  student: { aliases: ['Обучающийся', 'Студент', 'ФИО', 'СНИЛС', 'student'], required: true },
  topic: { aliases: ['Тема', 'Тема курсовой работы', 'topic'] },
  approved_on: { aliases: ['Дата утверждения', 'Утверждена', 'approved_on'] },
  defended_on: { aliases: ['Дата защиты', 'Защищена', 'defended_on'] },
  mark: { aliases: ['Оценка', 'mark'] },
} satisfies Record<string, FieldSpec>;

export interface FileImportOptions extends ImportOptions {
  file: string;
  kind?: GradeKind;
  period?: string;
  year?: string;
  dryRun?: boolean;
  /** The reason to change marks after their window (audited). */
  override?: string;
}

export type FileImportReport = ImportCounts;

/** `grades import`: period and final marks from a file, all or nothing. */
export async function importGrades(store: Store, o: FileImportOptions): Promise<FileImportReport> {
  const imp = await readImport(o.file, GRADE_FIELDS, withReadBounds(store, o), (has) => (!has('period') && !o.period && (o.kind ?? 'period') === 'period' ? ['period'] : []));
  const refs = new JournalRefs(store);
  const rejected: RowIssue[] = [];
  const drafts: GradeDraft[] = [];
  const seen = new Map<string, number>();
  for (const line of imp.rows) {
    const cell = (f: keyof typeof GRADE_FIELDS) => imp.cell(line, f) ?? '';
    const reject = (f: keyof typeof GRADE_FIELDS, reason: string) => rejected.push(imp.issue(line.row, f, cell(f), reason));
    let kind: GradeKind;
    try {
      kind = kindOf(cell('kind') || o.kind);
    } catch (e) {
      reject('kind', (e as Error).message);
      continue;
    }
    let group: Group, slot: ReturnType<typeof gradeSlot>;
    try {
      group = findGroup(store, cell('group'), o.year);
    } catch (e) {
      reject('group', (e as Error).message);
      continue;
    }
    try {
      slot = gradeSlot(store, group, kind, cell('period') || o.period, o.year);
    } catch (e) {
      reject('period', (e as Error).message);
      continue;
    }
    const subject = refs.subject(group, cell('subject'), RETAKE_KINDS.includes(kind) ? 'earlier' : 'course');
    if (isRefusal(subject)) {
      reject('subject', subject.message);
      continue;
    }
    const on = slot.end < store.today ? slot.end : store.today;
    const student = refs.student(group, cell('student'), on < (slot.period?.start ?? slot.year.start) ? (slot.period?.start ?? slot.year.start) : on);
    if (isRefusal(student)) {
      reject('student', student.message);
      continue;
    }
    const value = parseGrade(cell('mark'));
    if (!value) {
      reject('mark', t('grades_bad_mark', { value: cell('mark') }));
      continue;
    }
    const key = `${student.studentId}:${subject.id}:${kind}:${slot.period?.id ?? 0}`;
    if (seen.has(key)) {
      reject('student', t('grades_same_grade_as_row', { row: seen.get(key)! }));
      continue;
    }
    seen.set(key, line.row);
    drafts.push({ studentId: student.studentId, subjectId: subject.id, yearId: slot.year.id, periodId: slot.period?.id ?? null, kind, value, periodEnd: slot.end });
  }
  await imp.settle(rejected);
  const probe = openLockGate(store, o.override);
  for (const d of drafts) {
    const refusal = probe.refusal({ kind: 'grade', date: d.periodEnd, periodEnd: d.periodEnd });
    if (refusal) throw lockError(refusal);
  }
  const report: FileImportReport = { file: o.file, rows: imp.rows.length, created: 0, updated: 0, unchanged: 0, rejected, dryRun: Boolean(o.dryRun) };
  if (o.dryRun || !drafts.length) return { ...report, created: o.dryRun ? drafts.length : 0 };
  store.mutate(() => {
    const gate = openLockGate(store, o.override);
    const r = writeGrades(store, gate, drafts);
    Object.assign(report, { created: r.created, updated: r.updated, unchanged: r.unchanged });
    store.audit({ entity: 'grade', action: 'import', after: { file: o.file, created: r.created, updated: r.updated, changes: r.changes.slice(0, 1000), ...overrideAudit(gate) } });
  });
  return report;
}

// ---- course works -----------------------------------------------------------

export interface CourseworkOptions {
  group: string;
  subject: string;
  student: string;
  topic?: string;
  approvedOn?: IsoDate;
  defendedOn?: IsoDate;
  mark?: string;
  year?: string;
  override?: string;
}

interface CourseworkPlan {
  group: Group;
  year: YearRow;
  studentId: number;
  student: string;
  subjectId: number;
  subject: string;
  topic: string;
  approvedOn: IsoDate | null;
  defendedOn: IsoDate | null;
  mark: CourseworkMark | null;
  periodEnd: (date: IsoDate) => IsoDate | undefined;
  lastEnd: IsoDate;
}

function planCoursework(store: Store, refs: JournalRefs, o: CourseworkOptions): CourseworkPlan {
  const group = findGroup(store, o.group, o.year);
  const year = findYear(store, o.year ?? group.year);
  const subject = must(refs.subject(group, o.subject));
  const on = [o.defendedOn, o.approvedOn].find(Boolean) ?? (store.today < year.end ? store.today : year.end);
  const student = must(refs.student(group, o.student, on!));
  const mark = o.mark ? (parseCourseworkMark(o.mark) ?? null) : null;
  if (o.mark && !mark) throw new InputError('coursework_bad_mark', { value: o.mark });
  if (o.approvedOn && o.defendedOn && o.approvedOn > o.defendedOn) throw new InputError('coursework_bad_dates');
  const periods = listPeriods(store, year.id);
  const periodEnd = (date: IsoDate) => periods.find((p) => p.start <= date && date <= p.end)?.end;
  return {
    group, year, studentId: student.studentId, student: [student.lastName, student.firstName, student.middleName].filter(Boolean).join(' '),
    subjectId: subject.id, subject: subject.code, topic: o.topic?.trim() ?? '', approvedOn: o.approvedOn ?? null, defendedOn: o.defendedOn ?? null, mark,
    periodEnd, lastEnd: periods.length ? periods[periods.length - 1].end : year.end,
  };
}

/** `coursework set`: a student's course work in a subject this year: topic, approval and defence dates, mark. */
export function setCoursework(store: Store, o: CourseworkOptions) {
  const p = planCoursework(store, new JournalRefs(store), o);
  return store.mutate(() => {
    const gate = openLockGate(store, o.override);
    const r = saveCoursework(store, gate, { studentId: p.studentId, subjectId: p.subjectId, yearId: p.year.id, topic: p.topic, approvedOn: p.approvedOn, defendedOn: p.defendedOn, mark: p.mark, periodEnd: p.lastEnd }, p.periodEnd);
    if (!r.after.topic) throw new InputError('coursework_topic_required');
    if (r.action !== 'unchanged') store.audit({ entity: 'coursework', entityId: `${p.studentId}:${p.subject}:${p.year.name}`, action: r.action === 'created' ? 'create' : 'update', before: r.before, after: { ...r.after, ...overrideAudit(gate) } });
    return { action: r.action, group: p.group.name, subject: p.subject, studentId: p.studentId, student: p.student, topic: r.after.topic, approvedOn: r.after.approvedOn, defendedOn: r.after.defendedOn, mark: r.after.mark, overridden: gate.overridden };
  });
}

/** `coursework import`: course works from a file, all or nothing. */
export async function importCoursework(store: Store, o: FileImportOptions): Promise<FileImportReport> {
  const imp = await readImport(o.file, COURSEWORK_FIELDS, withReadBounds(store, o));
  const refs = new JournalRefs(store);
  const rejected: RowIssue[] = [];
  const plans: CourseworkPlan[] = [];
  for (const line of imp.rows) {
    const cell = (f: keyof typeof COURSEWORK_FIELDS) => imp.cell(line, f) ?? '';
    const dates: Partial<Record<'approved_on' | 'defended_on', IsoDate>> = {};
    let bad = false;
    for (const f of ['approved_on', 'defended_on'] as const) {
      if (!cell(f)) continue;
      const d = parseDate(cell(f));
      if (!d) {
        rejected.push(imp.issue(line.row, f, cell(f), t('journal_bad_date')));
        bad = true;
      } else dates[f] = d;
    }
    if (bad) continue;
    try {
      const p = planCoursework(store, refs, { group: cell('group'), subject: cell('subject'), student: cell('student'), topic: cell('topic'), approvedOn: dates.approved_on, defendedOn: dates.defended_on, mark: cell('mark') || undefined, year: o.year });
      plans.push(p);
    } catch (e) {
      if (!(e instanceof InputError || e instanceof UsageError)) throw e;
      rejected.push(imp.issue(line.row, 'student', cell('student'), (e as Error).message));
    }
  }
  await imp.settle(rejected);
  const report: FileImportReport = { file: o.file, rows: imp.rows.length, created: 0, updated: 0, unchanged: 0, rejected, dryRun: Boolean(o.dryRun) };
  if (!plans.length) return report;
  const run = () => {
    const gate = openLockGate(store);
    for (const p of plans) {
      const r = saveCoursework(store, gate, { studentId: p.studentId, subjectId: p.subjectId, yearId: p.year.id, topic: p.topic, approvedOn: p.approvedOn, defendedOn: p.defendedOn, mark: p.mark, periodEnd: p.lastEnd }, p.periodEnd);
      report[r.action]++;
    }
    store.audit({ entity: 'coursework', action: 'import', after: { file: o.file, created: report.created, updated: report.updated } });
    if (o.dryRun) throw new DryRun();
  };
  try {
    store.mutate(run);
  } catch (e) {
    if (!(e instanceof DryRun)) throw e;
  }
  return report;
}

/** Thrown to roll a dry run back after it has been tried in full. */
class DryRun extends Error {}
