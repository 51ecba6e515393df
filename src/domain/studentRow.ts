import { t } from '../core/i18n.js';
import type { FieldSpec } from './fields.js';
import { parseDate, type IsoDate } from './dates.js';
import { optionalEmail, optionalPhone, snilsCell, type CellReading } from './cardCells.js';
import { splitFullName } from './fullName.js';
import { foldLatinLookalikes } from './homoglyphs.js';
import { boundedText, TEXT_LIMITS } from './text.js';
import { AGE_LIMITS, notADate, parseSex, validName, validateBirthDate, type Sex } from './person.js';

/** The columns of an enrolment list, with the header variants secretaries' files carry. */
export const STUDENT_FIELDS = {
  last_name: { aliases: ['Фамилия', 'lastname', 'surname', 'family_name'] },
  first_name: { aliases: ['Имя', 'firstname', 'given_name'] },
  middle_name: { aliases: ['Отчество', 'middlename', 'patronymic'] },
  full_name: { aliases: ['ФИО', 'Ф.И.О.', 'Фамилия Имя Отчество', 'fullname', 'fio', 'name'] },
  birth_date: { aliases: ['Дата рождения', 'Д.р.', 'ДР', 'Дата рожд.', 'birthdate', 'date_of_birth', 'dob'] },
  sex: { aliases: ['Пол', 'gender'] },
  snils: { aliases: ['СНИЛС', 'Номер СНИЛС'] },
  group: { aliases: ['Группа', 'Класс', 'group_name'] },
  order_no: { aliases: ['Номер приказа', '№ приказа', 'Приказ №', 'Приказ', 'order_number', 'order'] },
  order_date: { aliases: ['Дата приказа', 'order_date'] },
  phone: { aliases: ['Телефон', 'Мобильный телефон', 'Тел.', 'phone_number', 'mobile'] },
  email: { aliases: ['Email', 'E-mail', 'Эл. почта', 'Электронная почта', 'mail'] },
} satisfies Record<string, FieldSpec>;

export type StudentField = keyof typeof STUDENT_FIELDS;

/** The name columns a list of people lacks: none with a ФИО column, else Фамилия and Имя. */
export function missingNameColumns(has: (field: 'full_name' | 'last_name' | 'first_name') => boolean): ('last_name' | 'first_name')[] {
  return has('full_name') ? [] : (['last_name', 'first_name'] as const).filter((f) => !has(f));
}

export interface StudentCard {
  last_name: string;
  first_name: string;
  middle_name: string | null;
  birth_date: IsoDate;
  sex: Sex;
  snils: string | null;
  phone: string | null;
  email: string | null;
}

export interface RowProblem {
  field: StudentField;
  value: string;
  reason: string;
}

export interface ParsedStudentRow {
  card?: StudentCard;
  group?: string;
  order?: { number: string; date: IsoDate };
  problems: RowProblem[];
  warnings: RowProblem[];
}

/**
 * Validate one row of an enrolment list. `cell(field)` is the cell's text, or undefined when
 * the file has no such column; `defaults` are the command-line values (--group, --order-*).
 * With `keepUnreadableOptional` (imports), a phone or e-mail that cannot be read is kept as
 * typed with a warning instead of refusing the row.
 * Pure: store lookups (group exists, person already active elsewhere) come after.
 */
export function parseStudentRow(
  cell: (field: StudentField) => string | undefined,
  defaults: { group?: string; orderNo?: string; orderDate?: IsoDate },
  today: IsoDate,
  options: { keepUnreadableOptional?: boolean } = {},
): ParsedStudentRow {
  const problems: RowProblem[] = [];
  const warnings: RowProblem[] = [];
  const problem = (field: StudentField, value: string, reason: string) => problems.push({ field, value, reason });

  // Names: the three columns, or one ФИО column split into them.
  let last = cell('last_name') ?? '';
  let first = cell('first_name') ?? '';
  let middle = cell('middle_name') ?? '';
  const full = cell('full_name');
  let fullFailed = false;
  if (full !== undefined && !last && !first) {
    const bounded = boundedText(full, TEXT_LIMITS.fullName);
    const split = bounded.ok ? splitFullName(bounded.value) : bounded;
    if (split.ok) {
      last = split.last;
      first = split.first;
      middle = split.middle ?? '';
    } else {
      fullFailed = true;
      problem('full_name', full, full ? split.reason : t('people_required'));
    }
  }
  const row: NameRow = { cell, full, fullFailed, problems, warnings };
  const lastName = namePart(row, 'last_name', last);
  const firstName = namePart(row, 'first_name', first);
  const middleName = namePart(row, 'middle_name', middle);

  const birthText = cell('birth_date') ?? '';
  const birth = birthText ? validateBirthDate(birthText, { today, minAge: AGE_LIMITS.student.minAge, maxAge: AGE_LIMITS.student.maxAge }) : undefined;
  if (!birth) problem('birth_date', birthText, t('people_required'));
  else if (!birth.ok) problem('birth_date', birthText, birth.reason);

  const sexText = cell('sex') ?? '';
  const sex = parseSex(sexText);
  if (!sex) problem('sex', sexText, sexText ? t('people_expected_sex') : t('people_required'));

  // Excel may have dropped leading zeros (a number cell) or written 1,12E+10 to CSV.
  const snilsText = cell('snils') ?? '';
  const snilsCheck = snilsCell(snilsText);
  const snils = snilsCheck.value;
  if (snilsCheck.warning) warnings.push({ field: 'snils', value: snilsText, reason: snilsCheck.warning });
  if (snilsCheck.problem) problem('snils', snilsText, snilsCheck.problem);

  const groupCell = cell('group');
  let group = groupCell || defaults.group;
  if (!group) problem('group', groupCell ?? '', t('people_required'));
  else {
    const bounded = boundedText(group);
    if (!bounded.ok) problem('group', group, bounded.reason);
    else {
      const folded = foldLatinLookalikes(bounded.value);
      if (folded.folded) warnings.push({ field: 'group', value: group, reason: t('latin_letters_folded', { value: group, folded: folded.text }) });
      group = folded.text;
    }
  }

  // Optional fields never block an enrolment: unreadable, they are kept as typed with a warning.
  // (In an import; a single-entry command refuses them, the person typing is there to fix them.)
  const keep = options.keepUnreadableOptional === true;
  const phone = optionalCell(row, 'phone', cell('phone') ?? '', optionalPhone, keep);
  const email = optionalCell(row, 'email', cell('email') ?? '', optionalEmail, keep);

  const orderNoCell = cell('order_no');
  const orderNo = orderNoCell || defaults.orderNo;
  if (orderNoCell) {
    const bounded = boundedText(orderNoCell);
    if (!bounded.ok) problem('order_no', orderNoCell, bounded.reason);
  }
  const orderDateText = cell('order_date');
  const orderDate = orderDateText ? parseDate(orderDateText) : defaults.orderDate;
  if (orderDateText && !orderDate) problem('order_date', orderDateText, notADate());

  if (problems.length) return { problems, warnings };
  return {
    card: {
      last_name: lastName,
      first_name: firstName,
      middle_name: middleName || null,
      birth_date: (birth as { value: IsoDate }).value,
      sex: sex!,
      snils,
      phone,
      email,
    },
    group,
    order: orderNo && orderDate ? { number: orderNo, date: orderDate } : undefined,
    problems,
    warnings,
  };
}

/** Where a row's problems and warnings go. */
interface RowNotes {
  problems: RowProblem[];
  warnings: RowProblem[];
}

/** What namePart needs of its row besides: the cells, the ФИО column and whether splitting it failed. */
interface NameRow extends RowNotes {
  cell: (field: StudentField) => string | undefined;
  full: string | undefined;
  fullFailed: boolean;
}

/**
 * One name part of a row, normalised (validName), or '' when it is missing or refused; the
 * problem or the note goes to the row, under the ФИО column when the part came from it.
 */
function namePart(row: NameRow, field: 'last_name' | 'first_name' | 'middle_name', value: string): string {
  if (!value) {
    if (field !== 'middle_name' && !row.fullFailed) row.problems.push({ field, value, reason: t('people_required') });
    return '';
  }
  const check = validName(value);
  const where = row.full !== undefined && !row.cell(field) ? 'full_name' : field;
  if (!check.ok) {
    row.problems.push({ field: where, value, reason: check.reason });
    return '';
  }
  if (check.note) row.warnings.push({ field: where, value, reason: check.note });
  return check.value;
}

/** An optional cell's text read by `read`: its value; its warning or problem goes to the row. */
function optionalCell(row: RowNotes, field: 'phone' | 'email', text: string, read: (text: string, keep: boolean) => CellReading, keep: boolean): string | null {
  const reading = read(text, keep);
  if (reading.warning) row.warnings.push({ field, value: text, reason: reading.warning });
  if (reading.problem) row.problems.push({ field, value: text, reason: reading.problem });
  return reading.value;
}
