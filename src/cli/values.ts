import { InputError } from '../core/errors.js';
import { parseDate, type IsoDate } from '../domain/dates.js';

/** A date given on the command line (`2025-09-01` or `01.09.2025`), or exit 3 naming it. */
export function dateArg(value: string, name: string): IsoDate {
  const date = parseDate(value);
  if (!date) throw new InputError('bad_date', { option: name, value });
  return date;
}

export function optionalDate(value: string | undefined, name: string): IsoDate | undefined {
  return value === undefined ? undefined : dateArg(value, name);
}
