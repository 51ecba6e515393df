import { InputError } from '../core/errors.js';
import { t } from '../core/i18n.js';
import { addDays, daysBetween, formatDate, isoOf, parseDate, yearOf, type IsoDate } from './dates.js';

/**
 * Academic years (`2025/2026`) and their periods: semesters (colleges), trimesters or
 * quarters (schools). Periods cover the year exactly: contiguous, no gaps, no overlaps.
 */
export type PeriodScheme = 'semesters' | 'trimesters' | 'quarters';

export const PERIOD_SCHEMES: Record<PeriodScheme, { count: number; prefix: string; noun: string }> = {
  semesters: { count: 2, prefix: 'S', noun: 'семестр' },
  trimesters: { count: 3, prefix: 'T', noun: 'триместр' },
  quarters: { count: 4, prefix: 'Q', noun: 'четверть' },
};

export interface PeriodDraft {
  code: string;
  name: string;
  start: IsoDate;
  end: IsoDate;
}

/** `2025/2026` → [2025, 2026], or an explanation of what is wrong. */
export function parseYearName(name: string): { first: number; second: number } | { error: string } {
  const m = /^(\d{4})\s*[/-]\s*(\d{4})$/.exec(name.trim());
  if (!m) return { error: t('year_name_format', { value: name }) };
  return yearPair(name, Number(m[1]), Number(m[2]));
}

/**
 * A new year's name as the store keeps it: only `2025/2026` (a slash; `2025-2026` is
 * refused, so the name a user types is the name every list shows).
 */
export function parseNewYearName(name: string): { first: number; second: number } | { error: string } {
  const m = /^(\d{4})\/(\d{4})$/.exec(name.trim());
  if (!m) return { error: t('year_name_format', { value: name }) };
  return yearPair(name, Number(m[1]), Number(m[2]));
}

function yearPair(name: string, first: number, second: number): { first: number; second: number } | { error: string } {
  if (second !== first + 1) return { error: t('year_name_sequence', { value: name }) };
  return { first, second };
}

/** Usual dates of an academic year when the user gives none: 1 September to 30 June. */
export function defaultYearDates(first: number): { start: IsoDate; end: IsoDate } {
  return { start: isoOf(first, 9, 1), end: isoOf(first + 1, 6, 30) };
}

/** Problems with a year's dates, empty when they are fine. */
export function yearDateProblems(name: string, start: IsoDate, end: IsoDate): string[] {
  const parsed = parseYearName(name);
  if ('error' in parsed) return [parsed.error];
  const problems: string[] = [];
  if (start >= end) problems.push(t('year_start_not_before_end', { start: formatDate(start), end: formatDate(end) }));
  if (yearOf(start) !== parsed.first) problems.push(t('year_start_outside', { start: formatDate(start), year: parsed.first }));
  if (yearOf(end) !== parsed.second) problems.push(t('year_end_outside', { end: formatDate(end), year: parsed.second }));
  return problems;
}

/** A new academic year, checked: its name as stored and its dates (1 September – 30 June unless given). */
export interface NewYear {
  name: string;
  start: IsoDate;
  end: IsoDate;
}

/**
 * Check a new year before anything is written: the name (`2025/2026`; with `strict`, the
 * slash only), and the dates (defaults when not given). InputError `bad_year` or
 * `bad_year_dates` (details: the list of problems) otherwise.
 */
export function checkNewYear(name: string, dates: { start?: IsoDate; end?: IsoDate }, options: { strict?: boolean } = {}): NewYear {
  const parsed = options.strict ? parseNewYearName(name) : parseYearName(name);
  if ('error' in parsed) throw new InputError('bad_year', { value: name, reason: parsed.error });
  const defaults = defaultYearDates(parsed.first);
  const yearName = `${parsed.first}/${parsed.second}`;
  const start = dates.start ?? defaults.start;
  const end = dates.end ?? defaults.end;
  const problems = yearDateProblems(yearName, start, end);
  if (problems.length) throw new InputError('bad_year_dates', { name: yearName, problems: problems.join('; ') }, problems);
  return { name: yearName, start, end };
}

export function periodName(scheme: PeriodScheme, index: number): string {
  return `${index} ${PERIOD_SCHEMES[scheme].noun}`;
}

/** Split [start, end] into `count` contiguous periods of (nearly) equal length. */
export function splitYear(start: IsoDate, end: IsoDate, scheme: PeriodScheme): PeriodDraft[] {
  const { count, prefix } = PERIOD_SCHEMES[scheme];
  const days = daysBetween(start, end) + 1;
  const periods: PeriodDraft[] = [];
  let from = start;
  for (let i = 1; i <= count; i++) {
    const to = i === count ? end : addDays(start, Math.round((days * i) / count) - 1);
    periods.push({ code: `${prefix}${i}`, name: periodName(scheme, i), start: from, end: to });
    from = addDays(to, 1);
  }
  return periods;
}

/**
 * Move one period's boundaries and the neighbours' adjacent ones with them, so the periods
 * still cover the year exactly. Returns the new list, or the reason it cannot be done.
 */
export function resizePeriod(
  periods: readonly PeriodDraft[],
  code: string,
  change: { start?: IsoDate; end?: IsoDate },
): PeriodDraft[] | { error: string } {
  const i = periods.findIndex((p) => p.code === code);
  if (i < 0) return { error: t('period_no_such_code', { code }) };
  const next = periods.map((p) => ({ ...p }));
  const p = next[i];
  if (change.start && change.start !== p.start) {
    if (i === 0) return { error: t('period_first_starts_with_year') };
    p.start = change.start;
    next[i - 1].end = addDays(change.start, -1);
  }
  if (change.end && change.end !== p.end) {
    if (i === next.length - 1) return { error: t('period_last_ends_with_year') };
    p.end = change.end;
    next[i + 1].start = addDays(change.end, 1);
  }
  const empty = next.find((q) => q.start > q.end);
  if (empty) return { error: t('period_would_be_empty', { code: empty.code, start: formatDate(empty.start), end: formatDate(empty.end) }) };
  return next;
}

/** A typed first day of a year whose name begins with `first`: a real date in that calendar year. */
export function checkYearStart(text: string, first: number): { date: IsoDate } | { error: string } {
  const date = parseDate(text.trim());
  if (!date) return { error: t('setup_date_not_real', { value: text }) };
  if (yearOf(date) !== first) return { error: t('year_start_outside', { start: formatDate(date), year: first }) };
  return { date };
}

/** A typed last day: a real date after `start`, in the year's second calendar year. */
export function checkYearEnd(text: string, start: IsoDate, second: number): { date: IsoDate } | { error: string } {
  const date = parseDate(text.trim());
  if (!date) return { error: t('setup_date_not_real', { value: text }) };
  if (date <= start) return { error: t('wizard_end_before_start', { start: formatDate(start) }) };
  if (yearOf(date) !== second) return { error: t('year_end_outside', { end: formatDate(date), year: second }) };
  return { date };
}

/** A year's or period's status as printed, in the current language. */
export function statusLabel(status: 'open' | 'closed' | 'planned' | string): string {
  switch (status) {
    case 'open': return t('setup_status_open');
    case 'closed': return t('setup_status_closed');
    case 'planned': return t('setup_status_planned');
    default: return status;
  }
}
