/**
 * Calendar dates as ISO strings (`2025-09-01`): they sort, compare and store as text, and
 * carry no time zone. Parsing, arithmetic and formatting go through luxon in UTC, so DST
 * never shifts a day.
 */
import { DateTime, Settings } from 'luxon';
import type { IsoDate } from '../core/clock.js';

export type { IsoDate };

/**
 * The forms a date may be written in, in every import and every date flag: the luxon format
 * and the shape the text must have first (luxon alone would take a 5-digit year). A four-digit
 * year always: `14.03.09` is refused, never guessed. Before matching, `dateCore` strips what
 * Excel and secretaries add around a date: a midnight time and a trailing `г.`.
 */
export const DATE_FORMATS: readonly { format: string; shape: RegExp; example: string }[] = [
  { format: 'yyyy-MM-dd', shape: /^\d{4}-\d{2}-\d{2}$/, example: '2009-03-14' },
  { format: 'd.M.yyyy', shape: /^\d{1,2}\.\d{1,2}\.\d{4}$/, example: '14.03.2009' },
  { format: 'd/M/yyyy', shape: /^\d{1,2}\/\d{1,2}\/\d{4}$/, example: '14/03/2009' },
  { format: 'd-M-yyyy', shape: /^\d{1,2}-\d{1,2}-\d{4}$/, example: '14-03-2009' },
];

/**
 * The forms as a person reads them, for messages: `t('date_accepted_forms', { forms:
 * ACCEPTED_DATE_FORMS.join(', ') })` → "accepted: 14.03.2009, 5.3.2009, 2009-03-14, ...".
 */
export const ACCEPTED_DATE_FORMS: readonly string[] = ['14.03.2009', '5.3.2009', '2009-03-14', '14/03/2009', '14-03-2009', '14.03.2009 г.', '14.03.2009 0:00:00'];

/**
 * A midnight time after the date, as Excel writes a date cell saved to CSV or a date-time
 * column: ` 0:00`, ` 00:00:00`, `T00:00:00`, `T00:00:00.000`, `T00:00:00Z`. Any other time means
 * the cell is not a plain date and is refused.
 */
const MIDNIGHT = /(?:[ T]0?0:00(?::00(?:\.0{1,3})?)?(?:Z|[+-]00:?00)?)$/;
/** Any time at all, to refuse one that is not midnight. */
const ANY_TIME = /[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
/** A trailing «г.»/«г» (and «года»), with or without a space: `14.03.2009 г.`. */
const YEAR_WORD = /\s*(?:г\.?|года)$/u;

/** The date part of a cell's text, or null when it carries a time other than midnight. */
function dateCore(s: string): string | null {
  let core = s.replace(YEAR_WORD, '');
  if (MIDNIGHT.test(core)) core = core.replace(MIDNIGHT, '');
  else if (ANY_TIME.test(core)) return null;
  return core.trim();
}

const UTC = { zone: 'utc' } as const;

// Dates here are numeric, never named: luxon's locale is fixed rather than asked of the system,
// which costs a command ~15 ms of ICU start-up and could bring another numbering system.
// registrar is luxon's only user in the process, so the setting is its own.
Settings.defaultLocale = 'en-US';

/**
 * Parsed dates by their text. Lists repeat the same dates thousands of times (birth dates,
 * order dates), and luxon's parser costs ~9 µs a call: with this cache a 100,000-row import
 * spends milliseconds on dates instead of a second (measured: bench/run.js import).
 */
const parsed = new Map<string, IsoDate | null>();
const CACHE_LIMIT = 50_000;

/**
 * A real calendar date from one of DATE_FORMATS (with an optional midnight time and `г.`),
 * else undefined: 31.02.2009 is not a date, 14.03.09 has no century, 14.03.2009 10:30 is a moment.
 */
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
  const core = dateCore(s);
  if (core === null) return null;
  for (const { format, shape } of DATE_FORMATS) {
    if (!shape.test(core)) continue;
    const date = DateTime.fromFormat(core, format, UTC);
    return date.isValid ? date.toISODate() : null;
  }
  return null;
}

/** Day zero of each of Excel's date systems: serial 1 is the day after. */
const EPOCH_1900 = DateTime.fromObject({ year: 1899, month: 12, day: 31 }, UTC);
const EPOCH_1904 = DateTime.fromObject({ year: 1904, month: 1, day: 1 }, UTC);
/** Excel's last day, 9999-12-31, in the 1900 system; the 1904 system counts 1462 days fewer. */
const MAX_SERIAL = 2_958_465;

/**
 * The ISO date of an Excel date cell's serial number. `date1904` is the workbook's date system
 * (`wb.Workbook.WBProps.date1904` in SheetJS): in 1904, serial 0 is 1904-01-01; in 1900, serial
 * 1 is 1900-01-01 and serial 60 is Lotus's fake 29.02.1900 (undefined: no such day), so from
 * serial 61 (1900-03-01) on the days are counted from 1899-12-30. Undefined for a serial that
 * is not a whole day (a time other than midnight, allowing float noise under a second),
 * negative, 0 in the 1900 system (Excel's 00.01.1900) or past 9999-12-31.
 */
export function excelSerialToIso(serial: number, date1904: boolean): IsoDate | undefined {
  if (!Number.isFinite(serial)) return undefined;
  const days = Math.round(serial);
  if (Math.abs(serial - days) * 86_400 >= 1) return undefined;
  if (days < (date1904 ? 0 : 1) || days > (date1904 ? MAX_SERIAL - 1462 : MAX_SERIAL)) return undefined;
  if (date1904) return EPOCH_1904.plus({ days }).toISODate() ?? undefined;
  if (days === 60) return undefined;
  return EPOCH_1900.plus({ days: days < 60 ? days : days - 1 }).toISODate() ?? undefined;
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

/** `date` moved into [start, end]: the day a year's roster is read on when today falls outside the year. */
export function dayWithin(date: IsoDate, start: IsoDate, end: IsoDate): IsoDate {
  return date < start ? start : date > end ? end : date;
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

/**
 * Whole years between a birth date and a day (the age on that day). Plain arithmetic on the
 * ISO text (an import checks it on every row): the years between, less one when the birthday
 * has not come yet that year. Someone born on 29 February turns a year older on 28 February
 * of a common year, as a term counted in years ends on the month's last day (ГК РФ ст. 192).
 */
export function ageOn(birth: IsoDate, on: IsoDate): number {
  const onYear = Number(on.slice(0, 4));
  let birthday = birth.slice(5, 10);
  if (birthday === '02-29' && daysInFebruary(onYear) === 28) birthday = '02-28';
  return onYear - Number(birth.slice(0, 4)) - (on.slice(5, 10) < birthday ? 1 : 0);
}

function daysInFebruary(year: number): number {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}
