/**
 * Messages are written in both languages where they are raised: `L('Group not found',
 * 'Группа не найдена')`. Keeping the pair together keeps them in step; the language is
 * chosen once at start-up from `--lang`, else `LANG`.
 */
export type Lang = 'ru' | 'en';

let current: Lang = 'en';

export function setLang(lang: Lang): void {
  current = lang;
}

export function lang(): Lang {
  return current;
}

export function detectLang(flag: string | undefined, env: NodeJS.ProcessEnv): Lang {
  const raw = (flag ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '').toLowerCase();
  return raw.startsWith('ru') ? 'ru' : 'en';
}

/** Pick the message in the current language. */
export function L(en: string, ru: string): string {
  return current === 'ru' ? ru : en;
}
