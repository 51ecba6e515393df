/**
 * Latin letters typed inside Cyrillic words: the wrong keyboard layout for one key, or a
 * name pasted from a system that "fixed" it. `ИC-25` (Latin C) and `Сидoренко` (Latin o)
 * look right and never match. Pure.
 *
 * A word here is a run of letters (`ИC-25` has the words `ИC` and nothing else). A word with at
 * least one Cyrillic letter whose Latin letters all have a Cyrillic look-alike is folded to
 * Cyrillic; a wholly Latin word (`IT-25`, an email, `Smith`) and a word with a Latin letter
 * that has no look-alike (`Иванов-Smith`, left for the name check to flag) are left alone.
 */

/** Latin → Cyrillic look-alikes, the usual table (both cases where both look alike). */
const LOOK_ALIKES: Record<string, string> = {
  A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х', Y: 'У',
  a: 'а', c: 'с', e: 'е', k: 'к', o: 'о', p: 'р', x: 'х', y: 'у',
};

const HAS_LOOK_ALIKE = /[ABCEHKMOPTXYacekopxy]/;
const WORD = /\p{L}+/gu;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;
const LATIN_ALL = /\p{Script=Latin}/gu;

export interface Folded {
  text: string;
  /** Whether any letter was replaced: the caller warns (`latin_letters_folded`). */
  folded: boolean;
}

/** `ИC-25` → `{ text: 'ИС-25', folded: true }`; `IT-25` → unchanged, `folded: false`. */
export function foldLatinLookalikes(text: string): Folded {
  // The usual cell has none of the Latin letters that have a look-alike: nothing to fold.
  if (!HAS_LOOK_ALIKE.test(text)) return { text, folded: false };
  let folded = false;
  const out = text.normalize('NFC').replace(WORD, (word) => {
    if (!CYRILLIC.test(word) || !LATIN.test(word)) return word;
    const latin = word.match(LATIN_ALL) ?? [];
    if (!latin.every((ch) => ch in LOOK_ALIKES)) return word;
    folded = true;
    return word.replace(LATIN_ALL, (ch) => LOOK_ALIKES[ch]);
  });
  return { text: folded ? out : text, folded };
}

/** ё → е, Ё → Е: for matching only; what is stored keeps the ё as typed. */
export function foldYo(s: string): string {
  return s.replace(/ё/g, 'е').replace(/Ё/g, 'Е');
}

/**
 * Whether two names are the same letters for matching: NFC, case-insensitive, ё as е,
 * whitespace collapsed and trimmed (`Ёлкин` = `елкин`, `Петров  Пётр` = `петров петр`).
 */
export function sameLetters(a: string, b: string): boolean {
  return matchKey(a) === matchKey(b);
}

/** The form sameLetters compares: NFC, lower case, ё → е, single spaces. */
export function matchKey(s: string): string {
  return foldYo(s.normalize('NFC').toLowerCase()).trim().replace(/\s+/g, ' ');
}
