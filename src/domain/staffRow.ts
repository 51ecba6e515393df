import { t } from '../core/i18n.js';
import type { FieldSpec } from './fields.js';
import type { IsoDate } from './dates.js';
import { AGE_LIMITS, splitFullName, validateBirthDate, validateEmail, validatePhone, validName } from './person.js';
import { parsePositions, POSITIONS, type Position } from './positions.js';
import { validateSnils, type Validation } from './snils.js';
import { STUDENT_FIELDS } from './studentRow.js';

const { full_name, last_name, first_name, middle_name, snils, phone, email, birth_date } = STUDENT_FIELDS;

/** The columns of a staff list: the person's card as in a student list, plus positions. */
export const STAFF_FIELDS = {
  full_name,
  last_name,
  first_name,
  middle_name,
  position: { aliases: ['Должность', 'Должности', 'positions'] },
  snils,
  phone,
  email,
  birth_date,
} satisfies Record<string, FieldSpec>;

export type StaffField = keyof typeof STAFF_FIELDS;

/** A staff card as an import row or `staff add` gives it: fields left undefined are not given. */
export interface StaffDraft {
  card: { last_name: string; first_name: string; middle_name?: string; snils?: string; phone?: string; email?: string; birth_date?: IsoDate };
  /** Replace the positions when not empty. */
  positions: Position[];
}

export interface StaffProblem {
  field: StaffField;
  value: string;
  reason: string;
}

/**
 * One staff card from its fields' text (a file row or the options of `staff add`); undefined
 * means "not given". Either a full name or the last and first names; positions separated by
 * `,` or `;`. Pure: who the person is in the store is decided after.
 */
export function parseStaffRow(cell: (f: StaffField) => string | undefined, today: IsoDate): { draft?: StaffDraft; problems: StaffProblem[] } {
  const problems: StaffProblem[] = [];
  const text = (f: StaffField) => cell(f)?.trim() ?? '';
  const check = (f: StaffField, validate: (s: string) => Validation): string | undefined => {
    if (!text(f)) return undefined;
    const result = validate(text(f));
    if (result.ok) return result.value;
    problems.push({ field: f, value: text(f), reason: result.reason });
  };

  const separate = Boolean(text('last_name') || text('first_name'));
  const split = separate ? undefined : splitFullName(text('full_name'));
  if (!separate && !split) problems.push({ field: 'full_name', value: text('full_name'), reason: t('staff_need_full_name') });
  const name = (f: 'last_name' | 'first_name' | 'middle_name', part: string | undefined): string | undefined => {
    const value = separate ? text(f) : (part ?? '');
    if (!value) {
      if (separate && f !== 'middle_name') problems.push({ field: f, value, reason: t('staff_field_required') });
      return undefined;
    }
    const result = validName(value);
    if (result.ok) return result.value;
    problems.push({ field: separate ? f : 'full_name', value, reason: result.reason });
  };
  const last = name('last_name', split?.last);
  const first = name('first_name', split?.first);
  const middle = name('middle_name', split?.middle);

  const { positions, unknown } = parsePositions(text('position'));
  if (unknown.length) {
    problems.push({ field: 'position', value: unknown.join(', '), reason: t('staff_unknown_position', { known: POSITIONS.join(', ') }) });
  }
  const card = {
    snils: check('snils', validateSnils),
    phone: check('phone', validatePhone),
    email: check('email', validateEmail),
    birth_date: check('birth_date', (s) => validateBirthDate(s, { today, ...AGE_LIMITS.staff })),
  };
  if (problems.length || !last || !first) return { problems };
  return { draft: { card: { last_name: last, first_name: first, middle_name: middle, ...card }, positions }, problems };
}
