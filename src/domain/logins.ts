/**
 * Logins are unique: the base if free, else the base with the first free number from 2
 * (`ivanovii`, `ivanovii2`, `ivanovii3`), as people expect from mail systems.
 */

/**
 * Base for a name with no letters at all (loginBase gave ''): such people become `user`,
 * `user2`, ... A word rather than a bare number, so the login still reads as a login;
 * the collision check keeps it unique even if a real surname transliterates to `user`.
 */
export const FALLBACK_BASE = 'user';

export function uniqueLogin(base: string, taken: (login: string) => boolean): string {
  const b = base || FALLBACK_BASE;
  if (!taken(b)) return b;
  let n = 2;
  while (taken(`${b}${n}`)) n++;
  return `${b}${n}`;
}

/**
 * Logins for a batch of new people, in the order of `bases`: each is checked against the
 * logins already taken and those given earlier in the same batch, so two new Ivanov I. I.
 * get `ivanovii` and `ivanovii2`.
 */
export function assignLogins(bases: readonly string[], taken: Iterable<string>): string[] {
  const used = new Set(taken);
  return bases.map((base) => {
    const login = uniqueLogin(base, (l) => used.has(l));
    used.add(login);
    return login;
  });
}
