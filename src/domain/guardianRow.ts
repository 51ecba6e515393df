import { t } from '../core/i18n.js';
import type { FieldSpec } from './fields.js';
import { parseDate, type IsoDate } from './dates.js';
import { optionalEmail, optionalPhone, snilsCell, type CellReading } from './cardCells.js';
import { normalizeName, notADate, splitFullName, validName, type FullName } from './person.js';
import { splitFullName as splitName } from './fullName.js';
import { boundedText, TEXT_LIMITS } from './text.js';
import type { Validation } from './snils.js';

/** The columns of a list of parents: the student (by СНИЛС, or full name and birth date) and the guardian. */
export const GUARDIAN_FIELDS = {
  student_snils: { aliases: ['СНИЛС обучающегося', 'СНИЛС ученика', 'СНИЛС студента'] },
  student_name: { aliases: ['ФИО обучающегося', 'ФИО ученика', 'ФИО студента', 'Обучающийся', 'student'] },
  student_birth_date: { aliases: ['Дата рождения обучающегося', 'Дата рождения ученика', 'Дата рождения студента'] },
  full_name: { aliases: ['ФИО представителя', 'ФИО родителя', 'ФИО законного представителя', 'Представитель', 'Родитель', 'guardian', 'guardian_name'], required: true },
  relation: { aliases: ['Кем приходится', 'Степень родства', 'Родство'], required: true },
  phone: { aliases: ['Телефон', 'Телефон представителя', 'Телефон родителя'] },
  email: { aliases: ['Email', 'E-mail', 'Эл. почта', 'Электронная почта'] },
  snils: { aliases: ['СНИЛС представителя', 'СНИЛС родителя'] },
} satisfies Record<string, FieldSpec>;

export type GuardianField = keyof typeof GUARDIAN_FIELDS;

export interface GuardianProblem {
  field: GuardianField;
  value: string;
  reason: string;
}

/** A guardian's card: no birth date or sex in a list of parents. */
export interface GuardianCard {
  last_name: string;
  first_name: string;
  middle_name: string | null;
  birth_date: null;
  sex: null;
  snils: string | null;
  phone: string | null;
  email: string | null;
}

/**
 * The student a row names: by СНИЛС, else by full name and birth date. `field` and `value`
 * are the cell a failed lookup in the store is reported on.
 */
export type StudentRef =
  | { field: 'student_snils'; value: string; snils: string }
  | { field: 'student_name'; value: string; name: FullName; birthDate: IsoDate };

export interface ParsedGuardianRow {
  /** The card and relation, when the row has no problems. */
  card?: GuardianCard;
  relation?: string;
  /** The student, when asked for and readable: given even beside other problems, so that a failed lookup is listed too. */
  student?: StudentRef;
  problems: GuardianProblem[];
  warnings: GuardianProblem[];
}

const RELATION = /^\p{L}+(?:[ -]\p{L}+)*$/u;

/** «Мать», «законный  представитель» → lower case, single spaces; words only, so nothing formula-like. */
export function validRelation(text: string): Validation {
  const value = text.trim().replace(/\s+/g, ' ').toLowerCase();
  if (!value) return { ok: false, reason: t('people_required') };
  if (value.length > 40 || !RELATION.test(value)) return { ok: false, reason: t('people_expected_relation') };
  return { ok: true, value };
}

/** The student of a row: a valid СНИЛС, else a full name and a birth date. */
function parseStudentRef(cell: (field: GuardianField) => string | undefined, warnings: GuardianProblem[]): StudentRef | GuardianProblem {
  const snilsText = cell('student_snils') ?? '';
  if (snilsText) {
    const snils = snilsCell(snilsText);
    if (snils.problem || !snils.value) return { field: 'student_snils', value: snilsText, reason: snils.problem ?? t('people_required') };
    if (snils.warning) warnings.push({ field: 'student_snils', value: snilsText, reason: snils.warning });
    return { field: 'student_snils', value: snilsText, snils: snils.value };
  }
  const nameText = cell('student_name') ?? '';
  const name = splitFullName(nameText);
  if (!name) return { field: 'student_name', value: nameText, reason: nameText ? t('people_expected_full_name') : t('people_give_student') };
  const birthText = cell('student_birth_date') ?? '';
  const birth = parseDate(birthText);
  if (!birth) return { field: 'student_birth_date', value: birthText, reason: birthText ? notADate() : t('people_student_birth_required') };
  return { field: 'student_name', value: nameText, name, birthDate: birth };
}

/**
 * A guardian's card and relation from cells (an import row or the flags of `guardian add`),
 * and with `studentInRow` the student the row names (`guardian add` takes it apart, by
 * --student). `cell(field)` is undefined when not given. A name part that is not all letters
 * is kept as typed and flagged, as in `student import`. СНИЛС, phone and e-mail are read as
 * there too (cardCells): with `keepUnreadableOptional` (imports) a phone or e-mail that
 * cannot be read is kept as typed with a warning. Pure: finding the student comes after.
 */
export function parseGuardianRow(cell: (field: GuardianField) => string | undefined, options: { studentInRow: boolean; keepUnreadableOptional?: boolean }): ParsedGuardianRow {
  const problems: GuardianProblem[] = [];
  const warnings: GuardianProblem[] = [];
  const fullText = cell('full_name') ?? '';
  const bounded = boundedText(fullText, TEXT_LIMITS.fullName);
  const split = bounded.ok ? splitName(bounded.value) : bounded;
  let name: FullName | undefined;
  if (!fullText) problems.push({ field: 'full_name', value: fullText, reason: t('people_required') });
  else if (!split.ok) problems.push({ field: 'full_name', value: fullText, reason: split.reason });
  else {
    // Each part as in student import: letters only (a formula refuses the row), look-alikes folded with a note.
    const parts = [split.last, split.first, split.middle ?? ''].map((part) => (part ? validName(part) : undefined));
    const bad = parts.find((c) => c && !c.ok);
    if (bad && !bad.ok) problems.push({ field: 'full_name', value: fullText, reason: bad.reason });
    else {
      for (const c of parts) if (c?.ok && c.note) warnings.push({ field: 'full_name', value: fullText, reason: c.note });
      const [last, first, middle] = parts.map((c) => (c?.ok ? c.value : undefined));
      name = { last: last!, first: first!, ...(middle ? { middle } : {}) };
    }
  }
  const checked = (field: GuardianField, validate: (text: string) => Validation, optional = true): string | null => {
    const text = cell(field) ?? '';
    if (!text && optional) return null;
    const result = validate(text);
    if (result.ok) return result.value;
    problems.push({ field, value: text, reason: result.reason });
    return null;
  };
  const relation = checked('relation', validRelation, false);
  const keep = options.keepUnreadableOptional === true;
  const read = (field: 'snils' | 'phone' | 'email', reading: (text: string) => CellReading): string | null => {
    const text = cell(field) ?? '';
    const result = reading(text);
    if (result.warning) warnings.push({ field, value: text, reason: result.warning });
    if (result.problem) problems.push({ field, value: text, reason: result.problem });
    return result.value;
  };
  const snils = read('snils', snilsCell);
  const phone = read('phone', (text) => optionalPhone(text, keep));
  const email = read('email', (text) => optionalEmail(text, keep));
  let student: StudentRef | undefined;
  if (options.studentInRow) {
    const ref = parseStudentRef(cell, warnings);
    if ('reason' in ref) problems.push(ref);
    else student = ref;
  }
  if (problems.length) return { student, problems, warnings };
  return {
    card: { last_name: normalizeName(name!.last), first_name: normalizeName(name!.first), middle_name: name!.middle ? normalizeName(name!.middle) : null, birth_date: null, sex: null, snils, phone, email },
    relation: relation!,
    student,
    problems,
    warnings,
  };
}
