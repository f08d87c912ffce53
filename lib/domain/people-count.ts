/**
 * People counts (DESIGN.md §1 Counts): a low bound, a high bound (null when only "at least" is
 * known) and whether the source said "about".
 *
 * Accepted input, after trimming, collapsing whitespace, lower-casing and folding full-width
 * characters (０-９, ，, －, ～) to ASCII; a trailing "people"/"persons"/"individuals" is ignored:
 * - exact: `41`, `1,200` (commas only as thousands separators);
 * - range: `500-600`, `500–600`, `500 to 600`, `500~600` (a tilde between two numbers is the
 *   usual range mark in Korean and Chinese text);
 * - approximate: `about 60`, `around 60`, `approximately 60`, `approx. 60`, `roughly 60`,
 *   `some 60`, `circa 60`, `c. 60`, `~60`, `60 or so`, `60-odd` (also before a range);
 * - open: `at least 41`, `41+`, `41 or more` (low 41), `more than 40`, `over 40` (low 41).
 */
export type PeopleCount = {
  low: number;
  /** Null when the upper bound is unknown ("at least 41"). */
  high: number | null;
  approximate: boolean;
};

export type PeopleCountResult = { ok: true; value: PeopleCount } | { ok: false; error: string };

/** Anything larger is a typing mistake, not a detention report. */
export const MAX_PEOPLE = 100_000;

const EXAMPLES = "for example 41, 500-600, about 60 or at least 41";
const APPROXIMATE_BEFORE = /^(?:~|(?:about|around|approximately|approx|roughly|some|circa)\s|(?:approx|ca|c)\.)\s*/;
const APPROXIMATE_AFTER = /(?:\s+or so|-odd|\s+odd)$/;
const PEOPLE = /\s+(?:people|persons|individuals)$/;
const AT_LEAST = /^(?:at least|no fewer than|not less than)\s+(.+)$/;
const MORE_THAN = /^(?:more than|over)\s+(.+)$/;
const OR_MORE = /^(.+?)(?:\s*\+|\s+or more)$/;
const RANGE = /^(.+?)\s*(?:-|–|—|~|\sto\s)\s*(.+)$/;

type NumberResult = { ok: true; n: number } | { ok: false; error: string };

/** Groups thousands with commas: 1200 → "1,200". Locale-independent on purpose. */
function group(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function parseWhole(text: string): NumberResult {
  if (/^-\s*\d/.test(text)) return { ok: false, error: "A number of people cannot be negative" };
  if (!/^\d+$/.test(text) && !/^\d{1,3}(?:,\d{3})+$/.test(text)) {
    if (/^\d*\.\d+$/.test(text)) return { ok: false, error: `"${text}" is not a whole number of people` };
    return { ok: false, error: `"${text}" is not a number of people: ${EXAMPLES}` };
  }
  const n = Number(text.replace(/,/g, ""));
  if (n > MAX_PEOPLE) return { ok: false, error: `${text} is more than ${group(MAX_PEOPLE)} people: check the number` };
  return { ok: true, n };
}

function open(low: NumberResult, add: number, approximate: boolean): PeopleCountResult {
  if (!low.ok) return low;
  const n = low.n + add;
  if (n > MAX_PEOPLE)
    return { ok: false, error: `${group(n)} is more than ${group(MAX_PEOPLE)} people: check the number` };
  return { ok: true, value: { low: n, high: null, approximate } };
}

/** Parses what a person typed (or a CSV cell) into a people count. */
export function parsePeopleCount(input: string): PeopleCountResult {
  let text = input
    .normalize("NFKC")
    .replace(/\u301c/g, "~")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase()
    .replace(PEOPLE, "");
  if (text === "") return { ok: false, error: `Enter a number of people, ${EXAMPLES}` };

  let approximate = false;
  const before = APPROXIMATE_BEFORE.exec(text);
  if (before) {
    approximate = true;
    text = text.slice(before[0].length);
  }
  const after = APPROXIMATE_AFTER.exec(text);
  if (after) {
    approximate = true;
    text = text.slice(0, after.index);
  }

  let match = AT_LEAST.exec(text);
  if (match) return open(parseWhole(match[1] ?? ""), 0, approximate);
  match = MORE_THAN.exec(text);
  if (match) return open(parseWhole(match[1] ?? ""), 1, approximate);
  match = OR_MORE.exec(text);
  if (match) return open(parseWhole(match[1] ?? ""), 0, approximate);

  match = RANGE.exec(text);
  if (match) {
    const low = parseWhole(match[1] ?? "");
    if (!low.ok) return low;
    const high = parseWhole(match[2] ?? "");
    if (!high.ok) return high;
    if (high.n < low.n)
      return { ok: false, error: `The range ends below where it starts (${group(low.n)}–${group(high.n)})` };
    return { ok: true, value: { low: low.n, high: high.n, approximate } };
  }

  const exact = parseWhole(text);
  if (!exact.ok) return exact;
  return { ok: true, value: { low: exact.n, high: exact.n, approximate } };
}

/** "41", "1,200", "500–600", "about 60", "41+"; the result parses back to the same count. */
export function formatPeopleCount(value: PeopleCount): string {
  let text: string;
  if (value.high === null) text = `${group(value.low)}+`;
  else if (value.high === value.low) text = group(value.low);
  else text = `${group(value.low)}–${group(value.high)}`;
  return value.approximate ? `about ${text}` : text;
}

/**
 * The count's contribution to totals: an open count adds its low bound to the high total too,
 * and flags the total as open (it may be higher).
 */
export function countForTotals(value: PeopleCount): { low: number; high: number; open: boolean } {
  return { low: value.low, high: value.high ?? value.low, open: value.high === null };
}
