/**
 * The one clock of a run. Every "as of" date in output and every stored timestamp (audit
 * time, `issued_at`, `disabled_at`, when a mark was entered) comes from here, so a run with
 * `$REGISTRAR_TODAY` is consistent with itself.
 */
import { InputError } from './errors.js';

/** A calendar date as an ISO string (`2025-09-01`): sorts, compares and stores as text. */
export type IsoDate = string;

export interface Clock {
  /** Today's date: `$REGISTRAR_TODAY` when set, else the local date. */
  readonly today: IsoDate;
  /** The current moment: today's date at the real time of day (UTC), so events keep their order. */
  now(): Date;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function localIsoDate(d: Date): IsoDate {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function isRealIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/**
 * A clock fixed to `today` (ISO), ticking with the real time of day; `realNow` is injectable
 * for tests.
 */
export function clockAt(today: IsoDate, realNow: () => Date = () => new Date()): Clock {
  return {
    today,
    now() {
      const real = realNow();
      if (localIsoDate(real) === today) return real;
      return new Date(`${today}T${real.toISOString().slice(11)}`);
    },
  };
}

/**
 * The clock of this process: the real one, or `$REGISTRAR_TODAY` (an ISO date) for tests and
 * back-filling. Throws InputError `bad_today` when that variable is not a real ISO date.
 */
export function systemClock(env: NodeJS.ProcessEnv = process.env, realNow: () => Date = () => new Date()): Clock {
  const forced = env.REGISTRAR_TODAY;
  if (forced !== undefined && forced !== '') {
    if (!isRealIsoDate(forced)) throw new InputError('bad_today', { value: forced });
    return clockAt(forced, realNow);
  }
  return clockAt(localIsoDate(realNow()), realNow);
}
