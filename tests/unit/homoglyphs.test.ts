import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { foldLatinLookalikes, foldYo, matchKey, sameLetters } from '../../src/domain/homoglyphs.js';

const cyr = fc.constantFrom(...'абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЫЭЮЯ');
const cyrWord = fc.array(cyr, { minLength: 1, maxLength: 10 }).map((a) => a.join(''));
const latinWord = fc.array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'), { minLength: 1, maxLength: 10 }).map((a) => a.join(''));
const PAIRS: [string, string][] = [...'ABCEHKMOPTXYacekopxy'].map((l, i) => [l, 'АВСЕНКМОРТХУасекорху'[i]]);

describe('foldLatinLookalikes', () => {
  it('folds Latin look-alikes inside Cyrillic words', () => {
    expect(foldLatinLookalikes('ИC-25')).toEqual({ text: 'ИС-25', folded: true });
    expect(foldLatinLookalikes('Сидoренко')).toEqual({ text: 'Сидоренко', folded: true });
    expect(foldLatinLookalikes('Пeтpов Aнна')).toEqual({ text: 'Петров Анна', folded: true });
    expect(foldLatinLookalikes('Сидоренко')).toEqual({ text: 'Сидоренко', folded: false });
  });

  it('leaves Latin words, emails and words with a letter that has no look-alike', () => {
    for (const s of ['IT-25', 'ivanov@mail.ru', 'Smith', 'ИС-25 IT', 'Иванов-Smith', '']) {
      expect(foldLatinLookalikes(s)).toEqual({ text: s, folded: false });
    }
  });

  it('folds each word on its own', () => {
    expect(foldLatinLookalikes('Иванoв-Smith')).toEqual({ text: 'Иванов-Smith', folded: true });
  });

  it('turns any Cyrillic word with look-alikes typed in into the Cyrillic word (property)', () => {
    fc.assert(
      fc.property(cyrWord, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...PAIRS))), (word, swaps) => {
        const target = [...word];
        const typed = [...word];
        for (const [at, [latin, cyrillic]] of swaps) {
          const i = at % target.length;
          target[i] = cyrillic;
          typed[i] = latin;
        }
        const t = target.join('');
        if (!/[а-яё]/i.test(typed.join(''))) return; // every letter swapped: a Latin word now
        expect(foldLatinLookalikes(`${typed.join('')} 25`).text).toBe(`${t} 25`);
      }),
    );
  });

  it('never changes text without Cyrillic letters (property)', () => {
    fc.assert(fc.property(fc.array(latinWord).map((w) => w.join('-')), (s) => {
      expect(foldLatinLookalikes(s)).toEqual({ text: s, folded: false });
    }));
  });
});

describe('ё and е', () => {
  it('foldYo folds both cases', () => {
    expect(foldYo('Ёлкин Пётр')).toBe('Елкин Петр');
  });
  it('sameLetters ignores ё/е, case, spacing and composed forms', () => {
    expect(sameLetters('Ёлкин', 'елкин')).toBe(true);
    expect(sameLetters('Петров  Пётр', ' петров петр')).toBe(true);
    expect(sameLetters('Йожин', 'И\u0306ожин')).toBe(true);
    expect(sameLetters('Елкин', 'Ёлкина')).toBe(false);
  });
  it('matchKey is idempotent and sameLetters is symmetric (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(matchKey(matchKey(a))).toBe(matchKey(a));
        expect(sameLetters(a, b)).toBe(sameLetters(b, a));
      }),
    );
  });
});
