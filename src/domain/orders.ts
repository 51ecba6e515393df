import { t, type MessageKey } from '../core/i18n.js';
import { formatDate, type IsoDate } from './dates.js';

/**
 * Orders (приказы) carry every change of a student's status. Each kind says which statuses
 * it may apply to and what it leaves behind.
 */
export type OrderKind = 'enroll' | 'transfer' | 'expel' | 'leave' | 'restore' | 'graduate';
export type StudentStatus = 'active' | 'leave' | 'expelled' | 'graduated';

export const ORDER_KIND_LIST: readonly OrderKind[] = ['enroll', 'transfer', 'expel', 'leave', 'restore', 'graduate'];
export const STATUS_LIST: readonly StudentStatus[] = ['active', 'leave', 'expelled', 'graduated'];

/**
 * `title` is the Russian title of the order as the book of movement prints it («о зачислении»):
 * data that JSON carries and stored reasons quote, whatever the language of the run. What a
 * person reads in the current language comes from orderKindName / orderTitle.
 */
export const ORDER_KINDS: Record<OrderKind, { title: string; from: (StudentStatus | 'new')[]; to: StudentStatus; toGroup: boolean }> = {
  enroll: { title: 'о зачислении', from: ['new'], to: 'active', toGroup: true },
  transfer: { title: 'о переводе', from: ['active'], to: 'active', toGroup: true },
  expel: { title: 'об отчислении', from: ['active', 'leave'], to: 'expelled', toGroup: false },
  leave: { title: 'о предоставлении академического отпуска', from: ['active'], to: 'leave', toGroup: false },
  restore: { title: 'о восстановлении', from: ['expelled', 'leave'], to: 'active', toGroup: true },
  graduate: { title: 'о выпуске', from: ['active'], to: 'graduated', toGroup: false },
};

/**
 * An order as a disabled account's reason quotes it: «приказ об отчислении 5-к от 20.10.2025»
 * (data: Russian whatever the language of the run, as ORDER_KINDS titles are).
 */
export function orderReason(order: { kind: OrderKind; number: string; date: IsoDate }): string {
  return `приказ ${ORDER_KINDS[order.kind].title} ${order.number} от ${formatDate(order.date)}`;
}

/** The Russian status names (data: stored in audit texts); statusName() is what a person reads. */
export const STATUS_NAMES: Record<StudentStatus, string> = {
  active: 'обучается',
  leave: 'академический отпуск',
  expelled: 'отчислен',
  graduated: 'выпущен',
};

const STATUS_KEYS: Record<StudentStatus | 'new', MessageKey> = {
  active: 'people_status_active',
  leave: 'people_status_leave',
  expelled: 'people_status_expelled',
  graduated: 'people_status_graduated',
  new: 'people_status_new',
};

const KIND_KEYS: Record<OrderKind, MessageKey> = {
  enroll: 'people_kind_enroll',
  transfer: 'people_kind_transfer',
  expel: 'people_kind_expel',
  leave: 'people_kind_leave',
  restore: 'people_kind_restore',
  graduate: 'people_kind_graduate',
};

const TITLE_KEYS: Record<OrderKind, MessageKey> = {
  enroll: 'people_order_title_enroll',
  transfer: 'people_order_title_transfer',
  expel: 'people_order_title_expel',
  leave: 'people_order_title_leave',
  restore: 'people_order_title_restore',
  graduate: 'people_order_title_graduate',
};

/** A status in the current language: «обучается» / "active". */
export function statusName(status: StudentStatus | 'new'): string {
  return (t as (key: MessageKey) => string)(STATUS_KEYS[status]);
}

/** An order's kind in the current language: «зачисление» / "enrolment". */
export function orderKindName(kind: OrderKind): string {
  return (t as (key: MessageKey) => string)(KIND_KEYS[kind]);
}

/** The title of an order document in the current language: «о зачислении» / "on enrolment". */
export function orderTitle(kind: OrderKind): string {
  return (t as (key: MessageKey) => string)(TITLE_KEYS[kind]);
}

/**
 * Whether an order of `date` is too late to place a student into a group of `year`: a group
 * takes students by its year's last day, not after (that year's marks and reports are done;
 * the student belongs in a group of the next year). Summer enrolments before the year starts
 * are the rule, so only the end bounds it (issue 12: the rollover's "enrolment dated after the
 * year ends").
 */
export function placedAfterYearEnd(date: IsoDate, year: { end: IsoDate }): boolean {
  return date > year.end;
}

/** Why an order of this kind cannot apply to a student in this status, or undefined. */
export function orderRefusal(kind: OrderKind, status: StudentStatus | 'new'): string | undefined {
  if (ORDER_KINDS[kind].from.includes(status)) return undefined;
  return t('people_order_refusal', { title: orderTitle(kind), status: statusName(status) });
}

/**
 * A group as a printed order names it, with its year and course, so a transfer between years
 * reads «ИС-25 (1 курс, 2025/2026) → ИС-25 (2 курс, 2026/2027)», not «ИС-25 → ИС-25».
 */
export function groupOnOrder(name: string | null, course: number | null, year: string | null): string | null {
  if (name === null) return null;
  return course === null || year === null ? name : t('rollover_group_on_order', { name, course, year });
}
