/**
 * The year rollover as pure rules (CLI.md "Year rollover", DOMAIN.md "Year end and rollover"):
 * which group goes where and under which name, each student's outcome of the year and its
 * debts, what stops the rollover, and the dates of the next year. No I/O: the store loads the
 * facts, these decide, the service writes the plan.
 */
import { InputError } from '../core/errors.js';
import { addDays, isoOf, daysInMonth, type IsoDate } from './dates.js';
import { isDebt, type GradeKind, type GradeValue } from './grading.js';
import { checkGroupName, groupNameKey, groupNamed, normalizeGroupName } from './groups.js';
import { courseCount } from './programs.js';
import { placedAfterYearEnd, type StudentStatus } from './orders.js';

export type Outcome = 'promoted' | 'conditional' | 'held' | 'graduated';
export const OUTCOMES: readonly Outcome[] = ['promoted', 'conditional', 'held', 'graduated'];
/** `--debtors`: debtors of a continuing group go on conditionally («условно переведён») or stay. */
export type DebtorsPolicy = 'conditional' | 'hold';
/** `--rename`: keep a continuing group's name, or raise the number in it that equals its course. */
export type RenamePolicy = 'keep' | 'increment';

/** An academic debt: a subject whose deciding mark of the year is 2, 1, незач or н/а. */
export interface Debt {
  subjectId: number;
  subject: string;
  subjectName: string;
  value: GradeValue;
  /** The period code of the mark (`S2`), or null for a final mark. */
  period: string | null;
}

/** A period or final mark of the year, as the store has it. */
export interface GradeFact {
  studentId: number;
  subjectId: number;
  subject: string;
  subjectName: string;
  kind: GradeKind;
  period: string | null;
  value: GradeValue;
}

/**
 * Each student's debts of a year (DOMAIN.md "Period and final marks"; issue 12: "a final or
 * period mark of 2, незач or н/а"). Per subject the final mark decides when there is one;
 * without it, a period mark that is a debt is one (the latest such period is named).
 * Students without debts are absent from the map.
 */
export function debtsOf(grades: readonly GradeFact[]): Map<number, Debt[]> {
  const bySubject = new Map<string, { final?: GradeFact; periodDebt?: GradeFact }>();
  for (const g of grades) {
    const key = `${g.studentId}:${g.subjectId}`;
    const slot = bySubject.get(key) ?? {};
    if (g.kind === 'final') slot.final = g;
    else if (g.kind === 'period' && isDebt(g.value) && (!slot.periodDebt || (g.period ?? '') > (slot.periodDebt.period ?? ''))) slot.periodDebt = g;
    bySubject.set(key, slot);
  }
  const debts = new Map<number, Debt[]>();
  for (const slot of bySubject.values()) {
    const deciding = slot.final ? (isDebt(slot.final.value) ? slot.final : undefined) : slot.periodDebt;
    if (!deciding) continue;
    const list = debts.get(deciding.studentId) ?? [];
    list.push({ subjectId: deciding.subjectId, subject: deciding.subject, subjectName: deciding.subjectName, value: deciding.value, period: deciding.kind === 'final' ? null : deciding.period });
    debts.set(deciding.studentId, list);
  }
  for (const list of debts.values()) list.sort((a, b) => a.subject.localeCompare(b.subject, 'ru'));
  return debts;
}

/** A mark entered after the outcome was recorded: a retake when it is positive. */
export interface LaterMark {
  subjectId: number;
  value: GradeValue;
}

/** The debts still open: a positive later mark of the subject (a retake) closes its debt. */
export function openDebts(debts: readonly Debt[], later: readonly LaterMark[]): Debt[] {
  const retaken = new Set(later.filter((m) => !isDebt(m.value)).map((m) => m.subjectId));
  return debts.filter((d) => !retaken.has(d.subjectId));
}

/** The outcome as it stands: a conditional promotion whose debts are all closed is a promotion. */
export function currentOutcome(recorded: Outcome, open: readonly Debt[]): Outcome {
  return recorded === 'conditional' && open.length === 0 ? 'promoted' : recorded;
}

/**
 * A continuing group's name in the next year. `increment` raises the first number in the
 * name that equals the course (`9А` course 9 → `10А`); a name whose numbers carry something
 * else, such as the intake year (`ИС-25` in course 1), stays as it is. Where more than one
 * number equals the course (`2-2`), the plan refuses the name (renameIsAmbiguous).
 */
export function renameGroup(name: string, course: number, policy: RenamePolicy): string {
  if (policy === 'keep') return name;
  let done = false;
  return name.replace(/\d+/g, (digits) => {
    if (done || Number(digits) !== course) return digits;
    done = true;
    return String(course + 1);
  });
}

/** Whether `increment` cannot tell which number of the name to raise: more than one equals the course (`2-2` in course 2). */
export function renameIsAmbiguous(name: string, course: number): boolean {
  return (name.match(/\d+/g) ?? []).filter((digits) => Number(digits) === course).length > 1;
}

/** The same day one year on; 29 February becomes 28 February. */
export function oneYearOn(date: IsoDate): IsoDate {
  const [y, m, d] = date.split('-').map(Number);
  return isoOf(y + 1, m, Math.min(d, daysInMonth(y + 1, m)));
}

/** `2025/2026` → `2026/2027`; undefined for a name that is not a year. */
export function nextYearName(name: string): string | undefined {
  const m = /^(\d{4})\/(\d{4})$/.exec(name);
  return m ? `${Number(m[1]) + 1}/${Number(m[2]) + 1}` : undefined;
}

export interface PeriodSpanDraft {
  code: string;
  name: string;
  start: IsoDate;
  end: IsoDate;
}

/**
 * The next year's dates and periods: the same, one year on. Each period starts the day after
 * the previous one ends, so they still cover the year with no gap or overlap even where a
 * 29 February drops out.
 */
export function yearOneYearOn(year: { start: IsoDate; end: IsoDate }, periods: readonly PeriodSpanDraft[]): { start: IsoDate; end: IsoDate; periods: PeriodSpanDraft[] } {
  const start = oneYearOn(year.start);
  const end = oneYearOn(year.end);
  const shifted: PeriodSpanDraft[] = [];
  periods.forEach((p, i) => {
    const from = i === 0 ? start : addDays(shifted[i - 1].end, 1);
    const to = i === periods.length - 1 ? end : oneYearOn(p.end);
    shifted.push({ code: p.code, name: p.name, start: from, end: to < from ? from : to });
  });
  return { start, end, periods: shifted };
}

// ---- the plan ------------------------------------------------------------------------

/** A group of the year rolled from, as the plan needs it. */
export interface GroupFact {
  id: number;
  name: string;
  programId: number;
  program: string;
  durationMonths: number;
  course: number;
  curatorId: number | null;
  /**
   * How many of its students are plain: active, in the group since before the year ended, and
   * without a mark of the year that is a debt or may make one (a period or final mark of 2,
   * 1, незач or н/а). A plain student needs no look one by one: it goes where its group goes
   * (see plainStudentPlans), so 100,000 of them are a count, not 100,000 facts.
   */
  plainStudents: number;
}

/**
 * A student the rollover must look at one by one: one of a group of the year who is not
 * plain (see GroupFact.plainStudents), one on leave whose last group was of the year, or an
 * active student in no group at all.
 */
export interface StudentFact {
  id: number;
  name: string;
  status: StudentStatus;
  /** The group of the year the student is in (or, on leave, was last in). */
  groupId: number | null;
  /** The open membership to close, and the date it began. */
  membershipId: number | null;
  fromDate: IsoDate | null;
}

/** A plain student of a group (see GroupFact.plainStudents), for a plan that lists everyone. */
export interface PlainStudentFact {
  id: number;
  name: string;
  groupId: number;
  membershipId: number;
}

export type StudentProblem = 'no_group' | 'beyond_last_course' | 'not_active' | 'enrolled_after_year_end' | 'group_not_placed';
export type GroupProblem = 'beyond_last_course' | 'name_ambiguous' | 'name_taken' | 'name_clash' | 'no_curriculum';

export interface RolloverFacts {
  yearEnd: IsoDate;
  groups: readonly GroupFact[];
  /** The students to look at one by one (every student the rollover concerns but the groups' plain ones). */
  students: readonly StudentFact[];
  debts: ReadonlyMap<number, readonly Debt[]>;
  /** Names of the groups the next year already has (say, created for the new intake). */
  takenNames: readonly string[];
  /** `programId:course` of every course some curriculum plans. */
  plannedCourses: ReadonlySet<string>;
}

export interface RolloverOptions {
  debtors: DebtorsPolicy;
  rename: RenamePolicy;
  /**
   * `--name OLD=NEW`: the next year's name of a group, by its name folded as groupNameKey,
   * over `rename` (the way out of a name `increment` cannot read, or one already taken).
   */
  names?: ReadonlyMap<string, string>;
}

/**
 * `--name OLD=NEW` pairs (`from`, `to` as typed) checked against the year's `groups`: each
 * `from` names one of them (as groupNamed finds a group), once; each `to` is a group name
 * (normalizeGroupName, then checkGroupName). Returns RolloverOptions.names.
 * InputError `rollover_name_unknown`, `rollover_name_twice`, `bad_group_name`,
 * `group_name_too_long`. Whether the group continues is known only from the plan
 * (assertNamedGroupsContinue).
 */
export function givenNames(pairs: readonly { from: string; to: string }[], groups: readonly { name: string }[], year: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const pair of pairs) {
    const group = groupNamed(groups, pair.from);
    if (!group) throw new InputError('rollover_name_unknown', { group: pair.from, year });
    const key = groupNameKey(group.name);
    if (names.has(key)) throw new InputError('rollover_name_twice', { group: group.name });
    const to = normalizeGroupName(pair.to);
    checkGroupName(to);
    names.set(key, to);
  }
  return names;
}

/** A name given (`--name`) for a group that does not go on to the next year (it graduates, or nobody moves): InputError `rollover_name_not_continuing`. */
export function assertNamedGroupsContinue(plan: RolloverPlan, names: ReadonlyMap<string, string>): void {
  const idle = plan.groups.find((g) => names.has(groupNameKey(g.name)) && g.action !== 'continue');
  if (idle) throw new InputError('rollover_name_not_continuing', { group: idle.name, action: idle.action });
}

/** The name a continuing group gets in the next year: the one given for it, else its own renamed per `rename`. */
function successorName(g: { name: string; course: number }, options: RolloverOptions): string {
  return options.names?.get(groupNameKey(g.name)) ?? renameGroup(g.name, g.course, options.rename);
}

export type OutcomeCounts = Record<Outcome | 'notMoved', number>;

export interface GroupPlan {
  id: number;
  name: string;
  program: string;
  course: number;
  /** continue: into the next year at course + 1; graduate: the last course; none: nobody moves. */
  action: 'continue' | 'graduate' | 'none';
  toName: string | null;
  toCourse: number | null;
  curatorId: number | null;
  programId: number;
  problem: GroupProblem | null;
  /** How many plain students it has, and the outcome they all get (null: not moved). */
  plainStudents: number;
  plainOutcome: Outcome | null;
  counts: OutcomeCounts;
}

export interface StudentPlan {
  id: number;
  name: string;
  groupId: number | null;
  group: string | null;
  membershipId: number | null;
  /** Null when the student is not moved because of a problem. */
  outcome: Outcome | null;
  problem: StudentProblem | null;
  debts: readonly Debt[];
  /** The group of the next year, for promoted and conditionally promoted students. */
  toGroup: string | null;
}

export interface RolloverPlan {
  groups: GroupPlan[];
  /**
   * The students looked at one by one (not the groups' plain students, who are counted in
   * their group), sorted by group, name and id; withPlainStudents adds the plain ones.
   */
  students: StudentPlan[];
  /** Every student the rollover concerns, plain ones included, by outcome. */
  counts: OutcomeCounts;
  /** What stops the rollover unless told to leave it behind: group problems, then students' own. */
  problems: ({ group: string; problem: GroupProblem; toName: string | null; renameHelps: boolean } | { studentId: number; student: string; group: string | null; problem: StudentProblem })[];
}

const collator = new Intl.Collator('ru', { numeric: true });
const noCounts = (): OutcomeCounts => ({ promoted: 0, conditional: 0, held: 0, graduated: 0, notMoved: 0 });

/**
 * Decide the rollover: every group of the year below its program's last course continues at
 * course + 1 (named as `names` gives, else per `rename`) when it has students to move, the
 * last course graduates; every student gets an outcome or a problem.
 *
 * - problems of a group (it stops its students too): beyond the program's last course; its
 *   new name already taken in the next year (or by another continuing group); no curriculum
 *   of its program for the next course;
 * - problems of a student: no group, a status that is not active, a membership that began
 *   after the year ended;
 * - outcomes: no debts → promoted (graduated in the last course); debts → conditional
 *   (`--debtors conditional`) or held (`--debtors hold`); debtors of the last course are
 *   held whatever the policy: one does not graduate conditionally.
 *
 * The groups' plain students follow the same rules as a student without debts or problem of
 * its own (planStudent decides for both); they are counted, not listed.
 */
export function planRollover(facts: RolloverFacts, options: RolloverOptions): RolloverPlan {
  const existing = new Set(facts.takenNames.map(groupNameKey));
  const taken = new Set(existing);
  const activeListed = new Set(facts.students.filter((s) => s.status === 'active' && s.groupId !== null).map((s) => s.groupId));
  const counts = noCounts();

  const groups: GroupPlan[] = [...facts.groups].sort((a, b) => collator.compare(a.name, b.name)).map((g) => {
    const last = courseCount(g.durationMonths);
    const moving = g.plainStudents > 0 || activeListed.has(g.id);
    const action: GroupPlan['action'] = !moving ? 'none' : g.course >= last ? 'graduate' : 'continue';
    const toName = action === 'continue' ? successorName(g, options) : null;
    let problem: GroupProblem | null = null;
    if (g.course > last) problem = moving ? 'beyond_last_course' : null;
    else if (action === 'continue') {
      // Taken by a group the next year has, or by another group's new name in this plan.
      if (options.rename === 'increment' && !options.names?.has(groupNameKey(g.name)) && renameIsAmbiguous(g.name, g.course)) problem = 'name_ambiguous';
      else if (taken.has(groupNameKey(toName!))) problem = existing.has(groupNameKey(toName!)) ? 'name_taken' : 'name_clash';
      else if (!facts.plannedCourses.has(`${g.programId}:${g.course + 1}`)) problem = 'no_curriculum';
      else taken.add(groupNameKey(toName!));
    }
    const plan: GroupPlan = {
      id: g.id, name: g.name, program: g.program, programId: g.programId, course: g.course, curatorId: g.curatorId,
      action: problem === 'beyond_last_course' ? 'none' : action,
      toName: problem ? null : toName, toCourse: action === 'continue' && !problem ? g.course + 1 : null, problem,
      plainStudents: g.plainStudents, plainOutcome: null, counts: noCounts(),
    };
    plan.plainOutcome = g.plainStudents === 0 ? null : planStudent(plainFact({ id: 0, name: '', groupId: g.id, membershipId: 0 }), plan, [], facts.yearEnd, options).outcome;
    plan.counts[plan.plainOutcome ?? 'notMoved'] += g.plainStudents;
    counts[plan.plainOutcome ?? 'notMoved'] += g.plainStudents;
    return plan;
  });
  const planOf = new Map(groups.map((g) => [g.id, g]));

  const students: StudentPlan[] = facts.students.map((s) => {
    const group = s.groupId === null ? undefined : planOf.get(s.groupId);
    const plan = planStudent(s, group, facts.debts.get(s.id) ?? [], facts.yearEnd, options);
    if (group) group.counts[plan.outcome ?? 'notMoved']++;
    counts[plan.outcome ?? 'notMoved']++;
    return plan;
  });
  sortStudents(students);

  const problems: RolloverPlan['problems'] = [
    ...groups.filter((g) => g.problem).map((g) => {
      const toName = g.action === 'continue' ? successorName(g, options) : null;
      // `--rename increment` helps a taken name only where it gives another, free one.
      const incremented = renameGroup(g.name, g.course, 'increment');
      const renameHelps = g.problem === 'name_taken' && options.rename === 'keep' && incremented !== g.name && !taken.has(groupNameKey(incremented));
      return { group: g.name, problem: g.problem!, toName, renameHelps };
    }),
    ...students.filter((s) => s.problem && s.problem !== 'group_not_placed' && s.problem !== 'beyond_last_course').map((s) => ({ studentId: s.id, student: s.name, group: s.group, problem: s.problem! })),
  ];
  return { groups, students, counts, problems };
}

/** One student's outcome or problem, given its group's plan and its debts. */
function planStudent(s: StudentFact, group: GroupPlan | undefined, debts: readonly Debt[], yearEnd: IsoDate, options: RolloverOptions): StudentPlan {
  const problem = studentProblem(s, group, yearEnd);
  let outcome: Outcome | null = null;
  if (!problem && group) {
    if (group.action === 'graduate') outcome = debts.length ? 'held' : 'graduated';
    else outcome = !debts.length ? 'promoted' : options.debtors === 'hold' ? 'held' : 'conditional';
  }
  const toGroup = outcome === 'promoted' || outcome === 'conditional' ? group!.toName : null;
  return { id: s.id, name: s.name, groupId: s.groupId, group: group?.name ?? null, membershipId: s.membershipId, outcome, problem, debts, toGroup };
}

function studentProblem(s: StudentFact, plan: GroupPlan | undefined, yearEnd: IsoDate): StudentProblem | null {
  if (!plan) return 'no_group';
  if (s.status !== 'active') return 'not_active';
  if (s.fromDate !== null && placedAfterYearEnd(s.fromDate, { end: yearEnd })) return 'enrolled_after_year_end';
  if (plan.problem === 'beyond_last_course') return 'beyond_last_course';
  if (plan.problem) return 'group_not_placed';
  return null;
}

/** A plain student as a fact: active, in time, no debt (that is what plain means). */
function plainFact(p: PlainStudentFact): StudentFact {
  return { id: p.id, name: p.name, status: 'active', groupId: p.groupId, membershipId: p.membershipId, fromDate: null };
}

function sortStudents(students: StudentPlan[]): void {
  students.sort((a, b) => collator.compare(a.group ?? '', b.group ?? '') || collator.compare(a.name, b.name) || a.id - b.id);
}

/**
 * The plan listing every student: the groups' plain students (as the store lists them) added
 * to those looked at one by one, each with its group's plain outcome. For the dry run and the
 * outcomes report; the rollover itself writes the plain students set-based.
 */
export function withPlainStudents(plan: RolloverPlan, plain: readonly PlainStudentFact[], yearEnd: IsoDate): RolloverPlan {
  const planOf = new Map(plan.groups.map((g) => [g.id, g]));
  // Debts and the debtors policy play no part: a plain student has no debt.
  const options: RolloverOptions = { debtors: 'conditional', rename: 'keep' };
  const students = [...plan.students, ...plain.map((p) => planStudent(plainFact(p), planOf.get(p.groupId), [], yearEnd, options))];
  sortStudents(students);
  return { ...plan, students };
}

/** Counts per outcome of every student the plan concerns. */
export function outcomeCounts(plan: RolloverPlan): OutcomeCounts {
  return { ...plan.counts };
}
