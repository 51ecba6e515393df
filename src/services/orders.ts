/**
 * `order enroll|transfer|expel|leave|restore|graduate`: one order (created on first use,
 * reused by number and date) moving one or more students, all of them or none.
 */
import { AppError, InputError, RuleError } from '../core/errors.js';
import { t } from '../core/i18n.js';
import { formatDate, type IsoDate } from '../domain/dates.js';
import type { OrderKind } from '../domain/orders.js';
import { parsePersonRef } from '../domain/matching.js';
import { fullName, type PersonRow } from '../domain/person.js';
import { findGroup } from '../store/groups.js';
import { applyMovement, ensureOrder, orderItems, type OrderItemView, type OrderRow } from '../store/orders.js';
import { findPeopleByName, findPersonBySnils, getPerson } from '../store/people.js';
import { currentGroupId } from '../store/students.js';
import { findStudent } from './students.js';
import type { Store } from '../store/store.js';

export interface IssueOrderOptions {
  kind: OrderKind;
  number: string;
  date: IsoDate;
  reason?: string;
  /** The group the students go to (enrol, transfer, restore). */
  group?: string;
  /** The group's year (default: the current one). */
  year?: string;
  /** The students: id, СНИЛС or full name each. */
  students: string[];
}

export interface IssueOrderResult {
  order: OrderRow;
  items: OrderItemView[];
  warnings: string[];
}

/**
 * Enrolment takes people on file who are not students yet (say, a parent or a staff member),
 * so it looks among all people when no student has the name.
 */
function findEnrollee(store: Store, ref: string, on: IsoDate): PersonRow {
  try {
    return findStudent(store, ref, { on });
  } catch (error) {
    if (!(error instanceof InputError && error.code === 'student_not_found')) throw error;
  }
  const { text, id, snils, name } = parsePersonRef(ref);
  const found = (id !== undefined ? [getPerson(store, id)] : snils ? [findPersonBySnils(store, snils)] : name ? findPeopleByName(store, name) : []).filter((p): p is PersonRow => Boolean(p));
  if (found.length === 1) return found[0];
  if (found.length > 1) throw new InputError('person_ambiguous', { name: text, count: found.length, ids: found.map((p) => p.id).join(', ') });
  throw new InputError('person_not_found', { ref: text });
}

/** Make (or extend) the order and move every student by it, in one transaction; any refusal names its student and writes nothing. */
export function issueOrder(store: Store, options: IssueOrderOptions): IssueOrderResult {
  const { kind, date } = options;
  const number = options.number.trim();
  if (!number) throw new InputError('order_number_required', { option: '--order-no' });
  const reason = options.reason?.trim() || null;
  const group = options.group === undefined ? undefined : findGroup(store, options.group, options.year, store.today);
  const students = options.students.map((ref) => (kind === 'enroll' ? findEnrollee(store, ref, date) : findStudent(store, ref, { on: date })));
  const order = store.mutate(() => {
    const order = ensureOrder(store, kind, { number, date, reason });
    for (const s of students) {
      try {
        if (kind === 'transfer' && currentGroupId(store, s.id, date) === group!.id) {
          throw new RuleError('same_group', { group: group!.name });
        }
        applyMovement(store, { studentId: s.id, order, toGroupId: group?.id });
      } catch (error) {
        // Name the student: with several in one order, the bare rule does not say whose it is.
        if (!(error instanceof AppError)) throw error;
        throw error.within('people_student_refused', { name: fullName(s), id: s.id, message: error.message }, {
          student: { id: s.id, name: fullName(s) },
          order: { number, date },
        });
      }
    }
    return order;
  });
  const warnings = reason && order.reason !== reason ? [t('people_order_reason_kept', { number, date: formatDate(date), reason: order.reason ?? '' })] : [];
  return { order, items: orderItems(store, order.id), warnings };
}
