import { t, type MessageKey } from '../core/i18n.js';

/**
 * The settings `config get|set` knows, each with its default and its check. Values are
 * stored as text; `parse` returns the normalised text or a reason it is not acceptable.
 */
export interface SettingSpec {
  default: string;
  /** The catalogue key of what the setting means. */
  meaning: MessageKey;
  parse: (value: string) => string | { error: string };
}

function intIn(min: number, max: number) {
  return (value: string): string | { error: string } => {
    const n = Number(value);
    return /^\d+$/.test(value.trim()) && n >= min && n <= max ? String(n) : { error: t('expected_whole_number', { min, max }) };
  };
}

/**
 * Modes a file with personal data may be written with (152-ФЗ: owner only by default): the
 * owner reads and writes, the group may read or write, others may read, nobody executes.
 */
const FILE_MODES = new Set(['0600', '0640', '0660', '0644', '0664']);

function parseFileMode(value: string): string | { error: string } {
  const mode = value.trim().padStart(4, '0');
  return FILE_MODES.has(mode) ? mode : { error: t('setting_files_mode_format', { modes: [...FILE_MODES].join(', ') }) };
}

export const SETTINGS: Record<string, SettingSpec> = {
  'grading.thresholds': {
    default: '4.5,3.5,2.5',
    meaning: 'setting_grading_thresholds',
    parse: (value) => {
      const parts = value.split(',').map((s) => Number(s.trim().replace(',', '.')));
      const ok = parts.length === 3 && parts.every((n) => Number.isFinite(n) && n > 1 && n <= 5) && parts[0] > parts[1] && parts[1] > parts[2];
      return ok ? parts.join(',') : { error: t('setting_thresholds_format') };
    },
  },
  'journal.editWindowDays': { default: '10', meaning: 'setting_journal_edit_window_days', parse: intIn(0, 365) },
  'lesson.hours': { default: '2', meaning: 'setting_lesson_hours', parse: intIn(1, 8) },
  'credentials.passwordLength': { default: '10', meaning: 'setting_credentials_password_length', parse: intIn(8, 64) },
  'import.maxMegabytes': { default: '64', meaning: 'setting_import_max_megabytes', parse: intIn(1, 1024) },
  // Bounds checked while a file is read (io/readTable.ts): a 100,000-row list stays well inside.
  'import.maxRows': { default: '200000', meaning: 'setting_import_max_rows', parse: intIn(10, 1_048_576) },
  'import.maxColumns': { default: '1000', meaning: 'setting_import_max_columns', parse: intIn(10, 16_384) },
  'import.maxCellChars': { default: '10000', meaning: 'setting_import_max_cell_chars', parse: intIn(100, 32_767) },
  'import.maxUnpackedMegabytes': { default: '256', meaning: 'setting_import_max_unpacked_megabytes', parse: intIn(1, 4096) },
  'grading.editWindowDays': { default: '10', meaning: 'setting_grading_edit_window_days', parse: intIn(0, 365) },
  // Read by the store itself when it opens (store/store.ts), before any command runs.
  'files.mode': { default: '0600', meaning: 'setting_files_mode', parse: parseFileMode },
  'store.busyTimeoutSeconds': { default: '60', meaning: 'setting_store_busy_timeout_seconds', parse: intIn(1, 3600) },
};

/** What a setting means, in the current language. */
export function settingMeaning(key: string): string {
  return (t as (key: MessageKey) => string)(SETTINGS[key].meaning);
}

/** Whether `key` is a known setting. */
export function isSetting(key: string): boolean {
  return key in SETTINGS;
}
