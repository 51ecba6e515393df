/**
 * Calendar dates as ISO strings (`2025-09-01`): they sort, compare and store as text, and
 * carry no time zone. Parsing, arithmetic and formatting go through luxon in UTC, so DST
 * never shifts a day.
 */
import { DateTime } from 'luxon';
import type { IsoDate } from '../core/clock.js';

export type { IsoDate };

/**
 * The forms a date may be written in, in every import and every date flag: the luxon format
 * and the shape the text must have first (luxon alone would take a 5-digit year).
 */
export const DATE_FORMATS: readonly { format: string; shape: RegExp; example: string }[] = [
  { format: 'yyyy-MM-dd', shape: /^\d{4}-\d{2}-\d{2}$/, example: '2025-09-01' },
  { format: 'd.M.yyyy', shape: /^\d{1,2}\.\d{1,2}\.\d{4}$/, example: '01.09.2025' },
];

const UTC = { zone: 'utc' } as const;

/**
 * Parsed dates by their text. Lists repeat the same dates thousands of times (birth dates,
 * order dates), and luxon's parser costs ~9 µs a call: with this cache a 100,000-row import
 * spends milliseconds on dates instead of a second (measured: bench/run.js import).
 */
const parsed = new Map<string, IsoDate | null>();
const CACHE_LIMIT = 50_000;

/** A real calendar date from one of DATE_FORMATS, else undefined (31.02 is not a date). */
export function parseDate(text: string): IsoDate | undefined {
  const s = text.trim();
  let hit = parsed.get(s);
  if (hit === undefined) {
    hit = parseUncached(s);
    if (parsed.size >= CACHE_LIMIT) parsed.clear();
    parsed.set(s, hit);
  }
  return hit ?? undefined;
}

function parseUncached(s: string): IsoDate | null {
  for (const { format, shape } of DATE_FORMATS) {
    if (!shape.test(s)) continue;
    const date = DateTime.fromFormat(s, format, UTC);
    return date.isValid ? date.toISODate() : null;
  }
  return null;
}

function utc(date: IsoDate): DateTime {
  return DateTime.fromISO(date, UTC);
}

export function daysInMonth(year: number, month: number): number {
  return DateTime.fromObject({ year, month }, UTC).daysInMonth ?? 0;
}

export function isoOf(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return utc(date).plus({ days }).toISODate()!;
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round(utc(b).diff(utc(a), 'days').days);
}

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export function weekday(date: IsoDate): number {
  return utc(date).weekday;
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** `01.09.2025`: how dates are printed for people. Accepts a timestamp too (its date part). */
export function formatDate(date: IsoDate | null | undefined): string {
  if (!date) return '';
  return utc(date.slice(0, 10)).toFormat('dd.MM.yyyy');
}

/** Whole years between a birth date and a day (the age on that day). */
export function ageOn(birth: IsoDate, on: IsoDate): number {
  return Math.floor(utc(on).diff(utc(birth), 'years').years);
}
