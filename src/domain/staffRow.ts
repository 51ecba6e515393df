import { t } from '../core/i18n.js';
import type { FieldSpec } from './fields.js';
import type { IsoDate } from './dates.js';
import { optionalEmail, optionalPhone, snilsCell, type CellReading } from './cardCells.js';
import { splitFullName } from './fullName.js';
import { AGE_LIMITS, validateBirthDate, validName } from './person.js';
import { parsePositions, POSITIONS, type Position } from './positions.js';
import type { Validation } from './snils.js';
import { boundedText, TEXT_LIMITS } from './text.js';
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
 * `,` or `;`. Names, СНИЛС, phone and e-mail are read as `student import` reads them (the same
 * crafted file gets the same answer): a ФИО cell split with the reason when it cannot be,
 * look-alike Latin letters folded with a warning, a СНИЛС's lost zeros restored with a
 * warning; with `keepUnreadableOptional` (imports) a phone or e-mail that cannot be read is
 * kept as typed with a warning. Pure: who the person is in the store is decided after.
 */
export function parseStaffRow(
  cell: (f: StaffField) => string | undefined,
  today: IsoDate,
  options: { keepUnreadableOptional?: boolean } = {},
): { draft?: StaffDraft; problems: StaffProblem[]; warnings: StaffProblem[] } {
  const problems: StaffProblem[] = [];
  const warnings: StaffProblem[] = [];
  const text = (f: StaffField) => cell(f)?.trim() ?? '';
  const check = (f: StaffField, validate: (s: string) => Validation): string | undefined => {
    if (!text(f)) return undefined;
    const result = validate(text(f));
    if (result.ok) return result.value;
    problems.push({ field: f, value: text(f), reason: result.reason });
  };

  const separate = Boolean(text('last_name') || text('first_name'));
  let split: { last?: string; first?: string; middle?: string } | undefined;
  if (!separate) {
    const full = text('full_name');
    const bounded = boundedText(full, TEXT_LIMITS.fullName);
    const parts = bounded.ok ? splitFullName(bounded.value) : bounded;
    if (!full) problems.push({ field: 'full_name', value: full, reason: t('staff_need_full_name') });
    else if (!parts.ok) problems.push({ field: 'full_name', value: full, reason: parts.reason });
    else split = parts;
  }
  const name = (f: 'last_name' | 'first_name' | 'middle_name', part: string | undefined): string | undefined => {
    const value = separate ? text(f) : (part ?? '');
    if (!value) {
      if (separate && f !== 'middle_name') problems.push({ field: f, value, reason: t('staff_field_required') });
      return undefined;
    }
    const result = validName(value);
    const where = separate ? f : 'full_name';
    if (!result.ok) {
      problems.push({ field: where, value, reason: result.reason });
      return undefined;
    }
    if (result.note) warnings.push({ field: where, value, reason: result.note });
    return result.value;
  };
  const last = name('last_name', split?.last);
  const first = name('first_name', split?.first);
  const middle = name('middle_name', split?.middle);

  const { positions, unknown } = parsePositions(text('position'));
  if (unknown.length) {
    problems.push({ field: 'position', value: unknown.join(', '), reason: t('staff_unknown_position', { known: POSITIONS.join(', ') }) });
  }
  const keep = options.keepUnreadableOptional === true;
  const read = (f: 'snils' | 'phone' | 'email', reading: CellReading): string | undefined => {
    if (reading.warning) warnings.push({ field: f, value: text(f), reason: reading.warning });
    if (reading.problem) problems.push({ field: f, value: text(f), reason: reading.problem });
    return reading.value ?? undefined;
  };
  const card = {
    snils: read('snils', snilsCell(text('snils'))),
    phone: read('phone', optionalPhone(text('phone'), keep)),
    email: read('email', optionalEmail(text('email'), keep)),
    birth_date: check('birth_date', (s) => validateBirthDate(s, { today, ...AGE_LIMITS.staff })),
  };
  if (problems.length || !last || !first) return { problems, warnings };
  return { draft: { card: { last_name: last, first_name: first, middle_name: middle, ...card }, positions }, problems, warnings };
}
