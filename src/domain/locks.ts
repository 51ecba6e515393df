/**
 * The locks as pure rules: what may no longer change, decided from dates alone.
 *
 * (a) a lesson's marks and attendance change until `journal.editWindowDays` days after the
 *     lesson; later only with an override reason;
 * (b) period and final marks change until `grading.editWindowDays` days after the period's end;
 *     later only with an override reason;
 * (c) nothing dated inside a closed period changes, override or not.
 */
import { addDays, type IsoDate } from './dates.js';


export interface PeriodSpan {
  /** `2025/2026:S1` */
  name: string;
  start: IsoDate;
  end: IsoDate;
  status: 'open' | 'closed';
  /** When it was closed (timestamp or date), for the refusal. */
  closedAt?: string | null;
  /** Its year is closed (`year close`): nothing reopens, the refusal says so. */
  yearClosed?: 0 | 1;
}

export type LockRule = 'period_closed' | 'edit_window' | 'grade_window';

export interface LockRefusal {
  rule: LockRule;
  /** The date the rule passed: the last day of the window, or the day the period was closed. */
  passed: IsoDate;
  /** The date of what was to change (the lesson's date, the period's end). */
  date: IsoDate;
  /** The closed period, for period_closed. */
  period?: string;
  /** For period_closed: the period's year is closed too, so no `period reopen` helps. */
  yearClosed?: boolean;
  /** Whether an override reason lets the change through (never for a closed period). */
  overridable: boolean;
}

/** What is to change: a lesson's content (marks, attendance, topic) or a period/final mark. */
export type LockTarget = { kind: 'lesson'; date: IsoDate } | { kind: 'grade'; date: IsoDate; periodEnd: IsoDate };

export interface LockFacts {
  today: IsoDate;
  periods: readonly PeriodSpan[];
  editWindowDays: number;
  /** Rule (b)'s window in days after the period's end. */
  gradeWindowDays: number;
}

/** The closed period a date falls in, if any. */
export function closedPeriodOn(date: IsoDate, periods: readonly PeriodSpan[]): PeriodSpan | undefined {
  return periods.find((p) => p.status === 'closed' && p.start <= date && date <= p.end);
}

/** The last day a lesson's marks and attendance may change without an override. */
export function editDeadline(lessonDate: IsoDate, windowDays: number): IsoDate {
  return addDays(lessonDate, windowDays);
}

/** The last day a period's marks may change without an override. */
export function gradeDeadline(periodEnd: IsoDate, windowDays: number): IsoDate {
  return addDays(periodEnd, windowDays);
}

/** Rule (c), on its own: why a date may not change at all, or undefined. */
export function dateLock(date: IsoDate, periods: readonly PeriodSpan[]): LockRefusal | undefined {
  const closed = closedPeriodOn(date, periods);
  if (!closed) return undefined;
  return { rule: 'period_closed', passed: (closed.closedAt ?? closed.end).slice(0, 10), date, period: closed.name, overridable: false, ...(closed.yearClosed ? { yearClosed: true } : {}) };
}

/** The rule that refuses a change, if any: a closed period first, then the windows. */
export function lockFor(target: LockTarget, facts: LockFacts): LockRefusal | undefined {
  const closed = dateLock(target.date, facts.periods);
  if (closed) return closed;
  if (target.kind === 'lesson') {
    const deadline = editDeadline(target.date, facts.editWindowDays);
    if (facts.today > deadline) return { rule: 'edit_window', passed: deadline, date: target.date, overridable: true };
    return undefined;
  }
  const deadline = gradeDeadline(target.periodEnd, facts.gradeWindowDays);
  if (facts.today > deadline) return { rule: 'grade_window', passed: deadline, date: target.periodEnd, overridable: true };
  return undefined;
}

export type LockDecision = { allowed: true; overridden?: LockRefusal } | { allowed: false; refusal: LockRefusal };

/** Whether a change goes through: no rule refuses it, or the rule yields to an override reason. */
export function decideLock(target: LockTarget, facts: LockFacts, override?: string): LockDecision {
  const refusal = lockFor(target, facts);
  if (!refusal) return { allowed: true };
  if (refusal.overridable && override && override.trim() !== '') return { allowed: true, overridden: refusal };
  return { allowed: false, refusal };
}
