/**
 * The one guard of journal writes. Every store function that writes lessons, marks,
 * attendance, period and final marks or course works takes a LockGate and asks it about the
 * date it touches; the rules themselves are pure (domain/locks.ts). A refusal is a RuleError
 * (exit 4) naming the rule and the date it passed; inside a transaction it undoes everything.
 */
import { RuleError } from '../core/errors.js';
import { formatDate, type IsoDate } from '../domain/dates.js';
import { dateLock, decideLock, type LockRefusal, type LockTarget, type PeriodSpan } from '../domain/locks.js';
import { getNumberSetting } from './settings.js';
import type { Store } from './store.js';

export interface LockGate {
  /** The override reason given, if any (`--override REASON`). */
  readonly override: string | undefined;
  /** The refusals an override let through: the services write them to the audit record. */
  readonly overridden: LockRefusal[];
  /** Throws RuleError unless `target` may change now. */
  check(target: LockTarget): void;
  /** The refusal `target` would meet, without throwing (plans and dry runs). */
  refusal(target: LockTarget): LockRefusal | undefined;
}

/**
 * What an audit record keeps of a gate's override: the reason and each rule it let through
 * (rule, date, the day it passed); nothing when no override was given.
 */
export function overrideAudit(gate: Pick<LockGate, 'override' | 'overridden'>): { override?: string; overridden?: Pick<LockRefusal, 'rule' | 'date' | 'passed'>[] } {
  return gate.override ? { override: gate.override, overridden: gate.overridden.map((r) => ({ rule: r.rule, date: r.date, passed: r.passed })) } : {};
}

/** Every period of every year, with its status, as the lock rules see them. */
export function periodSpans(store: Store): PeriodSpan[] {
  return store.all<PeriodSpan>(
    `SELECT y.name || ':' || p.code AS name, p.start, p.end, p.status, p.closed_at AS closedAt, y.status = 'closed' AS yearClosed FROM period p JOIN year y ON y.id = p.year_id ORDER BY p.start`,
  );
}

/** Rule (a)'s window: `journal.editWindowDays` (checked when set). */
function editWindowDays(store: Store): number {
  return getNumberSetting(store, 'journal.editWindowDays');
}

/** Rule (b)'s window, in days after a period's end: `grading.editWindowDays` (default 10). */
function gradeWindowDays(store: Store): number {
  return getNumberSetting(store, 'grading.editWindowDays');
}

/** The RuleError of a refusal: `lock_year_closed`, `lock_period_closed`, `lock_edit_window` or `lock_grade_window`. */
export function lockError(r: LockRefusal): InstanceType<typeof RuleError> {
  const params = { date: formatDate(r.date), passed: formatDate(r.passed), period: r.period ?? '' };
  const details = { rule: r.rule, date: r.date, passed: r.passed, period: r.period ?? null };
  if (r.rule === 'period_closed' && r.yearClosed) return new RuleError('lock_year_closed', { date: params.date, year: (r.period ?? '').split(':')[0] }, details);
  if (r.rule === 'period_closed') return new RuleError('lock_period_closed', params, details);
  if (r.rule === 'edit_window') return new RuleError('lock_edit_window', params, details);
  return new RuleError('lock_grade_window', params, details);
}

/**
 * A gate for one write (one transaction): it reads the periods and the edit window once, so
 * an import of a million marks asks a map, not the database. Open it inside the transaction.
 */
export function openLockGate(store: Store, override?: string): LockGate {
  const facts = { today: store.today, periods: periodSpans(store), editWindowDays: editWindowDays(store), gradeWindowDays: gradeWindowDays(store) };
  const reason = override?.trim() ? override.trim() : undefined;
  const seen = new Map<string, ReturnType<typeof decideLock>>();
  const overridden: LockRefusal[] = [];
  const decide = (target: LockTarget) => {
    const key = target.kind === 'lesson' ? `l${target.date}` : `g${target.date}${target.periodEnd}`;
    let decision = seen.get(key);
    if (!decision) {
      decision = decideLock(target, facts, reason);
      seen.set(key, decision);
      if (decision.allowed && decision.overridden) overridden.push(decision.overridden);
    }
    return decision;
  };
  return {
    override: reason,
    overridden,
    check(target) {
      const decision = decide(target);
      if (!decision.allowed) throw lockError(decision.refusal);
    },
    refusal(target) {
      const decision = decide(target);
      return decision.allowed ? undefined : decision.refusal;
    },
  };
}

/**
 * One journal write checked on its own: throws RuleError when refused, returns the refusal
 * an override let through (to audit), else undefined.
 */
export function guardJournalWrite(store: Store, request: LockTarget & { override?: string }): LockRefusal | undefined {
  const gate = openLockGate(store, request.override);
  gate.check(request);
  return gate.overridden[0];
}

/**
 * Nothing dated inside a closed period changes, override or not: RuleError
 * `lock_period_closed` (exit 4) otherwise. For every write dated in the year (movement orders too).
 */
export function assertDateOpen(store: Store, date: IsoDate): void {
  const refusal = dateLock(date, periodSpans(store));
  if (refusal) throw lockError(refusal);
}
