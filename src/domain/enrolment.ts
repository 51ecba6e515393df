/**
 * Planning an enrolment list (`student import`): what each valid row does to the store, decided
 * as pure functions over what was loaded in bulk. The service loads, calls these, then writes.
 */
import { t } from '../core/i18n.js';
import { foldYo } from './homoglyphs.js';
import type { IsoDate } from './dates.js';
import { matchCard, type KnownPeople } from './matching.js';
import { cardChanges, pickFields, type PersonCard, type PersonRow } from './person.js';
import { statusName, type StudentStatus } from './orders.js';
import type { StudentCard, StudentField } from './studentRow.js';

export interface OrderRef {
  number: string;
  date: IsoDate;
}

/** A student's standing on a date, as loaded for planning (absent: not a student). */
export interface StudentState {
  status: StudentStatus;
  groupId: number | null;
  enrollOrder: OrderRef | null;
}

/** A valid row with its group found. */
export interface Candidate {
  row: number;
  card: StudentCard;
  group: { id: number; name: string };
  order?: OrderRef;
}

/** What the import will do with one valid row. */
export type EnrolmentPlan =
  | { kind: 'create'; row: number; card: StudentCard; personId?: number; groupId: number; order: OrderRef }
  | { kind: 'update'; row: number; personId: number; changes: Partial<PersonCard>; before: Partial<PersonCard> }
  | { kind: 'unchanged'; row: number };

export type Refusal = { field: StudentField; value: string; reason: string };

export function orderKey(order: OrderRef): string {
  return `${order.number}\u0000${order.date}`;
}

/**
 * The row's person: the same СНИЛС; else the same full name and birth date (among people
 * without a СНИЛС when the row has one: a different СНИЛС is a different person).
 */
export function matchRow(card: StudentCard, people: KnownPeople): { match?: PersonRow } | Refusal {
  const found = matchCard(card, people);
  if (found.ambiguous) return { field: 'last_name', value: card.last_name, reason: t('people_row_matches_many', { count: found.ambiguous.length }) };
  return { match: found.match };
}

/** What happens to a matched row: a new enrolment, a card update, nothing — or why it cannot be taken. */
export function planRow(
  c: Candidate,
  person: { match?: PersonRow } | Refusal,
  states: ReadonlyMap<number, StudentState>,
  groupName: (id: number) => string | undefined,
): EnrolmentPlan | Refusal {
  if ('reason' in person) return person;
  const { row, card, group, order } = c;
  const state = person.match ? states.get(person.match.id) : undefined;
  if (!person.match || !state) {
    if (!order) return { field: 'order_no', value: '', reason: t('people_row_needs_order') };
    return { kind: 'create', row, card, personId: person.match?.id, groupId: group.id, order };
  }
  // A row naming the order the student was enrolled by describes that enrolment: later orders
  // (transfer, expulsion) have moved the student on since, and re-importing the list is no conflict.
  const sameEnrolment = Boolean(order && state.enrollOrder && orderKey(order) === orderKey(state.enrollOrder));
  if (!sameEnrolment && state.status !== 'active') {
    return { field: 'last_name', value: card.last_name, reason: t('people_row_not_active', { status: statusName(state.status) }) };
  }
  if (!sameEnrolment && state.groupId !== group.id) {
    const other = state.groupId === null ? '—' : (groupName(state.groupId) ?? '—');
    return { field: 'group', value: group.name, reason: t('people_row_in_other_group', { group: other }) };
  }
  // An empty optional cell means "not given", never "erase".
  const changes = keepYo(person.match, cardChanges(person.match, { ...card, snils: card.snils ?? undefined, phone: card.phone ?? undefined, email: card.email ?? undefined, middle_name: card.middle_name ?? undefined }));
  if (!Object.keys(changes).length) return { kind: 'unchanged', row };
  return { kind: 'update', row, personId: person.match.id, changes, before: pickFields(person.match, changes) };
}

/** The enrolment orders the plans make, with how many each enrols; `order` when there is exactly one. */
export function ordersOf(plans: EnrolmentPlan[]): { order: OrderRef | null; orders: (OrderRef & { students: number })[] } {
  const orders = new Map<string, OrderRef & { students: number }>();
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

/**
 * Changes without those that would only replace a ё spelling by an е one (`Семёнов` stored,
 * `Семенов` in the list): the two match as the same letters, and the ё is the fuller spelling.
 */
export function keepYo(current: PersonCard, changes: Partial<PersonCard>): Partial<PersonCard> {
  const out = { ...changes };
  for (const field of ['last_name', 'first_name', 'middle_name'] as const) {
    const before = current[field];
    const after = out[field];
    if (typeof before === 'string' && typeof after === 'string' && /[ёЁ]/.test(before) && foldYo(before) === after) delete out[field];
  }
  return out;
}
