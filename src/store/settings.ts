import { InputError } from '../core/errors.js';
import { SETTINGS, settingProblem } from '../domain/settings.js';
import type { Store } from './store.js';

/** A setting's value: the stored one, else its default. */
export function getSetting(store: Store, key: string): string {
  const problem = settingProblem(key);
  if (problem) throw new InputError('unknown_setting', problem);
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

export function setSetting(store: Store, key: string, raw: string): string {
  const problem = settingProblem(key);
  if (problem) throw new InputError('unknown_setting', problem);
  const parsed = SETTINGS[key].parse(raw);
  if (typeof parsed !== 'string') throw new InputError('bad_setting', `${key}: ${parsed.error}`, { key, value: raw });
  return store.mutate(() => {
    const before = getSetting(store, key);
    store.run('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', key, parsed);
    store.audit({ entity: 'setting', entityId: key, action: 'set', before, after: parsed });
    return parsed;
  });
}
