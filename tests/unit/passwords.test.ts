import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { generatePassword, PASSWORD_ALPHABET } from '../../src/domain/passwords.js';

const ONLY_ALPHABET = /^[ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789]+$/;

describe('PASSWORD_ALPHABET', () => {
  it('has no look-alike characters and no repeats', () => {
    for (const c of '0Oo1lIiL') expect(PASSWORD_ALPHABET).not.toContain(c);
    expect(new Set(PASSWORD_ALPHABET).size).toBe(PASSWORD_ALPHABET.length);
    expect(PASSWORD_ALPHABET).toMatch(ONLY_ALPHABET);
  });
});

describe('generatePassword', () => {
  it('is 10 characters by default', () => {
    expect(generatePassword()).toHaveLength(10);
  });

  it('always has an upper-case letter, a lower-case letter and a digit', () => {
    for (let i = 0; i < 2000; i++) {
      const pw = generatePassword(8);
      expect(pw).toMatch(/[A-Z]/);
      expect(pw).toMatch(/[a-z]/);
      expect(pw).toMatch(/[2-9]/);
    }
  });

  it('does not repeat itself', () => {
    const drawn = Array.from({ length: 10000 }, () => generatePassword());
    expect(new Set(drawn).size).toBe(drawn.length);
  });

  it('uses the whole alphabet in every position', () => {
    const seen = Array.from({ length: 8 }, () => new Set<string>());
    for (let i = 0; i < 5000; i++) [...generatePassword(8)].forEach((c, j) => seen[j].add(c));
    for (const s of seen) expect(s.size).toBe(PASSWORD_ALPHABET.length);
  });

  it('rejects lengths outside 8..64', () => {
    for (const bad of [0, 7, 65, 8.5, NaN]) expect(() => generatePassword(bad)).toThrow(RangeError);
  });

  it('has exactly the length asked for and only alphabet characters', () => {
    fc.assert(
      fc.property(fc.integer({ min: 8, max: 64 }), (n) => {
        const pw = generatePassword(n);
        expect(pw).toHaveLength(n);
        expect(pw).toMatch(ONLY_ALPHABET);
      }),
    );
  });
});
