import { InputError } from '../core/errors.js';
import { ACCEPTED_DATE_FORMS, parseDate, type IsoDate } from '../domain/dates.js';

/**
 * A date given on the command line, in any of the forms an import reads (`01.09.2025`,
 * `2025-09-01`, ...), or exit 3 naming the flag and the accepted forms (code `bad_date`,
 * details `{ option, value }`).
 */
export function dateArg(value: string, name: string): IsoDate {
  const date = parseDate(value);
  if (!date) {
    throw new InputError('bad_date', { option: name, value }).within('reader_bad_date_arg', { option: name, value, forms: ACCEPTED_DATE_FORMS.join(', ') }, { option: name, value });
  }
  return date;
}

export function optionalDate(value: string | undefined, name: string): IsoDate | undefined {
  return value === undefined ? undefined : dateArg(value, name);
}
