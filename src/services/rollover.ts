/**
 * `year rollover`: move a year's groups to the next year, graduate the last course, record
 * each student's outcome; `--dry-run` shows the plan; `--undo` takes it back.
 *
 * How it stays trustworthy:
 * - the plan is made from one consistent read, with the latest audit id; a problem stops it
 *   (exit 3) before anything is written, a backup included;
 * - then ONE transaction that first checks the latest audit id is still the one the plan saw
 *   (nothing was written in between: the plan is still true), then writes it all in bulk, its
 *   references checked once rather than row by row; a kill or a failure at any point leaves
 *   all of it or none of it;
 * - the automatic backup is made alongside that transaction (store/backupAlongside): a worker
 *   thread copies the store as the transaction found it, from the moment the transaction
 *   holds the write lock, and the transaction commits only once the copy is complete and
 *   named, so a rollover that happened always has its backup; one that did not leaves none;
 * - the rollover records what it inserted (orders, groups, year, calendar entries, disabled
 *   accounts, outcomes) and its own last audit id: `--undo` deletes exactly that, and only
 *   while no audit record follows it, so the state before comes back row for row (the audit
 *   log keeps both the rollover and its undo: history is never rewritten).
 */
import { InputError, RuleError } from '../core/errors.js';
import { t } from '../core/i18n.js';
import { parseYearName } from '../domain/academicYear.js';
import { auditLine } from '../domain/auditLabels.js';
import { addDays, formatDate, type IsoDate } from '../domain/dates.js';
import {
  assertNamedGroupsContinue,
  debtsOf,
  givenNames,
  nextYearName,
  oneYearOn,
  outcomeCounts,
  planRollover,
  withPlainStudents,
  yearOneYearOn,
  type DebtorsPolicy,
  type GroupPlan,
  type OutcomeCounts,
  type RenamePolicy,
  type RolloverPlan,
} from '../domain/rollover.js';
import { enabledStudentAccounts } from '../store/accounts.js';
import { automaticBackupAlongside, type BackupAlongside } from '../store/backupAlongside.js';
import { listGroups } from '../store/groups.js';
import { ensureOrder } from '../store/orders.js';
import {
  accountsDisabledBy,
  assertReferencesIntact,
  assertTablesIntact,
  auditAfter,
  copyCalendarDays,
  debtGradesOfYear,
  deleteRollover,
  gatherYearMemberships,
  groupsOfYear,
  hasCalendarDays,
  insertRollover,
  insertSuccessorGroups,
  lastAuditId,
  orderExists,
  plainStudentsOfYear,
  plannedCourses,
  rolloverFrom,
  rolloverInto,
  rolloverSize,
  sealRollover,
  type RolloverRow,
  studentsToLookAt,
  withoutRowByRowForeignKeyChecks,
  writeRolloverMoves,
  type YearMemberships,
  ROLLOVER_SMALL_TABLES,
  ROLLOVER_TABLES,
} from '../store/rollover.js';
import type { Store } from '../store/store.js';
import { findYear, insertPeriods, insertYear, listPeriods, yearById, yearByName, type YearRow } from '../store/years.js';

export interface RolloverOptions {
  from: string;
  to: string;
  dryRun?: boolean;
  debtors?: DebtorsPolicy;
  rename?: RenamePolicy;
  /** `--name OLD=NEW`: the next year's name of one group, over `rename` (domain givenNames). */
  names?: readonly { from: string; to: string }[];
  /** Leave the students and groups with a problem where they are, instead of refusing. */
  leaveBehind?: boolean;
  /** The transfer order; default `перевод-<to>` dated the first day of the new year. */
  orderNo?: string;
  orderDate?: IsoDate;
  /** The graduation order; default `выпуск-<from>` dated the day after the year ends. */
  graduationNo?: string;
  graduationDate?: IsoDate;
}

export interface OrderRefOut {
  number: string;
  date: IsoDate;
  students: number;
}

export interface RolloverResult {
  from: string;
  to: string;
  dryRun: boolean;
  /** The new year is created by this rollover (dates and periods one year on). */
  yearCreated: boolean;
  toYear: { start: IsoDate; end: IsoDate };
  calendarCopied: number;
  transferOrder: OrderRefOut | null;
  graduationOrder: OrderRefOut | null;
  backup: string | null;
  /** Unfinished copies an interrupted run had left beside the backup, removed (store/backup emptyCopyBeside). */
  unfinishedCopiesRemoved: string[];
  counts: OutcomeCounts;
  accountsDisabled: string[];
  /** Problems as lines for people; empty when the rollover can go ahead. */
  problems: string[];
  /** The rollover refuses while these problems stand (no --leave-behind): a dry run then exits 3 after the plan. */
  blocked: boolean;
  /**
   * The plan. A dry run lists every student; the rollover itself lists the students it looked
   * at one by one (debts, problems, statuses) and counts the groups' plain students.
   */
  plan: RolloverPlan;
  /** The year rolled from is closed: the rollover refuses until it is (a dry run shows the plan, then refuses). */
  yearClosed: boolean;
}

interface Prepared {
  from: YearRow;
  to: YearRow | undefined;
  toYear: { name: string; start: IsoDate; end: IsoDate; periods: { code: string; name: string; start: IsoDate; end: IsoDate }[] };
  plan: RolloverPlan;
  transfer: { number: string; date: IsoDate } | null;
  graduation: { number: string; date: IsoDate } | null;
  calendarToCopy: boolean;
  auditId: number;
  /** The memberships the plan was made from: the rollover moves the plain students from them. */
  members: YearMemberships;
}

/**
 * Plan the rollover from one consistent read. InputError `rollover_to_not_next` (the new
 * year must follow), `rollover_order_date` (orders are dated after the year ends and by the
 * day the next one starts),
 * `rollover_order_exists`; RuleError `rollover_already_done` (exit 4) on a second run.
 */
function prepare(store: Store, o: RolloverOptions): Prepared {
  // One read transaction: every fact comes from the same state of the store.
  return store.db.transaction((): Prepared => {
    const from = findYear(store, o.from);
    const done = rolloverFrom(store, from.id);
    if (done) throw new RuleError('rollover_already_done', { from: from.name, to: yearById(store, done.to_year_id).name, at: formatDate(done.at.slice(0, 10)), actor: done.actor });
    // The outcomes are decided on the year's marks: they must no longer change.
    if (!o.dryRun && from.status !== 'closed') throw new RuleError('rollover_year_open', { year: from.name });
    const named = parseYearName(o.to);
    if ('error' in named) throw new InputError('bad_year', { value: o.to, reason: named.error });
    const toName = o.to.trim().replace('-', '/');
    const to = yearByName(store, toName);
    if (!to && nextYearName(from.name) !== toName) throw new InputError('rollover_to_not_next', { from: from.name, to: toName, next: nextYearName(from.name) ?? '' });
    if (to && to.start <= from.end) throw new InputError('rollover_to_not_next', { from: from.name, to: toName, next: nextYearName(from.name) ?? '' });
    if (to?.status === 'closed') throw new RuleError('year_closed_read_only', { year: to.name });
    const shifted = yearOneYearOn(from, listPeriods(store, from.id));
    const toYear = to ? { name: to.name, start: to.start, end: to.end, periods: [] } : { name: toName, ...shifted };

    const members = gatherYearMemberships(store, from);
    const facts = {
      yearEnd: from.end,
      groups: groupsOfYear(store, members),
      students: studentsToLookAt(store, members),
      debts: debtsOf(debtGradesOfYear(store, from.id)),
      takenNames: to ? listGroups(store, to.id).map((g) => g.name) : [],
      plannedCourses: plannedCourses(store),
    };
    const names = givenNames(o.names ?? [], facts.groups, from.name);
    const planned = planRollover(facts, { debtors: o.debtors ?? 'conditional', rename: o.rename ?? 'keep', names });
    assertNamedGroupsContinue(planned, names);
    const plan = o.dryRun ? withPlainStudents(planned, plainStudentsOfYear(store, members), from.end) : planned;
    const counts = outcomeCounts(plan);
    const transfer = counts.promoted + counts.conditional > 0 ? orderRef(o.orderNo, o.orderDate, `перевод-${toYear.name}`, toYear.start) : null;
    const graduation = counts.graduated > 0 ? orderRef(o.graduationNo, o.graduationDate, `выпуск-${from.name}`, addDays(from.end, 1)) : null;
    for (const order of [transfer, graduation]) {
      if (!order) continue;
      // Between the two years: after the old one ends, and by the day the new one starts, when
      // the moved students are in their new groups (a later order would leave them in none).
      if (order.date <= from.end || order.date > toYear.start) {
        throw new InputError(
          'rollover_order_date',
          { number: order.number, date: formatDate(order.date), end: formatDate(from.end), start: formatDate(toYear.start) },
          { number: order.number, date: order.date, end: from.end, start: toYear.start },
        );
      }
      if (orderExists(store, order.number, order.date)) throw new InputError('rollover_order_exists', { number: order.number, date: formatDate(order.date) });
    }
    if (transfer && graduation && transfer.number === graduation.number && transfer.date === graduation.date) {
      throw new InputError('rollover_order_exists', { number: transfer.number, date: formatDate(transfer.date) });
    }
    return {
      from, to, toYear, plan, transfer, graduation, members,
      calendarToCopy: !hasCalendarDays(store, toYear.start, toYear.end),
      auditId: lastAuditId(store),
    };
  })();
}

function orderRef(number: string | undefined, date: IsoDate | undefined, defaultNumber: string, defaultDate: IsoDate): { number: string; date: IsoDate } {
  return { number: number?.trim() || defaultNumber, date: date ?? defaultDate };
}

/** A problem of the plan as a line for people. */
function problemLine(p: RolloverPlan['problems'][number]): string {
  if ('group' in p && !('studentId' in p)) {
    if (p.problem === 'name_taken') return t(p.renameHelps ? 'rollover_problem_name_taken' : 'rollover_problem_name_taken_rename', { group: p.group, name: p.toName ?? '' });
    return t(`rollover_problem_${p.problem}` as 'rollover_problem_no_curriculum', { group: p.group, name: p.toName ?? '' });
  }
  const s = p as Extract<RolloverPlan['problems'][number], { studentId: number }>;
  return t(`rollover_problem_${s.problem}` as 'rollover_problem_no_group', { student: s.student, id: s.studentId, group: s.group ?? '' });
}

/**
 * `year rollover --from Y --to Y2`. With `dryRun`, the plan and nothing written (`yearClosed`
 * and `blocked` say whether the rollover would refuse; the command prints the plan, then exits
 * 4 or 3). Otherwise refuses with RuleError `rollover_year_open` (exit 4) for a year not
 * closed, and InputError `rollover_problems` (exit 3, the problems as details) unless
 * `leaveBehind`; then writes it all in one transaction (RuleError `rollover_store_changed`
 * when something was written since the plan was made) with the automatic backup made alongside
 * (InputError `write_failed` when it cannot be, and nothing is written).
 */
export async function rolloverYear(store: Store, o: RolloverOptions): Promise<RolloverResult> {
  // The backup's worker opens its connection while the plan is made; it copies nothing unless the rollover goes ahead.
  const copy = o.dryRun ? undefined : automaticBackupAlongside(store, 'rollover');
  try {
    return await rollover(store, o, copy);
  } finally {
    await copy?.dispose();
  }
}

async function rollover(store: Store, o: RolloverOptions, copy: BackupAlongside | undefined): Promise<RolloverResult> {
  const p = prepare(store, o);
  const problems = p.plan.problems.map(problemLine);
  const counts = outcomeCounts(p.plan);
  // The dry run names the accounts the graduation would disable; the rollover, those it did.
  const toDisable = o.dryRun ? enabledStudentAccounts(store, p.plan.students.filter((s) => s.outcome === 'graduated').map((s) => s.id)).map((a) => a.login) : [];
  const result: RolloverResult = {
    from: p.from.name, to: p.toYear.name, dryRun: Boolean(o.dryRun), yearCreated: !p.to, toYear: { start: p.toYear.start, end: p.toYear.end },
    calendarCopied: 0,
    transferOrder: p.transfer && { ...p.transfer, students: counts.promoted + counts.conditional },
    graduationOrder: p.graduation && { ...p.graduation, students: counts.graduated },
    backup: null, unfinishedCopiesRemoved: [], counts, accountsDisabled: toDisable, problems, blocked: problems.length > 0 && !o.leaveBehind, plan: p.plan, yearClosed: p.from.status === 'closed',
  };
  if (!copy) return result; // the dry run
  // The problems as records for scripts (group or student, and which problem), as lines for people.
  if (result.blocked) throw new InputError('rollover_problems', { from: p.from.name, count: problems.length }, p.plan.problems).describedAs(problems);

  const done = withoutRowByRowForeignKeyChecks(store, () => store.mutate(() => {
    if (lastAuditId(store) !== p.auditId || rolloverFrom(store, p.from.id)) throw new RuleError('rollover_store_changed', { from: p.from.name });
    const { path: backup, removed } = copy.begin();
    const at = store.nowIso();
    const toYear = p.to ?? createYear(store, p);
    const transfer = p.transfer && ensureOrder(store, 'transfer', { ...p.transfer, reason: t('rollover_transfer_reason', { from: p.from.name, to: toYear.name }) });
    const graduation = p.graduation && ensureOrder(store, 'graduate', { ...p.graduation, reason: null });
    const copied = p.calendarToCopy ? copyCalendarDays(store, p.from.start, p.from.end, oneYearOn).filter((d) => d >= toYear.start && d <= toYear.end) : [];
    const rolloverId = insertRollover(store, {
      from_year_id: p.from.id, to_year_id: toYear.id, year_created: p.to ? 0 : 1, calendar_copied: JSON.stringify(copied),
      transfer_order_id: transfer?.id ?? null, graduate_order_id: graduation?.id ?? null, backup, at, actor: store.actor,
    });
    const continuing = p.plan.groups.filter((g): g is GroupPlan & { toName: string; toCourse: number } => g.action === 'continue' && g.toName !== null && g.toCourse !== null);
    const newGroupOf = insertSuccessorGroups(store, rolloverId, toYear.id, continuing.map((g) => ({ fromId: g.id, name: g.toName, programId: g.programId, course: g.toCourse, curatorId: g.curatorId })));
    const { accountsDisabled } = writeRolloverMoves(
      store,
      { rolloverId, members: p.members, transfer: transfer && { id: transfer.id, date: transfer.date }, graduation: graduation && { id: graduation.id, date: graduation.date }, at },
      p.plan.groups,
      p.plan.students,
      newGroupOf,
    );
    // The record says what was done in sums; who moved where is in the order items, the
    // outcomes and the rollover's own tables (what --undo reads), not repeated here.
    store.audit({
      entity: 'year', entityId: p.from.name, action: 'rollover',
      after: {
        to: toYear.name, yearCreated: !p.to, backup, calendarCopied: copied.length, counts,
        transferOrder: transfer && { number: transfer.number, date: transfer.date }, graduationOrder: graduation && { number: graduation.number, date: graduation.date },
        groups: continuing.map((g) => ({ from: g.name, to: g.toName, course: g.toCourse })), accountsDisabled, leftBehind: problems,
      },
    });
    assertTablesIntact(store, ROLLOVER_SMALL_TABLES);
    sealRollover(store, rolloverId);
    copy.finish();
    return { ...result, yearCreated: !p.to, calendarCopied: copied.length, backup, unfinishedCopiesRemoved: removed, graduationOrderId: graduation?.id ?? null };
  }));
  // Committed. The logins are read while the worker checkpoints: nothing they name can change since.
  copy.checkpointAfterCommit();
  const { graduationOrderId, ...rolledOver } = done;
  return { ...rolledOver, accountsDisabled: graduationOrderId === null ? [] : accountsDisabledBy(store, graduationOrderId) };
}

function createYear(store: Store, p: Prepared): YearRow {
  const year = insertYear(store, { name: p.toYear.name, start: p.toYear.start, end: p.toYear.end, status: p.toYear.start <= store.today ? 'open' : 'planned' });
  insertPeriods(store, year.id, p.toYear.periods);
  store.audit({ entity: 'year', entityId: year.name, action: 'create', after: { ...year, periods: p.toYear.periods, by: 'rollover' } });
  return year;
}

export interface UndoResult {
  year: string;
  from: string;
  /** Nothing was taken back: what the undo would restore, checked as the undo checks it. */
  dryRun: boolean;
  restored: { groups: number; students: number; accounts: number; yearDeleted: boolean };
  backup: string | null;
}

/**
 * `year rollover --undo Y2`: take back the latest rollover into Y2 while nothing has been
 * written since it (no audit record after its own). RuleError `rollover_not_found`, or
 * `rollover_undo_changed` with the records written since as details. With `dryRun`, the same
 * checks and counts in a read transaction, and nothing written. The references are checked
 * once at the end rather than per deleted row (store/rollover withoutRowByRowForeignKeyChecks).
 */
export function undoRollover(store: Store, toYearName: string, options: { dryRun?: boolean } = {}): UndoResult {
  if (options.dryRun) return store.db.transaction(() => undoable(store, toYearName).result)();
  return withoutRowByRowForeignKeyChecks(store, () => store.mutate(() => {
    const { rollover: r, result } = undoable(store, toYearName);
    deleteRollover(store, r);
    assertReferencesIntact(store, ROLLOVER_TABLES);
    store.audit({ entity: 'year', entityId: result.from, action: 'rollover_undo', before: { to: result.year, at: r.at, actor: r.actor }, after: result.restored });
    return { ...result, dryRun: false };
  }));
}

/** The rollover into Y2 an undo would take back, and what it would restore; the undo's refusals. */
function undoable(store: Store, toYearName: string): { rollover: RolloverRow; result: UndoResult } {
  const to = findYear(store, toYearName);
  const r = rolloverInto(store, to.id);
  if (!r) throw new RuleError('rollover_not_found', { year: to.name });
  const since = auditAfter(store, r.audit_id ?? 0);
  if (since.length) {
    throw new RuleError('rollover_undo_changed', { year: to.name, count: since.length, backup: r.backup ?? '' }, since).describedAs(
      since.map((c) => auditLine(c, c.date && c.name ? t('people_order_ref', { number: c.name, date: formatDate(c.date) }) : c.name)),
    );
  }
  const from = yearById(store, r.from_year_id);
  const restored = { ...rolloverSize(store, r), yearDeleted: r.year_created === 1 };
  return { rollover: r, result: { year: to.name, from: from.name, dryRun: true, restored, backup: r.backup } };
}
