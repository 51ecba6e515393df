import { randomInt } from 'node:crypto';

/**
 * Printed on paper slips and typed by students: no characters that read alike
 * (0 O o, 1 l I i L). 23 upper + 23 lower + 8 digits = 54 symbols, ≈5.75 bits each.
 */
export const PASSWORD_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789';

const CLASSES = [/[A-Z]/, /[a-z]/, /[0-9]/];

/**
 * A random password with at least one upper-case letter, one lower-case letter and one
 * digit. Drawn whole and redrawn until every class is present (rejection sampling): this
 * gives every valid password the same probability, where planting the three required
 * characters would skew the distribution. At length 8 about 28% of draws lack a digit,
 * so fewer than 1.4 draws are needed on average.
 */
export function generatePassword(length = 10): string {
  if (!Number.isInteger(length) || length < 8 || length > 64) {
    throw new RangeError(`Password length must be an integer from 8 to 64, got ${length}`);
  }
  for (;;) {
    let pw = '';
    for (let i = 0; i < length; i++) pw += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
    if (CLASSES.every((re) => re.test(pw))) return pw;
  }
}
