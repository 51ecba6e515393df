/** Validation and normalisation of the fields of a person's card (student, staff, guardian). */
import { t } from '../core/i18n.js';
import { ACCEPTED_DATE_FORMS, ageOn, parseDate, type IsoDate } from './dates.js';
import { foldLatinLookalikes } from './homoglyphs.js';
import { normalizeSnils, type Validation } from './snils.js';
import { boundedText, TEXT_LIMITS } from './text.js';

export type Sex = 'М' | 'Ж';
export type PersonRole = 'student' | 'staff' | 'guardian';

export interface FullName {
  last: string;
  first: string;
  middle?: string;
}

/** What identifies a person when matching rows: see personKey. */
export interface PersonIdentity {
  last: string;
  first: string;
  middle?: string | null;
  birthDate?: string | null;
  snils?: string | null;
}

const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

/** Second words of Turkic patronymics («Рафик оглы»): written in lower case. */
const PATRONYMIC_PARTICLES = new Set(['оглы', 'улы', 'уулу', 'кызы', 'гызы', 'кизи']);

/** The usual case, already normal: one capitalised Cyrillic word (or hyphenated words). */
const PLAIN_NAME = /^[А-ЯЁ][а-яё]*(?:-[А-ЯЁ][а-яё]*)*$/;

const capitalize = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);

/**
 * Trims, collapses whitespace and capitalises each word typed all in upper or all in lower
 * case, hyphenated parts too («ПЕТРОВ-ВОДКИН» → «Петров-Водкин»). A word in mixed case is
 * kept as typed («ДиКаприо»). NFC first: names pasted from some systems carry й and ё as a
 * letter plus a combining mark, which would neither match nor pass validName.
 */
export function normalizeName(s: string): string {
  if (PLAIN_NAME.test(s)) return s;
  const words = s.normalize('NFC').trim().split(/\s+/);
  return words
    .map((word, i) => {
      const lower = word.toLowerCase();
      if (word !== lower && word !== word.toUpperCase()) return word;
      if (i > 0 && PATRONYMIC_PARTICLES.has(lower)) return lower;
      // An apostrophe after a single first letter starts a new part (O'Brien, Д'Артаньян);
      // inside a word it is a separation sign and the letter stays small (Мар'яна).
      return lower
        .split('-')
        .map((part) => capitalize(part).replace(/^(\p{L}['’])(\p{L})/u, (_, head: string, c: string) => head + c.toUpperCase()))
        .join('-');
    })
    .join(' ');
}

/**
 * Splits a single ФИО column: last, first and the rest as the patronymic. More than three
 * words only when the last is a patronymic particle («Мамедов Эльчин Рафик оглы»); any other
 * longer name is ambiguous and gives undefined, as does a single word.
 */
export function splitFullName(s: string): FullName | undefined {
  const [last, first, ...rest] = s.trim().split(/\s+/);
  if (!first) return undefined;
  if (rest.length > 1 && !PATRONYMIC_PARTICLES.has(rest[rest.length - 1].toLowerCase())) return undefined;
  return rest.length ? { last, first, middle: rest.join(' ') } : { last, first };
}

/** Anything but letters of any alphabet (with their combining marks), spaces, hyphens, apostrophes, dots (and digits, refused apart). */
const NOT_NAME_CHAR = /[^\p{L}\p{M}\p{N} .'’-]/u;
/** A sign at the start, or two signs in a row (a dot followed by a space is fine: «Д. Артаньян»). */
const MISPLACED = /^[ .'’-]|[-'’][ .'’-]|[ ][ .'’-]|\.[.'’-]|[-'’ ]$/u;
/** A word that is an initial or a run of initials: `Г.`, `Г.Р.`, `Г`. */
const INITIALS = /^(?:\p{L}\.){1,3}\p{L}?$|^\p{L}$/u;

/** A name part checked: the normalised value, and a note when Latin look-alikes were folded. */
export type NameCheck = { ok: true; value: string; note?: string } | { ok: false; reason: string };

/**
 * A name, last name or patronymic: letters of any alphabet with spaces, hyphens, apostrophes
 * and dots between them, at most TEXT_LIMITS.name characters, no control characters; the
 * value is normalised. Latin letters that look like Cyrillic ones inside a Cyrillic word (the
 * wrong keyboard layout: «Сидoренко») are folded to Cyrillic, with a note. Refused with the
 * reason: anything else (`=`, `+`, `@`, quotes, brackets, digits: `=HYPERLINK(...)` never
 * becomes a login), initials (`Г.Р.`), a word mixing Cyrillic and Latin letters that do not
 * look alike.
 */
export function validName(s: string): NameCheck {
  if (PLAIN_NAME.test(s) && s.length <= TEXT_LIMITS.name) return { ok: true, value: s };
  const bounded = boundedText(s, TEXT_LIMITS.name);
  if (!bounded.ok) return bounded;
  const folded = foldLatinLookalikes(bounded.value);
  const value = normalizeName(folded.text);
  if (!value) return fail(t('people_empty'));
  if (NOT_NAME_CHAR.test(value)) return fail(t('people_name_not_letters'));
  if (/\p{N}/u.test(value)) return fail(t('people_name_digits'));
  if (MISPLACED.test(value)) return fail(t('people_name_misplaced_sign'));
  if (value.split(' ').some((w) => INITIALS.test(w))) return fail(t('name_initials'));
  // Cyrillic and Latin letters left after folding: matching would never find the name.
  if (/\p{Script=Cyrillic}/u.test(value) && /\p{Script=Latin}/u.test(value)) {
    return fail(t('people_name_mixed_scripts'));
  }
  return folded.folded ? { ok: true, value, note: t('latin_letters_folded', { value: s, folded: value }) } : { ok: true, value };
}

const SEX = new Map<string, Sex>([
  ...['м', 'муж', 'мужской', 'm', 'male'].map((k) => [k, 'М'] as const),
  ...['ж', 'жен', 'женский', 'f', 'female'].map((k) => [k, 'Ж'] as const),
]);

/** М/Ж from the usual spellings, Russian or English («муж.», «F», «female»), else undefined. */
export function parseSex(s: string): Sex | undefined {
  return s === 'М' || s === 'Ж' ? s : SEX.get(s.trim().toLowerCase().replace(/\.$/, ''));
}

/** Plausible ages on the day of checking, per role. */
export const AGE_LIMITS: Record<PersonRole, { minAge: number; maxAge: number }> = {
  student: { minAge: 10, maxAge: 80 },
  staff: { minAge: 16, maxAge: 100 },
  guardian: { minAge: 14, maxAge: 110 },
};

export interface BirthDateRules {
  today: IsoDate;
  /** Defaults: a student's limits. */
  minAge?: number;
  maxAge?: number;
}

/** Why a cell is not a date, naming the forms a date may be written in: "not a date; accepted: 14.03.2009, ...". */
export function notADate(): string {
  return `${t('people_not_a_date')}; ${t('date_accepted_forms', { forms: ACCEPTED_DATE_FORMS.join(', ') })}`;
}

export function validateBirthDate(
  text: string,
  { today, minAge = AGE_LIMITS.student.minAge, maxAge = AGE_LIMITS.student.maxAge }: BirthDateRules,
): Validation<IsoDate> {
  const date = parseDate(text);
  if (!date) return fail(notADate());
  if (date > today) return fail(t('people_date_in_future'));
  const age = ageOn(date, today);
  if (age < minAge || age > maxAge) return fail(t('people_implausible_age', { age }));
  return { ok: true, value: date };
}

/** A Russian number as `+7 912 345-67-89`, from 8…, 7…, +7… or a bare mobile 9…; else undefined. */
export function normalizePhone(s: string): string | undefined {
  const compact = s.replace(/[\s()-]/g, '');
  const m = /^(?:\+7|7|8)(\d{10})$/.exec(compact) ?? /^(9\d{9})$/.exec(compact);
  if (!m) return undefined;
  const n = m[1];
  return `+7 ${n.slice(0, 3)} ${n.slice(3, 6)}-${n.slice(6, 8)}-${n.slice(8)}`;
}

export function validatePhone(s: string): Validation {
  const value = normalizePhone(s);
  return value ? { ok: true, value } : fail(t('people_not_a_phone'));
}

/** One @, no spaces, a domain of dot-separated non-empty labels (at least two). */
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

export function validateEmail(s: string): Validation {
  const value = s.trim();
  return EMAIL.test(value) ? { ok: true, value } : fail(t('people_not_an_email'));
}

/** A СНИЛС as stored, `112-233-445 95`: nothing to normalise. */
export const CANONICAL_SNILS = /^\d{3}-\d{3}-\d{3} \d{2}$/;

/**
 * The key that finds the same person twice (CLI.md): the СНИЛС when there is one, else the
 * full name (case-insensitive, ё as е, whitespace collapsed) and birth date.
 */
export function personKey(p: PersonIdentity): string {
  const snils = p.snils ? (CANONICAL_SNILS.test(p.snils) ? p.snils : normalizeSnils(p.snils)) : undefined;
  if (snils) return `snils:${snils}`;
  const name = [p.last, p.first, p.middle ?? '']
    .join(' ')
    .normalize('NFC')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase()
    .replace(/ё/g, 'е');
  const birth = p.birthDate ? (parseDate(p.birthDate) ?? p.birthDate.trim()) : '';
  return `name:${name}|${birth}`;
}

/**
 * People once, roles beside them: students, staff and guardians share this card, so one
 * matching rule and one login rule serve all of them.
 */
export interface PersonCard {
  last_name: string;
  first_name: string;
  middle_name: string | null;
  birth_date: IsoDate | null;
  sex: Sex | null;
  snils: string | null;
  phone: string | null;
  email: string | null;
}

/** A person as stored. */
export interface PersonRow extends PersonCard {
  id: number;
  created_at: string;
}

export const CARD_FIELDS: (keyof PersonCard)[] = ['last_name', 'first_name', 'middle_name', 'birth_date', 'sex', 'snils', 'phone', 'email'];

/**
 * The folded full name people are matched on (stored as `person.name_key`): lower case, ё as
 * е, single spaces, trimmed. Folded part by part (the same as folding the joined name: no
 * rule looks across a space), each part's fold remembered, since an import asks for the key
 * of every row three times and lists repeat the same names and patronymics.
 */
export function nameKey(last: string, first: string, middle?: string | null): string {
  const a = partKey(last);
  const b = partKey(first);
  const c = middle ? partKey(middle) : '';
  return a && b && c ? `${a} ${b} ${c}` : [a, b, c].filter(Boolean).join(' ');
}

const partKeys = new Map<string, string>();
const PART_KEYS_LIMIT = 50_000;

function partKey(part: string): string {
  let key = partKeys.get(part);
  if (key === undefined) {
    key = part.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
    if (partKeys.size >= PART_KEYS_LIMIT) partKeys.clear();
    partKeys.set(part, key);
  }
  return key;
}

/** The folded name of a card. */
export function cardNameKey(c: { last_name: string; first_name: string; middle_name?: string | null }): string {
  return nameKey(c.last_name, c.first_name, c.middle_name);
}

export function fullName(p: { last_name: string; first_name: string; middle_name?: string | null }): string {
  return [p.last_name, p.first_name, p.middle_name].filter(Boolean).join(' ');
}

/** The fields of `next` that differ from `current` (undefined in `next` means "not given"). */
export function cardChanges(current: PersonCard, next: Partial<PersonCard>): Partial<PersonCard> {
  const changes: Partial<PersonCard> = {};
  for (const field of CARD_FIELDS) {
    const value = next[field];
    if (value !== undefined && value !== current[field]) (changes as Record<string, unknown>)[field] = value;
  }
  return changes;
}

/** The values `card` had in the fields `changes` names: the "before" of an audit record. */
export function pickFields(card: PersonCard, changes: Partial<PersonCard>): Partial<PersonCard> {
  return Object.fromEntries(Object.keys(changes).map((k) => [k, card[k as keyof PersonCard]])) as Partial<PersonCard>;
}

const CAMEL: Record<keyof PersonCard, string> = {
  last_name: 'lastName',
  first_name: 'firstName',
  middle_name: 'middleName',
  birth_date: 'birthDate',
  sex: 'sex',
  snils: 'snils',
  phone: 'phone',
  email: 'email',
};

/** A card field as JSON output names it (camelCase): `last_name` → `lastName`. */
export function cardFieldJson(field: keyof PersonCard): string {
  return CAMEL[field];
}

/** Part of a card with its keys as JSON output names them. */
export function cardJson(card: Partial<PersonCard>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(card).map(([k, v]) => [CAMEL[k as keyof PersonCard] ?? k, v]));
}
