/**
 * The organisation's own calendar entries: `calendar holiday add` and `remove`. Each owns
 * its transaction and its audit record.
 */
import { InputError } from '../core/errors.js';
import { formatDate, yearOf, type IsoDate } from '../domain/dates.js';
import { classifyYear, plainDay, type DayInfo } from '../domain/productionCalendar.js';
import { deleteCalendarDay, findCalendarDay, loadWorkCalendar, upsertCalendarDay, type CalendarDayRow } from '../store/calendar.js';
import type { Store } from '../store/store.js';

/** `calendar holiday add`: add or replace the entry for a date; `replaced` is the entry it replaced. */
export function addCalendarDay(store: Store, day: CalendarDayRow): { day: CalendarDayRow; replaced: CalendarDayRow | null } {
  return store.mutate(() => {
    const before = findCalendarDay(store, day.date) ?? null;
    upsertCalendarDay(store, day);
    store.audit({ entity: 'calendar_day', entityId: day.date, action: 'add', before, after: day });
    return { day, replaced: before };
  });
}

export type RemoveResult =
  | { action: 'removed'; before: CalendarDayRow; now: DayInfo }
  | { action: 'overridden'; builtin: DayInfo; after: CalendarDayRow };

/**
 * `calendar holiday remove`: drop the user's entry for a date. Where there is none but the
 * production calendar (a decree or the Labour Code) makes the date special, add an entry that
 * makes it an ordinary day instead (working on a weekday, a day off on a weekend). InputError
 * `calendar_day_not_found` when neither applies.
 */
export function removeCalendarDay(store: Store, date: IsoDate): RemoveResult {
  const builtin = classifyYear(yearOf(date)).special.get(date);
  return store.mutate((): RemoveResult => {
    const before = findCalendarDay(store, date);
    if (before) {
      deleteCalendarDay(store, date);
      store.audit({ entity: 'calendar_day', entityId: date, action: 'remove', before, after: null });
      return { action: 'removed', before, now: loadWorkCalendar(store).dayKind(date) };
    }
    if (!builtin) throw new InputError('calendar_day_not_found', { date: formatDate(date) }, { date });
    const after: CalendarDayRow = { date, kind: plainDay(date).kind === 'working' ? 'working' : 'day_off', name: null };
    upsertCalendarDay(store, after);
    store.audit({ entity: 'calendar_day', entityId: date, action: 'add', before: null, after });
    return { action: 'overridden', builtin, after };
  });
}
