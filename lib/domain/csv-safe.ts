/**
 * Characters that make a spreadsheet read a cell as a formula (or that some spreadsheets skip
 * before looking for one): `=`, `+`, `-`, `@`, tab and carriage return (OWASP "CSV Injection").
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralises one cell of an exported CSV: a value that a spreadsheet would run as a formula
 * (`=HYPERLINK(…)`, `@SUM(…)`, `+1-1`) gets a leading single quote, so it opens as text. Every other
 * value comes back unchanged. Quoting for commas and line breaks is the CSV writer's job, not this.
 *
 * Apply it to every cell, numbers included (counts are never negative, so they never change).
 */
export function csvSafe(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
