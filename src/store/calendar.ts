import { yearOf, type IsoDate } from '../domain/dates.js';
import { classifyYear, plainDay, type DayInfo, type SpecialKind } from '../domain/productionCalendar.js';
import { WorkCalendar } from '../domain/workdays.js';
import type { Store } from './store.js';

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

/** Add or replace the user's entry for a date; returns the entry it replaced. */
export function putCalendarDay(store: Store, day: CalendarDayRow): CalendarDayRow | null {
  return store.mutate(() => {
    const before = findCalendarDay(store, day.date) ?? null;
    store.run(
      'INSERT INTO calendar_day (date, kind, name) VALUES (?, ?, ?) ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, name = excluded.name',
      day.date, day.kind, day.name,
    );
    store.audit({ entity: 'calendar_day', entityId: day.date, action: 'add', before, after: day });
    return before;
  });
}

export type RemoveResult =
  | { action: 'removed'; before: CalendarDayRow }
  | { action: 'overridden'; builtin: DayInfo; after: CalendarDayRow };

/**
 * `calendar holiday remove`: drop the user's entry for a date. Where there is none but the
 * built-in calendar makes the date special, add an entry that makes it an ordinary day
 * instead (working on a weekday, a day off on a weekend). Undefined when neither applies.
 */
export function removeCalendarDay(store: Store, date: IsoDate): RemoveResult | undefined {
  const builtin = classifyYear(yearOf(date)).special.get(date);
  if (!findCalendarDay(store, date) && !builtin) return undefined;
  return store.mutate((): RemoveResult => {
    const before = findCalendarDay(store, date);
    if (before) {
      store.run('DELETE FROM calendar_day WHERE date = ?', date);
      store.audit({ entity: 'calendar_day', entityId: date, action: 'remove', before, after: null });
      return { action: 'removed', before };
    }
    const after: CalendarDayRow = { date, kind: plainDay(date).kind === 'working' ? 'working' : 'day_off', name: null };
    putCalendarDay(store, after);
    return { action: 'overridden', builtin: builtin ?? plainDay(date), after };
  });
}

/** The production calendar with the user's entries on top. */
export function loadWorkCalendar(store: Store): WorkCalendar {
  return new WorkCalendar(listCalendarDays(store));
}
