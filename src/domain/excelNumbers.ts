/**
 * Numbers Excel mangled: an identifier typed into a Number cell. Excel drops a СНИЛС's
 * leading zeros (`012-345-678 90` becomes 1234567890), shows long numbers in scientific
 * notation (`1,12233E+10`) and writes that notation, digits lost, to CSV. Pure.
 *
 * - `renderDigitFormat(value, format)`: what Excel shows for a whole number in a digit-pattern
 *   format (`000-000-000 00`, `00000000000`, `0`, `+7 (###) ###-##-##`), else undefined.
 *   The readers pass SheetJS's `XLSX.SSF.format` as `render` for every other format (the
 *   domain does not load SheetJS).
 * - `snilsFromNumberCell` / `snilsFromText`: the СНИЛС text to validate; leading zeros
 *   restored with a note when the padded 11 digits carry the right control number;
 *   scientific notation refused (its digits are gone).
 * - `phoneFromNumberCell` / `phoneFromText`: a phone stored as a number keeps all its digits.
 *
 * Results: `{ ok: true, text, note? }` (text to hand to the usual validator; a note is a
 * warning for the row) or `{ ok: false, reason }` (catalogue reasons, section reader).
 */
import { t } from '../core/i18n.js';
import { normalizeSnils, snilsControl } from './snils.js';

export type NumberRenderer = (format: string, value: number) => string;
export type Recovered = { ok: true; text: string; note?: string } | { ok: false; reason: string };

/** `1.12233E+10`, `1,12233E+10`, `7.91235e10`: what Excel writes for a long number in General. */
const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?e[+-]?\d+$/i;

export function isScientific(text: string): boolean {
  return SCIENTIFIC.test(text.trim());
}

/** A whole number's digits without exponent or grouping: 11223344595, not 1.12E+10. */
export function plainDigits(value: number): string {
  return Number.isSafeInteger(value) ? String(value) : BigInt(Math.round(value)).toString();
}

/** The first section of a format (`a;b;c`), quotes respected. */
function firstSection(format: string): string {
  let quoted = false;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === '\\') i++;
    else if (ch === ';' && !quoted) return format.slice(0, i);
  }
  return format;
}

type Token = { digit: '0' | '#' | '?' } | { literal: string };

/** Tokens of a digit pattern, or undefined for anything else (dates, decimals, %, E+, [conditions], @). */
function tokens(section: string): Token[] | undefined {
  const out: Token[] = [];
  for (let i = 0; i < section.length; i++) {
    const ch = section[i];
    if (ch === '0' || ch === '#' || ch === '?') out.push({ digit: ch });
    else if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      if (end < 0) return undefined;
      out.push({ literal: section.slice(i + 1, end) });
      i = end;
    } else if (ch === '\\') {
      if (i + 1 >= section.length) return undefined;
      out.push({ literal: section[++i] });
    } else if (' -()+/:123456789'.includes(ch) || ch === '\u00a0') out.push({ literal: ch }); // Excel shows 1-9 as written (+7)
    else return undefined;
  }
  return out;
}

/**
 * A whole, non-negative number in a digit-pattern format as Excel shows it: digits fill the
 * placeholders from the right, the leftmost placeholder takes any extra digits, an unfilled
 * `0` shows 0, `#` nothing and `?` a space; literals (`-`, space, brackets, quoted text) as
 * written. `General` gives the plain digits. Undefined for any other number or format.
 */
export function renderDigitFormat(value: number, format: string): string | undefined {
  if (!Number.isInteger(value) || value < 0) return undefined;
  const section = firstSection(format).trim();
  if (/^general$/i.test(section)) return plainDigits(value);
  const toks = tokens(section);
  if (!toks) return undefined;
  const slots = toks.filter((tk) => 'digit' in tk).length;
  if (slots === 0) return undefined;
  const digits = value === 0 ? '' : plainDigits(value);
  const extra = Math.max(0, digits.length - slots);
  let next = digits.length - slots - extra; // index into digits of the first slot (negative: unfilled)
  let out = '';
  let slot = 0;
  for (const tk of toks) {
    if ('literal' in tk) {
      out += tk.literal;
      continue;
    }
    const take = slot === 0 ? 1 + extra : 1;
    const from = next;
    next += take;
    slot++;
    if (from + take <= 0) out += tk.digit === '0' ? '0' : tk.digit === '?' ? ' ' : '';
    else out += digits.slice(Math.max(0, from), from + take);
  }
  return out;
}

/** What Excel shows for a number cell: digit patterns here, other formats by `render`, else plain digits. */
export function displayedNumber(value: number, format?: string, render?: NumberRenderer): string {
  if (format) {
    const own = renderDigitFormat(value, format);
    if (own !== undefined) return own;
    if (render) {
      try {
        return render(format, value);
      } catch {
        // an exotic format SheetJS cannot render: fall through to the digits
      }
    }
  }
  return Number.isInteger(value) ? plainDigits(value) : String(value);
}

/**
 * 8–11 digits → the СНИЛС. Eleven: as is. Eight to ten: zero-padded to eleven when the first
 * nine then give exactly the last two as their control number (the computed control, even for
 * numbers up to 001-001-998 that are exempt from it: a guess must be confirmed).
 */
function restoreSnilsDigits(digits: string): Recovered {
  if (digits.length === 11 || digits.length < 8 || digits.length > 11) return { ok: true, text: digits };
  const padded = digits.padStart(11, '0');
  if (snilsControl(padded.slice(0, 9)) !== Number(padded.slice(9))) return { ok: false, reason: t('snils_zeros_lost', { digits: digits.length }) };
  const restored = normalizeSnils(padded)!;
  return { ok: true, text: restored, note: t('snils_zeros_restored', { value: digits, restored }) };
}

/**
 * A СНИЛС from a number cell: the digits Excel displays when its format keeps the zeros
 * (`000-000-000 00`), else the value's digits with leading zeros restored when the checksum
 * confirms it. A fraction or a negative number is refused.
 */
export function snilsFromNumberCell(value: number, format?: string, render?: NumberRenderer): Recovered {
  if (!Number.isInteger(value) || value < 0) return { ok: false, reason: t('number_not_whole') };
  const shown = displayedNumber(value, format, render).replace(/[\s\-\u2010-\u2015]/g, '');
  if (/^\d{11}$/.test(shown)) return { ok: true, text: normalizeSnils(shown)! };
  return restoreSnilsDigits(plainDigits(value));
}

/**
 * A СНИЛС from CSV text: scientific notation refused (the digits are lost); plain 8–10 digits
 * restored as for a number cell; anything else returned as is for validateSnils.
 */
export function snilsFromText(text: string): Recovered {
  const s = text.trim();
  if (isScientific(s)) return { ok: false, reason: t('number_scientific') };
  if (/^\d+$/.test(s)) return restoreSnilsDigits(s);
  return { ok: true, text: s };
}

/**
 * A phone from a number cell: all its digits (79123456789 stays 79123456789, never 7.91E+10),
 * or what its format shows when that keeps them (`+7 (912) 345-67-89` for 9123456789).
 */
export function phoneFromNumberCell(value: number, format?: string, render?: NumberRenderer): Recovered {
  if (!Number.isInteger(value) || value < 0) return { ok: false, reason: t('number_not_whole') };
  const digits = plainDigits(value);
  const shown = displayedNumber(value, format, render);
  // The format may add digits (`+7`, zero padding) but must keep the value's own, in order.
  return { ok: true, text: shown.replace(/\D/g, '').endsWith(digits) ? shown.trim() : digits };
}

/** A phone from CSV text: scientific notation refused, anything else as is for validatePhone. */
export function phoneFromText(text: string): Recovered {
  const s = text.trim();
  return isScientific(s) ? { ok: false, reason: t('number_scientific') } : { ok: true, text: s };
}
