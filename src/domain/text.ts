/**
 * Every text a person's file or flag gives is bounded and clean before it is stored (issue 8):
 * a length limit per field, and no control characters (a NUL, or the ESC of a terminal escape
 * sequence, would be stored and later printed raw on an administrator's terminal). Pure.
 */
import { t } from '../core/i18n.js';
import type { Validation } from './snils.js';

/** Characters a stored text may hold at most, by kind of field. */
export const TEXT_LIMITS = {
  /** One name part: surname, first name, patronymic (the longest real ones are under 50). */
  name: 100,
  /** A full name in one cell. */
  fullName: 300,
  /** Order numbers, group names, phones, e-mails and other short references. */
  short: 200,
  /** A lesson's topic or homework, a reason: a sentence or a paragraph. */
  note: 2000,
} as const;

/**
 * C0 and C1 controls (NUL, ESC...), bidirectional overrides and line separators. Tab and line
 * breaks are whitespace (a cell typed with Alt+Enter): the name rules collapse them.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/** Whether the text holds a control character (see CONTROL). */
export function hasControl(text: string): boolean {
  return CONTROL.test(text);
}

/**
 * `text` trimmed, if it is at most `max` characters and holds no control character; else the
 * reason (`text_too_long`, `text_control_characters`). Checked before any other rule, so no
 * pattern ever runs over megabytes.
 */
export function boundedText(text: string, max: number = TEXT_LIMITS.short): Validation {
  if (text.length > max) return { ok: false, reason: t('text_too_long', { length: text.length, max }) };
  if (CONTROL.test(text)) return { ok: false, reason: t('text_control_characters') };
  return { ok: true, value: text.trim() };
}
