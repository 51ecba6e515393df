import { RuleError } from '../core/errors.js';
import type { IsoDate } from '../domain/dates.js';
import type { SpecialKind } from '../domain/productionCalendar.js';
import { WorkCalendar } from '../domain/workdays.js';
import type { Store } from './store.js';
import { assertDateOpen } from './locks.js';

/** One of the user's own calendar entries; the production calendar itself ships in code. */
export interface CalendarDayRow {
  date: IsoDate;
  kind: SpecialKind;
  name: string | null;
}

export function listCalendarDays(store: Store): CalendarDayRow[] {
  return store.all<CalendarDayRow>('SELECT date, kind, name FROM calendar_day ORDER BY date');
}

export function findCalendarDay(store: Store, date: IsoDate): CalendarDayRow | undefined {
  return store.get<CalendarDayRow>('SELECT date, kind, name FROM calendar_day WHERE date = ?', date);
}

/**
 * A closed year is read-only, its calendar included (CLI.md: `year close`): the working days
 * its deadlines and hours were counted on stay as they were. RuleError `year_closed_read_only`
 * (exit 4) when `date` lies inside a closed year, `lock_period_closed` inside a closed period.
 */
function assertDayOpen(store: Store, date: IsoDate): void {
  const closed = store.get<{ name: string }>(`SELECT name FROM year WHERE status = 'closed' AND start <= ? AND end >= ?`, date, date);
  if (closed) throw new RuleError('year_closed_read_only', { year: closed.name }, { year: closed.name, date });
  // So is a closed period of an open year: its lessons and reports were made on these days.
  assertDateOpen(store, date);
}

/** Add or replace the user's entry for a date; refused inside a closed year or period (assertDayOpen). */
export function upsertCalendarDay(store: Store, day: CalendarDayRow): void {
  assertDayOpen(store, day.date);
  store.run(
    'INSERT INTO calendar_day (date, kind, name) VALUES (?, ?, ?) ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, name = excluded.name',
    day.date, day.kind, day.name,
  );
}

/** Remove the user's entry for a date; refused inside a closed year or period (assertDayOpen). */
export function deleteCalendarDay(store: Store, date: IsoDate): void {
  assertDayOpen(store, date);
  store.run('DELETE FROM calendar_day WHERE date = ?', date);
}

/** The production calendar with the user's entries on top. */
export function loadWorkCalendar(store: Store): WorkCalendar {
  return new WorkCalendar(listCalendarDays(store));
}
