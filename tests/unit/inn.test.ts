import { describe, it, expect } from 'vitest';
import { innChecksumOk, validateInn } from '../../src/domain/inn.js';

describe('ИНН of an organisation (10 digits)', () => {
  it('accepts a right check digit', () => {
    // Sberbank 7707083893: 7·2 + 7·4 + 0·10 + 7·3 + 0·5 + 8·9 + 3·4 + 8·6 + 9·8
    //   = 14+28+0+21+0+72+12+48+72 = 267; 267 mod 11 = 267 - 264 = 3 → 3
    expect(validateInn('7707083893')).toEqual({ ok: true, value: '7707083893' });
    expect(innChecksumOk('7707083894')).toBe(false);
  });
  it('remainder 10 gives check digit 0', () => {
    // 5·2 = 10; 10 mod 11 = 10; 10 mod 10 = 0
    expect(innChecksumOk('5000000000')).toBe(true);
    expect(innChecksumOk('5000000001')).toBe(false);
  });
});

describe('ИНН of a person (12 digits)', () => {
  it('checks both digits', () => {
    // 500100732259, first check: 5·7 + 0·2 + 0·4 + 1·10 + 0·3 + 0·5 + 7·9 + 3·4 + 2·6 + 2·8
    //   = 35+0+0+10+0+0+63+12+12+16 = 148; 148 mod 11 = 148 - 143 = 5 → 5
    // second: 5·3 + 0·7 + 0·2 + 1·4 + 0·10 + 0·3 + 7·5 + 3·9 + 2·4 + 2·6 + 5·8
    //   = 15+0+0+4+0+0+35+27+8+12+40 = 141; 141 mod 11 = 141 - 132 = 9 → 9
    expect(validateInn('500100732259')).toEqual({ ok: true, value: '500100732259' });
    expect(innChecksumOk('500100732269')).toBe(false); // first check wrong
    expect(innChecksumOk('500100732258')).toBe(false); // second check wrong
  });
});

describe('validateInn', () => {
  it('refuses other lengths and non-digits', () => {
    for (const t of ['', '770708389', '77070838931', '7707083893a', '1234567890123']) {
      expect(validateInn(t)).toEqual({ ok: false, reason: 'wrong format: expected 10 or 12 digits' });
    }
  });
  it('ignores spaces and reports a wrong checksum', () => {
    expect(validateInn(' 7707 083 893 ')).toEqual({ ok: true, value: '7707083893' });
    expect(validateInn('7707083894')).toEqual({ ok: false, reason: 'checksum does not match' });
  });
});
