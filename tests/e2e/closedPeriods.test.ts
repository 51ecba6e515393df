import { copyFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockAt } from '../../src/core/clock.js';
import { AppError } from '../../src/core/errors.js';
import { setAbsence, setMark, addLesson } from '../../src/services/journal.js';
import { setGrade } from '../../src/services/grades.js';
import { closePeriod, reopenPeriod } from '../../src/services/periods.js';
import { openStore, type Store } from '../../src/store/store.js';
import { Sandbox } from './harness.js';

/**
 * Issue 10: whatever sequence of writes, closes and reopens runs, the data dated inside a
 * period never changes while that period is closed. The store is the built binary's; the
 * writes go through the services, as every command's do.
 */
const TEACHER = 'Новикова Мария Андреевна';
const STUDENTS = ['Лебедев Даниил Геннадьевич', 'Белова Надежда Олеговна', 'Тихонов Роман Андреевич'];
// Working days in S1 (autumn) and S2 (spring), one lesson each.
const DATES = ['2025-09-22', '2025-10-06', '2026-02-09', '2026-03-02'];
const PERIOD_OF: Record<string, 'S1' | 'S2'> = { '2025-09-22': 'S1', '2025-10-06': 'S1', '2026-02-09': 'S2', '2026-03-02': 'S2' };

let sb: Sandbox;
beforeAll(() => {
  sb = new Sandbox().college();
  sb.ok(['config', 'set', 'journal.editWindowDays', '365']);
  for (const date of DATES) sb.ok(['journal', 'lesson', 'add', '--group', 'ИС-25', '--subject', 'ОУД.04', '--date', date, '--teacher', TEACHER, '--topic', 'Тема']);
}, 120_000);
afterAll(() => sb?.cleanup());

type Command =
  | { kind: 'mark'; date: string; student: number; mark: string }
  | { kind: 'absence'; date: string; student: number; code: string }
  | { kind: 'grade'; period: 'S1' | 'S2'; student: number; mark: string }
  | { kind: 'lesson'; date: string; topic: string }
  | { kind: 'close' | 'reopen'; period: 'S1' | 'S2' };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('mark' as const), date: fc.constantFrom(...DATES), student: fc.nat(2), mark: fc.constantFrom('5', '4', '3', '2') }),
  fc.record({ kind: fc.constant('absence' as const), date: fc.constantFrom(...DATES), student: fc.nat(2), code: fc.constantFrom('ОТ', 'Б', 'ОП') }),
  fc.record({ kind: fc.constant('grade' as const), period: fc.constantFrom('S1' as const, 'S2' as const), student: fc.nat(2), mark: fc.constantFrom('5', '4', '3') }),
  fc.record({ kind: fc.constant('lesson' as const), date: fc.constantFrom(...DATES), topic: fc.constantFrom('Корни', 'Степени', 'Логарифмы') }),
  fc.record({ kind: fc.constantFrom('close' as const, 'reopen' as const), period: fc.constantFrom('S1' as const, 'S2' as const) }),
);

/** Everything the journal holds that is dated in a period, as comparable rows. */
function dataOf(store: Store, period: 'S1' | 'S2'): unknown[] {
  const dates = DATES.filter((d) => PERIOD_OF[d] === period);
  const inDates = `IN (${dates.map(() => '?').join(',')})`;
  return [
    store.all(`SELECT date, number, topic, homework FROM lesson WHERE date ${inDates} ORDER BY id`, ...dates),
    store.all(`SELECT m.lesson_id, m.student_id, m.value, m.entered_at FROM mark m JOIN lesson l ON l.id = m.lesson_id WHERE l.date ${inDates} ORDER BY m.lesson_id, m.student_id`, ...dates),
    store.all(`SELECT a.lesson_id, a.student_id, a.code FROM attendance a JOIN lesson l ON l.id = a.lesson_id WHERE l.date ${inDates} ORDER BY a.lesson_id, a.student_id`, ...dates),
    store.all(`SELECT g.student_id, g.value, g.entered_at FROM grade g JOIN period p ON p.id = g.period_id WHERE p.code = ? ORDER BY g.student_id`, period),
  ];
}

function run(store: Store, c: Command): void {
  const override = 'проверка';
  switch (c.kind) {
    case 'mark':
      return void setMark(store, { group: 'ИС-25', subject: 'ОУД.04', date: c.date, student: STUDENTS[c.student], mark: c.mark, override });
    case 'absence':
      return void setAbsence(store, { group: 'ИС-25', subject: 'ОУД.04', date: c.date, student: STUDENTS[c.student], code: c.code, override });
    case 'grade':
      return void setGrade(store, { group: 'ИС-25', subject: 'ОУД.04', period: c.period, student: STUDENTS[c.student], mark: c.mark, kind: 'period', override } as Parameters<typeof setGrade>[1]);
    case 'lesson':
      return void addLesson(store, { group: 'ИС-25', subject: 'ОУД.04', date: c.date, number: 1, teacher: TEACHER, topic: c.topic, override });
    case 'close':
      return void closePeriod(store, { period: c.period, force: true });
    case 'reopen':
      return void reopenPeriod(store, { period: c.period, reason: 'проверка' });
  }
}

describe('closed periods', () => {
  it('property: no sequence of writes, closes and reopens changes the data of a period while it is closed', () => {
    let round = 0;
    // What happened over all runs: the property means something only if writes went through
    // and closed periods refused some.
    const done: Record<string, number> = {};
    const refused: Record<string, number> = {};
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 25 }), (commands) => {
        const file = sb.path(`round-${round++}.db`);
        copyFileSync(sb.db, file);
        // Spring 2026: S1 has ended, S2 is under way; the edit window (365 days) lets overrides through.
        const store = openStore(file, { create: false, actor: 'property', command: 'test', clock: clockAt('2026-03-10') });
        try {
          const frozen = new Map<'S1' | 'S2', unknown[]>();
          for (const c of commands) {
            try {
              run(store, c);
              done[c.kind] = (done[c.kind] ?? 0) + 1;
            } catch (error) {
              // A refusal is a rule (exit 4) or a reference the state does not allow (exit 3), never a bug.
              if (!(error instanceof AppError) || error.exitCode === 1) throw error;
              refused[`${c.kind}:${error.code}`] = (refused[`${c.kind}:${error.code}`] ?? 0) + 1;
            }
            if (c.kind === 'close' && !frozen.has(c.period)) frozen.set(c.period, dataOf(store, c.period));
            if (c.kind === 'reopen') frozen.delete(c.period);
            for (const [period, data] of frozen) expect(dataOf(store, period)).toEqual(data);
          }
        } finally {
          store.close();
        }
      }),
      // Besides the random runs, one that surely closes, is refused, reopens and writes: about
      // one seed in thirty never reopened a period it had closed, and the checks below failed.
      {
        numRuns: 40,
        examples: [[[
          { kind: 'close', period: 'S1' },
          { kind: 'mark', date: '2025-09-22', student: 0, mark: '5' },
          { kind: 'reopen', period: 'S1' },
          { kind: 'mark', date: '2025-09-22', student: 0, mark: '4' },
        ]]],
      },
    );
    for (const kind of ['mark', 'absence', 'grade', 'lesson', 'close', 'reopen']) expect(done[kind], `${kind} went through`).toBeGreaterThan(0);
    expect(Object.keys(refused).some((k) => k.endsWith(':lock_period_closed')), JSON.stringify(refused)).toBe(true);
  }, 300_000);
});
