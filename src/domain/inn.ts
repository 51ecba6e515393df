/** ИНН: 10 digits for an organisation, 12 for a person, each with check digits. */
import { t } from '../core/i18n.js';
import type { Validation } from './snils.js';

const W10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const W11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const W12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

/** The check digit for the digits before it: weighted sum mod 11 mod 10. */
function check(digits: string, weights: number[]): number {
  return (weights.reduce((sum, w, i) => sum + w * Number(digits[i]), 0) % 11) % 10;
}

/** Whether 10 or 12 digits carry the right check digits. */
export function innChecksumOk(digits: string): boolean {
  const at = (i: number) => Number(digits[i]);
  if (digits.length === 10) return check(digits, W10) === at(9);
  return digits.length === 12 && check(digits, W11) === at(10) && check(digits, W12) === at(11);
}

export function validateInn(text: string): Validation {
  const digits = text.replace(/\s/g, '');
  if (!/^(\d{10}|\d{12})$/.test(digits)) {
    return { ok: false, reason: t('people_inn_format') };
  }
  if (!innChecksumOk(digits)) return { ok: false, reason: t('people_checksum_mismatch') };
  return { ok: true, value: digits };
}
