import { L } from '../core/i18n.js';

/**
 * The settings `config get|set` knows, each with its default and its check. Values are
 * stored as text; `parse` returns the normalised text or a reason it is not acceptable.
 */
export interface SettingSpec {
  default: string;
  description: string;
  parse: (value: string) => string | { error: string };
}

function intIn(min: number, max: number) {
  return (value: string): string | { error: string } => {
    const n = Number(value);
    return /^\d+$/.test(value.trim()) && n >= min && n <= max ? String(n) : { error: L(`expected a whole number from ${min} to ${max}`, `нужно целое число от ${min} до ${max}`) };
  };
}

export const SETTINGS: Record<string, SettingSpec> = {
  'grading.thresholds': {
    default: '4.5,3.5,2.5',
    description: 'averages at or above which the period mark is 5, 4, 3',
    parse: (value) => {
      const parts = value.split(',').map((s) => Number(s.trim().replace(',', '.')));
      const ok = parts.length === 3 && parts.every((n) => Number.isFinite(n) && n > 1 && n <= 5) && parts[0] > parts[1] && parts[1] > parts[2];
      return ok ? parts.join(',') : { error: L('expected three descending averages between 1 and 5, e.g. 4.5,3.5,2.5', 'нужны три убывающих средних балла от 1 до 5, например 4.5,3.5,2.5') };
    },
  },
  'journal.editWindowDays': { default: '10', description: 'days after a lesson during which its marks and attendance can change', parse: intIn(0, 365) },
  'lesson.hours': { default: '2', description: 'academic hours of a lesson (a pair is 2)', parse: intIn(1, 8) },
  'credentials.passwordLength': { default: '10', description: 'length of issued passwords', parse: intIn(8, 64) },
  'import.maxMegabytes': { default: '64', description: 'largest import file accepted', parse: intIn(1, 1024) },
};

export function settingProblem(key: string): string | undefined {
  return key in SETTINGS ? undefined : L(`unknown setting "${key}"; known: ${Object.keys(SETTINGS).join(', ')}`, `неизвестная настройка «${key}»; есть: ${Object.keys(SETTINGS).join(', ')}`);
}
