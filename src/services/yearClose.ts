/**
 * `year close Y`: the year becomes read-only. Every period must be closed first (their marks
 * and attendance are already locked; a closed year's periods never reopen, see
 * store/years.updatePeriodStatus), and the store backs itself up before the change.
 */
import { RuleError } from '../core/errors.js';
import { formatDate } from '../domain/dates.js';
import { automaticBackup } from '../store/backup.js';
import type { Store } from '../store/store.js';
import { findYear, openPeriodsOf, updateYearStatus } from '../store/years.js';

export interface YearCloseResult {
  year: string;
  status: 'closed';
  backup: string;
  /** Unfinished copies an interrupted run had left beside the backup, removed (store/backup emptyCopyBeside). */
  unfinishedCopiesRemoved: string[];
}

/** What stops closing a year: RuleError `year_already_closed`, or `year_periods_open` listing them. */
function checkClosable(store: Store, name: string) {
  const year = findYear(store, name);
  if (year.status === 'closed') throw new RuleError('year_already_closed', { year: year.name });
  const open = openPeriodsOf(store, year.id);
  if (open.length) {
    throw new RuleError('year_periods_open', { year: year.name, periods: open.map((p) => p.code).join(', ') }, open.map((p) => ({ period: `${year.name}:${p.code}`, name: p.name, start: p.start, end: p.end }))).describedAs(
      open.map((p) => `${p.code} ${p.name}: ${formatDate(p.start)} – ${formatDate(p.end)}`),
    );
  }
  return year;
}

/** Close the year: checked, backed up, then closed in one transaction that checks again. */
export async function closeYear(store: Store, name: string): Promise<YearCloseResult> {
  checkClosable(store, name);
  const { path: backup, removed } = await automaticBackup(store, 'year-close');
  return store.mutate(() => {
    const year = checkClosable(store, name);
    updateYearStatus(store, year.id, 'closed');
    store.audit({ entity: 'year', entityId: year.name, action: 'close', before: { status: year.status }, after: { status: 'closed', backup } });
    return { year: year.name, status: 'closed', backup, unfinishedCopiesRemoved: removed };
  });
}
