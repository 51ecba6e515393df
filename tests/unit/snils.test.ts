import { describe, it, expect, afterEach } from 'vitest';
import fc from 'fast-check';
import { normalizeSnils, snilsChecksumOk, snilsControl, validateSnils } from '../../src/domain/snils.js';
import { setLang } from '../../src/core/i18n.js';

/** The rule as the Pension Fund states it, branch by branch, kept apart from the program's formula. */
function referenceControl(nine: string): { sum: number; control: number } {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (9 - i);
  if (sum < 100) return { sum, control: sum };
  if (sum === 100 || sum === 101) return { sum, control: 0 };
  const rest = sum % 101;
  return { sum, control: rest === 100 ? 0 : rest };
}

const withControl = (nine: string) => nine + String(referenceControl(nine).control).padStart(2, '0');
const nineDigits = fc.integer({ min: 1_001_999, max: 999_999_999 }).map((n) => String(n).padStart(9, '0'));

describe('normalizeSnils', () => {
  it('accepts spaces and hyphens anywhere', () => {
    for (const t of ['112-233-445 95', '11223344595', ' 112 233 445 95 ', '1-1-2-2-3-3-4-4-5-9-5', '112233445-95']) {
      expect(normalizeSnils(t)).toBe('112-233-445 95');
    }
  });
  it('refuses anything but 11 digits', () => {
    for (const t of ['', '112-233-445 9', '112-233-445 955', '112.233.445 95', '112-233-445 9O', 'СНИЛС']) {
      expect(normalizeSnils(t)).toBeUndefined();
    }
  });
});

describe('snils control number, every branch computed by hand', () => {
  it('sum < 100: the sum itself', () => {
    // 1·9 + 1·8 + 2·7 + 2·6 + 3·5 + 3·4 + 4·3 + 4·2 + 5·1 = 9+8+14+12+15+12+12+8+5 = 95
    expect(snilsControl('112233445')).toBe(95);
    expect(snilsChecksumOk('11223344595')).toBe(true);
    expect(snilsChecksumOk('11223344596')).toBe(false);
  });
  it('sum = 100: 00', () => {
    // 2·9 + 2·8 + 2·7 + 2·6 + 2·5 + 2·4 + 2·3 + 7·2 + 2·1 = 18+16+14+12+10+8+6+14+2 = 100
    expect(snilsChecksumOk('22222227200')).toBe(true);
    expect(snilsChecksumOk('22222227201')).toBe(false);
  });
  it('sum = 101: 00', () => {
    // as above with the last digit 3: 100 - 2 + 3 = 101
    expect(snilsChecksumOk('22222227300')).toBe(true);
    expect(snilsChecksumOk('22222227301')).toBe(false);
  });
  it('sum > 101 with remainder 100: 00', () => {
    // 5·9 + 2·8 + 5·7 + 5·6 + 5·5 + 5·4 + 5·3 + 5·2 + 5·1 = 45+16+35+30+25+20+15+10+5 = 201; 201 - 101 = 100 → 00
    expect(snilsChecksumOk('52555555500')).toBe(true);
    expect(snilsChecksumOk('52555555599')).toBe(false);
  });
  it('sum > 101, ordinary remainder', () => {
    // 1·9 + 1·8 + 2·7 + 8·6 + 5·5 + 5·4 + 8·3 + 9·2 + 9·1 = 9+8+14+48+25+20+24+18+9 = 175; 175 - 101 = 74
    expect(snilsChecksumOk('11285589974')).toBe(true);
    // nine 9s: 9·45 = 405; 405 - 4·101 = 1 → 01
    expect(snilsChecksumOk('99999999901')).toBe(true);
    expect(snilsChecksumOk('99999999900')).toBe(false);
  });
  it('does not check numbers up to 001-001-998', () => {
    // 001-001-998 would give 1·7 + 1·4 + 9·3 + 9·2 + 8·1 = 64, yet any control passes
    expect(snilsChecksumOk('00100199800')).toBe(true);
    expect(snilsChecksumOk('00000000000')).toBe(true);
    // 001-001-999: 7 + 4 + 27 + 18 + 9 = 65, checked
    expect(snilsChecksumOk('00100199965')).toBe(true);
    expect(snilsChecksumOk('00100199900')).toBe(false);
  });
});

describe('validateSnils', () => {
  afterEach(() => setLang('en'));
  it('gives the canonical form', () => {
    expect(validateSnils('11223344595')).toEqual({ ok: true, value: '112-233-445 95' });
  });
  it('says why it refuses', () => {
    expect(validateSnils('112-233-445 96')).toEqual({ ok: false, reason: 'checksum does not match' });
    expect(validateSnils('112-233-445')).toEqual({ ok: false, reason: 'wrong format: expected 11 digits' });
    setLang('ru');
    expect(validateSnils('112-233-445 96')).toEqual({ ok: false, reason: 'контрольное число не совпадает' });
  });
  it('lets a single-digit error through in the two ways the rule allows', () => {
    // 222-222-272 (sum 100) and 222-222-273 (sum 101) both end in 00: the ninth digit has weight 1,
    // and sums ≡ 100 and ≡ 0 (mod 101) share the control 00.
    expect(validateSnils('222-222-272 00').ok).toBe(true);
    expect(validateSnils('222-222-273 00').ok).toBe(true);
    // 002-001-998: 2·7 + 1·4 + 9·3 + 9·2 + 8·1 = 14+4+27+18+8 = 71; one digit less is 001-001-998, unchecked
    expect(validateSnils('002-001-998 71').ok).toBe(true);
    expect(validateSnils('001-001-998 71').ok).toBe(true);
  });
});

describe('snils properties', () => {
  it('nine digits above 001-001-998 with their control number are valid', () => {
    fc.assert(fc.property(nineDigits, (nine) => validateSnils(withControl(nine)).ok));
  });

  /*
   * A single changed digit is caught, with two exceptions. Changing one of the first nine
   * digits by δ (0 < |δ| ≤ 9) moves the sum by w·δ, 0 < |w·δ| ≤ 81 < 101, so the sum mod 101
   * always changes; the control still matches only when the two remainders are 0 and 100,
   * which both give 00: w·δ ≡ ±1 (mod 101), i.e. the ninth digit (weight 1) moved by one.
   * And a change that brings the number down to 001-001-998 or below leaves it unchecked.
   * A changed control digit is always caught: the control is a function of the nine.
   */
  it('changing any single digit makes it invalid, except where the rule cannot see it', () => {
    fc.assert(
      fc.property(nineDigits, fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 9 }), (nine, pos, step) => {
        const good = withControl(nine);
        const digit = (Number(good[pos]) + step) % 10;
        const bad = good.slice(0, pos) + digit + good.slice(pos + 1);
        const badNine = bad.slice(0, 9);
        const delta = digit - Number(good[pos]);
        const rests = [referenceControl(nine).sum % 101, referenceControl(badNine).sum % 101].sort((a, b) => a - b);
        const blind =
          (pos < 9 && Number(badNine) <= 1_001_998) ||
          (pos === 8 && Math.abs(delta) === 1 && rests[0] === 0 && rests[1] === 100);
        expect(validateSnils(bad).ok).toBe(blind);
      }),
    );
  });

  it('normalizeSnils is idempotent across formats', () => {
    const separator = fc.constantFrom('', ' ', '-', '  ', ' - ');
    fc.assert(
      fc.property(nineDigits, fc.array(separator, { minLength: 12, maxLength: 12 }), (nine, seps) => {
        const digits = withControl(nine);
        const canonical = normalizeSnils(digits)!;
        const scattered = [...digits].map((d, i) => seps[i] + d).join('') + seps[11];
        expect(normalizeSnils(scattered)).toBe(canonical);
        expect(normalizeSnils(canonical)).toBe(canonical);
        expect(validateSnils(scattered)).toEqual({ ok: true, value: canonical });
      }),
    );
  });
});
