/**
 * Planning an enrolment list (`student import`): what each valid row does to the store, decided
 * as pure functions over what was loaded in bulk. The service loads, calls these, then writes.
 */
import { t } from '../core/i18n.js';
import { groupNameKey } from './groups.js';
import { foldYo } from './homoglyphs.js';
import { formatDate, type IsoDate } from './dates.js';
import { matchCard, type KnownPeople } from './matching.js';
import { cardChanges, cardNameKey, fullName, nameKey, pickFields, type PersonCard, type PersonRow } from './person.js';
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
  /**
   * The name of the group the enrolment order put the student in (null: not known). By name: a
   * list of that enrolment read again after a rollover names the group's successor, which
   * keeps the name.
   */
  enrolledInto: string | null;
}

/** A valid row with its group found. */
export interface Candidate {
  row: number;
  card: StudentCard;
  /** The card's folded name (person.ts nameKey), computed once for loading, matching and storing. */
  nameKey?: string;
  group: { id: number; name: string };
  order?: OrderRef;
}

/** What the import will do with one valid row. */
export type EnrolmentPlan =
  | { kind: 'create'; row: number; card: StudentCard; nameKey?: string; personId?: number; groupId: number; order: OrderRef }
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
/** A row that matches nobody: one shared answer (a first import asks 100,000 times). */
const NO_MATCH: { match?: PersonRow } = Object.freeze({});

export function matchRow(card: StudentCard, people: KnownPeople, nameKey?: string): { match?: PersonRow } | Refusal {
  const found = matchCard(card, people, nameKey);
  if (found.ambiguous) return { field: 'last_name', value: card.last_name, reason: t('people_row_matches_many', { count: found.ambiguous.length }) };
  const other = found.match && card.snils ? someoneElse(card, found.match) : undefined;
  if (other) return { field: 'snils', value: card.snils!, reason: t(other, { name: fullName(found.match!), birth: formatDate(found.match!.birth_date) }) };
  return found.match ? { match: found.match } : NO_MATCH;
}

/**
 * Why the person a row's СНИЛС found is plainly not the row's person, as the refusal's
 * message; undefined when it may be. A card may change one thing at a time: a married
 * surname, a corrected birth date. Another full name and another birth date at once is a
 * mistyped СНИЛС; so is another first name (a twin or a sibling has the same surname, often
 * the same birth date), which only a deliberate `student update` changes. Taking either as an
 * update would overwrite someone else's card (as a file naming one СНИЛС twice is refused).
 */
function someoneElse(card: StudentCard, person: PersonRow): 'people_row_snils_someone_else' | 'people_row_snils_other_first_name' | undefined {
  const otherBirth = Boolean(card.birth_date && person.birth_date && card.birth_date !== person.birth_date);
  if (otherBirth && cardNameKey(card) !== cardNameKey(person)) return 'people_row_snils_someone_else';
  return nameKey('', card.first_name) !== nameKey('', person.first_name) ? 'people_row_snils_other_first_name' : undefined;
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
    return { kind: 'create', row, card, nameKey: c.nameKey, personId: person.match?.id, groupId: group.id, order };
  }
  // A row naming the order the student was enrolled by describes that enrolment: later orders
  // (transfer, expulsion) have moved the student on since, and re-importing the list is no conflict.
  const sameEnrolment = Boolean(order && state.enrollOrder && orderKey(order) === orderKey(state.enrollOrder));
  if (!sameEnrolment && state.status !== 'active') {
    return { field: 'last_name', value: card.last_name, reason: t('people_row_not_active', { status: statusName(state.status) }) };
  }
  // A row of that enrolment names the group it enrolled into; another group is not that enrolment.
  if (sameEnrolment && state.enrolledInto !== null && groupNameKey(state.enrolledInto) !== groupNameKey(group.name)) {
    return { field: 'group', value: group.name, reason: t('people_row_enrolled_elsewhere', { group: state.enrolledInto }) };
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

/**
 * Items grouped by their order (the same number and date), in order of first appearance. By
 * number, then date: no key string is built per item (a list of 100,000 rows names one or
 * two orders).
 */
export function groupByOrder<T extends { order: OrderRef }>(items: readonly T[]): { order: OrderRef; items: T[] }[] {
  const groups: { order: OrderRef; items: T[] }[] = [];
  const byNumber = new Map<string, { order: OrderRef; items: T[] }[]>();
  let last: { order: OrderRef; items: T[] } | undefined;
  for (const item of items) {
    const { number, date } = item.order;
    if (last && last.order.number === number && last.order.date === date) {
      last.items.push(item);
      continue;
    }
    let sameNumber = byNumber.get(number);
    if (!sameNumber) byNumber.set(number, (sameNumber = []));
    last = sameNumber.find((g) => g.order.date === date);
    if (!last) {
      last = { order: { number, date }, items: [] };
      sameNumber.push(last);
      groups.push(last);
    }
    last.items.push(item);
  }
  return groups;
}

/** The enrolment orders the plans make, with how many each enrols; `order` when there is exactly one. */
export function ordersOf(plans: EnrolmentPlan[]): { order: OrderRef | null; orders: (OrderRef & { students: number })[] } {
  const created = plans.filter((p): p is Extract<EnrolmentPlan, { kind: 'create' }> => p.kind === 'create');
  const list = groupByOrder(created).map((g) => ({ number: g.order.number, date: g.order.date, students: g.items.length }));
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
