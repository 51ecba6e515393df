import { L } from '../core/i18n.js';

/**
 * Orders (приказы) carry every change of a student's status. Each kind says which statuses
 * it may apply to and what it leaves behind.
 */
export type OrderKind = 'enroll' | 'transfer' | 'expel' | 'leave' | 'restore' | 'graduate';
export type StudentStatus = 'active' | 'leave' | 'expelled' | 'graduated';

export const ORDER_KINDS: Record<OrderKind, { title: string; from: (StudentStatus | 'new')[]; to: StudentStatus; toGroup: boolean }> = {
  enroll: { title: 'о зачислении', from: ['new'], to: 'active', toGroup: true },
  transfer: { title: 'о переводе', from: ['active'], to: 'active', toGroup: true },
  expel: { title: 'об отчислении', from: ['active', 'leave'], to: 'expelled', toGroup: false },
  leave: { title: 'о предоставлении академического отпуска', from: ['active'], to: 'leave', toGroup: false },
  restore: { title: 'о восстановлении', from: ['expelled', 'leave'], to: 'active', toGroup: true },
  graduate: { title: 'о выпуске', from: ['active'], to: 'graduated', toGroup: false },
};

export const STATUS_NAMES: Record<StudentStatus, string> = {
  active: 'обучается',
  leave: 'академический отпуск',
  expelled: 'отчислен',
  graduated: 'выпущен',
};

/** Why an order of this kind cannot apply to a student in this status, or undefined. */
export function orderRefusal(kind: OrderKind, status: StudentStatus | 'new'): string | undefined {
  if (ORDER_KINDS[kind].from.includes(status)) return undefined;
  const shown = status === 'new' ? L('not yet enrolled', 'ещё не зачислен') : STATUS_NAMES[status];
  return L(`an order ${ORDER_KINDS[kind].title} does not apply to a student who is ${shown}`, `приказ ${ORDER_KINDS[kind].title} не применим к обучающемуся в статусе «${shown}»`);
}
