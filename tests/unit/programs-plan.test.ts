import { describe, expect, it } from 'vitest';
import { chooseSubjectProgram, planCounts, planItemStates, subjectsInWriteOrder, type PlanItemDraft, type PlanItemOnFile } from '../../src/domain/programs.js';

const item = (subject: string, semester: number, hours: number): PlanItemDraft => ({ row: 2, program: '09.02.07', course: Math.ceil(semester / 2), semester, subject, hours, assessment: 'экзамен' });
const onFile = (id: number, subject: string, semester: number, hours: number): PlanItemOnFile => ({ id, program: '09.02.07', course: Math.ceil(semester / 2), semester, subject, hours, assessment: 'экзамен' });

describe('planItemStates', () => {
  it('an item is created, updated or unchanged against those on file (program, semester, subject)', () => {
    const states = planItemStates([item('ОП.01', 3, 64), item('ОП.02', 3, 48), item('ОП.03', 4, 32)], [onFile(1, 'ОП.01', 3, 64), onFile(2, 'ОП.02', 3, 56), onFile(3, 'ОП.03', 3, 32)]);
    expect(states.map((s) => [s.item.subject, s.outcome, s.existing?.id])).toEqual([
      ['ОП.01', 'unchanged', 1],
      ['ОП.02', 'updated', 2],
      ['ОП.03', 'created', undefined],
    ]);
    expect(planCounts(states, 2)).toEqual({ created: 1, updated: 1, unchanged: 1, subjectsCreated: 2 });
  });
});

describe('chooseSubjectProgram', () => {
  const a = { code: '09.02.07' };
  const b = { code: '15.02.16' };
  it('the only program holding the module, else the only program, else none with the candidates', () => {
    expect(chooseSubjectProgram([b], [a, b])).toMatchObject({ chosen: b, byModule: true });
    expect(chooseSubjectProgram([], [a])).toMatchObject({ chosen: a, byModule: false });
    expect(chooseSubjectProgram([a, b], [a, b])).toMatchObject({ chosen: undefined, candidates: [a, b], byModule: true });
    expect(chooseSubjectProgram([], [])).toMatchObject({ chosen: undefined, candidates: [] });
  });
});

describe('subjectsInWriteOrder', () => {
  it('writes modules before the subjects that name them', () => {
    const mdk = { program: 'P', code: 'МДК.01.01', name: 'x', kind: 'МДК' as const, module: 'ПМ.01' };
    const pm = { program: 'P', code: 'ПМ.01', name: 'y', kind: 'ПМ' as const, module: null };
    expect(subjectsInWriteOrder([mdk, pm]).map((s) => s.code)).toEqual(['ПМ.01', 'МДК.01.01']);
  });
});
