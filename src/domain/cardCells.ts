/**
 * The cells of a person's card as every list gives them (students, staff, guardians): one
 * reading of a СНИЛС, a phone and an e-mail for all three imports, so the same crafted file
 * gets the same answer whichever command reads it. Pure.
 *
 * The common case comes first and costs one pattern test: a СНИЛС already written
 * `112-233-445 95`, a phone already `+7 912 345-67-89` (an import of 100,000 rows meets them
 * 100,000 times; bench/run.js import). Anything else takes the full rules.
 */
import { t } from '../core/i18n.js';
import { phoneFromText, snilsFromText } from './excelNumbers.js';
import { CANONICAL_SNILS, normalizePhone, validateEmail } from './person.js';
import { snilsChecksumOk, validateSnils } from './snils.js';
import { boundedText } from './text.js';

/** What a cell gives: the value to store (null: nothing), and a warning or a problem for the row. */
export interface CellReading {
  value: string | null;
  warning?: string;
  problem?: string;
}

/**
 * A СНИЛС cell: empty → null; `112-233-445 95` with the right control number as is; else
 * Excel's damage undone where it can be (leading zeros restored when the checksum confirms
 * them, with a warning; scientific notation refused) and then validateSnils.
 */
export function snilsCell(text: string): CellReading {
  if (!text) return { value: null };
  if (CANONICAL_SNILS.test(text)) {
    const digits = text.slice(0, 3) + text.slice(4, 7) + text.slice(8, 11) + text.slice(12);
    if (snilsChecksumOk(digits)) return { value: text };
  }
  const recovered = snilsFromText(text);
  const check = recovered.ok ? validateSnils(recovered.text) : recovered;
  if (!check.ok) return { value: null, problem: check.reason };
  return recovered.ok && recovered.note ? { value: check.value, warning: recovered.note } : { value: check.value };
}

/** A phone as stored: nothing to normalise. */
const CANONICAL_PHONE = /^\+7 \d{3} \d{3}-\d{2}-\d{2}$/;

/**
 * An optional phone cell: empty → null; one or more Russian numbers (separated by `,`, `;` or
 * `/`) → normalised, joined by `, ` (with a warning when there were several); anything else
 * kept as typed with a warning when `keep` (an import: an optional field never blocks a
 * row), else a problem. Too long or with control characters: always a problem.
 */
export function optionalPhone(text: string, keep: boolean): CellReading {
  if (!text) return { value: null };
  if (CANONICAL_PHONE.test(text)) return { value: text };
  const bounded = boundedText(text);
  if (!bounded.ok) return { value: null, problem: bounded.reason };
  const recovered = phoneFromText(bounded.value);
  const parts = bounded.value.split(/\s*[,;/]\s*|\s{2,}/).filter(Boolean);
  const phones = recovered.ok ? parts.map((p) => normalizePhone(p)) : [];
  if (phones.length && phones.every((p) => p !== undefined)) {
    return { value: phones.join(', '), ...(phones.length > 1 ? { warning: t('phones_split', { count: phones.length }) } : {}) };
  }
  const reason = recovered.ok ? undefined : recovered.reason;
  if (!keep) return { value: null, problem: reason ?? t('people_not_a_phone') };
  return { value: bounded.value, warning: reason ? `${reason}; ${t('phone_kept_as_typed')}` : t('phone_kept_as_typed') };
}

/**
 * An optional e-mail cell: empty → null; an address → trimmed; anything else kept as typed
 * with a warning when `keep`, else a problem. Too long or with control characters: always a problem.
 */
export function optionalEmail(text: string, keep: boolean): CellReading {
  if (!text) return { value: null };
  const bounded = boundedText(text);
  if (!bounded.ok) return { value: null, problem: bounded.reason };
  const check = validateEmail(bounded.value);
  if (check.ok) return { value: check.value };
  return keep ? { value: bounded.value, warning: t('email_kept_as_typed') } : { value: null, problem: check.reason };
}
