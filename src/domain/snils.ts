/**
 * СНИЛС, the personal insurance number: nine digits and a two-digit control number,
 * written `112-233-445 95`.
 */
import { t } from '../core/i18n.js';

/** The result of every card validator: the normalised value, or why it was refused. */
export type Validation<T = string> = { ok: true; value: T } | { ok: false; reason: string };

/** Numbers up to 001-001-998 were issued before the control number rule and are not checked. */
const LAST_UNCHECKED = 1_001_998;

/** The 11 digits of a СНИЛС written with spaces or hyphens anywhere, else undefined. */
function digitsOf(text: string): string | undefined {
  const digits = text.replace(/[\s\-\u2010-\u2015]/g, '');
  return /^\d{11}$/.test(digits) ? digits : undefined;
}

/** Canonical `112-233-445 95`, or undefined when the text is not 11 digits. */
export function normalizeSnils(text: string): string | undefined {
  const d = digitsOf(text);
  return d && `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6, 9)} ${d.slice(9)}`;
}

/**
 * The control number of the first nine digits: weights 9..1, then a sum below 100 is the
 * control itself, 100 and 101 give 00, a larger sum its remainder mod 101 (100 again → 00).
 * All branches are one formula: (sum mod 101) mod 100.
 */
export function snilsControl(nine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += digitAt(nine, i) * (9 - i);
  return (sum % 101) % 100;
}

/** Whether 11 digits carry the right control number (always true up to 001-001-998). */
export function snilsChecksumOk(digits: string): boolean {
  let number = 0;
  for (let i = 0; i < 9; i++) number = number * 10 + digitAt(digits, i);
  return number <= LAST_UNCHECKED || snilsControl(digits) === digitAt(digits, 9) * 10 + digitAt(digits, 10);
}

/** The digit at `i` of a string of digits, read without a substring (an import checks 100,000 numbers). */
function digitAt(digits: string, i: number): number {
  return digits.charCodeAt(i) - 48;
}

export function validateSnils(text: string): Validation {
  const d = digitsOf(text);
  if (!d) return { ok: false, reason: t('people_snils_format') };
  if (!snilsChecksumOk(d)) return { ok: false, reason: t('people_checksum_mismatch') };
  return { ok: true, value: normalizeSnils(d)! };
}
