/**
 * Formula injection guard (OWASP "CSV Injection"). A spreadsheet reads a cell that begins
 * with `=`, `@`, tab or carriage return as a formula, and one that begins with `+` or `-`
 * too. Only a formula that names something (a function, a reference, a DDE link: letters,
 * `!`, `|`, quotes…) can do harm: a sign followed only by digits, spaces and `( ) . , / + -`
 * is a number or a phone number (`-5`, `+7 (900) 123-45-67`) and is left as it is, so
 * ordinary values carry no visible mark.
 *
 * XLSX cells are typed: a text cell is never a formula, and the XLSX writer marks a
 * formula-like text with Excel's hidden quote prefix (xlsxWriter.ts). CSV has no types: a
 * formula-like string is written with a leading apostrophe. The guard also applies to
 * strings that already begin with apostrophes followed by a formula (`'=x` → `''=x`), which
 * makes it exactly reversible: `stripFormulaGuard` removes one apostrophe only where the
 * guard added one, so a file we exported reads back with the user's original values.
 */
const FORMULA = /^(?:[=@\t\r]|[+-](?![\d\s().,/+-]*$))/;
const GUARDED = /^'+(?:[=@\t\r]|[+-](?![\d\s().,/+-]*$))/;

/** Whether a spreadsheet could run this text as a formula that names something. */
export function isFormulaLike(s: string): boolean {
  return FORMULA.test(s);
}

/** The CSV form of a string: formula-like text (or text the guard could be mistaken for) gets a leading apostrophe. */
export function neutralizeFormula(s: string): string {
  return FORMULA.test(s) || GUARDED.test(s) ? `'${s}` : s;
}

/** The inverse of `neutralizeFormula`, applied to every cell the readers return. */
export function stripFormulaGuard(s: string): string {
  return GUARDED.test(s) ? s.slice(1) : s;
}
