import type { IsoDate } from './domain/dates.js';

/** Today as an ISO date, or $REGISTRAR_TODAY when set (tests and back-filling). */
export function today(env: NodeJS.ProcessEnv = process.env): IsoDate {
  const forced = env.REGISTRAR_TODAY;
  if (forced) return forced;
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
