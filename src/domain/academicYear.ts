import { L } from '../core/i18n.js';
import { addDays, daysBetween, formatDate, isoOf, yearOf, type IsoDate } from './dates.js';

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
  if (!m) return { error: L(`"${name}" is not an academic year; write it as 2025/2026`, `«${name}» — не учебный год; пишите так: 2025/2026`) };
  const first = Number(m[1]);
  const second = Number(m[2]);
  if (second !== first + 1) return { error: L(`"${name}": the second year must follow the first`, `«${name}»: второй год должен следовать за первым`) };
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
  if (start >= end) problems.push(L(`the start ${formatDate(start)} is not before the end ${formatDate(end)}`, `начало ${formatDate(start)} не раньше конца ${formatDate(end)}`));
  if (yearOf(start) !== parsed.first) problems.push(L(`the start ${formatDate(start)} is not in ${parsed.first}`, `начало ${formatDate(start)} не в ${parsed.first} году`));
  if (yearOf(end) !== parsed.second) problems.push(L(`the end ${formatDate(end)} is not in ${parsed.second}`, `конец ${formatDate(end)} не в ${parsed.second} году`));
  return problems;
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
  if (i < 0) return { error: L(`no period ${code}`, `нет периода ${code}`) };
  const next = periods.map((p) => ({ ...p }));
  const p = next[i];
  if (change.start && change.start !== p.start) {
    if (i === 0) return { error: L('the first period starts with the year; change the year instead', 'первый период начинается вместе с годом; меняйте даты года') };
    p.start = change.start;
    next[i - 1].end = addDays(change.start, -1);
  }
  if (change.end && change.end !== p.end) {
    if (i === next.length - 1) return { error: L('the last period ends with the year; change the year instead', 'последний период заканчивается вместе с годом; меняйте даты года') };
    p.end = change.end;
    next[i + 1].start = addDays(change.end, 1);
  }
  const empty = next.find((q) => q.start > q.end);
  if (empty) return { error: L(`period ${empty.code} would be empty (${formatDate(empty.start)}–${formatDate(empty.end)})`, `период ${empty.code} стал бы пустым (${formatDate(empty.start)}–${formatDate(empty.end)})`) };
  return next;
}
