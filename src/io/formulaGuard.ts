/**
 * Formula injection guard (OWASP "CSV Injection"): a spreadsheet treats a cell that begins
 * with `=`, `+`, `-`, `@`, tab or carriage return as a formula, so such strings are written
 * with a leading apostrophe.
 *
 * The guard is also applied to strings that already begin with apostrophes followed by one
 * of those characters (`'=x` → `''=x`). That makes it exactly reversible: `stripFormulaGuard`
 * removes one apostrophe only where the guard added one, so a file we exported (an
 * `--errors` file, a list) reads back with the user's original values.
 */
const RISKY = /^'*[=+\-@\t\r]/;

export function neutralizeFormula(s: string): string {
  return RISKY.test(s) ? `'${s}` : s;
}

/** The inverse of `neutralizeFormula`, applied to every cell the readers return. */
export function stripFormulaGuard(s: string): string {
  return s.startsWith("'") && RISKY.test(s.slice(1)) ? s.slice(1) : s;
}
