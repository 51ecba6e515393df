/**
 * Latin spellings of Russian names by ICAO Doc 9303, the table Russian passports use since
 * 2014 (ё → e, й → i, ъ → ie, ь dropped), so a student's login matches their passport.
 */
const ICAO: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
  х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: 'ie', ы: 'y', ь: '', э: 'e', ю: 'iu', я: 'ia',
};

/**
 * Lower-case ICAO transliteration; characters outside the Russian alphabet (Latin letters,
 * digits, spaces, hyphens) pass through unchanged. NFC first so a decomposed й or ё (и, е
 * plus a combining mark, as some exports write them) is still one letter.
 */
export function transliterate(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC').toLowerCase()) out += ICAO[ch] ?? ch;
  return out;
}

/** Transliterated and reduced to a–z: accents come off Latin letters (Müller → muller), the rest goes. */
function letters(text: string): string {
  return transliterate(text).normalize('NFD').replace(/[^a-z]/g, '');
}

/**
 * Surname plus the initials of the first and middle names: Щеглова Юлия Сергеевна →
 * `shcheglovais`. Letters only, never digits, so a numbered login (`ivanovii2`) can never
 * equal another person's bare base. May be empty for a name without letters; `uniqueLogin`
 * handles that.
 */
export function loginBase(last: string, first: string, middle?: string): string {
  return letters(last) + letters(first).charAt(0) + letters(middle ?? '').charAt(0);
}
