import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGroupRef, subgroupLabel } from '../../src/domain/journal.js';

describe('parseGroupRef: a lesson of a group or of its subgroup (ИС-25/1)', () => {
  it('splits a group and its subgroup at the slash', () => {
    expect(parseGroupRef('ИС-25/1')).toEqual({ group: 'ИС-25', subgroup: '1' });
    expect(parseGroupRef(' ИС-25 / англ-2 ')).toEqual({ group: 'ИС-25', subgroup: 'англ-2' });
  });

  it('a plain name is the whole group', () => {
    expect(parseGroupRef('ИС-25')).toEqual({ group: 'ИС-25' });
    expect(parseGroupRef('  ТМ-31 ')).toEqual({ group: 'ТМ-31' });
  });

  it('the last slash splits; nothing on one side of it is no subgroup', () => {
    expect(parseGroupRef('ИС/25/1')).toEqual({ group: 'ИС/25', subgroup: '1' });
    expect(parseGroupRef('ИС-25/')).toEqual({ group: 'ИС-25/' });
    expect(parseGroupRef('/1')).toEqual({ group: '/1' });
  });

  it('reads back what subgroupLabel writes, for any group and slash-free subgroup name', () => {
    const name = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() === s && s.length > 0);
    fc.assert(
      fc.property(name, name.filter((s) => !s.includes('/')), (group, sub) => {
        expect(parseGroupRef(subgroupLabel(group, sub))).toEqual({ group, subgroup: sub });
      }),
    );
  });
});
