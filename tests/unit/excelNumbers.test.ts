import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as XLSX from 'xlsx';
import { displayedNumber, isScientific, phoneFromNumberCell, phoneFromText, renderDigitFormat, snilsFromNumberCell, snilsFromText } from '../../src/domain/excelNumbers.js';
import { setLang, t } from '../../src/core/i18n.js';

/** A СНИЛС whose control number is computed (the rule of snils.ts, stated again here). */
function withControl(nine: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (9 - i);
  return nine + String((sum % 101) % 100).padStart(2, '0');
}
const canonical = (d: string) => `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6, 9)} ${d.slice(9)}`;
const render = (format: string, value: number) => XLSX.SSF.format(format, value);

describe('renderDigitFormat', () => {
  it('shows what Excel shows for the formats identifiers get', () => {
    expect(renderDigitFormat(1234567890, '000-000-000 00')).toBe('012-345-678 90');
    expect(renderDigitFormat(1234567890, '00000000000')).toBe('01234567890');
    expect(renderDigitFormat(11223344595, '0')).toBe('11223344595');
    expect(renderDigitFormat(9123456789, '+7 (###) ###-##-##')).toBe('+7 (912) 345-67-89');
    expect(renderDigitFormat(79123456789, '"тел. "0')).toBe('тел. 79123456789');
    expect(renderDigitFormat(11223344595, 'General')).toBe('11223344595');
    expect(renderDigitFormat(0, '#')).toBe('');
  });

  it('declines formats that are not digit patterns', () => {
    for (const f of ['0.00', '0%', '0.00E+00', 'dd.mm.yyyy', '@', '#,##0', '[<=9999999]###-####;(###) ###-####']) expect(renderDigitFormat(123, f), f).toBeUndefined();
    expect(renderDigitFormat(1.5, '0')).toBeUndefined();
    expect(renderDigitFormat(-1, '0')).toBeUndefined();
  });

  it('agrees with SheetJS on the formats identifiers get', () => {
    for (const f of ['000-000-000 00', '00000000000', '0', '+7 (###) ###-##-##', '"+7" (000) 000-00-00', '8 (000) 000-00-00', '000 000 000 00']) {
      // (Excel gives extra digits to the first placeholder; SheetJS drops them: not compared.)
      for (const v of [1234567890, 11223344595, 9123456789, 12345678].filter((v) => String(v).length <= f.replace(/[^0#]/g, '').length)) expect(renderDigitFormat(v, f), `${f} ${v}`).toBe(XLSX.SSF.format(f, v));
    }
  });

  it('keeps the digits in order, zero-padded to the zero placeholders (property)', () => {
    const group = fc.integer({ min: 1, max: 4 }).map((n) => '0'.repeat(n));
    const format = fc.array(fc.tuple(group, fc.constantFrom('-', ' ', ')', '(')), { minLength: 1, maxLength: 5 }).map((g) => g.map(([z, sep]) => z + sep).join('').slice(0, -1));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999 }), format, (value, f) => {
        const out = renderDigitFormat(value, f)!;
        const zeros = f.replace(/[^0]/g, '').length;
        expect(out.replace(/\D/g, '')).toBe(String(value).padStart(zeros, '0'));
        expect(out.replace(/\d+/g, '0')).toBe(f.replace(/0+/g, '0')); // the literals where the format has them
      }),
      { numRuns: 500 },
    );
  });

  it('falls back to a renderer, then to the plain digits, never to an exponent', () => {
    expect(displayedNumber(1234.5, '0.00', render)).toBe('1234.50');
    expect(displayedNumber(11223344595)).toBe('11223344595');
    expect(displayedNumber(11223344595, '0.00E+00')).toBe('11223344595');
    expect(displayedNumber(11223344595, '0.00E+00', render)).toBe('1.12E+10');
  });
});

describe('СНИЛС from a number cell', () => {
  afterEach(() => setLang('en'));

  it('keeps what a zero-keeping format shows', () => {
    expect(snilsFromNumberCell(11223344595)).toEqual({ ok: true, text: '112-233-445 95' });
    expect(snilsFromNumberCell(1234567890, '000-000-000 00')).toEqual({ ok: true, text: '012-345-678 90' });
  });

  it('restores lost leading zeros when the checksum confirms them, with a note', () => {
    const digits = withControl('001234567'); // 001-234-567 ..
    const r = snilsFromNumberCell(Number(digits));
    expect(r).toEqual({ ok: true, text: canonical(digits), note: t('snils_zeros_restored', { value: String(Number(digits)), restored: canonical(digits) }) });
    setLang('ru');
    expect(snilsFromNumberCell(Number(digits))).toMatchObject({ note: expect.stringContaining('ведущие нули') });
  });

  it('refuses lost zeros the checksum does not confirm, and fractions', () => {
    const digits = withControl('012345678');
    const wrong = Number(digits) + (digits.endsWith('9') ? -1 : 1);
    expect(snilsFromNumberCell(wrong)).toEqual({ ok: false, reason: t('snils_zeros_lost', { digits: String(wrong).length }) });
    expect(snilsFromNumberCell(112233445.95)).toEqual({ ok: false, reason: t('number_not_whole') });
  });

  it('restores every СНИЛС with one to three leading zeros (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999 }), (n) => {
        const digits = withControl(String(n).padStart(9, '0'));
        if (!/^0/.test(digits) || Number(digits) < 10_000_000) return; // 8 digits at least remain
        const r = snilsFromNumberCell(Number(digits));
        expect(r).toMatchObject({ ok: true, text: canonical(digits) });
      }),
    );
  });
});

describe('СНИЛС and phones from CSV text', () => {
  it('refuses scientific notation: the digits are lost', () => {
    for (const s of ['1.12233E+10', '1,12233E+10', '7.91235e+10', '1E10']) {
      expect(isScientific(s), s).toBe(true);
      expect(snilsFromText(s)).toEqual({ ok: false, reason: t('number_scientific') });
      expect(phoneFromText(s)).toEqual({ ok: false, reason: t('number_scientific') });
    }
  });

  it('takes plain digits, and restores zeros as for a cell', () => {
    expect(snilsFromText('11223344595')).toEqual({ ok: true, text: '11223344595' });
    expect(snilsFromText(' 112-233-445 95 ')).toEqual({ ok: true, text: '112-233-445 95' });
    const digits = withControl('001234567');
    expect(snilsFromText(String(Number(digits)))).toMatchObject({ ok: true, text: canonical(digits) });
    expect(snilsFromText('123')).toEqual({ ok: true, text: '123' }); // left for validateSnils to refuse
  });

  it('keeps every digit of a phone stored as a number', () => {
    expect(phoneFromNumberCell(79123456789)).toEqual({ ok: true, text: '79123456789' });
    expect(phoneFromNumberCell(89123456789, '0.00E+00', render)).toEqual({ ok: true, text: '89123456789' });
    expect(phoneFromNumberCell(9123456789, '+7 (###) ###-##-##')).toEqual({ ok: true, text: '+7 (912) 345-67-89' });
    expect(phoneFromText('+7 912 345-67-89')).toEqual({ ok: true, text: '+7 912 345-67-89' });
  });
});
