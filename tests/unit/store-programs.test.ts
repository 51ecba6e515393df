import { clockAt } from '../../src/core/clock.js';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import { createGroup } from '../../src/services/groups.js';
import { addProgram, importPlan } from '../../src/services/programs.js';
import { getGroup, type Group } from '../../src/store/groups.js';
import { findSubjectForGroup } from '../../src/store/programs.js';
import { openStore, type Store } from '../../src/store/store.js';
import { createAcademicYear } from '../../src/services/periods.js';

/** A store in memory with both programs, the fixture's curriculum and a group per program and course. */
async function college(): Promise<{ store: Store; group: (name: string) => Group }> {
  const store = openStore(':memory:', { create: true, actor: 'test', command: 'test', clock: clockAt('2025-10-01') });
  const programs = [
    addProgram(store, { code: '09.02.07', name: 'Информационные системы и программирование', duration: '3г10м' }).program,
    addProgram(store, { code: '15.02.16', name: 'Технология машиностроения', duration: '3г10м' }).program,
  ];
  const imported = await importPlan(store, { file: join(__dirname, '../../fixtures/plan.csv') });
  expect(imported.created).toBe(imported.rows);
  createAcademicYear(store, { name: '2025/2026', start: '2025-09-01', end: '2026-06-30', scheme: 'semesters' });
  const groups = [['ИС-25', 0, 1], ['ИС-24', 0, 2], ['ИС-23', 0, 3], ['ТМ-24', 1, 2]].map(([name, program, course]) =>
    getGroup(store, createGroup(store, { name: name as string, program: programs[program as number].code, course: course as number }).group.id)!,
  );
  return { store, group: (name) => groups.find((g) => g.name === name)! };
}

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('findSubjectForGroup: a journal row\'s subject, through the group\'s program plan', () => {
  let c: Awaited<ReturnType<typeof college>>;
  beforeEach(async () => {
    c = await college();
  });
  afterEach(() => c.store.close());

  it('one code is another subject in each program', () => {
    expect(findSubjectForGroup(c.store, c.group('ИС-24'), 'ОП.01')).toMatchObject({ program: '09.02.07', code: 'ОП.01', name: 'Операционные системы и среды' });
    expect(findSubjectForGroup(c.store, c.group('ТМ-24'), 'оп.01')).toMatchObject({ program: '15.02.16', code: 'ОП.01', name: 'Инженерная графика', kind: 'УД' });
    expect(findSubjectForGroup(c.store, c.group('ТМ-24'), 'МДК.01.01')).toMatchObject({ module: 'ПМ.01', name: 'Технологический процесс и технологическая оснастка изготовления деталей машин' });
  });

  it('a name resolves within the group\'s course', () => {
    expect(findSubjectForGroup(c.store, c.group('ИС-25'), 'История').code).toBe('ОУД.05');
    expect(findSubjectForGroup(c.store, c.group('ИС-24'), 'история').code).toBe('ОГСЭ.02');
  });

  it('an ambiguous name and an unknown code are refused naming the candidates', () => {
    const ambiguous = refusal(() => findSubjectForGroup(c.store, c.group('ИС-23'), 'История'));
    expect(ambiguous).toMatchObject({ code: 'subject_ambiguous', exitCode: 3, details: { candidates: [{ code: 'ОГСЭ.02', name: 'История' }, { code: 'ОУД.05', name: 'История' }] } });
    expect(ambiguous.message).toContain('ОГСЭ.02 «История», ОУД.05 «История»');
    const unknown = refusal(() => findSubjectForGroup(c.store, c.group('ТМ-24'), 'ОП.08'));
    expect(unknown).toMatchObject({ code: 'subject_not_found', exitCode: 3 });
    expect(unknown.message).toContain('ОП.01 «Инженерная графика»');
    expect(unknown.message).not.toContain('ОУД.01');
  });
});
