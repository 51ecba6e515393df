/**
 * One language at a time. Every sentence a person reads lives in the catalogues
 * `src/core/messages/en.ts` and `ru.ts`, keyed by stable codes (error codes are keys too);
 * `t(key, params)` picks the current language's wording. The language is chosen once at
 * start-up from `--lang`, else `LC_ALL`/`LC_MESSAGES`/`LANG`.
 */
import { en, type Catalogue } from './messages/en.js';
import { ru } from './messages/ru.js';

export type Lang = 'ru' | 'en';
export type MessageKey = keyof Catalogue;
/** The parameters a message takes, or undefined for a fixed sentence. */
export type MessageParams<K extends MessageKey> = Catalogue[K] extends (params: infer P) => string ? P : undefined;
type ParamArgs<K extends MessageKey> = MessageParams<K> extends undefined ? [] : [params: MessageParams<K>];

const CATALOGUES: Record<Lang, Catalogue> = { en, ru };
let current: Lang = 'en';

export function setLang(lang: Lang): void {
  current = lang;
}

export function lang(): Lang {
  return current;
}

export function detectLang(flag: string | undefined, env: NodeJS.ProcessEnv): Lang {
  const raw = (flag ?? (env.LC_ALL || env.LC_MESSAGES || env.LANG) ?? '').toLowerCase();
  return raw.startsWith('ru') ? 'ru' : 'en';
}

/** The message `key` in the current language, filled with `params`. */
export function t<K extends MessageKey>(key: K, ...args: ParamArgs<K>): string {
  const entry = CATALOGUES[current][key] as string | ((p: unknown) => string) | undefined;
  if (entry === undefined) throw new Error(`no message "${String(key)}" in the ${current} catalogue`);
  return typeof entry === 'function' ? entry(args[0]) : entry;
}

/** Whether `key` names a message (for codes that arrive from outside, e.g. commander's). */
export function hasMessage(key: string): key is MessageKey {
  return key in CATALOGUES[current];
}
