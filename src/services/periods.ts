/**
 * Academic years and their periods: `year create`, `period set`, `period close`,
 * `period reopen`. Each use case owns its transaction and its audit record.
 */
import { InputError, RuleError } from '../core/errors.js';
import { t } from '../core/i18n.js';
import { resizePeriod, splitYear, type NewYear, type PeriodScheme } from '../domain/academicYear.js';
import { formatDate, type IsoDate } from '../domain/dates.js';
import { ensureYearWritable } from '../domain/groups.js';
import type { Shortfall } from '../domain/periodClose.js';
import type { Store } from '../store/store.js';
import { closeShortfalls } from './periodClose.js';
import {
  findPeriod,
  insertPeriods,
  insertYear,
  listPeriods,
  overlappingYear,
  periodById,
  publicPeriod,
  updatePeriodDates,
  updatePeriodStatus,
  yearByName,
  type PeriodRow,
  type YearRow,
} from '../store/years.js';

export type PublicPeriod = ReturnType<typeof publicPeriod>;

export interface CreatedYear {
  year: YearRow;
  periods: PublicPeriod[];
}

/**
 * Insert a year and its periods, audited; inside a transaction. InputError `year_exists`
 * or `year_overlaps`.
 */
export function insertAcademicYear(store: Store, input: NewYear & { scheme: PeriodScheme; status: YearRow['status'] }): CreatedYear {
  if (yearByName(store, input.name)) throw new InputError('year_exists', { name: input.name });
  const overlapping = overlappingYear(store, input.start, input.end);
  if (overlapping) {
    throw new InputError('year_overlaps', { name: input.name, other: overlapping.name, start: formatDate(overlapping.start), end: formatDate(overlapping.end) });
  }
  const year = insertYear(store, { name: input.name, start: input.start, end: input.end, status: input.status });
  insertPeriods(store, year.id, splitYear(input.start, input.end, input.scheme));
  const periods = listPeriods(store, year.id).map(publicPeriod);
  store.audit({ entity: 'year', entityId: year.name, action: 'create', after: { ...year, periods } });
  return { year, periods };
}

/** `year create`: open when it has begun by today (the store's clock), else planned. */
export function createAcademicYear(store: Store, options: NewYear & { scheme: PeriodScheme }): CreatedYear {
  const status = options.start <= store.today ? 'open' : 'planned';
  return store.mutate(() => insertAcademicYear(store, { ...options, status }));
}

export interface PeriodDatesOptions {
  /** `S1` or `2025/2026:S1`. */
  period: string;
  year?: string;
  start?: IsoDate;
  end?: IsoDate;
}

/**
 * `period set`: move a period's dates, carrying the neighbours' boundaries along. RuleError
 * `year_closed` in a closed year, `period_closed` when a closed period would move; InputError `bad_period_dates` when the
 * periods would no longer cover the year.
 */
export function setPeriodDates(store: Store, options: PeriodDatesOptions): PublicPeriod[] {
  if (!options.start && !options.end) throw new InputError('nothing_to_set', { options: ['--start', '--end'] });
  return store.mutate(() => {
    const { year, period } = findPeriod(store, options.period, options.year);
    // A closed year's periods stay as they are: no reopening helps there.
    ensureYearWritable(year);
    const before = listPeriods(store, year.id);
    const result = resizePeriod(before, period.code, { start: options.start, end: options.end });
    if ('error' in result) throw new InputError('bad_period_dates', { period: `${year.name}:${period.code}`, reason: result.error });
    const changed = result.filter((p, i) => p.start !== before[i].start || p.end !== before[i].end);
    const closed = changed.map((p) => before.find((b) => b.code === p.code)!).find((b) => b.status === 'closed');
    if (closed) throw new RuleError('period_closed', { code: closed.code, year: year.name });
    for (const p of changed) updatePeriodDates(store, year.id, p.code, p.start, p.end);
    const after = listPeriods(store, year.id).map(publicPeriod);
    store.audit({ entity: 'period', entityId: `${year.name}:${period.code}`, action: 'set', before: before.map(publicPeriod), after });
    return after;
  });
}

/** `period close`: closed at the store's clock, by its actor. RuleError `period_already_closed`. */
export function closePeriod(store: Store, options: { period: string; year?: string; force?: boolean }): PublicPeriod & { shortfalls: string[] } {
  return store.mutate(() => {
    // What is missing, read in the same transaction that closes: nothing slips in between.
    const { period, shortfalls } = closeShortfalls(store, options.period, options.year);
    const lines = shortfalls.map(describeShortfall);
    if (lines.length && !options.force) throw new RuleError('period_close_incomplete', { period, count: lines.length }, lines);
    return { ...changePeriodStatus(store, options.period, options.year, 'closed', undefined, lines.length), shortfalls: lines };
  });
}

/** One shortfall as a line for people (dates as 01.09.2025). */
function describeShortfall(s: Shortfall): string {
  switch (s.kind) {
    case 'period_not_over':
      return t('shortfall_period_not_over', { end: formatDate(s.end) });
    case 'period_marks_missing':
      return t('shortfall_period_marks_missing', { group: s.group, subject: s.subject, students: s.students });
    case 'topic_missing':
      return t('shortfall_topic_missing', { group: s.group, subject: s.subject, date: formatDate(s.date), number: s.number });
    case 'absence_without_reason':
      return t('shortfall_absence_without_reason', { group: s.group, subject: s.subject, date: formatDate(s.date), student: s.student });
  }
}

/** `period reopen`: the reason is audited. InputError `reason_required`, RuleError `period_not_closed`. */
export function reopenPeriod(store: Store, options: { period: string; year?: string; reason: string }): PublicPeriod {
  const reason = options.reason.trim();
  if (!reason) throw new InputError('reason_required');
  return changePeriodStatus(store, options.period, options.year, 'open', reason);
}

function changePeriodStatus(store: Store, spec: string, yearName: string | undefined, status: PeriodRow['status'], reason?: string, forcedShortfalls?: number): PublicPeriod {
  return store.mutate(() => {
    const { year, period } = findPeriod(store, spec, yearName);
    const named = `${year.name}:${period.code}`;
    if (period.status === status) {
      throw status === 'closed' ? new RuleError('period_already_closed', { period: named }) : new RuleError('period_not_closed', { period: named });
    }
    const closing = status === 'closed';
    updatePeriodStatus(store, period.id, status, closing ? store.nowIso() : null, closing ? store.actor : null);
    store.audit({ entity: 'period', entityId: named, action: closing ? 'close' : 'reopen', before: { status: period.status }, after: { status, reason: reason ?? null, ...(forcedShortfalls ? { forcedShortfalls } : {}) } });
    return publicPeriod(periodById(store, period.id));
  });
}
