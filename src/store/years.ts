import { InputError, RuleError } from '../core/errors.js';
import { L } from '../core/i18n.js';
import { formatDate, type IsoDate } from '../domain/dates.js';
import { resizePeriod, splitYear, type PeriodDraft, type PeriodScheme } from '../domain/academicYear.js';
import type { Store } from './store.js';

export interface YearRow {
  id: number;
  name: string;
  start: IsoDate;
  end: IsoDate;
  status: 'planned' | 'open' | 'closed';
}

export interface PeriodRow {
  id: number;
  year_id: number;
  code: string;
  name: string;
  start: IsoDate;
  end: IsoDate;
  status: 'open' | 'closed';
  closed_at: string | null;
  closed_by: string | null;
}

export function listYears(store: Store): YearRow[] {
  return store.all<YearRow>('SELECT id, name, start, end, status FROM year ORDER BY start');
}

/**
 * A year by name, or the current one: the year that contains today, else the latest that
 * has begun, else (a store prepared ahead) the earliest planned one.
 */
export function findYear(store: Store, name?: string, on: IsoDate = store.today): YearRow {
  const years = listYears(store);
  if (name) {
    const year = years.find((y) => y.name === name.trim().replace('-', '/'));
    if (!year) {
      throw new InputError('year_not_found', L(`No year ${name}. Known years: ${years.map((y) => y.name).join(', ') || 'none'}.`, `Нет учебного года ${name}. Есть: ${years.map((y) => y.name).join(', ') || 'ни одного'}.`));
    }
    return year;
  }
  const current = years.find((y) => y.start <= on && on <= y.end) ?? [...years].reverse().find((y) => y.start <= on) ?? years[0];
  if (!current) throw new InputError('no_year', L('The store has no academic year yet: `registrar year create`.', 'В хранилище ещё нет учебного года: `registrar year create`.'));
  return current;
}

export function createYear(
  store: Store,
  input: { name: string; start: IsoDate; end: IsoDate; scheme: PeriodScheme; status: YearRow['status'] },
): { year: YearRow; periods: PeriodRow[] } {
  return store.mutate(() => {
    if (store.get('SELECT 1 FROM year WHERE name = ?', input.name)) {
      throw new InputError('year_exists', L(`The year ${input.name} already exists.`, `Учебный год ${input.name} уже есть.`));
    }
    const overlapping = store.get<YearRow>('SELECT * FROM year WHERE start <= ? AND end >= ?', input.end, input.start);
    if (overlapping) {
      throw new InputError('year_overlaps', L(`${input.name} overlaps ${overlapping.name} (${formatDate(overlapping.start)}–${formatDate(overlapping.end)}).`, `${input.name} пересекается с ${overlapping.name} (${formatDate(overlapping.start)}–${formatDate(overlapping.end)}).`));
    }
    const { lastInsertRowid } = store.run('INSERT INTO year (name, start, end, status) VALUES (?, ?, ?, ?)', input.name, input.start, input.end, input.status);
    const year = store.get<YearRow>('SELECT id, name, start, end, status FROM year WHERE id = ?', lastInsertRowid)!;
    for (const p of splitYear(input.start, input.end, input.scheme)) {
      store.run('INSERT INTO period (year_id, code, name, start, end) VALUES (?, ?, ?, ?, ?)', year.id, p.code, p.name, p.start, p.end);
    }
    const periods = listPeriods(store, year.id);
    store.audit({ entity: 'year', entityId: year.name, action: 'create', after: { ...year, periods: periods.map(publicPeriod) } });
    return { year, periods };
  });
}

export function listPeriods(store: Store, yearId: number): PeriodRow[] {
  return store.all<PeriodRow>('SELECT * FROM period WHERE year_id = ? ORDER BY start', yearId);
}

/** A period by code (`S1`) in a year, or by `2025/2026:S1`. */
export function findPeriod(store: Store, spec: string, yearName?: string): { year: YearRow; period: PeriodRow } {
  const [yearPart, codePart] = spec.includes(':') ? spec.split(':', 2) : [yearName, spec];
  const year = findYear(store, yearPart);
  const code = codePart.trim().toUpperCase();
  const period = store.get<PeriodRow>('SELECT * FROM period WHERE year_id = ? AND code = ?', year.id, code);
  if (!period) {
    const codes = listPeriods(store, year.id).map((p) => p.code).join(', ');
    throw new InputError('period_not_found', L(`No period ${code} in ${year.name}; it has ${codes}.`, `В ${year.name} нет периода ${code}; есть ${codes}.`));
  }
  return { year, period };
}

/** Move a period's dates, carrying the neighbours' boundaries along (closed periods stay put). */
export function setPeriodDates(store: Store, spec: string, yearName: string | undefined, change: { start?: IsoDate; end?: IsoDate }): PeriodRow[] {
  return store.mutate(() => {
    const { year, period } = findPeriod(store, spec, yearName);
    const before = listPeriods(store, year.id);
    const result = resizePeriod(before, period.code, change);
    if ('error' in result) throw new InputError('bad_period_dates', `${year.name}:${period.code}: ${result.error}`);
    const changed = result.filter((p, i) => p.start !== before[i].start || p.end !== before[i].end);
    const closed = changed.map((p) => before.find((b) => b.code === p.code)!).find((b) => b.status === 'closed');
    if (closed) throw new RuleError('period_closed', L(`Period ${closed.code} of ${year.name} is closed; reopen it first.`, `Период ${closed.code} ${year.name} закрыт; сначала откройте его.`));
    for (const p of changed) store.run('UPDATE period SET start = ?, end = ? WHERE year_id = ? AND code = ?', p.start, p.end, year.id, p.code);
    const after = listPeriods(store, year.id);
    store.audit({ entity: 'period', entityId: `${year.name}:${period.code}`, action: 'set', before: before.map(publicPeriod), after: after.map(publicPeriod) });
    return after;
  });
}

/** Close or reopen a period; checks and locks attach here as the journal arrives. */
export function setPeriodStatus(store: Store, spec: string, yearName: string | undefined, status: PeriodRow['status'], reason?: string): PeriodRow {
  return store.mutate(() => {
    const { year, period } = findPeriod(store, spec, yearName);
    if (period.status === status) {
      throw new RuleError(status === 'closed' ? 'period_already_closed' : 'period_not_closed', status === 'closed' ? L(`${year.name}:${period.code} is already closed.`, `${year.name}:${period.code} уже закрыт.`) : L(`${year.name}:${period.code} is not closed.`, `${year.name}:${period.code} не закрыт.`));
    }
    const closedAt = status === 'closed' ? store.nowIso() : null;
    const closedBy = status === 'closed' ? store.actor : null;
    store.run('UPDATE period SET status = ?, closed_at = ?, closed_by = ? WHERE id = ?', status, closedAt, closedBy, period.id);
    const after = store.get<PeriodRow>('SELECT * FROM period WHERE id = ?', period.id)!;
    store.audit({ entity: 'period', entityId: `${year.name}:${period.code}`, action: status === 'closed' ? 'close' : 'reopen', before: { status: period.status }, after: { status, reason: reason ?? null } });
    return after;
  });
}

/** The shape scripts see (`period list --json`). */
export function publicPeriod(p: PeriodRow | PeriodDraft): { code: string; name: string; start: IsoDate; end: IsoDate; status: string } {
  return { code: p.code, name: p.name, start: p.start, end: p.end, status: 'status' in p ? p.status : 'open' };
}
