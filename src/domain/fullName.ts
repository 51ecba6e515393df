/**
 * One ФИО cell split into surname, first name and patronymic. Pure; reasons from the
 * catalogue (section reader).
 *
 * - Two words: surname and first name (no patronymic).
 * - Three words: surname, first name, patronymic. A hyphenated surname is one word
 *   (`Петрова-Водкина Анна Сергеевна`).
 * - Four words when the last is a Turkic patronymic particle: `Алиев Руслан Рашид оглы` →
 *   patronymic `Рашид оглы` (оглы, кызы, улы, уулу, гызы, кизи; the particle is written small).
 * - Words typed all in capitals or all in small letters are title-cased (`ИВАНОВ ИВАН` →
 *   `Иванов Иван`, `ПЕТРОВА-ВОДКИНА` → `Петрова-Водкина`); a word in mixed case stays as typed.
 * Refused, with the reason: empty (`name_empty`), one word (`name_one_word`), initials
 * (`Павлов Г.Р.`, `Павлов Г. Р.`, `Г.Р. Павлов`: `name_initials`), and any other four or more
 * words, which cannot be split with certainty (`name_ambiguous`, pointing to the separate
 * columns Фамилия, Имя, Отчество).
 */
import { t } from '../core/i18n.js';

export type FullNameSplit = { ok: true; last: string; first: string; middle?: string } | { ok: false; reason: string };

/** Second words of Turkic patronymics («Рафик оглы»). */
export const PATRONYMIC_PARTICLES: ReadonlySet<string> = new Set(['оглы', 'улы', 'уулу', 'кызы', 'гызы', 'кизи']);

/** A word that is an initial or a run of initials: `Г.`, `Г`, `Г.Р.`, `Г.Р`. */
const INITIALS = /^(?:\p{L}\.){1,3}\p{L}?$|^\p{L}$/u;

/** Capitalise a word typed in one case; a mixed-case word (ДиКаприо) is kept. */
function titleCase(word: string): string {
  const lower = word.toLowerCase();
  if (word !== lower && word !== word.toUpperCase()) return word;
  return lower
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('-');
}

export function splitFullName(text: string): FullNameSplit {
  const words = text.normalize('NFC').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { ok: false, reason: t('name_empty') };
  if (words.some((w) => INITIALS.test(w))) return { ok: false, reason: t('name_initials') };
  if (words.length === 1) return { ok: false, reason: t('name_one_word') };
  const particle = PATRONYMIC_PARTICLES.has(words[words.length - 1].toLowerCase());
  if (words.length > 4 || (words.length === 4 && !particle) || (words.length === 3 && particle)) {
    return { ok: false, reason: t('name_ambiguous', { words: words.length }) };
  }
  const [last, first, ...rest] = words.map((w, i) => (i >= 2 && PATRONYMIC_PARTICLES.has(w.toLowerCase()) ? w.toLowerCase() : titleCase(w)));
  return rest.length ? { ok: true, last, first, middle: rest.join(' ') } : { ok: true, last, first };
}
