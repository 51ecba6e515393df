import { InputError } from '../core/errors.js';
import { isSetting, SETTINGS } from '../domain/settings.js';
import type { Store } from './store.js';

/** InputError `unknown_setting` unless `key` names a setting. */
export function checkSettingKey(key: string): void {
  if (!isSetting(key)) throw new InputError('unknown_setting', { key, known: Object.keys(SETTINGS).join(', ') });
}

/** A setting's value: the stored one, else its default. */
export function getSetting(store: Store, key: string): string {
  checkSettingKey(key);
  return store.get<{ value: string }>('SELECT value FROM setting WHERE key = ?', key)?.value ?? SETTINGS[key].default;
}

export function getNumberSetting(store: Store, key: string): number {
  return Number(getSetting(store, key));
}

/** The largest file an import reads (`import.maxMegabytes`), in bytes. */
export function importMaxBytes(store: Store): number {
  return getNumberSetting(store, 'import.maxMegabytes') * 2 ** 20;
}

export function allSettings(store: Store): Record<string, string> {
  return Object.fromEntries(Object.keys(SETTINGS).map((key) => [key, getSetting(store, key)]));
}

/** Store a setting's (already checked) value. */
export function writeSetting(store: Store, key: string, value: string): void {
  store.run('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', key, value);
}
