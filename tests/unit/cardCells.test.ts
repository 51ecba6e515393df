import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { optionalEmail, optionalPhone, snilsCell } from '../../src/domain/cardCells.js';
import { normalizePhone } from '../../src/domain/person.js';
import { validateSnils } from '../../src/domain/snils.js';

describe('card cells: the common case fast, the same answer as the full rules', () => {
  it('a canonical СНИЛС is taken as is when its control number is right, refused when not', () => {
    expect(snilsCell('112-233-445 95')).toEqual({ value: '112-233-445 95' });
    expect(snilsCell('112-233-445 96').problem).toBe(validateSnils('112-233-445 96').ok ? undefined : (validateSnils('112-233-445 96') as { reason: string }).reason);
    expect(snilsCell('')).toEqual({ value: null });
  });

  it('for every nine digits, the canonical form gives what validateSnils gives', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), fc.integer({ min: 0, max: 99 }), (n, control) => {
        const nine = String(n).padStart(9, '0');
        const text = `${nine.slice(0, 3)}-${nine.slice(3, 6)}-${nine.slice(6)} ${String(control).padStart(2, '0')}`;
        const full = validateSnils(text);
        const cell = snilsCell(text);
        expect(cell.value).toBe(full.ok ? full.value : null);
        expect(Boolean(cell.problem)).toBe(!full.ok);
      }),
    );
  });

  it('a canonical phone is taken as is; other spellings normalised; several split; odd ones kept only when asked', () => {
    expect(optionalPhone('+7 912 345-67-89', false)).toEqual({ value: '+7 912 345-67-89' });
    expect(optionalPhone('8 (912) 345-67-89', false)).toEqual({ value: '+7 912 345-67-89' });
    expect(optionalPhone('89123456789; 8-912-000-00-00', false)).toMatchObject({ value: '+7 912 345-67-89, +7 912 000-00-00', warning: expect.any(String) });
    expect(optionalPhone('12-34', true)).toMatchObject({ value: '12-34', warning: expect.stringContaining('kept as typed') });
    expect(optionalPhone('12-34', false)).toMatchObject({ value: null, problem: expect.any(String) });
    expect(optionalPhone('7,91234E+10', true).warning).toContain('scientific notation');
  });

  it('for every ten digits, the canonical phone reads as normalizePhone reads it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999_999 }), (n) => {
        const d = String(n).padStart(10, '0');
        const text = `+7 ${d.slice(0, 3)} ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`;
        expect(optionalPhone(text, false).value).toBe(normalizePhone(text));
      }),
    );
  });

  it('an e-mail is trimmed; an odd one kept only when asked', () => {
    expect(optionalEmail('a@b.ru', false)).toEqual({ value: 'a@b.ru' });
    expect(optionalEmail('anna(at)mail', true)).toMatchObject({ value: 'anna(at)mail', warning: expect.any(String) });
    expect(optionalEmail('anna(at)mail', false)).toMatchObject({ value: null, problem: expect.any(String) });
  });
});
