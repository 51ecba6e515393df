import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assertNamedGroupsContinue,
  currentOutcome,
  debtsOf,
  givenNames,
  nextYearName,
  oneYearOn,
  openDebts,
  planRollover,
  renameGroup,
  renameIsAmbiguous,
  withPlainStudents,
  yearOneYearOn,
  type GradeFact,
  type GroupFact,
  type RolloverFacts,
  type StudentFact,
} from '../../src/domain/rollover.js';

const grade = (g: Partial<GradeFact>): GradeFact => ({ studentId: 1, subjectId: 10, subject: 'ОУД.04', subjectName: 'Математика', kind: 'period', period: 'S1', value: '4', ...g });

describe('renameGroup', () => {
  it('raises the number that equals the course, and only that one', () => {
    expect(renameGroup('9А', 9, 'increment')).toBe('10А');
    expect(renameGroup('ИС-25', 1, 'increment')).toBe('ИС-25');
    expect(renameGroup('ИС-1-25', 1, 'increment')).toBe('ИС-2-25');
    expect(renameGroup('1-1', 1, 'increment')).toBe('2-1');
    expect(renameGroup('9А', 9, 'keep')).toBe('9А');
  });
  it('keep never changes a name; increment changes it only when a number equals the course', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 11 }), (name, course) => {
        expect(renameGroup(name, course, 'keep')).toBe(name);
        const renamed = renameGroup(name, course, 'increment');
        const hasCourse = (name.match(/\d+/g) ?? []).some((d) => Number(d) === course);
        expect(renamed !== name).toBe(hasCourse);
      }),
    );
  });
});

describe('debts', () => {
  it('a final mark decides; without one, a period mark of 2, незач or н/а is a debt', () => {
    const debts = debtsOf([
      grade({ studentId: 1, value: '2' }),
      grade({ studentId: 1, kind: 'final', period: null, value: '3' }),
      grade({ studentId: 2, subjectId: 11, subject: 'ОП.01', value: 'незач', period: 'S2' }),
      grade({ studentId: 3, kind: 'final', period: null, value: 'н/а' }),
      grade({ studentId: 4, value: '5' }),
    ]);
    expect([...debts.keys()].sort()).toEqual([2, 3]);
    expect(debts.get(2)).toEqual([{ subjectId: 11, subject: 'ОП.01', subjectName: 'Математика', value: 'незач', period: 'S2' }]);
    expect(debts.get(3)![0]).toMatchObject({ value: 'н/а', period: null });
  });
  it('a positive later mark closes a debt, and a conditional promotion with none left is a promotion', () => {
    const [d] = debtsOf([grade({ value: '2' })]).get(1)!;
    expect(openDebts([d], [{ subjectId: 10, value: '2' }])).toEqual([d]);
    expect(openDebts([d], [{ subjectId: 10, value: '3' }])).toEqual([]);
    expect(currentOutcome('conditional', [])).toBe('promoted');
    expect(currentOutcome('conditional', [d])).toBe('conditional');
    expect(currentOutcome('held', [])).toBe('held');
  });
});

describe('the next year', () => {
  it('is one year on, periods contiguous even across 29 February', () => {
    expect(nextYearName('2025/2026')).toBe('2026/2027');
    expect(oneYearOn('2028-02-29')).toBe('2029-02-28');
    const next = yearOneYearOn({ start: '2027-09-01', end: '2028-06-30' }, [
      { code: 'S1', name: '1 семестр', start: '2027-09-01', end: '2028-02-28' },
      { code: 'S2', name: '2 семестр', start: '2028-02-29', end: '2028-06-30' },
    ]);
    expect(next.periods).toEqual([
      { code: 'S1', name: '1 семестр', start: '2028-09-01', end: '2029-02-28' },
      { code: 'S2', name: '2 семестр', start: '2029-03-01', end: '2029-06-30' },
    ]);
  });
});

const group = (g: Partial<GroupFact>): GroupFact => ({ id: 1, name: 'ИС-25', programId: 7, program: '09.02.07', durationMonths: 46, course: 1, curatorId: null, plainStudents: 0, ...g });
const student = (s: Partial<StudentFact>): StudentFact => ({ id: 1, name: 'А', status: 'active', groupId: 1, membershipId: 1, fromDate: '2025-08-25', ...s });
const facts = (f: Partial<RolloverFacts>): RolloverFacts => ({ yearEnd: '2026-06-30', groups: [], students: [], debts: new Map(), takenNames: [], plannedCourses: new Set(['7:2', '7:3', '7:4']), ...f });

describe('planRollover', () => {
  it('continues, graduates, promotes conditionally or holds, and lists every problem', () => {
    const plan = planRollover(
      facts({
        groups: [group({}), group({ id: 2, name: 'ИС-22', course: 4 }), group({ id: 3, name: 'ИС-21', course: 5 })],
        students: [
          student({}),
          student({ id: 2, membershipId: 2, name: 'Б' }),
          student({ id: 3, groupId: 2, membershipId: 3, name: 'В' }),
          student({ id: 4, groupId: 2, membershipId: 4, name: 'Г' }),
          student({ id: 5, groupId: 3, membershipId: 5, name: 'Д' }),
          student({ id: 6, groupId: null, membershipId: null, name: 'Е' }),
          student({ id: 7, status: 'leave', membershipId: null, name: 'Ж' }),
          student({ id: 8, membershipId: 8, name: 'З', fromDate: '2026-08-20' }),
        ],
        debts: new Map([[2, [{ subjectId: 1, subject: 'ОУД.04', subjectName: 'Математика', value: '2', period: 'S1' }]], [4, [{ subjectId: 1, subject: 'ОП.11', subjectName: 'Сети', value: 'н/а', period: null }]]]),
      }),
      { debtors: 'conditional', rename: 'keep' },
    );
    const outcome = Object.fromEntries(plan.students.map((s) => [s.id, s.outcome ?? s.problem]));
    expect(outcome).toEqual({ 1: 'promoted', 2: 'conditional', 3: 'graduated', 4: 'held', 5: 'beyond_last_course', 6: 'no_group', 7: 'not_active', 8: 'enrolled_after_year_end' });
    expect(plan.groups.map((g) => [g.name, g.action, g.problem])).toEqual([
      ['ИС-21', 'none', 'beyond_last_course'],
      ['ИС-22', 'graduate', null],
      ['ИС-25', 'continue', null],
    ]);
    expect(plan.problems.map((p) => p.problem)).toEqual(['beyond_last_course', 'no_group', 'not_active', 'enrolled_after_year_end']);
  });

  it('--name gives a group its next name over --rename: an ambiguous or taken name is placed; a clash is still a clash', () => {
    const conditional = { debtors: 'conditional', rename: 'increment' } as const;
    const names = (pairs: [string, string][]) => givenNames(pairs.map(([from, to]) => ({ from, to })), [{ name: '1-1' }, { name: '1А' }, { name: 'ИС-25' }], '2025/2026');
    const ambiguous = facts({ groups: [group({ name: '1-1' })], students: [student({})] });
    expect(planRollover(ambiguous, { ...conditional, names: names([['1-1', '2-1']]) }).groups[0]).toMatchObject({ toName: '2-1', toCourse: 2, problem: null });
    // Found as any group name is found (case, ё, spaces); the new name stored as typed, spaces collapsed.
    const taken = facts({ groups: [group({})], students: [student({})], takenNames: ['ИС-25'] });
    expect(planRollover(taken, { debtors: 'conditional', rename: 'keep', names: names([['ис-25', ' ИС-25   Б ']]) }).groups[0]).toMatchObject({ toName: 'ИС-25 Б', problem: null });
    expect(planRollover(taken, { debtors: 'conditional', rename: 'keep', names: names([['ИС-25', 'ис-25']]) }).groups[0]).toMatchObject({ toName: null, problem: 'name_taken' });
    const two = facts({ groups: [group({ name: '1А' }), group({ id: 2, name: '1-1' })], students: [student({}), student({ id: 2, groupId: 2, membershipId: 2 })] });
    expect(planRollover(two, { ...conditional, names: names([['1-1', '2А']]) }).groups.map((g) => [g.name, g.toName, g.problem])).toEqual([['1-1', '2А', null], ['1А', null, 'name_clash']]);
    // What --name cannot be: a group the year does not have, one named twice, an empty or an overlong name.
    expect(() => names([['9Б', '10Б']])).toThrow(expect.objectContaining({ code: 'rollover_name_unknown', exitCode: 3 }));
    expect(() => names([['1А', '2А'], ['1а', '2Б']])).toThrow(expect.objectContaining({ code: 'rollover_name_twice' }));
    expect(() => names([['1А', '  ']])).toThrow(expect.objectContaining({ code: 'bad_group_name' }));
    expect(() => names([['1А', 'Я'.repeat(31)]])).toThrow(expect.objectContaining({ code: 'group_name_too_long' }));
    // Nor a group that does not go on: it graduates, or nobody in it moves.
    const graduating = facts({ groups: [group({ name: '1А', course: 4 })], students: [student({})] });
    const given = names([['1А', '5А']]);
    expect(() => assertNamedGroupsContinue(planRollover(graduating, { ...conditional, names: given }), given)).toThrow(expect.objectContaining({ code: 'rollover_name_not_continuing' }));
    expect(() => assertNamedGroupsContinue(planRollover(ambiguous, { ...conditional, names: names([['1-1', '2-1']]) }), names([['1-1', '2-1']]))).not.toThrow();
  });

  it('a taken name or a missing curriculum stops the group and its students; hold keeps debtors', () => {
    const debts = new Map([[1, [{ subjectId: 1, subject: 'ОУД.04', subjectName: 'Математика', value: '2' as const, period: 'S1' }]]]);
    const taken = planRollover(facts({ groups: [group({})], students: [student({})], takenNames: ['ис-25'] }), { debtors: 'conditional', rename: 'keep' });
    expect(taken.groups[0].problem).toBe('name_taken');
    expect(taken.students[0]).toMatchObject({ outcome: null, problem: 'group_not_placed' });
    const renamed = planRollover(facts({ groups: [group({ name: '1А' })], students: [student({})], takenNames: ['1А'] }), { debtors: 'conditional', rename: 'increment' });
    expect(renamed.groups[0]).toMatchObject({ toName: '2А', toCourse: 2, problem: null });
    const noPlan = planRollover(facts({ groups: [group({})], students: [student({})], plannedCourses: new Set() }), { debtors: 'conditional', rename: 'keep' });
    expect(noPlan.groups[0].problem).toBe('no_curriculum');
    // Two of this year's groups heading for one name: a clash of the plan, not a name the next year has.
    const clash = planRollover(
      facts({ groups: [group({ name: '1А' }), group({ id: 2, name: '2А' })], students: [student({}), student({ id: 2, groupId: 2, membershipId: 2 })] }),
      { debtors: 'conditional', rename: 'increment' },
    );
    expect(clash.groups.map((g) => [g.name, g.toName, g.problem])).toEqual([['1А', '2А', null], ['2А', null, 'name_clash']]);
    expect(clash.problems).toEqual([{ group: '2А', problem: 'name_clash', toName: '2А', renameHelps: false }]);
    // A name with two numbers equal to the course: increment would have to guess which one.
    expect([renameIsAmbiguous('2-2', 2), renameIsAmbiguous('1-ИС-1', 1), renameIsAmbiguous('2-2', 3), renameIsAmbiguous('9А', 9), renameIsAmbiguous('ИС-22', 2)]).toEqual([true, true, false, false, false]);
    const twoTwos = [group({ name: '1-1' })];
    const guessed = planRollover(facts({ groups: twoTwos, students: [student({})] }), { debtors: 'conditional', rename: 'increment' });
    expect(guessed.groups[0]).toMatchObject({ toName: null, problem: 'name_ambiguous' });
    expect(guessed.students[0]).toMatchObject({ outcome: null, problem: 'group_not_placed' });
    expect(guessed.problems).toEqual([{ group: '1-1', problem: 'name_ambiguous', toName: '2-1', renameHelps: false }]);
    expect(planRollover(facts({ groups: twoTwos, students: [student({})] }), { debtors: 'conditional', rename: 'keep' }).groups[0]).toMatchObject({ toName: '1-1', problem: null });
    const hold = planRollover(facts({ groups: [group({})], students: [student({})], debts }), { debtors: 'hold', rename: 'keep' });
    expect(hold.students[0]).toMatchObject({ outcome: 'held', toGroup: null });
  });

  it('every student gets exactly one of an outcome or a problem, and the group counts add up', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ course: fc.integer({ min: 1, max: 5 }), students: fc.integer({ min: 0, max: 4 }), debtors: fc.integer({ min: 0, max: 4 }) }), { maxLength: 6 }),
        fc.constantFrom('conditional' as const, 'hold' as const),
        (spec, debtors) => {
          const groups = spec.map((g, i) => group({ id: i + 1, name: `Г-${i}`, course: g.course }));
          const students: StudentFact[] = [];
          const debts = new Map();
          spec.forEach((g, i) => {
            for (let k = 0; k < g.students; k++) {
              const id = students.length + 1;
              students.push(student({ id, groupId: i + 1, membershipId: id, name: `S${id}` }));
              if (k < g.debtors) debts.set(id, [{ subjectId: 1, subject: 'X', subjectName: 'X', value: '2', period: 'S1' }]);
            }
          });
          const plan = planRollover(facts({ groups, students, debts }), { debtors, rename: 'keep' });
          for (const s of plan.students) expect((s.outcome === null) !== (s.problem === null)).toBe(true);
          for (const g of plan.groups) expect(Object.values(g.counts).reduce((a, b) => a + b, 0)).toBe(students.filter((s) => s.groupId === g.id).length);
          for (const s of plan.students) if (s.outcome === 'graduated' || s.outcome === 'promoted') expect(debts.has(s.id)).toBe(false);
        },
      ),
    );
  });

  it('a plain student counted in its group ends up exactly as if it were looked at one by one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ course: fc.integer({ min: 1, max: 5 }), plain: fc.integer({ min: 0, max: 3 }), debtors: fc.integer({ min: 0, max: 2 }), away: fc.boolean() }), { maxLength: 6 }),
        fc.constantFrom('conditional' as const, 'hold' as const),
        fc.constantFrom('keep' as const, 'increment' as const),
        (spec, debtors, rename) => {
          const listed: StudentFact[] = [];
          const plain: { id: number; name: string; groupId: number; membershipId: number }[] = [];
          const debts = new Map();
          spec.forEach((g, i) => {
            for (let k = 0; k < g.plain; k++) plain.push({ id: 100 * i + k + 1, name: `P${i}-${k}`, groupId: i + 1, membershipId: 100 * i + k + 1 });
            for (let k = 0; k < g.debtors; k++) {
              const id = 100 * i + 50 + k;
              listed.push(student({ id, groupId: i + 1, membershipId: id, name: `D${i}-${k}` }));
              debts.set(id, [{ subjectId: 1, subject: 'X', subjectName: 'X', value: '2', period: 'S1' }]);
            }
            if (g.away) listed.push(student({ id: 100 * i + 90, groupId: i + 1, membershipId: null, status: 'leave', name: `L${i}` }));
          });
          const groups = (counted: boolean) => spec.map((g, i) => group({ id: i + 1, name: `${g.course}-${i}`, course: g.course, plainStudents: counted ? g.plain : 0 }));
          const options = { debtors, rename };
          // Every student listed, the plain ones as the active, in-time, debt-free students they are...
          const oneByOne = planRollover(facts({ groups: groups(false), students: [...listed, ...plain.map((p) => student({ ...p, fromDate: '2025-08-25' }))], debts }), options);
          // ...and the plain ones only counted, then added.
          const counted = planRollover(facts({ groups: groups(true), students: listed, debts }), options);
          const all = withPlainStudents(counted, plain, '2026-06-30');
          expect(all.students).toEqual(oneByOne.students);
          expect(counted.counts).toEqual(oneByOne.counts);
          expect(counted.groups.map(({ plainStudents: _p, plainOutcome: _o, ...g }) => g)).toEqual(oneByOne.groups.map(({ plainStudents: _p, plainOutcome: _o, ...g }) => g));
          expect(counted.problems).toEqual(oneByOne.problems);
        },
      ),
    );
  });
});
