/**
 * Who is who: the matching rules of CLI.md as pure functions. The callers load the candidates
 * from the store in bulk first (a few queries for a whole file) and hand them over here.
 */
import { t } from '../core/i18n.js';
import type { IsoDate } from './dates.js';
import { cardNameKey, nameKey, splitFullName, type FullName, type PersonCard, type PersonRow } from './person.js';
import { normalizeSnils } from './snils.js';

export interface PersonMatch {
  match?: PersonRow;
  /** Several people fit and nothing tells them apart. */
  ambiguous?: PersonRow[];
}

/** How the command line names a person: the store's id, a СНИЛС, or a full name (any of them that the text can be). */
export interface PersonRefText {
  text: string;
  id?: number;
  snils?: string;
  name?: FullName;
}

export function parsePersonRef(ref: string): PersonRefText {
  const text = ref.trim();
  const snils = normalizeSnils(text);
  const name = splitFullName(text);
  return { text, ...(/^\d{1,9}$/.test(text) ? { id: Number(text) } : {}), ...(snils ? { snils } : {}), ...(name ? { name } : {}) };
}

/** The one of several namesakes (in the group, when one is given), or all of them when that is not one. */
export function pickNamesake<T extends { group_id: number | null }>(namesakes: readonly T[], groupId?: number): { match?: T; ambiguous?: T[] } {
  const fits = groupId === undefined ? [...namesakes] : namesakes.filter((s) => s.group_id === groupId);
  if (fits.length === 1) return { match: fits[0] };
  return fits.length > 1 ? { ambiguous: fits } : {};
}

/** People already in the store, indexed for matching: by СНИЛС and by folded full name. */
export interface KnownPeople {
  bySnils: ReadonlyMap<string, PersonRow>;
  byName: ReadonlyMap<string, readonly PersonRow[]>;
}

/**
 * The matching rule of CLI.md: the same СНИЛС; else the same full name and birth date, among
 * people without a СНИЛС when the card has one (a different СНИЛС is a different person).
 * `sameName` are the people with the card's folded name, whatever their birth date.
 */
export function pickPerson(card: { snils: string | null; birth_date: IsoDate | null }, bySnils: PersonRow | undefined, sameName: readonly PersonRow[]): PersonMatch {
  if (bySnils) return { match: bySnils };
  const fits = sameName.filter((p) => (!p.birth_date || !card.birth_date || p.birth_date === card.birth_date) && (!card.snils || !p.snils));
  return fits.length > 1 ? { ambiguous: fits } : { match: fits[0] };
}

/** pickPerson against people loaded in bulk; `nameKey` is the card's folded name when the caller has it already. */
export function matchCard(card: PersonCard, people: KnownPeople, nameKey?: string): PersonMatch {
  const bySnils = card.snils ? people.bySnils.get(card.snils) : undefined;
  return pickPerson(card, bySnils, bySnils ? [] : (people.byName.get(nameKey ?? cardNameKey(card)) ?? []));
}

/**
 * The student a row of a list names (a list of parents): by СНИЛС, else by full name and birth
 * date (a person without a birth date on file fits any); else why not. `students` are the ids
 * of the people with a student role.
 */
export function resolveStudentRef(
  ref: { snils: string } | { name: FullName; birthDate: IsoDate },
  people: KnownPeople,
  students: ReadonlySet<number>,
): { id: number } | { reason: string } {
  if ('snils' in ref) {
    const person = people.bySnils.get(ref.snils);
    if (!person || !students.has(person.id)) return { reason: t('people_no_student_with_snils') };
    return { id: person.id };
  }
  const sameName = people.byName.get(nameKey(ref.name.last, ref.name.first, ref.name.middle)) ?? [];
  const found = sameName.filter((p) => (p.birth_date === ref.birthDate || p.birth_date === null) && students.has(p.id));
  if (found.length === 1) return { id: found[0].id };
  return { reason: found.length ? t('people_students_match', { count: found.length }) : t('people_no_such_student') };
}

/** The same guardian: the same СНИЛС when both have one, else the same full name and the same phone or email. */
export function sameGuardian(a: PersonCard, b: PersonCard): boolean {
  if (a.snils && b.snils) return a.snils === b.snils;
  const contact = (a.phone !== null && a.phone === b.phone) || (a.email !== null && a.email.toLowerCase() === b.email?.toLowerCase());
  return contact && cardNameKey(a) === cardNameKey(b);
}

/** What the store knows that guardian matching needs, loaded in bulk for a batch. */
export interface KnownGuardians extends KnownPeople {
  /** The guardians of each student of the batch, with the relation of each link. */
  guardiansOf: ReadonlyMap<number, readonly (PersonRow & { relation: string })[]>;
}

/**
 * The person already in the store who is this guardian: by СНИЛС; else a guardian of this
 * student with the same name (so a row without contacts re-imports as itself); else anyone
 * with the same name and phone or email.
 */
export function matchGuardian(card: PersonCard, studentId: number, known: KnownGuardians): PersonRow | undefined {
  const bySnils = card.snils ? known.bySnils.get(card.snils) : undefined;
  if (bySnils) return bySnils;
  const compatible = (p: PersonRow) => !card.snils || !p.snils;
  const key = cardNameKey(card);
  return (
    (known.guardiansOf.get(studentId) ?? []).find((g) => cardNameKey(g) === key && compatible(g)) ??
    (known.byName.get(key) ?? []).find((p) => sameGuardian(p, card))
  );
}

export interface GuardianInput {
  /** The row of the import file (1 for `guardian add`). */
  row: number;
  studentId: number;
  card: PersonCard;
  relation: string;
}

export type GuardianOutcome = 'created' | 'updated' | 'unchanged';

export interface GuardianPlan {
  input: GuardianInput;
  /** An existing person, or the index of a guardian this batch creates (two children of one new parent). */
  guardian: { id: number; card: PersonCard } | { fresh: number; card: PersonCard };
  /** Empty fields of the existing card that the input fills; never overwrites. */
  fill: Partial<PersonCard>;
  link: 'create' | 'relation' | 'none';
  previousRelation?: string;
  outcome: GuardianOutcome;
}

export type GuardianRefusal = { input: GuardianInput; reason: string };

const FILLABLE = ['snils', 'phone', 'email'] as const;

/**
 * Decide, without writing, what each input does: which guardian it is (in the store or
 * earlier in the batch), whether the link is new or its relation changes, which empty card
 * fields it fills. An input naming the student as their own guardian gets a reason instead.
 */
export function planGuardians(inputs: GuardianInput[], known: KnownGuardians): (GuardianPlan | GuardianRefusal)[] {
  const fresh: { card: PersonCard; students: Set<number> }[] = [];
  const filled = new Set<number>();
  const linked = new Set<string>();
  return inputs.map((input) => {
    const { card, studentId } = input;
    const existing = matchGuardian(card, studentId, known);
    if (existing?.id === studentId) return { input, reason: t('people_guardian_is_student_reason') };
    let freshIndex = existing ? -1 : fresh.findIndex((f) => (f.students.has(studentId) && cardNameKey(f.card) === cardNameKey(card)) || sameGuardian(f.card, card));
    if (freshIndex >= 0) {
      // A later row completes the card it will be created with, as it would fill a stored one.
      for (const f of FILLABLE) fresh[freshIndex].card[f] ??= card[f];
    } else if (!existing) freshIndex = fresh.push({ card: { ...card }, students: new Set() }) - 1;
    const pair = `${existing ? existing.id : `fresh${freshIndex}`}:${studentId}`;
    const link = existing ? (known.guardiansOf.get(studentId) ?? []).find((g) => g.id === existing.id) : undefined;
    const fill: Partial<PersonCard> = {};
    if (existing && !filled.has(existing.id)) {
      for (const f of FILLABLE) if (existing[f] === null && card[f] !== null) fill[f] = card[f];
      if (Object.keys(fill).length) filled.add(existing.id);
    }
    const kind: GuardianPlan['link'] = linked.has(pair) ? 'none' : !link ? 'create' : link.relation !== input.relation ? 'relation' : 'none';
    linked.add(pair);
    if (!existing) fresh[freshIndex].students.add(studentId);
    const outcome: GuardianOutcome = kind === 'create' ? 'created' : kind === 'relation' || Object.keys(fill).length ? 'updated' : 'unchanged';
    return {
      input,
      guardian: existing ? { id: existing.id, card: existing } : { fresh: freshIndex, card: fresh[freshIndex].card },
      fill,
      link: kind,
      previousRelation: link?.relation,
      outcome,
    };
  });
}
