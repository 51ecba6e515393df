/**
 * `report outcomes --year Y`: per group and student, the year's outcome (promoted,
 * conditionally promoted, held back, graduated) and the debts still open. After the rollover
 * it reads the recorded outcomes; before it, the outcome the rollover would give (with the
 * default `--debtors conditional`), so the report of a closed year reads the same before and
 * after; students the rollover left behind read as not moved. A positive mark entered later
 * in the subject (a retake) closes a debt, and a conditional promotion with no debt left
 * reads as a promotion.
 */
import { t, type MessageKey } from '../core/i18n.js';
import { currentOutcome, debtsOf, openDebts, planRollover, withPlainStudents, type Debt, type Outcome } from '../domain/rollover.js';
import { listGroups } from '../store/groups.js';
import { findOrg, type OrgCard } from '../store/org.js';
import { debtGradesOfYear, debtYearsOf, gatherYearMemberships, groupsOfYear, marksAfter, outcomeRowsOfYear, plainStudentsOfYear, plannedCourses, recordedDebts, releaseYearMemberships, rolloverFrom, studentsToLookAt, yearEndRoster } from '../store/rollover.js';
import type { Store } from '../store/store.js';
import type { YearRow } from '../store/years.js';
import type { Report } from './model.js';

interface OutcomeLine {
  studentId: number;
  name: string;
  group: string;
  course: number | null;
  outcome: Outcome | null;
  debts: readonly Debt[];
}

const collator = new Intl.Collator('ru', { numeric: true });

/** An outcome in the current language; null (not moved, a problem stands) reads «не переведён». */
export function outcomeName(outcome: Outcome | null): string {
  return (t as (key: MessageKey) => string)(`rollover_outcome_${outcome ?? 'not_moved'}` as MessageKey);
}

/** `ОП.01 (2, S2)`: a debt as the report prints it. */
export function debtLabel(d: Debt): string {
  return `${d.subject} «${d.subjectName}» (${d.value}${d.period ? `, ${d.period}` : ''})`;
}

/** A student's debts still open, by year (retakes since their rollover closed the rest): for the student's card. */
export function openDebtsOfStudent(store: Store, studentId: number): { year: string; debts: Debt[] }[] {
  return debtYearsOf(store, studentId)
    .map((y) => ({ year: y.name, debts: openDebts(recordedDebts(store, y.id, studentId).get(studentId) ?? [], marksAfter(store, y, y.since, studentId).get(studentId) ?? []) }))
    .filter((y) => y.debts.length > 0);
}

function recordedLines(store: Store, year: YearRow, since: string): OutcomeLine[] {
  const debts = recordedDebts(store, year.id);
  const later = marksAfter(store, year, since);
  const recorded = outcomeRowsOfYear(store, year.id).map((r) => {
    const open = openDebts(debts.get(r.studentId) ?? [], later.get(r.studentId) ?? []);
    return { studentId: r.studentId, name: r.name, group: r.group, course: r.course, outcome: currentOutcome(r.outcome, open), debts: open };
  });
  return withRestOfRoster(store, year, recorded, listGroups(store, year.id), debtsOf(debtGradesOfYear(store, year.id)));
}

/**
 * The lines given, and a "not moved" line for every other student of the year's roster
 * (yearEndRoster) with the debts their marks of the year make now: those a rollover left where
 * they were (`--leave-behind`), whether still there or moved by hand since, and those who left
 * after the year ended (expelled in July, say). Before the rollover and after, alike.
 */
function withRestOfRoster(
  store: Store,
  year: YearRow,
  lines: OutcomeLine[],
  ofYear: readonly { id: number; name: string; course: number }[],
  debts: ReadonlyMap<number, readonly Debt[]>,
): OutcomeLine[] {
  const listed = new Set(lines.map((l) => l.studentId));
  const groups = new Map(ofYear.map((g) => [g.id, g]));
  const rest = yearEndRoster(store, year)
    .filter((s) => !listed.has(s.id) && groups.has(s.groupId))
    .map((s) => {
      const group = groups.get(s.groupId)!;
      return { studentId: s.id, name: s.name, group: group.name, course: group.course, outcome: null, debts: debts.get(s.id) ?? [] };
    });
  return [...lines, ...rest];
}

function projectedLines(store: Store, year: YearRow): OutcomeLine[] {
  const members = gatherYearMemberships(store, year);
  const groups = groupsOfYear(store, members);
  const debts = debtsOf(debtGradesOfYear(store, year.id));
  const planned = planRollover(
    { yearEnd: year.end, groups, students: studentsToLookAt(store, members), debts, takenNames: [], plannedCourses: plannedCourses(store) },
    { debtors: 'conditional', rename: 'keep' },
  );
  const plan = withPlainStudents(planned, plainStudentsOfYear(store, members), year.end);
  releaseYearMemberships(store);
  const course = new Map(groups.map((g) => [g.id, g.course]));
  const lines = plan.students
    .filter((s) => s.group !== null)
    .map((s) => ({ studentId: s.id, name: s.name, group: s.group!, course: course.get(s.groupId!) ?? null, outcome: s.outcome, debts: s.debts }));
  return withRestOfRoster(store, year, lines, groups, debts);
}

/**
 * The reports of one year's outcomes (see the module comment): one of every group when `groups`
 * is undefined, else one per group named (the lines are made once for all of them).
 */
export function outcomesReports(store: Store, year: YearRow, groups?: readonly string[]): Report[] {
  const rollover = rolloverFrom(store, year.id);
  const lines = (rollover ? recordedLines(store, year, rollover.at) : projectedLines(store, year)).sort(
    (a, b) => collator.compare(a.group, b.group) || collator.compare(a.name, b.name) || a.studentId - b.studentId,
  );
  const org = findOrg(store);
  if (!groups) return [outcomesReport(year, org, lines)];
  return groups.map((group) => outcomesReport(year, org, lines.filter((l) => l.group === group), group));
}

function outcomesReport(year: YearRow, org: OrgCard | undefined, lines: readonly OutcomeLine[], group?: string): Report {
  const count = (o: Outcome | null) => lines.filter((l) => l.outcome === o).length;
  return {
    title: t('rollover_outcomes_title'),
    meta: { org: org?.name, group, period: t('rollover_outcomes_period', { year: year.name }), from: year.start, to: year.end },
    columns: [
      { key: 'n', header: '№', align: 'right' },
      { key: 'group', header: t('rollover_col_group') },
      { key: 'course', header: t('rollover_col_course'), align: 'right' },
      { key: 'student', header: t('rollover_col_student') },
      { key: 'outcomeName', header: t('rollover_col_outcome') },
      { key: 'debts', header: t('rollover_col_debts') },
    ],
    rows: lines.map((l, i) => ({
      n: i + 1,
      studentId: l.studentId,
      group: l.group,
      course: l.course,
      student: l.name,
      outcome: l.outcome,
      outcomeName: outcomeName(l.outcome),
      debts: l.debts.map(debtLabel).join('; ') || null,
      openDebts: l.debts.length,
    })),
    totals: {
      n: t('rollover_total'),
      student: lines.length,
      outcomeName: t('rollover_outcomes_totals', { promoted: count('promoted'), conditional: count('conditional'), held: count('held'), graduated: count('graduated'), notMoved: count(null) }),
      debts: lines.reduce((n, l) => n + l.debts.length, 0),
    },
    signatures: [org?.director ? t('rollover_sign_director_named', { name: org.director }) : t('rollover_sign_director')],
  };
}
