/**
 * Write use cases of a student's card: `student add` (a card and its enrolment order in one
 * step) and `student update` (card fields only; group and status change through orders).
 */
import { InputError, RuleError } from '../core/errors.js';
import type { IsoDate } from '../domain/dates.js';
import { matchCard, parsePersonRef, pickNamesake } from '../domain/matching.js';
import { statusName } from '../domain/orders.js';
import { cardChanges, fullName, nameKey, pickFields, type PersonCard, type PersonRow } from '../domain/person.js';
import { parseStudentRow, type StudentCard, type StudentField } from '../domain/studentRow.js';
import { findGroup } from '../store/groups.js';
import { applyMovement, ensureOrder } from '../store/orders.js';
import { findPersonBySnils, insertPerson, loadPeople, updatePerson } from '../store/people.js';
import { findStudentBySnils, findStudentsByName, getStudent, type StudentView } from '../store/students.js';
import type { Store } from '../store/store.js';

/**
 * A student named as on the command line: the store's id, a СНИЛС, or a full name that is
 * unique (in the group when one is given). Exit 3 when there is none or several.
 */
export function findStudent(store: Store, ref: string, options: { groupId?: number; on: IsoDate }): StudentView {
  const r = parsePersonRef(ref);
  const found = (r.id !== undefined ? getStudent(store, r.id, options.on) : undefined) ?? (r.snils ? findStudentBySnils(store, r.snils, options.on) : undefined);
  if (found) return found;
  if (r.name) {
    const { match, ambiguous } = pickNamesake(findStudentsByName(store, r.name, options.on), options.groupId);
    if (match) return match;
    if (ambiguous) throw new InputError('student_ambiguous', { ref: r.text, count: ambiguous.length, ids: ambiguous.map((s) => `${s.id} (${s.group_name ?? '—'})`).join(', ') });
  }
  throw new InputError('student_not_found', { ref: r.text });
}

/** A card value that was accepted as typed, with the reason it looks odd. */
export interface CardWarning {
  /** How the caller names the field (a flag such as `--last`). */
  option: string;
  value: string;
  reason: string;
}

export interface CardInput {
  /** The text of each card field as given; undefined when not given. */
  value: (field: StudentField) => string | undefined;
  /** How the caller names a field in problems and warnings (e.g. its flag). */
  label: (field: StudentField) => string;
}

/**
 * Validate a card exactly as `student import` validates a row: problems name the fields as
 * the caller labels them (exit 3, `invalid_student`), odd-looking values come back as warnings.
 */
function parseCard(input: CardInput, today: IsoDate): { card: StudentCard; group?: string; order?: { number: string; date: IsoDate }; warnings: CardWarning[] } {
  const parsed = parseStudentRow(input.value, {}, today);
  const shown = (p: { field: StudentField; value: string; reason: string }) => ({ option: input.label(p.field), value: p.value, reason: p.reason });
  if (!parsed.card) throw new InputError('invalid_student', undefined, parsed.problems.map(shown));
  return { card: parsed.card, group: parsed.group, order: parsed.order, warnings: parsed.warnings.map(shown) };
}

export interface AddStudentOptions extends CardInput {
  /** The group's year (default: the current one). */
  year?: string;
}

export interface AddStudentResult {
  student: StudentView;
  group: string;
  order: { number: string; date: IsoDate };
  warnings: CardWarning[];
}

/** The same person as the card, loaded in two queries and matched by the domain's rule. */
function matchPerson(store: Store, card: StudentCard): PersonRow | undefined {
  const people = loadPeople(store, { snils: card.snils ? [card.snils] : [], nameKeys: [nameKey(card.last_name, card.first_name, card.middle_name)] });
  const { match, ambiguous } = matchCard(card, people);
  if (ambiguous) throw new InputError('person_ambiguous', { name: fullName(card), count: ambiguous.length, ids: ambiguous.map((p) => p.id).join(', ') });
  return match;
}

const given = (card: Partial<PersonCard>): Partial<PersonCard> => Object.fromEntries(Object.entries(card).filter(([, v]) => v !== null));

/** `student add`: a new student (or a person on file: a guardian, a staff member) enrolled by an order. */
export function addStudent(store: Store, options: AddStudentOptions): AddStudentResult {
  const today = store.today;
  const { card, group: groupName, order: orderRef, warnings } = parseCard(options, today);
  const group = findGroup(store, groupName!, options.year, today);
  const match = matchPerson(store, card);
  const already = match && getStudent(store, match.id, today);
  if (already) {
    throw new RuleError('already_student', { name: fullName(already), id: already.id, status: statusName(already.status), group: already.group_name ?? '—' }, { id: already.id });
  }
  const id = store.mutate(() => {
    const order = ensureOrder(store, 'enroll', orderRef!);
    const changes = match ? cardChanges(match, given(card)) : {};
    const id = match?.id ?? insertPerson(store, card);
    updatePerson(store, id, changes);
    applyMovement(store, { studentId: id, order, toGroupId: group.id }, { audit: false });
    store.audit({
      entity: 'student',
      entityId: id,
      action: 'add',
      before: match ? { person: match.id, ...pickFields(match, changes) } : undefined,
      after: { ...card, group: group.name, order: { number: order.number, date: order.date } },
    });
    return id;
  });
  return { student: getStudent(store, id, today)!, group: group.name, order: orderRef!, warnings };
}

/** The card fields `student update` can change, read from a student. */
export const CARD_TEXT: Partial<Record<StudentField, (s: StudentView) => string | null>> = {
  last_name: (s) => s.last_name,
  first_name: (s) => s.first_name,
  middle_name: (s) => s.middle_name,
  birth_date: (s) => s.birth_date,
  sex: (s) => s.sex,
  snils: (s) => s.snils,
  phone: (s) => s.phone,
  email: (s) => s.email,
};

export interface UpdateStudentOptions extends CardInput {
  /** The student: id, СНИЛС or full name. */
  student: string;
  /** The fields given ("" clears an optional one). */
  fields: StudentField[];
}

export interface UpdateStudentResult {
  student: StudentView;
  changed: (keyof PersonCard)[];
  warnings: CardWarning[];
}

/** `student update`: change card fields, audited with before and after; no change writes nothing. */
export function updateStudent(store: Store, options: UpdateStudentOptions): UpdateStudentResult {
  const today = store.today;
  const s = findStudent(store, options.student, { on: today });
  // The whole card goes through the import's validation: given fields over the current values.
  // The group is not a card field; the current one only satisfies the row rule.
  const { card, warnings } = parseCard(
    {
      label: options.label,
      value: (field) => {
        if (field === 'group') return s.group_name ?? '—';
        const text = CARD_TEXT[field];
        return text && (options.fields.includes(field) ? options.value(field) : (text(s) ?? ''));
      },
    },
    today,
  );
  const changes = cardChanges(s, card);
  if (changes.snils) {
    const holder = findPersonBySnils(store, changes.snils);
    if (holder) throw new InputError('snils_taken', { snils: changes.snils, name: fullName(holder), id: holder.id }, { id: holder.id });
  }
  if (Object.keys(changes).length) {
    store.mutate(() => {
      updatePerson(store, s.id, changes);
      store.audit({ entity: 'student', entityId: s.id, action: 'update', before: pickFields(s, changes), after: changes });
    });
  }
  return { student: getStudent(store, s.id, today)!, changed: Object.keys(changes) as (keyof PersonCard)[], warnings };
}
