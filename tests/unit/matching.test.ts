import { describe, expect, it } from 'vitest';
import { matchCard, matchGuardian, pickPerson, planGuardians, resolveStudentRef, sameGuardian, type GuardianInput, type KnownGuardians } from '../../src/domain/matching.js';
import { cardNameKey, type PersonCard, type PersonRow } from '../../src/domain/person.js';

const card = (over: Partial<PersonCard> = {}): PersonCard => ({
  last_name: 'Иванова',
  first_name: 'Мария',
  middle_name: 'Петровна',
  birth_date: null,
  sex: null,
  snils: null,
  phone: null,
  email: null,
  ...over,
});
const person = (id: number, over: Partial<PersonCard> = {}): PersonRow => ({ id, created_at: '2025-08-25T00:00:00Z', ...card(over) });

function index(people: PersonRow[]) {
  const bySnils = new Map(people.filter((p) => p.snils).map((p) => [p.snils!, p]));
  const byName = new Map<string, PersonRow[]>();
  for (const p of people) byName.set(cardNameKey(p), [...(byName.get(cardNameKey(p)) ?? []), p]);
  return { bySnils, byName };
}

describe('pickPerson / matchCard: the same СНИЛС, else the same name and birth date', () => {
  it('takes the person with the same СНИЛС whatever the name', () => {
    const p = person(1, { last_name: 'Другая', snils: '112-233-445 95' });
    expect(pickPerson({ snils: '112-233-445 95', birth_date: null }, p, [])).toEqual({ match: p });
  });

  it('matches by name and birth date; a missing birth date on either side fits', () => {
    const a = person(1, { birth_date: '2009-01-01' });
    const b = person(2, { birth_date: '2009-02-02' });
    expect(pickPerson({ snils: null, birth_date: '2009-01-01' }, undefined, [a, b])).toEqual({ match: a });
    expect(pickPerson({ snils: null, birth_date: null }, undefined, [a, b])).toEqual({ ambiguous: [a, b] });
    expect(pickPerson({ snils: null, birth_date: '2010-10-10' }, undefined, [a, b])).toEqual({ match: undefined });
  });

  it('a card with a СНИЛС never matches a namesake who has another СНИЛС', () => {
    const other = person(1, { snils: '123-456-789 64', birth_date: '2009-01-01' });
    expect(matchCard(card({ snils: '112-233-445 95', birth_date: '2009-01-01' }), index([other]))).toEqual({ match: undefined });
  });

  it('matchCard folds case and ё in names', () => {
    const p = person(7, { last_name: 'Семёнова', birth_date: '2009-01-01' });
    expect(matchCard(card({ last_name: 'СЕМЕНОВА', birth_date: '2009-01-01' }), index([p])).match).toBe(p);
  });
});

describe('resolveStudentRef', () => {
  const student = person(1, { last_name: 'Петрова', first_name: 'Анна', middle_name: 'Сергеевна', birth_date: '2009-05-02', snils: '112-233-445 95' });
  const parent = person(2, { last_name: 'Петрова', first_name: 'Анна', middle_name: 'Сергеевна', birth_date: null });
  const people = index([student, parent]);
  const students = new Set([1]);

  it('finds a student by СНИЛС, and refuses a person who is not a student', () => {
    expect(resolveStudentRef({ snils: '112-233-445 95' }, people, students)).toEqual({ id: 1 });
    expect(resolveStudentRef({ snils: '123-456-789 64' }, people, students)).toHaveProperty('reason');
  });

  it('by full name and birth date, only among students', () => {
    expect(resolveStudentRef({ name: { last: 'петрова', first: 'анна', middle: 'сергеевна' }, birthDate: '2009-05-02' }, people, students)).toEqual({ id: 1 });
    expect(resolveStudentRef({ name: { last: 'Петрова', first: 'Анна', middle: 'Сергеевна' }, birthDate: '2001-01-01' }, people, students)).toHaveProperty('reason');
    expect(resolveStudentRef({ name: { last: 'Петрова', first: 'Анна', middle: 'Сергеевна' }, birthDate: '2009-05-02' }, people, new Set([1, 2]))).toHaveProperty('reason');
  });
});

describe('guardians: matching and the plan of a batch', () => {
  it('sameGuardian: СНИЛС when both have one, else name and a phone or email', () => {
    expect(sameGuardian(card({ snils: '1' }), card({ snils: '1', last_name: 'Другая' }))).toBe(true);
    expect(sameGuardian(card({ snils: '1' }), card({ snils: '2' }))).toBe(false);
    expect(sameGuardian(card({ phone: '+7 912 000-11-22' }), card({ last_name: 'ИВАНОВА', phone: '+7 912 000-11-22' }))).toBe(true);
    expect(sameGuardian(card({ email: 'A@x.ru' }), card({ email: 'a@x.ru' }))).toBe(true);
    expect(sameGuardian(card(), card())).toBe(false);
  });

  const none: KnownGuardians = { bySnils: new Map(), byName: new Map(), guardiansOf: new Map() };
  const input = (row: number, studentId: number, over: Partial<PersonCard> = {}, relation = 'мать'): GuardianInput => ({ row, studentId, card: card(over), relation });

  it('one new parent of two children is created once, and a later row completes her card', () => {
    const plans = planGuardians([input(2, 10, { phone: '+7 912 000-11-22' }), input(3, 11, { phone: '+7 912 000-11-22', email: 'm@x.ru' })], none);
    expect(plans.map((p) => ('outcome' in p ? [p.outcome, p.link, 'fresh' in p.guardian ? p.guardian.fresh : p.guardian.id] : p.reason))).toEqual([
      ['created', 'create', 0],
      ['created', 'create', 0],
    ]);
    expect((plans[0] as { guardian: { card: PersonCard } }).guardian.card.email).toBe('m@x.ru');
  });

  it('a stored guardian of the student re-imports as unchanged; a new relation is an update; empty fields are filled', () => {
    const mother = { ...person(5), relation: 'мать' };
    const known: KnownGuardians = { ...index([mother]), guardiansOf: new Map([[10, [mother]]]) };
    expect(matchGuardian(card(), 10, known)).toBe(mother);
    const [same] = planGuardians([input(2, 10)], known);
    expect(same).toMatchObject({ outcome: 'unchanged', link: 'none' });
    const [relation] = planGuardians([input(2, 10, {}, 'опекун')], known);
    expect(relation).toMatchObject({ outcome: 'updated', link: 'relation', previousRelation: 'мать' });
    const [filled] = planGuardians([input(2, 10, { phone: '+7 912 000-11-22' })], known);
    expect(filled).toMatchObject({ outcome: 'updated', fill: { phone: '+7 912 000-11-22' } });
  });

  it('a student named as their own guardian is refused with a reason', () => {
    const self = person(10, { snils: '112-233-445 95' });
    const [plan] = planGuardians([input(2, 10, { snils: '112-233-445 95' })], { ...index([self]), guardiansOf: new Map() });
    expect(plan).toHaveProperty('reason');
  });
});
