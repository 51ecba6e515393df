import { InputError, RuleError } from '../core/errors.js';
import { formatDate, type IsoDate } from '../domain/dates.js';
import { ORDER_KINDS, orderReason, orderRefusal, orderTitle, placedAfterYearEnd, type OrderKind, type StudentStatus } from '../domain/orders.js';
import { disableAccountsByOrder, enabledStudentAccounts } from './accounts.js';
import { withIndexesRebuilt } from './bulkIndexes.js';
import { assertDateOpen } from './locks.js';
import type { Store } from './store.js';

export interface OrderRow {
  id: number;
  number: string;
  date: IsoDate;
  kind: OrderKind;
  reason: string | null;
  created_at: string;
}

export interface OrderRef {
  number: string;
  date: IsoDate;
  reason?: string | null;
}

/**
 * The order with this number and date, created on first use: one order carries every
 * student it moves. The same number and date with another kind is a conflict.
 */
export function ensureOrder(store: Store, kind: OrderKind, ref: OrderRef): OrderRow {
  // Nothing dated inside a closed period changes: a movement order dated there would change
  // that period's reports (RuleError lock_period_closed, exit 4).
  assertDateOpen(store, ref.date);
  const existing = store.get<OrderRow>('SELECT * FROM "order" WHERE number = ? AND date = ?', ref.number, ref.date);
  if (existing) {
    if (existing.kind !== kind) {
      throw new InputError('order_kind_conflict', { number: ref.number, date: formatDate(ref.date), title: orderTitle(existing.kind) });
    }
    return existing;
  }
  const { lastInsertRowid } = store.run('INSERT INTO "order" (number, date, kind, reason, created_at) VALUES (?, ?, ?, ?, ?)', ref.number, ref.date, kind, ref.reason ?? null, store.nowIso());
  const order = store.get<OrderRow>('SELECT * FROM "order" WHERE id = ?', lastInsertRowid)!;
  store.audit({ entity: 'order', entityId: order.id, action: 'create', after: order });
  return order;
}

export function findOrder(store: Store, number: string, date?: IsoDate): OrderRow {
  const rows = date
    ? store.all<OrderRow>('SELECT * FROM "order" WHERE number = ? AND date = ?', number, date)
    : store.all<OrderRow>('SELECT * FROM "order" WHERE number = ? ORDER BY date', number);
  if (!rows.length) throw new InputError('order_not_found', { number, date: date ? formatDate(date) : '' });
  if (rows.length > 1) throw new InputError('order_ambiguous', { number, dates: rows.map((r) => formatDate(r.date)).join(', ') });
  return rows[0];
}

export function listOrders(store: Store, range: { from?: IsoDate; to?: IsoDate; kind?: OrderKind } = {}): OrderRow[] {
  return store.all<OrderRow>(
    'SELECT * FROM "order" WHERE date >= ? AND date <= ? AND (? IS NULL OR kind = ?) ORDER BY date, id',
    range.from ?? '0000-01-01', range.to ?? '9999-12-31', range.kind ?? null, range.kind ?? null,
  );
}

export interface OrderItemView {
  order_id: number;
  student_id: number;
  student: string;
  from_group: string | null;
  to_group: string | null;
  /** The year and course of each group: a printed order shows them on both sides. */
  from_year: string | null;
  from_course: number | null;
  to_year: string | null;
  to_course: number | null;
  note: string | null;
}

/** An order item `i`'s groups with their course and year, as both sides of a printed order show them. */
const ITEM_GROUPS = `fg.name AS from_group, fg.course AS from_course, fy.name AS from_year, tg.name AS to_group, tg.course AS to_course, ty.name AS to_year`;
const ITEM_GROUPS_JOIN = `LEFT JOIN study_group fg ON fg.id = i.from_group_id LEFT JOIN year fy ON fy.id = fg.year_id
       LEFT JOIN study_group tg ON tg.id = i.to_group_id LEFT JOIN year ty ON ty.id = tg.year_id`;

export function orderItems(store: Store, orderId: number): OrderItemView[] {
  return store.all<OrderItemView>(
    `SELECT i.order_id, i.student_id,
            p.last_name || ' ' || p.first_name || coalesce(' ' || p.middle_name, '') AS student,
            ${ITEM_GROUPS}, i.note
       FROM order_item i JOIN person p ON p.id = i.student_id
       ${ITEM_GROUPS_JOIN}
      WHERE i.order_id = ? ORDER BY p.last_name, p.first_name`,
    orderId,
  );
}

export interface StudentOrderView {
  number: string;
  date: string;
  kind: OrderKind;
  reason: string | null;
  from_group: string | null;
  from_course: number | null;
  from_year: string | null;
  to_group: string | null;
  to_course: number | null;
  to_year: string | null;
  note: string | null;
}

/** A student's orders, oldest first, each group with its course and year: the history `student show` prints. */
export function studentOrders(store: Store, studentId: number): StudentOrderView[] {
  return store.all<StudentOrderView>(
    `SELECT o.number, o.date, o.kind, o.reason, ${ITEM_GROUPS}, i.note
       FROM order_item i JOIN "order" o ON o.id = i.order_id
       ${ITEM_GROUPS_JOIN}
      WHERE i.student_id = ? ORDER BY o.date, o.id`,
    studentId,
  );
}

export interface Movement {
  studentId: number;
  order: OrderRow;
  toGroupId?: number;
  note?: string;
}

/**
 * Apply one order item to one student: check the status allows it, close the current
 * membership on the order's date (memberships are half-open: [from, to)), open the new one,
 * set the status, and audit. The caller runs this inside store.mutate(); a bulk import passes
 * `audit: false` and writes one record for the whole batch instead.
 */
export function applyMovement(store: Store, move: Movement, options: { audit?: boolean } = {}): void {
  const { studentId, order } = move;
  assertDateOpen(store, order.date);
  const spec = ORDER_KINDS[order.kind];
  const student = store.get<{ status: StudentStatus }>('SELECT status FROM student WHERE person_id = ?', studentId);
  const refusal = orderRefusal(order.kind, student?.status ?? 'new');
  if (refusal) throw new RuleError('order_not_applicable', { reason: refusal }, { student: studentId, order: order.number });
  if (spec.toGroup && !move.toGroupId) throw new InputError('group_required');
  if (spec.toGroup) assertGroupsTakeOrder(store, [move.toGroupId!], order);
  if (store.get('SELECT 1 FROM order_item WHERE order_id = ? AND student_id = ?', order.id, studentId)) {
    throw new RuleError('already_in_order', { number: order.number });
  }
  const current = store.get<{ id: number; group_id: number; from_date: IsoDate }>('SELECT id, group_id, from_date FROM membership WHERE student_id = ? AND to_date IS NULL', studentId);
  if (current && order.date < current.from_date) {
    throw new RuleError('order_before_membership', { date: formatDate(order.date), since: formatDate(current.from_date) });
  }
  if (student) store.run('UPDATE student SET status = ? WHERE person_id = ?', spec.to, studentId);
  else store.run('INSERT INTO student (person_id, status, enroll_order_id) VALUES (?, ?, ?)', studentId, spec.to, order.id);
  if (current) store.run('UPDATE membership SET to_date = ?, to_order_id = ? WHERE id = ?', order.date, order.id, current.id);
  if (spec.toGroup) {
    store.run('INSERT INTO membership (student_id, group_id, from_date, from_order_id) VALUES (?, ?, ?, ?)', studentId, move.toGroupId, order.date, order.id);
  }
  if (spec.to === 'expelled' || spec.to === 'graduated') disableStudentAccounts(store, studentId, order);
  store.run('INSERT INTO order_item (order_id, student_id, from_group_id, to_group_id, note) VALUES (?, ?, ?, ?, ?)', order.id, studentId, current?.group_id ?? null, move.toGroupId ?? null, move.note ?? null);
  if (options.audit === false) return;
  store.audit({
    entity: 'student',
    entityId: studentId,
    action: order.kind,
    before: { status: student?.status ?? null, group: current?.group_id ?? null },
    after: { status: spec.to, group: spec.toGroup ? move.toGroupId : null, order: { number: order.number, date: order.date } },
  });
}

/**
 * Every group of `groupIds` takes students by an order of this date (domain
 * placedAfterYearEnd): InputError `order_after_year` naming the first that does not.
 */
function assertGroupsTakeOrder(store: Store, groupIds: readonly number[], order: { date: IsoDate }): void {
  const years = store.all<{ group: string; year: string; end: IsoDate }>(
    'SELECT g.name AS "group", y.name AS year, y."end" FROM study_group g JOIN year y ON y.id = g.year_id WHERE g.id IN (SELECT value FROM json_each(?)) ORDER BY g.name',
    JSON.stringify(groupIds),
  );
  const late = years.find((y) => placedAfterYearEnd(order.date, y));
  if (late) throw new InputError('order_after_year', { date: formatDate(order.date), group: late.group, year: late.year, end: formatDate(late.end) });
}

/**
 * Enrol people created in this same transaction (so with no student role, membership or order
 * item to check) by one order: the bulk path of `student import`, without applyMovement's
 * lookups.
 */
export function enrollNewPeople(store: Store, order: OrderRow, entries: { studentId: number; groupId: number }[]): void {
  if (order.kind !== 'enroll') throw new Error('enrollNewPeople needs an enrolment order');
  assertDateOpen(store, order.date);
  if (!entries.length) return;
  assertGroupsTakeOrder(store, [...new Set(entries.map((e) => e.groupId))], order);
  // One statement per table over one JSON array, in the file's order: SQLite loops in C
  // instead of 300,000 calls from JS. Each entry is the pair packed as one number, student ×
  // scale + group, which json_each hands over as an integer; an array of [student, group]
  // pairs would be parsed again, pair by pair, for every table (~0.1 s for 100,000 rows;
  // bench/run.js import).
  let maxStudent = 0;
  let maxGroup = 0;
  for (const e of entries) {
    if (e.studentId < 0 || e.groupId < 0) throw new Error('enrollNewPeople: a negative id cannot be packed');
    if (e.studentId > maxStudent) maxStudent = e.studentId;
    if (e.groupId > maxGroup) maxGroup = e.groupId;
  }
  const scale = 10 ** String(maxGroup).length;
  if (maxStudent * scale + maxGroup > Number.MAX_SAFE_INTEGER) throw new Error('enrollNewPeople: ids too large to pack');
  const packed = JSON.stringify(entries.map((e) => e.studentId * scale + e.groupId));
  // Bound as an INTEGER (a JS number binds as REAL, and the division would not be whole).
  const s = BigInt(scale);
  store.run("INSERT INTO student (person_id, status, enroll_order_id) SELECT j.value / ?, 'active', ? FROM json_each(?) j", s, order.id, packed);
  // Memberships by group: a list's rows take turns among its groups (see withIndexesRebuilt).
  withIndexesRebuilt(store, ['membership_group'], entries.length, () =>
    store.run('INSERT INTO membership (student_id, group_id, from_date, from_order_id) SELECT j.value / ?, j.value % ?, ?, ? FROM json_each(?) j', s, s, order.date, order.id, packed),
  );
  store.run('INSERT INTO order_item (order_id, student_id, to_group_id) SELECT ?, j.value / ?, j.value % ? FROM json_each(?) j', order.id, s, s, packed);
}

/** Expulsion and graduation disable the student's accounts in the same transaction, by the order. */
function disableStudentAccounts(store: Store, studentId: number, order: OrderRow): void {
  const reason = orderReason(order);
  const accounts = enabledStudentAccounts(store, [studentId]);
  disableAccountsByOrder(store, accounts.map((a) => a.id), store.nowIso(), order.id);
  for (const account of accounts) store.audit({ entity: 'account', entityId: account.login, action: 'disable', before: { disabled: false }, after: { disabled: true, reason } });
}
