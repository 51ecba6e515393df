import { t } from '../core/i18n.js';
import type { FieldSpec } from './fields.js';
import { parseDate, type IsoDate } from './dates.js';
import { AGE_LIMITS, normalizeName, normalizePhone, parseSex, splitFullName, validName, validateBirthDate, validateEmail, type Sex } from './person.js';
import { validateSnils } from './snils.js';

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
 * Pure: store lookups (group exists, person already active elsewhere) come after.
 */
export function parseStudentRow(
  cell: (field: StudentField) => string | undefined,
  defaults: { group?: string; orderNo?: string; orderDate?: IsoDate },
  today: IsoDate,
): ParsedStudentRow {
  const problems: RowProblem[] = [];
  const warnings: RowProblem[] = [];
  const problem = (field: StudentField, value: string, reason: string) => problems.push({ field, value, reason });
  const required = t('people_required');

  // Names: the three columns, or one ФИО column split into them.
  let last = cell('last_name') ?? '';
  let first = cell('first_name') ?? '';
  let middle = cell('middle_name') ?? '';
  const full = cell('full_name');
  if (full !== undefined && !last && !first) {
    const split = splitFullName(full);
    if (split) {
      last = split.last;
      first = split.first;
      middle = split.middle ?? '';
    } else problem('full_name', full, full ? t('people_expected_full_name') : required);
  }
  const names: [StudentField, string][] = [['last_name', last], ['first_name', first], ['middle_name', middle]];
  const normal: string[] = [];
  for (const [field, value] of names) {
    if (!value) {
      if (field !== 'middle_name' && !(full !== undefined && problems.some((p) => p.field === 'full_name'))) problem(field, value, required);
      normal.push('');
      continue;
    }
    // A name that is not all letters is kept as typed (the export guards it) but flagged.
    const check = validName(value);
    if (!check.ok) warnings.push({ field, value, reason: check.reason });
    normal.push(check.ok ? check.value : normalizeName(value));
  }

  const birthText = cell('birth_date') ?? '';
  const birth = birthText ? validateBirthDate(birthText, { today, ...AGE_LIMITS.student }) : undefined;
  if (!birth) problem('birth_date', birthText, required);
  else if (!birth.ok) problem('birth_date', birthText, birth.reason);

  const sexText = cell('sex') ?? '';
  const sex = parseSex(sexText);
  if (!sex) problem('sex', sexText, sexText ? t('people_expected_sex') : required);

  const snilsText = cell('snils') ?? '';
  let snils: string | null = null;
  if (snilsText) {
    const check = validateSnils(snilsText);
    if (check.ok) snils = check.value;
    else problem('snils', snilsText, check.reason);
  }

  const group = cell('group') || defaults.group;
  if (!group) problem('group', cell('group') ?? '', required);

  const phoneText = cell('phone') ?? '';
  const phone = phoneText ? (normalizePhone(phoneText) ?? null) : null;
  if (phoneText && !phone) problem('phone', phoneText, t('people_not_a_phone'));

  const emailText = cell('email') ?? '';
  const email = emailText ? validateEmail(emailText) : undefined;
  if (email && !email.ok) problem('email', emailText, email.reason);

  const orderNo = cell('order_no') || defaults.orderNo;
  const orderDateText = cell('order_date');
  const orderDate = orderDateText ? parseDate(orderDateText) : defaults.orderDate;
  if (orderDateText && !orderDate) problem('order_date', orderDateText, t('people_not_a_date'));

  if (problems.length) return { problems, warnings };
  return {
    card: {
      last_name: normal[0],
      first_name: normal[1],
      middle_name: normal[2] || null,
      birth_date: (birth as { value: IsoDate }).value,
      sex: sex!,
      snils,
      phone,
      email: email?.ok ? email.value : null,
    },
    group,
    order: orderNo && orderDate ? { number: orderNo, date: orderDate } : undefined,
    problems,
    warnings,
  };
}
