/**
 * What an import expects of its columns, and how a header is compared. Pure: the readers in
 * io/ and the row rules in domain/ share these.
 */

/** What an import expects in one column: its header aliases (Russian first) and whether it must be there. */
export interface FieldSpec {
  aliases: string[];
  required?: boolean;
}

/**
 * A header as compared: lower case, ё → е, and everything but letters and digits removed, so
 * `Дата рождения`, `дата_рождения`, `ДАТА РОЖДЕНИЯ` and `Дата-рождения` are one header and
 * `Д.р.` is `др`. NFC first, so a `й` typed as `и` + combining breve survives.
 */
export function normalizeHeader(s: string): string {
  return s
    .normalize('NFC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]/gu, '');
}
