import { InputError, UsageError } from '../core/errors.js';
import type { RowIssue } from '../core/rowIssue.js';
import { t } from '../core/i18n.js';
import { formatDate, type IsoDate } from '../domain/dates.js';
import { groupByOrder, matchRow, ordersOf, planRow, type Candidate, type EnrolmentPlan, type OrderRef } from '../domain/enrolment.js';
import { cardJson, cardNameKey, personKey } from '../domain/person.js';
import { missingNameColumns, parseStudentRow, STUDENT_FIELDS, type StudentField } from '../domain/studentRow.js';
import { readImport, type ImportCounts, type ImportOptions, type ReadNotes } from '../io/importTable.js';
import { findYear } from '../store/years.js';
import { importReadBounds } from './importLimits.js';
import { getGroup, listGroups, type Group } from '../store/groups.js';
import { groupNamed } from '../domain/groups.js';
import { placedAfterYearEnd } from '../domain/orders.js';
import { applyMovement, enrollNewPeople, ensureOrder } from '../store/orders.js';
import { insertPeople, loadPeople, updatePerson } from '../store/people.js';
import { studentStates } from '../store/students.js';
import type { Store } from '../store/store.js';

export interface StudentImportOptions extends ImportOptions {
  file: string;
  group?: string;
  /** The academic year whose groups the list names (`2026/2027`); default the current one. */
  year?: string;
  orderNo?: string;
  orderDate?: IsoDate;
  dryRun?: boolean;
  onProgress?: (done: number, total: number) => void;
}

/** A card updated by a row; `before` and `after` carry the changed fields, keyed as JSON names them (camelCase). */
export interface CardChange {
  row: number;
  id: number;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

export interface StudentImportReport extends ImportCounts {
  warnings: RowIssue[];
  changes: CardChange[];
  ignoredColumns: string[];
  /** The sheet read (XLSX), the header row, the hidden and total rows (see ReadNotes). */
  read: ReadNotes;
  order: { number: string; date: IsoDate } | null;
  orders: { number: string; date: IsoDate; students: number }[];
}

/**
 * `student import`: read an enrolment list, validate every row, match people already in the
 * store, and enrol the new ones by their order, all in one transaction. All or nothing unless
 * `skipInvalid`; `dryRun` decides everything and writes nothing.
 */
export async function importStudents(store: Store, options: StudentImportOptions): Promise<StudentImportReport> {
  if (Boolean(options.orderNo) !== Boolean(options.orderDate)) {
    throw new UsageError('order_incomplete');
  }
  const today = store.today;
  const bounds = importReadBounds(store);
  const imp = await readImport(options.file, STUDENT_FIELDS, { ...options, maxBytes: options.maxBytes ?? bounds.maxBytes, limits: options.limits ?? bounds.limits }, (has) => missingColumns(has, options), COLUMN_FLAGS);
  // The year whose groups the rows name: --year, else the current one (named in every refusal).
  const year = findYear(store, options.year, today);
  if (options.orderDate && placedAfterYearEnd(options.orderDate, year)) {
    throw new InputError('order_date_after_year', { date: formatDate(options.orderDate), year: year.name, end: formatDate(year.end) });
  }
  const rejected: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  const seen = new Map<string, number>();
  // The year's groups once; each name the rows use looked up once.
  const yearGroups = listGroups(store, year.id);
  const groups = new Map<string, { id: number; name: string } | undefined>();
  const reject = (row: number, field: StudentField, value: string, reason: string) => rejected.push(imp.issue(row, field, value, reason));

  // First every row on its own (and against the rows before it), then the store in bulk.
  const candidates: Candidate[] = [];
  const defaults = { group: options.group, orderNo: options.orderNo, orderDate: options.orderDate };
  const keep = { keepUnreadableOptional: true };
  // One object per order the rows name (a list names one or two, 100,000 times).
  const orderRefs = new Map<string, OrderRef[]>();
  const sameOrder = (order: OrderRef): OrderRef => {
    let refs = orderRefs.get(order.number);
    if (!refs) orderRefs.set(order.number, (refs = []));
    const known = refs.find((o) => o.date === order.date);
    if (known) return known;
    refs.push(order);
    return order;
  };
  imp.rows.forEach((line, i) => {
    const { row } = line;
    options.onProgress?.(i, imp.rows.length);
    const parsed = parseStudentRow((field) => imp.cell(line, field), defaults, today, keep);
    for (const w of parsed.warnings) warnings.push(imp.issue(row, w.field, w.value, w.reason));
    if (!parsed.card) {
      for (const p of parsed.problems) reject(row, p.field, p.value, p.reason);
      return;
    }
    const card = parsed.card;
    // The СНИЛС as stored is its own key (personKey would prefix it); no name key looks like one.
    const key = card.snils ?? personKey({ last: card.last_name, first: card.first_name, middle: card.middle_name, birthDate: card.birth_date, snils: null });
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      reject(row, card.snils ? 'snils' : 'last_name', card.snils ?? card.last_name, t('people_row_same_person', { row: earlier }));
      return;
    }
    seen.set(key, row);
    const group = resolveGroup(yearGroups, groups, parsed.group!);
    if (!group) {
      reject(row, 'group', parsed.group!, t('people_row_no_group_in_year', { year: year.name }));
      return;
    }
    if (parsed.order && placedAfterYearEnd(parsed.order.date, year)) {
      reject(row, 'order_date', formatDate(parsed.order.date), t('people_row_order_after_year', { year: year.name, end: formatDate(year.end) }));
      return;
    }
    candidates.push({ row, card, nameKey: cardNameKey(card), group, order: parsed.order && sameOrder(parsed.order) });
  });

  // Who is already in the store decides what each row does, so it is read inside the write
  // transaction: two imports of one list at once give what one after the other gives.
  const decide = () => {
    const people = loadPeople(store, { snils: candidates.filter((c) => c.card.snils).map((c) => c.card.snils!), nameKeys: candidates.map((c) => c.nameKey!) });
    const matches = candidates.map((c) => matchRow(c.card, people, c.nameKey));
    const matchedIds: number[] = [];
    for (const m of matches) if ('match' in m && m.match) matchedIds.push(m.match.id);
    const states = studentStates(store, matchedIds, today);
    const groupNames = new Map([...groups.values()].flatMap((g) => (g ? [[g.id, g.name] as const] : [])));
    const plans: EnrolmentPlan[] = [];
    const refused: RowIssue[] = [];
    candidates.forEach((c, i) => {
      const plan = planRow(c, matches[i], states, (id) => groupNames.get(id) ?? getGroup(store, id)?.name);
      if ('reason' in plan) refused.push(imp.issue(c.row, plan.field, plan.value, plan.reason));
      else plans.push(plan);
    });
    return { plans, refused };
  };
  const report = (plans: EnrolmentPlan[], refused: RowIssue[]): StudentImportReport => ({
    file: options.file,
    rows: imp.rows.length,
    created: plans.filter((p) => p.kind === 'create').length,
    updated: plans.filter((p) => p.kind === 'update').length,
    unchanged: plans.filter((p) => p.kind === 'unchanged').length,
    rejected: [...rejected, ...refused],
    warnings,
    changes: plans.filter((p) => p.kind === 'update').map((p) => ({ row: p.row, id: p.personId, before: cardJson(p.before), after: cardJson(p.changes) })),
    ignoredColumns: imp.ignored,
    read: imp.notes,
    ...ordersOf(plans),
    dryRun: Boolean(options.dryRun),
  });

  const writes = !options.dryRun && (rejected.length === 0 || options.skipInvalid);
  const result = writes
    ? store.mutate(() => {
        const { plans, refused } = decide();
        const r = report(plans, refused);
        if (!refused.length || options.skipInvalid) writePlans(store, plans, r);
        return r;
      })
    : (() => {
        const { plans, refused } = decide();
        return report(plans, refused);
      })();
  // The --errors file and the all-or-nothing refusal; when rows were refused without
  // --skip-invalid, the transaction above wrote nothing.
  await imp.settle(result.rejected);
  return result;
}

function missingColumns(has: (field: StudentField) => boolean, options: StudentImportOptions): StudentField[] {
  const missing: StudentField[] = missingNameColumns(has);
  for (const field of ['birth_date', 'sex'] as const) if (!has(field)) missing.push(field);
  if (!has('group') && !options.group) missing.push('group');
  if (!has('order_no') && !options.orderNo) missing.push('order_no');
  if (!has('order_date') && !options.orderDate) missing.push('order_date');
  return missing;
}

/** The flags that can stand in for a missing column, named in the refusal. */
const COLUMN_FLAGS: Partial<Record<StudentField, string>> = { group: '--group', order_no: '--order-no', order_date: '--order-date' };

/** The group a row names among the year's groups (see groupNamed), remembered by the cell's text. */
function resolveGroup(yearGroups: readonly Group[], cache: Map<string, { id: number; name: string } | undefined>, name: string) {
  let group = cache.get(name);
  if (group === undefined && !cache.has(name)) {
    group = groupNamed(yearGroups, name);
    cache.set(name, group);
  }
  return group;
}

/** Orders, people, enrolments, card updates and one audit record, inside the caller's transaction. */
function writePlans(store: Store, plans: EnrolmentPlan[], report: StudentImportReport): void {
  if (!report.created && !report.updated) return;
  const created = plans.filter((p): p is Extract<EnrolmentPlan, { kind: 'create' }> => p.kind === 'create');
  const updates = plans.filter((p): p is Extract<EnrolmentPlan, { kind: 'update' }> => p.kind === 'update');
  for (const plan of updates) updatePerson(store, plan.personId, plan.changes);
  // People new to the store go in bulk; known people (a guardian or staff member now enrolled) one by one.
  const fresh = created.filter((p) => p.personId === undefined);
  const freshIds = insertPeople(store, fresh.map((p) => p.card), fresh.map((p) => p.nameKey ?? cardNameKey(p.card)));
  // Each created row with its person, fresh ids handed out in the rows' order.
  let next = 0;
  const withIds = created.map((p) => ({ order: p.order, plan: p, id: p.personId ?? freshIds[next++] }));
  const createdIds: number[] = [];
  for (const { order: ref, items } of groupByOrder(withIds)) {
    const order = ensureOrder(store, 'enroll', ref);
    enrollNewPeople(store, order, items.filter((x) => x.plan.personId === undefined).map((x) => ({ studentId: x.id, groupId: x.plan.groupId })));
    for (const { plan: p } of items) if (p.personId !== undefined) applyMovement(store, { studentId: p.personId, order, toGroupId: p.groupId }, { audit: false });
    for (const x of items) createdIds.push(x.id);
  }
  store.audit({
    entity: 'student',
    action: 'import',
    after: { file: report.file, created: createdIds, updated: updates.map((p) => ({ id: p.personId, before: p.before, after: p.changes })), orders: report.orders },
  });
}
