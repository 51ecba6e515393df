import { describe, expect, it } from 'vitest';
import { matchRow, ordersOf, planRow, type Candidate, type StudentState } from '../../src/domain/enrolment.js';
import { cardNameKey, type PersonRow } from '../../src/domain/person.js';
import type { StudentCard } from '../../src/domain/studentRow.js';

const card = (over: Partial<StudentCard> = {}): StudentCard => ({
  last_name: 'Иванов',
  first_name: 'Иван',
  middle_name: 'Петрович',
  birth_date: '2009-03-14',
  sex: 'М',
  snils: null,
  phone: null,
  email: null,
  ...over,
});
const ORDER = { number: '12-к', date: '2025-08-25' };
const candidate = (over: Partial<Candidate> = {}): Candidate => ({ row: 2, card: card(), group: { id: 1, name: 'ИС-25' }, order: ORDER, ...over });
const stored = (id: number, over: Partial<StudentCard> = {}): PersonRow => ({ id, created_at: '', ...card(over) });
const people = (list: PersonRow[]) => ({ bySnils: new Map(list.filter((p) => p.snils).map((p) => [p.snils!, p])), byName: new Map(list.map((p) => [cardNameKey(p), [p]])) });
const groupName = (id: number) => ({ 1: 'ИС-25', 2: 'ИС-25Б' })[id];

describe('planRow: what a row of an enrolment list does', () => {
  it('a new person is created and enrolled by the order', () => {
    expect(planRow(candidate(), { match: undefined }, new Map(), groupName)).toMatchObject({ kind: 'create', groupId: 1, order: ORDER });
  });

  it('a new student without an order is refused on the order column', () => {
    expect(planRow(candidate({ order: undefined }), { match: undefined }, new Map(), groupName)).toMatchObject({ field: 'order_no' });
  });

  it('a person on file who is not a student (a parent) is enrolled as that person', () => {
    expect(planRow(candidate(), { match: stored(9) }, new Map(), groupName)).toMatchObject({ kind: 'create', personId: 9 });
  });

  it('an active student of the same group: unchanged, or the changed fields with their old values', () => {
    const states = new Map<number, StudentState>([[1, { status: 'active', groupId: 1, enrollOrder: ORDER, enrolledInto: 'ИС-25' }]]);
    expect(planRow(candidate(), { match: stored(1) }, states, groupName)).toEqual({ kind: 'unchanged', row: 2 });
    const update = planRow(candidate({ card: card({ phone: '+7 912 345-67-89' }) }), { match: stored(1) }, states, groupName);
    expect(update).toEqual({ kind: 'update', row: 2, personId: 1, changes: { phone: '+7 912 345-67-89' }, before: { phone: null } });
  });

  it('active in another group is a transfer; expelled is a restore (unless the row is that enrolment)', () => {
    const other = new Map<number, StudentState>([[1, { status: 'active', groupId: 2, enrollOrder: { number: '1-к', date: '2025-08-01' }, enrolledInto: 'ИС-25Б' }]]);
    expect(planRow(candidate(), { match: stored(1) }, other, groupName)).toMatchObject({ field: 'group', reason: expect.stringContaining('ИС-25Б') });
    const expelled = new Map<number, StudentState>([[1, { status: 'expelled', groupId: null, enrollOrder: { number: '1-к', date: '2025-08-01' }, enrolledInto: 'ИС-25' }]]);
    expect(planRow(candidate(), { match: stored(1) }, expelled, groupName)).toMatchObject({ field: 'last_name' });
    const sameEnrolment = new Map<number, StudentState>([[1, { status: 'expelled', groupId: null, enrollOrder: ORDER, enrolledInto: 'ИС-25' }]]);
    expect(planRow(candidate(), { match: stored(1) }, sameEnrolment, groupName)).toEqual({ kind: 'unchanged', row: 2 });
    // That enrolment put the student in another group: the row is not that enrolment, whatever happened since
    // (a group of the same name, the successor a rollover made, is that group).
    const enrolledElsewhere = new Map<number, StudentState>([[1, { status: 'active', groupId: 1, enrollOrder: ORDER, enrolledInto: 'ИС-25Б' }]]);
    expect(planRow(candidate(), { match: stored(1) }, enrolledElsewhere, groupName)).toEqual({
      field: 'group',
      value: 'ИС-25',
      reason: 'this order enrolled the student into ИС-25Б, not this group: the group may differ only by a transfer order',
    });
  });
});

describe('matchRow and ordersOf', () => {
  it('two namesakes without a birth date to tell them apart are refused', () => {
    const a = stored(1, { birth_date: null as unknown as string });
    const b = stored(2, { birth_date: null as unknown as string });
    expect(matchRow(card(), { bySnils: new Map(), byName: new Map([[cardNameKey(a), [a, b]]]) })).toMatchObject({ field: 'last_name' });
    expect(matchRow(card(), people([stored(3)]))).toMatchObject({ match: { id: 3 } });
  });

  it('a СНИЛС on file for someone with another name and another birth date is refused; one of the two may change', () => {
    const snils = '12345678964';
    const onFile = people([stored(5, { snils, last_name: 'Орлов', first_name: 'Иван', middle_name: 'Иванович', birth_date: '2009-02-01' })]);
    expect(matchRow(card({ snils, last_name: 'Орлова', first_name: 'Мария', middle_name: 'Ивановна', birth_date: '2008-03-03', sex: 'Ж' }), onFile)).toEqual({
      field: 'snils',
      value: snils,
      reason: 'this СНИЛС is on file for Орлов Иван Иванович, born 01.02.2009: another name and birth date, so another person; check the СНИЛС',
    });
    // A married name, or a corrected birth date: the same person, an update.
    expect(matchRow(card({ snils, last_name: 'Петрова', first_name: 'Иван', middle_name: 'Иванович', birth_date: '2009-02-01' }), onFile)).toMatchObject({ match: { id: 5 } });
    expect(matchRow(card({ snils, last_name: 'Орлов', first_name: 'Иван', middle_name: 'Иванович', birth_date: '2009-02-11' }), onFile)).toMatchObject({ match: { id: 5 } });
  });

  it('counts the students of each order; `order` only when there is one', () => {
    const other = { number: '13-к', date: '2025-08-26' };
    const create = (row: number, order = ORDER) => ({ kind: 'create' as const, row, card: card(), groupId: 1, order });
    expect(ordersOf([create(2), create(3), { kind: 'unchanged', row: 4 }])).toEqual({ order: ORDER, orders: [{ ...ORDER, students: 2 }] });
    expect(ordersOf([create(2), create(3, other)]).order).toBeNull();
  });
});
