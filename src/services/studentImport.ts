import { InputError, UsageError } from '../core/errors.js';
import type { RowIssue } from '../core/rowIssue.js';
import { L } from '../core/i18n.js';
import type { IsoDate } from '../domain/dates.js';
import { STATUS_NAMES } from '../domain/orders.js';
import { personKey } from '../domain/person.js';
import { missingNameColumns, parseStudentRow, STUDENT_FIELDS, type StudentCard, type StudentField } from '../domain/studentRow.js';
import { readImport, type ImportOptions } from '../io/importTable.js';
import { findGroup, getGroup } from '../store/groups.js';
import { applyMovement, enrollNewPeople, ensureOrder } from '../store/orders.js';
import { cardChanges, insertPeople, loadPeople, nameKey, pickPerson, updatePerson, type PersonCard, type PersonRow } from '../store/people.js';
import { studentStates, type StudentState } from '../store/students.js';
import type { Store } from '../store/store.js';

export interface StudentImportOptions extends ImportOptions {
  file: string;
  group?: string;
  orderNo?: string;
  orderDate?: IsoDate;
  dryRun?: boolean;
  today: IsoDate;
  onProgress?: (done: number, total: number) => void;
}

export interface CardChange {
  row: number;
  id: number;
  before: Partial<PersonCard>;
  after: Partial<PersonCard>;
}

export interface StudentImportReport {
  file: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: RowIssue[];
  warnings: RowIssue[];
  changes: CardChange[];
  ignoredColumns: string[];
  order: { number: string; date: IsoDate } | null;
  orders: { number: string; date: IsoDate; students: number }[];
  dryRun: boolean;
}

/** What the import will do with one valid row. */
type Plan =
  | { kind: 'create'; row: number; card: StudentCard; personId?: number; groupId: number; order: { number: string; date: IsoDate } }
  | { kind: 'update'; row: number; personId: number; changes: Partial<PersonCard>; before: Partial<PersonCard> }
  | { kind: 'unchanged'; row: number };

/**
 * `student import`: read an enrolment list, validate every row, match people already in the
 * store, and enrol the new ones by their order, all in one transaction. All or nothing unless
 * `skipInvalid`; `dryRun` decides everything and writes nothing.
 */
export async function importStudents(store: Store, options: StudentImportOptions): Promise<StudentImportReport> {
  if (Boolean(options.orderNo) !== Boolean(options.orderDate)) {
    throw new UsageError('order_incomplete', L('Give both --order-no and --order-date.', 'Укажите и --order-no, и --order-date.'));
  }
  const imp = await readImport(options.file, STUDENT_FIELDS, options, (has) => missingColumns(has, options));
  const rejected: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  const seen = new Map<string, number>();
  const groups = new Map<string, { id: number; name: string } | undefined>();
  const reject = (row: number, field: StudentField, value: string, reason: string) => rejected.push(imp.issue(row, field, value, reason));

  // First every row on its own (and against the rows before it), then the store in bulk.
  const candidates: Candidate[] = [];
  imp.rows.forEach((line, i) => {
    const { row } = line;
    options.onProgress?.(i, imp.rows.length);
    const parsed = parseStudentRow((field) => imp.cell(line, field), { group: options.group, orderNo: options.orderNo, orderDate: options.orderDate }, options.today);
    for (const w of parsed.warnings) warnings.push(imp.issue(row, w.field, w.value, w.reason));
    if (!parsed.card) {
      for (const p of parsed.problems) reject(row, p.field, p.value, p.reason);
      return;
    }
    const card = parsed.card;
    const key = personKey({ last: card.last_name, first: card.first_name, middle: card.middle_name, birthDate: card.birth_date, snils: card.snils });
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      reject(row, card.snils ? 'snils' : 'last_name', card.snils ?? card.last_name, L(`the same person as row ${earlier}`, `тот же человек, что в строке ${earlier}`));
      return;
    }
    seen.set(key, row);
    const group = resolveGroup(store, groups, parsed.group!);
    if (!group) {
      reject(row, 'group', parsed.group!, L('no such group in the current year', 'такой группы нет в текущем учебном году'));
      return;
    }
    candidates.push({ row, card, group, order: parsed.order, nameKey: nameKey(card.last_name, card.first_name, card.middle_name) });
  });

  const people = loadPeople(store, { snils: candidates.flatMap((c) => (c.card.snils ? [c.card.snils] : [])), nameKeys: candidates.map((c) => c.nameKey) });
  const matches = candidates.map((c) => matchPerson(people, c));
  const states = studentStates(store, matches.flatMap((m) => ('match' in m && m.match ? [m.match.id] : [])), options.today);
  const groupNames = new Map([...groups.values()].flatMap((g) => (g ? [[g.id, g.name] as const] : [])));
  const plans: Plan[] = [];
  candidates.forEach((c, i) => {
    const plan = planRow(c, matches[i], states, (id) => groupNames.get(id) ?? getGroup(store, id)?.name);
    if ('reason' in plan) reject(c.row, plan.field, plan.value, plan.reason);
    else plans.push(plan);
  });
  await imp.settle(rejected);

  const report: StudentImportReport = {
    file: options.file,
    rows: imp.rows.length,
    created: plans.filter((p) => p.kind === 'create').length,
    updated: plans.filter((p) => p.kind === 'update').length,
    unchanged: plans.filter((p) => p.kind === 'unchanged').length,
    rejected,
    warnings,
    changes: plans.flatMap((p) => (p.kind === 'update' ? [{ row: p.row, id: p.personId, before: p.before, after: p.changes }] : [])),
    ignoredColumns: imp.ignored,
    ...ordersOf(plans),
    dryRun: Boolean(options.dryRun),
  };
  if (!options.dryRun) writePlans(store, plans, report);
  return report;
}

function missingColumns(has: (field: StudentField) => boolean, options: StudentImportOptions): StudentField[] {
  const missing: StudentField[] = missingNameColumns(has);
  for (const field of ['birth_date', 'sex'] as const) if (!has(field)) missing.push(field);
  if (!has('group') && !options.group) missing.push('group');
  if (!has('order_no') && !options.orderNo) missing.push('order_no');
  if (!has('order_date') && !options.orderDate) missing.push('order_date');
  return missing;
}

function resolveGroup(store: Store, cache: Map<string, { id: number; name: string } | undefined>, name: string) {
  if (!cache.has(name)) {
    try {
      cache.set(name, findGroup(store, name));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      cache.set(name, undefined);
    }
  }
  return cache.get(name);
}

interface Candidate {
  row: number;
  card: StudentCard;
  group: { id: number; name: string };
  order?: { number: string; date: IsoDate };
  nameKey: string;
}

type Refusal = { field: StudentField; value: string; reason: string };

/**
 * The row's person: the same СНИЛС; else the same full name and birth date (among people
 * without a СНИЛС when the row has one: a different СНИЛС is a different person).
 */
function matchPerson(people: ReturnType<typeof loadPeople>, c: Candidate): { match?: PersonRow } | Refusal {
  const { card } = c;
  const found = pickPerson(card, card.snils ? people.bySnils.get(card.snils) : undefined, people.byName.get(c.nameKey) ?? []);
  if (found.ambiguous) return { field: 'last_name', value: card.last_name, reason: L(`matches ${found.ambiguous.length} people in the store; add the СНИЛС`, `совпадает с ${found.ambiguous.length} людьми в хранилище; укажите СНИЛС`) };
  return { match: found.match };
}

/** What happens to a matched row: a new enrolment, a card update, nothing — or why it cannot be taken. */
function planRow(
  c: Candidate,
  person: { match?: PersonRow } | Refusal,
  states: Map<number, StudentState>,
  groupName: (id: number) => string | undefined,
): Plan | Refusal {
  if ('reason' in person) return person;
  const { row, card, group, order } = c;
  const state = person.match ? states.get(person.match.id) : undefined;
  if (!person.match || !state) {
    if (!order) return { field: 'order_no', value: '', reason: L('a new student needs an enrolment order (number and date)', 'для нового обучающегося нужен приказ о зачислении (номер и дата)') };
    return { kind: 'create', row, card, personId: person.match?.id, groupId: group.id, order };
  }
  // A row naming the order the student was enrolled by describes that enrolment: later orders
  // (transfer, expulsion) have moved the student on since, and re-importing the list is no conflict.
  const sameEnrolment = Boolean(order && state.enrollOrder && orderKey(order) === orderKey(state.enrollOrder));
  if (!sameEnrolment && state.status !== 'active') {
    return { field: 'last_name', value: card.last_name, reason: L(`already in the store as ${STATUS_NAMES[state.status]}: that is an order restore`, `уже есть в хранилище со статусом «${STATUS_NAMES[state.status]}»: это приказ о восстановлении`) };
  }
  if (!sameEnrolment && state.groupId !== group.id) {
    const other = state.groupId === null ? '—' : groupName(state.groupId);
    return { field: 'group', value: group.name, reason: L(`already active in group ${other}: that is a transfer order`, `уже обучается в группе ${other}: это приказ о переводе`) };
  }
  // An empty optional cell means "not given", never "erase".
  const changes = cardChanges(person.match, { ...card, snils: card.snils ?? undefined, phone: card.phone ?? undefined, email: card.email ?? undefined, middle_name: card.middle_name ?? undefined });
  if (!Object.keys(changes).length) return { kind: 'unchanged', row };
  const before = Object.fromEntries(Object.keys(changes).map((k) => [k, person.match![k as keyof PersonCard]]));
  return { kind: 'update', row, personId: person.match.id, changes, before };
}

function orderKey(order: { number: string; date: IsoDate }): string {
  return `${order.number}\u0000${order.date}`;
}

function ordersOf(plans: Plan[]): Pick<StudentImportReport, 'order' | 'orders'> {
  const orders = new Map<string, { number: string; date: IsoDate; students: number }>();
  for (const p of plans) {
    if (p.kind !== 'create') continue;
    const key = orderKey(p.order);
    const entry = orders.get(key) ?? { ...p.order, students: 0 };
    entry.students++;
    orders.set(key, entry);
  }
  const list = [...orders.values()];
  return { order: list.length === 1 ? { number: list[0].number, date: list[0].date } : null, orders: list };
}

/** One transaction: orders, people, enrolments, card updates and one audit record. */
function writePlans(store: Store, plans: Plan[], report: StudentImportReport): void {
  if (!report.created && !report.updated) return;
  store.mutate(() => {
    const created = plans.filter((p): p is Extract<Plan, { kind: 'create' }> => p.kind === 'create');
    for (const plan of plans) if (plan.kind === 'update') updatePerson(store, plan.personId, plan.changes);
    // People new to the store go in bulk; known people (a guardian or staff member now enrolled) one by one.
    const fresh = created.filter((p) => p.personId === undefined);
    const freshIds = insertPeople(store, fresh.map((p) => p.card));
    const idOf = new Map(fresh.map((p, i) => [p, freshIds[i]]));
    const createdIds: number[] = [];
    const byOrder = new Map<string, typeof created>();
    for (const p of created) {
      const key = orderKey(p.order);
      const list = byOrder.get(key);
      if (list) list.push(p);
      else byOrder.set(key, [p]);
    }
    for (const mine of byOrder.values()) {
      const order = ensureOrder(store, 'enroll', mine[0].order);
      enrollNewPeople(store, order, mine.filter((p) => idOf.has(p)).map((p) => ({ studentId: idOf.get(p)!, groupId: p.groupId })));
      for (const p of mine) if (p.personId !== undefined) applyMovement(store, { studentId: p.personId, order, toGroupId: p.groupId }, { audit: false });
      createdIds.push(...mine.map((p) => p.personId ?? idOf.get(p)!));
    }
    store.audit({
      entity: 'student',
      action: 'import',
      after: { file: report.file, created: createdIds, updated: report.changes.map(({ id, before, after }) => ({ id, before, after })), orders: report.orders },
    });
  });
}
