import { MAX_YEAR, MIN_YEAR } from "./fuzzy-date";

/**
 * Human case references such as `C-2017-0041`: the year the case was first recorded and a
 * sequence within that year, zero-padded to four digits (more digits once past 9999).
 * Each case has exactly one spelling: `C-2017-00041` and `c-2017-0041` are not refs.
 */

export const CASE_REF_PATTERN = /^C-(\d{4})-(\d{4,})$/;

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`Case ref year must be an integer from ${MIN_YEAR} to ${MAX_YEAR}, got ${year}`);
  }
}

/** `formatCaseRef(2017, 41)` → `"C-2017-0041"`. Throws RangeError on a bad year or sequence. */
export function formatCaseRef(year: number, seq: number): string {
  assertYear(year);
  if (!Number.isSafeInteger(seq) || seq < 1) {
    throw new RangeError(`Case ref sequence must be a positive integer, got ${seq}`);
  }
  return `C-${year}-${String(seq).padStart(4, "0")}`;
}

/**
 * Reads a ref in its one canonical spelling, or returns null. Does not trim: callers handling
 * typed or imported text trim it first.
 */
export function parseCaseRef(s: string): { year: number; seq: number } | null {
  const match = CASE_REF_PATTERN.exec(s);
  if (!match) return null;
  const year = Number(match[1]);
  const seq = Number(match[2]);
  if (year < MIN_YEAR || year > MAX_YEAR || !Number.isSafeInteger(seq) || seq < 1) return null;
  return formatCaseRef(year, seq) === s ? { year, seq } : null;
}

/**
 * The ref after the highest sequence already used in `year` (null or 0 when none is).
 * Uniqueness is still the database's job: two writers may compute the same next ref.
 */
export function nextCaseRef(year: number, existingMaxSeq: number | null): string {
  const max = existingMaxSeq ?? 0;
  if (!Number.isSafeInteger(max) || max < 0) {
    throw new RangeError(`Existing maximum sequence must be a non-negative integer, got ${existingMaxSeq}`);
  }
  return formatCaseRef(year, max + 1);
}
