/**
 * What a report covers, resolved once from the flags by the service (services/reports.ts)
 * and handed to the builders: the organisation, the year, the period if one was named, the
 * dates, the words for the period and the date the document is dated.
 */
import type { IsoDate } from '../domain/dates.js';
import type { Group } from '../store/groups.js';
import type { OrgCard } from '../store/org.js';
import type { PeriodRow, YearRow } from '../store/years.js';

export interface ReportScope {
  org?: OrgCard;
  year: YearRow;
  /** The periods of the year, in order. */
  periods: PeriodRow[];
  /** The named period; absent for a whole year or a date range. */
  period?: PeriodRow;
  /** True when the report covers the whole year (`--year`): year, exam and final marks. */
  wholeYear: boolean;
  from: IsoDate;
  to: IsoDate;
  /** How people name the range: «1 семестр 2025/2026», «2025/2026», «01.09.2025–30.09.2025». */
  label: string;
  /** The date printed on the document (the period's closing date when closed, else today). */
  madeOn: IsoDate;
}

export interface GroupScope extends ReportScope {
  group: Group;
}

/** The period as the heading names it: a period or a year by name; nothing for bare dates (the dates line says them). */
export function periodLabel(scope: ReportScope): string | undefined {
  return scope.period || scope.wholeYear ? scope.label : undefined;
}
