/**
 * The year rollover's SQL: the facts the plan is made from, the bulk writes that carry it
 * out (prepared statements and set-based statements over a temporary table: 100,000
 * students are one pass each), the record that makes `--undo` exact, and the outcomes.
 */
import type { IsoDate } from '../domain/dates.js';
import { StoreError } from '../core/errors.js';
import { GRADE_VALUES, isDebt, RETAKE_KINDS } from '../domain/grading.js';
import type { Debt, GradeFact, GroupFact, GroupPlan, LaterMark, Outcome, PlainStudentFact, StudentFact, StudentPlan } from '../domain/rollover.js';
import { ACCOUNT_ENABLED } from './accounts.js';
import type { Store } from './store.js';

// ---- facts ---------------------------------------------------------------------------

/** The marks that are, or may make, a debt (domain/grading isDebt), as an SQL list. */
const DEBT_MARKS = GRADE_VALUES.filter(isDebt).map((v) => `'${v}'`).join(', ');

/**
 * Whether the open membership `m` of student `s` is a plain student's (domain
 * GroupFact.plainStudents): active, in since the year's end at the latest (@end; domain
 * placedAfterYearEnd is the same rule), and no period or final mark of the year (@year) that
 * is a debt. The one definition the counts, the listing and the writes share; the partial
 * index grade_debt (migration 6) finds the debtors.
 */
const PLAIN = `s.status = 'active' AND m.from_date <= @end
  AND m.student_id NOT IN (SELECT d.student_id FROM grade d WHERE d.year_id = @year AND d.value IN (${DEBT_MARKS}) AND d.kind IN ('period', 'final'))`;

/**
 * The open memberships `m` (the query adds `m.to_date IS NULL`), each joined to its student
 * `s`, read in one pass over the table in its own order. Reaching this year's 100,000 of them
 * through membership_group costs a look-up of each row (the index holds neither the end nor
 * the student): twice the time of the pass. The pass also reads the closed memberships of
 * earlier years, sequentially, at a fraction of that.
 */
const OPEN_MEMBERSHIPS = `membership m NOT INDEXED JOIN student s ON s.person_id = m.student_id`;

/**
 * The open memberships of a year's groups, gathered once (gatherYearMemberships) into
 * temp.year_membership: `student_id` (one open membership each), `membership_id`,
 * `group_id`, `from_date` and `plain` (1 for a plain student, see PLAIN). The plan's counts
 * and listings and the rollover's moves all read it rather than the membership table, which
 * at 100,000 students is a pass each. It holds the store as it was when gathered: a rollover
 * writes from it only while nothing was written since (the caller's audit fence).
 */
export interface YearMemberships {
  readonly year: { id: number; end: IsoDate };
}

/**
 * Gather the open memberships of the year's groups into temp.year_membership (see
 * YearMemberships), replacing any earlier gathering on this connection. Writes only the
 * connection's temporary schema, so it may run in a read transaction.
 */
export function gatherYearMemberships(store: Store, year: { id: number; end: IsoDate }): YearMemberships {
  store.db.exec(`DROP TABLE IF EXISTS temp.year_membership;
    CREATE TEMP TABLE year_membership (student_id INTEGER PRIMARY KEY, membership_id INTEGER NOT NULL, group_id INTEGER NOT NULL, from_date TEXT NOT NULL, plain INTEGER NOT NULL) STRICT`);
  store.run(
    `INSERT OR FAIL INTO temp.year_membership SELECT m.student_id, m.id, m.group_id, m.from_date, ${PLAIN}
       FROM ${OPEN_MEMBERSHIPS} JOIN study_group g ON g.id = m.group_id
      WHERE m.to_date IS NULL AND g.year_id = @year`,
    { year: year.id, end: year.end },
  );
  return { year };
}

/** Drop what gatherYearMemberships gathered. */
export function releaseYearMemberships(store: Store): void {
  store.db.exec('DROP TABLE IF EXISTS temp.year_membership');
}

/**
 * The groups of a year with their program's duration and how many plain students each has,
 * by name as SQLite orders it (the plan sorts them as people do: a near-sorted list sorts fast).
 */
export function groupsOfYear(store: Store, members: YearMemberships): GroupFact[] {
  return store.all<GroupFact>(
    `SELECT g.id, g.name, g.program_id AS programId, p.code AS program, p.duration_months AS durationMonths, g.course, g.curator_id AS curatorId,
            coalesce(plain.n, 0) AS plainStudents
       FROM study_group g JOIN program p ON p.id = g.program_id
       LEFT JOIN (SELECT group_id, count(*) AS n FROM temp.year_membership WHERE plain GROUP BY group_id) plain ON plain.group_id = g.id
      WHERE g.year_id = ? ORDER BY g.name`,
    members.year.id,
  );
}

/** `programId:course` of every course some curriculum plans. */
export function plannedCourses(store: Store): Set<string> {
  return new Set(store.all<{ key: string }>(`SELECT DISTINCT s.program_id || ':' || pi.course AS key FROM plan_item pi JOIN subject s ON s.id = pi.subject_id`).map((r) => r.key));
}

const NAME = `p.last_name || ' ' || p.first_name || coalesce(' ' || p.middle_name, '')`;

/** Students `s` (with person `p`) on leave whose last group, `last.group_id`, is one of the year's (@year). */
const ON_LEAVE_FROM_YEAR = `student s JOIN person p ON p.id = s.person_id
       JOIN membership last ON last.id = (SELECT m.id FROM membership m WHERE m.student_id = s.person_id ORDER BY m.from_date DESC, m.id DESC LIMIT 1)
       JOIN study_group g ON g.id = last.group_id AND g.year_id = @year
      WHERE s.status = 'leave'`;

/**
 * The students a rollover of the year must look at one by one: those in one of its groups
 * (open membership) who are not plain, those on leave whose last group was one of its groups,
 * and active students in no group. An active student is first looked for among the year's
 * memberships (one look-up in the gathered table), and only when not there among the open
 * memberships of other years: a pass of the membership table spared.
 */
export function studentsToLookAt(store: Store, members: YearMemberships): StudentFact[] {
  return store.stmt<StudentFact>(
    `SELECT s.person_id AS id, ${NAME} AS name, s.status, ym.group_id AS groupId, ym.membership_id AS membershipId, ym.from_date AS fromDate
       FROM temp.year_membership ym JOIN student s ON s.person_id = ym.student_id JOIN person p ON p.id = s.person_id
      WHERE NOT ym.plain
     UNION ALL
     SELECT s.person_id, ${NAME}, s.status, last.group_id, NULL, NULL
       FROM ${ON_LEAVE_FROM_YEAR}
     UNION ALL
     SELECT s.person_id, ${NAME}, s.status, NULL, NULL, NULL
       FROM student s JOIN person p ON p.id = s.person_id
      WHERE s.status = 'active'
        AND s.person_id NOT IN (SELECT student_id FROM temp.year_membership)
        AND NOT EXISTS (SELECT 1 FROM membership m WHERE m.student_id = s.person_id AND m.to_date IS NULL)`,
  ).all({ year: members.year.id }) as StudentFact[];
}

/**
 * Everyone the year's outcomes concern: each student in one of its groups on its last day
 * (moved, expelled or transferred since, or not) or still in one now (enrolled into it after
 * the year ended, say), and each student on leave whose last group was one of its groups.
 * With that group.
 */
export function yearEndRoster(store: Store, year: { id: number; end: IsoDate }): { id: number; name: string; groupId: number }[] {
  return store.stmt<{ id: number; name: string; groupId: number }>(
    `SELECT s.person_id AS id, ${NAME} AS name, m.group_id AS groupId
       FROM study_group g JOIN membership m ON m.group_id = g.id JOIN student s ON s.person_id = m.student_id JOIN person p ON p.id = s.person_id
      WHERE g.year_id = @year AND (m.to_date IS NULL OR (m.from_date <= @end AND m.to_date > @end))
     UNION
     SELECT s.person_id, ${NAME}, last.group_id
       FROM ${ON_LEAVE_FROM_YEAR}`,
  ).all({ year: year.id, end: year.end }) as { id: number; name: string; groupId: number }[];
}

/** The plain students of a year's groups (`_members`: gathered first), with their names: for a plan that lists everyone. */
export function plainStudentsOfYear(store: Store, _members: YearMemberships): PlainStudentFact[] {
  return store.all<PlainStudentFact>(
    `SELECT ym.student_id AS id, ${NAME} AS name, ym.group_id AS groupId, ym.membership_id AS membershipId
       FROM temp.year_membership ym JOIN person p ON p.id = ym.student_id
      WHERE ym.plain`,
  );
}

/**
 * The marks of a year that may decide a debt (domain debtsOf): period and final marks that
 * are debts, and the final marks that overrule a period mark that is one.
 */
export function debtGradesOfYear(store: Store, yearId: number): GradeFact[] {
  const COLUMNS = `g.student_id AS studentId, g.subject_id AS subjectId, s.code AS subject, s.name AS subjectName, g.kind, pe.code AS period, g.value`;
  return store.stmt<GradeFact>(
    `SELECT ${COLUMNS} FROM grade g JOIN subject s ON s.id = g.subject_id LEFT JOIN period pe ON pe.id = g.period_id
      WHERE g.year_id = @year AND g.value IN (${DEBT_MARKS}) AND g.kind IN ('period', 'final')
     UNION
     SELECT ${COLUMNS} FROM grade d
       JOIN grade g ON g.student_id = d.student_id AND g.subject_id = d.subject_id AND g.year_id = d.year_id AND g.kind = 'final'
       JOIN subject s ON s.id = g.subject_id LEFT JOIN period pe ON pe.id = g.period_id
      WHERE d.year_id = @year AND d.value IN (${DEBT_MARKS}) AND d.kind = 'period' AND g.value NOT IN (${DEBT_MARKS})`,
  ).all({ year: yearId }) as GradeFact[];
}

/** The latest audit record's id (0 for none): what a rollover and its undo fence on. */
export function lastAuditId(store: Store): number {
  return store.get<{ id: number | null }>('SELECT max(id) AS id FROM audit')!.id ?? 0;
}

/**
 * Audit records after `id`, oldest first: what changed since. A student, group, order or
 * account, or one student's mark, is also named as people know it (`name`: the student's full
 * name, the group's name and year, the order's number with its `date`, the login with its
 * holder's name, the student's name before the mark's subject, kind and period), not only by the
 * id the record keeps (a mark's is `student:subject:kind:period`).
 */
export function auditAfter(store: Store, id: number, limit = 50): { id: number; at: string; actor: string; entity: string; entityId: string | null; action: string; name: string | null; date: IsoDate | null }[] {
  return store.all(
    `SELECT a.id, a.at, a.actor, a.entity, a.entity_id AS entityId, a.action,
            CASE a.entity
              WHEN 'student' THEN (SELECT ${NAME} FROM person p WHERE p.id = a.entity_id)
              WHEN 'group' THEN (SELECT g.name || ' (' || y.name || ')' FROM study_group g JOIN year y ON y.id = g.year_id WHERE g.id = a.entity_id)
              WHEN 'order' THEN (SELECT o.number FROM "order" o WHERE o.id = a.entity_id)
              WHEN 'account' THEN (SELECT ac.login || ' (' || ${NAME} || ')' FROM account ac JOIN person p ON p.id = ac.person_id WHERE ac.login = a.entity_id)
              WHEN 'grade' THEN (SELECT ${NAME} || ', ' || substr(a.entity_id, instr(a.entity_id, ':') + 1) FROM person p
                                  WHERE p.id = CAST(substr(a.entity_id, 1, instr(a.entity_id, ':') - 1) AS INTEGER))
            END AS name,
            CASE a.entity WHEN 'order' THEN (SELECT o.date FROM "order" o WHERE o.id = a.entity_id) END AS date
       FROM audit a WHERE a.id > ? ORDER BY a.id LIMIT ?`,
    id, limit,
  );
}

/** Whether an order with this number and date exists. */
export function orderExists(store: Store, number: string, date: IsoDate): boolean {
  return store.get('SELECT 1 FROM "order" WHERE number = ? AND date = ?', number, date) !== undefined;
}

/** Whether the user's own calendar has any entry in [from, to]. */
export function hasCalendarDays(store: Store, from: IsoDate, to: IsoDate): boolean {
  return store.get('SELECT 1 FROM calendar_day WHERE date BETWEEN ? AND ?', from, to) !== undefined;
}

// ---- the record ----------------------------------------------------------------------

export interface RolloverRow {
  id: number;
  from_year_id: number;
  to_year_id: number;
  year_created: 0 | 1;
  calendar_copied: string;
  transfer_order_id: number | null;
  graduate_order_id: number | null;
  backup: string | null;
  audit_id: number | null;
  at: string;
  actor: string;
}

export function rolloverFrom(store: Store, yearId: number): RolloverRow | undefined {
  return store.get<RolloverRow>('SELECT * FROM rollover WHERE from_year_id = ?', yearId);
}

export function rolloverInto(store: Store, yearId: number): RolloverRow | undefined {
  return store.get<RolloverRow>('SELECT * FROM rollover WHERE to_year_id = ? ORDER BY id DESC LIMIT 1', yearId);
}

export function insertRollover(store: Store, r: Omit<RolloverRow, 'id' | 'audit_id'>): number {
  return Number(
    store.run(
      `INSERT INTO rollover (from_year_id, to_year_id, year_created, calendar_copied, transfer_order_id, graduate_order_id, backup, at, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      r.from_year_id, r.to_year_id, r.year_created, r.calendar_copied, r.transfer_order_id, r.graduate_order_id, r.backup, r.at, r.actor,
    ).lastInsertRowid,
  );
}

/** Name the rollover's own last audit record: undo refuses once any later one exists. */
export function sealRollover(store: Store, id: number): void {
  store.run('UPDATE rollover SET audit_id = (SELECT max(id) FROM audit) WHERE id = ?', id);
}

/** Copy the user's calendar entries of [from, to] to the dates `shift` gives; returns the dates written. */
export function copyCalendarDays(store: Store, from: IsoDate, to: IsoDate, shift: (d: IsoDate) => IsoDate): IsoDate[] {
  const rows = store.all<{ date: IsoDate; kind: string; name: string | null }>('SELECT date, kind, name FROM calendar_day WHERE date BETWEEN ? AND ? ORDER BY date', from, to);
  const insert = store.stmt('INSERT OR IGNORE INTO calendar_day (date, kind, name) VALUES (?, ?, ?)');
  const written: IsoDate[] = [];
  for (const r of rows) if (insert.run(shift(r.date), r.kind, r.name).changes) written.push(shift(r.date));
  return written;
}

/**
 * The next year's groups, each the successor of one of this year's, inserted in the order
 * given; returns old id → new id. One statement for all (the groups as a JSON array), not
 * one per group: thousands of statements cost more than the rows they write.
 */
export function insertSuccessorGroups(store: Store, rolloverId: number, yearId: number, groups: readonly { fromId: number; name: string; programId: number; course: number; curatorId: number | null }[]): Map<number, number> {
  const created = store.all<{ id: number; fromId: number }>(
    `INSERT INTO study_group (year_id, name, program_id, course, curator_id, predecessor_id)
     SELECT ?, g.value ->> 'name', g.value ->> 'programId', g.value ->> 'course', g.value ->> 'curatorId', g.value ->> 'fromId' FROM json_each(?) g ORDER BY g.key
     RETURNING id, predecessor_id AS fromId`,
    yearId, JSON.stringify(groups),
  );
  // RETURNING promises no order; the ids grow in the order the groups went in.
  const ids = created.map((g) => g.id).sort((a, b) => a - b);
  store.run('INSERT INTO rollover_group (rollover_id, group_id) SELECT ?, value FROM json_each(?) ORDER BY key', rolloverId, JSON.stringify(ids));
  return new Map(created.map((g) => [g.fromId, g.id]));
}

/**
 * Carry out the students' part of the plan, set-based: the students looked at one by one are
 * added from the plan with their debts, and the groups' plain students move with one INSERT …
 * SELECT from the memberships the plan was made from (each continuing or graduating group's
 * plain outcome; the caller made sure nothing was written since); then close each moved or
 * graduated student's membership on its order's date, open the new one, write the order
 * items, mark graduates and disable their student accounts (from `r.at`, by the graduation
 * order), and record every outcome. The orders exist and were checked against the locks by the
 * caller. Meant to run without the row-by-row foreign key checks
 * (withoutRowByRowForeignKeyChecks): the moves' references are checked once here
 * (assertMovesIntact), before anything is copied from them.
 * Returns how many accounts it disabled (accountsDisabledBy names them).
 */
export function writeRolloverMoves(
  store: Store,
  r: { rolloverId: number; members: YearMemberships; transfer: { id: number; date: IsoDate } | null; graduation: { id: number; date: IsoDate } | null; at: string },
  groups: readonly GroupPlan[],
  listed: readonly StudentPlan[],
  newGroupOf: ReadonlyMap<number, number>,
): { accountsDisabled: number } {
  store.db.exec(`DROP TABLE IF EXISTS temp.rollover_move; DROP TABLE IF EXISTS temp.rollover_group_plan;
    CREATE TEMP TABLE rollover_move (student_id INTEGER PRIMARY KEY, membership_id INTEGER, from_group_id INTEGER NOT NULL, to_group_id INTEGER, outcome TEXT NOT NULL) STRICT;
    CREATE TEMP TABLE rollover_group_plan (group_id INTEGER PRIMARY KEY, to_group_id INTEGER, outcome TEXT NOT NULL) STRICT`);
  // The plans and the students looked at one by one go in as JSON arrays, one statement each.
  const plans = groups.filter((g) => g.plainOutcome && g.plainStudents > 0).map((g) => [g.id, newGroupOf.get(g.id) ?? null, g.plainOutcome]);
  store.run('INSERT INTO temp.rollover_group_plan SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?)', JSON.stringify(plans));
  const moving = listed.filter((s) => s.outcome);
  const moves = JSON.stringify(moving.map((s) => [s.id, s.membershipId, s.groupId, s.outcome === 'promoted' || s.outcome === 'conditional' ? newGroupOf.get(s.groupId!)! : null, s.outcome]));
  assertMovesIntact(store, moves);
  // The plain students first, in student order into an empty table (each row appended), then
  // the few looked at one by one among them.
  store.run(
    `INSERT OR FAIL INTO temp.rollover_move SELECT ym.student_id, ym.membership_id, ym.group_id, gp.to_group_id, gp.outcome
       FROM temp.year_membership ym JOIN temp.rollover_group_plan gp ON gp.group_id = ym.group_id
      WHERE ym.plain`,
  );
  store.run('INSERT OR FAIL INTO temp.rollover_move SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 FROM json_each(?)', moves);
  const debts = moving.flatMap((s) => s.debts.map((d) => [s.id, d.subjectId, d.value, d.period]));
  store.run(
    'INSERT INTO outcome_debt (student_id, year_id, subject_id, value, period, rollover_id) SELECT value ->> 0, ?, value ->> 1, value ->> 2, value ->> 3, ? FROM json_each(?) ORDER BY key',
    r.members.year.id, r.rolloverId, JSON.stringify(debts),
  );
  // Every write below is OR FAIL: a broken constraint stops the statement without undoing its
  // rows, which the transaction's rollback does anyway, so SQLite keeps no statement journal
  // (a copy of each page the statement changes: 12 MB written to a temporary file at 100,000).
  const params = { transfer: r.transfer?.id ?? null, graduate: r.graduation?.id ?? null, tdate: r.transfer?.date ?? null, gdate: r.graduation?.date ?? null };
  store.run(
    `UPDATE OR FAIL membership SET
       to_date = CASE mv.outcome WHEN 'graduated' THEN @gdate ELSE @tdate END,
       to_order_id = CASE mv.outcome WHEN 'graduated' THEN @graduate ELSE @transfer END
       FROM temp.rollover_move mv WHERE membership.id = mv.membership_id AND mv.outcome <> 'held'`,
    params,
  );
  store.run(`INSERT OR FAIL INTO membership (student_id, group_id, from_date, from_order_id) SELECT student_id, to_group_id, @tdate, @transfer FROM temp.rollover_move WHERE to_group_id IS NOT NULL ORDER BY student_id`, params);
  store.run(
    `INSERT OR FAIL INTO order_item (order_id, student_id, from_group_id, to_group_id, note)
     SELECT CASE outcome WHEN 'graduated' THEN @graduate ELSE @transfer END, student_id, from_group_id, to_group_id,
            CASE outcome WHEN 'conditional' THEN 'условно переведён(а), имеет академическую задолженность' END
       FROM temp.rollover_move WHERE outcome <> 'held' ORDER BY student_id`,
    params,
  );
  store.run(`UPDATE OR FAIL student SET status = 'graduated' WHERE person_id IN (SELECT student_id FROM temp.rollover_move WHERE outcome = 'graduated')`);
  const accountsDisabled = !r.graduation
    ? 0
    : store.run(
        `INSERT OR FAIL INTO account_disabled (account_id, disabled_at, order_id)
         SELECT a.id, ?, ? FROM temp.rollover_move mv JOIN account a ON a.person_id = mv.student_id AND a.role = 'student'
          WHERE mv.outcome = 'graduated' AND ${ACCOUNT_ENABLED}`,
        r.at, r.graduation.id,
      ).changes;
  store.run(`INSERT OR FAIL INTO outcome (student_id, year_id, group_id, outcome, rollover_id) SELECT student_id, ?, from_group_id, outcome, ? FROM temp.rollover_move`, r.members.year.id, r.rolloverId);
  store.db.exec('DROP TABLE temp.rollover_move; DROP TABLE temp.rollover_group_plan');
  releaseYearMemberships(store);
  return { accountsDisabled };
}

/** The logins of the accounts an order disabled (a rollover's graduation order), sorted. */
export function accountsDisabledBy(store: Store, orderId: number): string[] {
  return store.all<{ login: string }>('SELECT a.login FROM account_disabled d JOIN account a ON a.id = d.account_id WHERE d.order_id = ? ORDER BY a.login', orderId).map((r) => r.login);
}

/**
 * Run `fn`, which opens its own transaction, without SQLite's row-by-row foreign key checks,
 * for the rollover's bulk writes and its undo. A rollover's 300,000 new rows would each look
 * up their three or four parents one at a time (a seventh of its time); deleting the thousands
 * of groups it made would scan every table that may reference a group once per group (no index
 * leads with those columns, and adding them would slow every rollover). `fn` checks the
 * references once at its end instead: assertMovesIntact for the rows copied from the moves,
 * assertTablesIntact / assertReferencesIntact for the rest. The setting is the connection's own.
 */
export function withoutRowByRowForeignKeyChecks<T>(store: Store, fn: () => T): T {
  store.db.pragma('foreign_keys = OFF');
  try {
    return fn();
  } finally {
    store.db.pragma('foreign_keys = ON');
  }
}

/**
 * Inside the transaction: every reference in `tables` names a row that exists (PRAGMA
 * foreign_key_check, one pass per table). StoreError `rollover_broken_references` otherwise,
 * which rolls the transaction back.
 */
export function assertTablesIntact(store: Store, tables: readonly string[]): void {
  for (const name of tables) {
    const broken = store.db.pragma(`foreign_key_check("${name}")`) as unknown[];
    if (broken.length) throw new StoreError('rollover_broken_references', { table: name, count: broken.length });
  }
}

/** After a bulk delete from `parents`: assertTablesIntact on every table that references one of them. */
export function assertReferencesIntact(store: Store, parents: readonly string[]): void {
  const children = store.all<{ name: string }>(
    `SELECT DISTINCT m.name FROM sqlite_schema m JOIN pragma_foreign_key_list(m.name) f
      WHERE m.type = 'table' AND f."table" IN (SELECT value FROM json_each(?)) ORDER BY m.name`,
    JSON.stringify(parents),
  );
  assertTablesIntact(store, children.map((c) => c.name));
}

/** The small tables a rollover writes besides the moves: assertTablesIntact checks them whole. */
export const ROLLOVER_SMALL_TABLES = ['period', 'study_group', 'rollover', 'rollover_group', 'outcome_debt'] as const;

/**
 * The moves' references, checked once at their source: every student and group the moves
 * taken from the plan (`moves`: a JSON array of [student, membership, group, new group,
 * outcome]) name exists, and so does every group the group plans name. The plain moves come
 * from the gathered memberships (each an open membership joined to its student, and nothing
 * was written since), in a group whose plan is checked here, so they name nothing that is not
 * there.
 * The memberships, order items and outcomes are copied from the moves (with the orders,
 * year and rollover the caller just wrote or read), and the disabled accounts are read with
 * them from the account table, so this checks them all. StoreError
 * `rollover_broken_references` otherwise.
 */
function assertMovesIntact(store: Store, moves: string): void {
  const broken = store.get<{ n: number }>(
    `SELECT (SELECT count(*) FROM json_each(@moves) mv
              WHERE NOT EXISTS (SELECT 1 FROM student s WHERE s.person_id = mv.value ->> 0)
                 OR NOT EXISTS (SELECT 1 FROM study_group g WHERE g.id = mv.value ->> 2)
                 OR (mv.value ->> 3 IS NOT NULL AND NOT EXISTS (SELECT 1 FROM study_group g WHERE g.id = mv.value ->> 3)))
          + (SELECT count(*) FROM temp.rollover_group_plan gp
              WHERE NOT EXISTS (SELECT 1 FROM study_group g WHERE g.id = gp.group_id)
                 OR (gp.to_group_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM study_group g WHERE g.id = gp.to_group_id))) AS n`,
    { moves },
  )!.n;
  if (broken) throw new StoreError('rollover_broken_references', { table: 'rollover_move', count: broken });
}

/** What a rollover wrote, counted: the groups it created, the outcomes it recorded, the accounts its graduation order disabled. */
export function rolloverSize(store: Store, r: RolloverRow): { groups: number; students: number; accounts: number } {
  return store.get<{ groups: number; students: number; accounts: number }>(
    `SELECT (SELECT count(*) FROM rollover_group WHERE rollover_id = @id) AS groups, (SELECT count(*) FROM outcome WHERE rollover_id = @id) AS students,
            (SELECT count(*) FROM account_disabled WHERE order_id = @order) AS accounts`,
    { id: r.id, order: r.graduate_order_id },
  )!;
}

/** The tables deleteRollover deletes from: what assertReferencesIntact checks after it. */
export const ROLLOVER_TABLES = ['outcome_debt', 'outcome', 'account_disabled', 'membership', 'order_item', 'rollover_group', 'rollover', 'order', 'study_group', 'calendar_day', 'period', 'year'] as const;

/**
 * Remove exactly what a rollover wrote, in reverse: outcomes and debts, the disabling of the
 * accounts its graduation order disabled, graduates active again, the memberships it opened deleted and those
 * it closed reopened, its order items and orders, the groups it created, the calendar entries
 * it copied, the year it created with its periods, and its record.
 */
export function deleteRollover(store: Store, r: RolloverRow): void {
  const orders = JSON.stringify([r.transfer_order_id, r.graduate_order_id].filter((id) => id !== null));
  store.run('DELETE FROM outcome_debt WHERE rollover_id = ?', r.id);
  store.run('DELETE FROM outcome WHERE rollover_id = ?', r.id);
  if (r.graduate_order_id !== null) {
    store.run('DELETE FROM account_disabled WHERE order_id = ?', r.graduate_order_id);
    store.run(`UPDATE student SET status = 'active' WHERE person_id IN (SELECT student_id FROM order_item WHERE order_id = ?)`, r.graduate_order_id);
  }
  if (r.transfer_order_id !== null) store.run('DELETE FROM membership WHERE from_order_id = ?', r.transfer_order_id);
  store.run('UPDATE membership SET to_date = NULL, to_order_id = NULL WHERE to_order_id IN (SELECT value FROM json_each(?))', orders);
  store.run('DELETE FROM order_item WHERE order_id IN (SELECT value FROM json_each(?))', orders);
  const groups = JSON.stringify(store.all<{ id: number }>('SELECT group_id AS id FROM rollover_group WHERE rollover_id = ?', r.id).map((g) => g.id));
  store.run('DELETE FROM rollover_group WHERE rollover_id = ?', r.id);
  store.run('DELETE FROM rollover WHERE id = ?', r.id);
  store.run('DELETE FROM "order" WHERE id IN (SELECT value FROM json_each(?))', orders);
  store.run('DELETE FROM study_group WHERE id IN (SELECT value FROM json_each(?))', groups);
  store.run('DELETE FROM calendar_day WHERE date IN (SELECT value FROM json_each(?))', r.calendar_copied);
  if (r.year_created) {
    store.run('DELETE FROM period WHERE year_id = ?', r.to_year_id);
    store.run('DELETE FROM year WHERE id = ?', r.to_year_id);
  }
}

// ---- outcomes ------------------------------------------------------------------------

export interface OutcomeRow {
  studentId: number;
  groupId: number;
  outcome: Outcome;
}

/** The recorded outcomes of a year. */
export function outcomesOfYear(store: Store, yearId: number): OutcomeRow[] {
  return store.all<OutcomeRow>('SELECT student_id AS studentId, group_id AS groupId, outcome FROM outcome WHERE year_id = ?', yearId);
}

/** The recorded debts of a year, by student; of one student only when `studentId` is given. */
export function recordedDebts(store: Store, yearId: number, studentId: number | null = null): Map<number, Debt[]> {
  const rows = store.all<Debt & { studentId: number }>(
    `SELECT d.student_id AS studentId, d.subject_id AS subjectId, s.code AS subject, s.name AS subjectName, d.value, d.period
       FROM outcome_debt d JOIN subject s ON s.id = d.subject_id WHERE d.year_id = ? AND (? IS NULL OR d.student_id = ?) ORDER BY s.code`,
    yearId, studentId, studentId,
  );
  const out = new Map<number, Debt[]>();
  for (const { studentId, ...d } of rows) out.set(studentId, [...(out.get(studentId) ?? []), d]);
  return out;
}

/**
 * Marks entered after `since` for the subjects of a year's debts: in the year itself any
 * kind (a period or final mark set again), in later years exam, year and final marks (the
 * retake as the next year records it). Of one student only when `studentId` is given.
 */
export function marksAfter(store: Store, year: { id: number; start: IsoDate }, since: string, studentId: number | null = null): Map<number, LaterMark[]> {
  const rows = store
    .stmt<LaterMark & { studentId: number }>(
      `SELECT g.student_id AS studentId, g.subject_id AS subjectId, g.value
         FROM outcome_debt d JOIN grade g ON g.student_id = d.student_id AND g.subject_id = d.subject_id
         JOIN year y ON y.id = g.year_id
        WHERE d.year_id = @year AND g.entered_at > @since AND (@student IS NULL OR d.student_id = @student)
          AND (g.year_id = @year OR (y.start > @start AND g.kind IN (${RETAKE_KINDS.map((k) => `'${k}'`).join(', ')})))`,
    )
    .all({ year: year.id, since, start: year.start, student: studentId }) as (LaterMark & { studentId: number })[];
  const out = new Map<number, LaterMark[]>();
  for (const { studentId, ...m } of rows) out.set(studentId, [...(out.get(studentId) ?? []), m]);
  return out;
}

/** The years a rollover recorded debts of this student for, oldest first, each with the rollover's time (since when a mark is a retake). */
export function debtYearsOf(store: Store, studentId: number): { id: number; name: string; start: IsoDate; since: string }[] {
  return store.all(
    `SELECT DISTINCT y.id, y.name, y.start, r.at AS since FROM outcome_debt d JOIN year y ON y.id = d.year_id JOIN rollover r ON r.id = d.rollover_id
      WHERE d.student_id = ? ORDER BY y.start`,
    studentId,
  );
}

/** The recorded outcomes of a year with the names people read: student, group and course. */
export function outcomeRowsOfYear(store: Store, yearId: number): { studentId: number; name: string; groupId: number; group: string; course: number; outcome: Outcome }[] {
  return store.all(
    `SELECT o.student_id AS studentId, ${NAME} AS name, o.group_id AS groupId, g.name AS "group", g.course, o.outcome
       FROM outcome o JOIN person p ON p.id = o.student_id JOIN study_group g ON g.id = o.group_id WHERE o.year_id = ?`,
    yearId,
  );
}
