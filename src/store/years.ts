import { InputError, RuleError } from '../core/errors.js';
import type { IsoDate } from '../domain/dates.js';
import type { PeriodDraft } from '../domain/academicYear.js';
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
    if (!year) throw new InputError('year_not_found', { name, known: years.map((y) => y.name).join(', ') });
    return year;
  }
  const current = years.find((y) => y.start <= on && on <= y.end) ?? [...years].reverse().find((y) => y.start <= on) ?? years[0];
  if (!current) throw new InputError('no_year');
  return current;
}

/** The year with this id (it exists: the caller read the id from a row that names it). */
export function yearById(store: Store, id: number): YearRow {
  return store.get<YearRow>('SELECT * FROM year WHERE id = ?', id)!;
}

export function yearByName(store: Store, name: string): YearRow | undefined {
  return store.get<YearRow>('SELECT id, name, start, end, status FROM year WHERE name = ?', name);
}

/** A year whose dates overlap [start, end], if any. */
export function overlappingYear(store: Store, start: IsoDate, end: IsoDate): YearRow | undefined {
  return store.get<YearRow>('SELECT id, name, start, end, status FROM year WHERE start <= ? AND end >= ?', end, start);
}

export function insertYear(store: Store, year: Omit<YearRow, 'id'>): YearRow {
  const { lastInsertRowid } = store.run('INSERT INTO year (name, start, end, status) VALUES (?, ?, ?, ?)', year.name, year.start, year.end, year.status);
  return store.get<YearRow>('SELECT id, name, start, end, status FROM year WHERE id = ?', lastInsertRowid)!;
}

export function insertPeriods(store: Store, yearId: number, periods: readonly PeriodDraft[]): void {
  for (const p of periods) store.run('INSERT INTO period (year_id, code, name, start, end) VALUES (?, ?, ?, ?, ?)', yearId, p.code, p.name, p.start, p.end);
}

export function listPeriods(store: Store, yearId: number): PeriodRow[] {
  return store.all<PeriodRow>('SELECT * FROM period WHERE year_id = ? ORDER BY start', yearId);
}

export function periodById(store: Store, id: number): PeriodRow {
  return store.get<PeriodRow>('SELECT * FROM period WHERE id = ?', id)!;
}

/** A period by code (`S1`) in a year, or by `2025/2026:S1`. */
export function findPeriod(store: Store, spec: string, yearName?: string): { year: YearRow; period: PeriodRow } {
  const [yearPart, codePart] = spec.includes(':') ? spec.split(':', 2) : [yearName, spec];
  const year = findYear(store, yearPart);
  const code = codePart.trim().toUpperCase();
  const period = store.get<PeriodRow>('SELECT * FROM period WHERE year_id = ? AND code = ?', year.id, code);
  if (!period) {
    const codes = listPeriods(store, year.id).map((p) => p.code).join(', ');
    throw new InputError('period_not_found', { code, year: year.name, codes });
  }
  return { year, period };
}

export function updatePeriodDates(store: Store, yearId: number, code: string, start: IsoDate, end: IsoDate): void {
  store.run('UPDATE period SET start = ?, end = ? WHERE year_id = ? AND code = ?', start, end, yearId, code);
}

/**
 * Close or reopen a period. A closed year is read-only: none of its periods reopens (RuleError
 * `year_closed_read_only`), so nothing dated inside it changes (see locks.assertDateOpen).
 */
export function updatePeriodStatus(store: Store, id: number, status: PeriodRow['status'], closedAt: string | null, closedBy: string | null): void {
  const year = store.get<{ name: string; status: string }>('SELECT y.name, y.status FROM period p JOIN year y ON y.id = p.year_id WHERE p.id = ?', id);
  if (status === 'open' && year?.status === 'closed') throw new RuleError('year_closed_read_only', { year: year.name });
  store.run('UPDATE period SET status = ?, closed_at = ?, closed_by = ? WHERE id = ?', status, closedAt, closedBy, id);
}

/** The shape scripts see (`period list --json`). */
export function publicPeriod(p: PeriodRow | PeriodDraft): { code: string; name: string; start: IsoDate; end: IsoDate; status: string } {
  return { code: p.code, name: p.name, start: p.start, end: p.end, status: 'status' in p ? p.status : 'open' };
}

/** Mark a year open, planned or closed (the caller owns the transaction and the audit). */
export function updateYearStatus(store: Store, id: number, status: YearRow['status']): void {
  store.run('UPDATE year SET status = ? WHERE id = ?', status, id);
}

/** The periods of a year that are not closed. */
export function openPeriodsOf(store: Store, yearId: number): PeriodRow[] {
  return store.all<PeriodRow>("SELECT * FROM period WHERE year_id = ? AND status <> 'closed' ORDER BY start", yearId);
}
