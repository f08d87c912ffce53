import type { DatePrecision } from "./enums";

/**
 * Fuzzy dates (DESIGN.md §1): an inclusive interval of calendar dates, how precisely it is known,
 * and whether the source said "about". A year-only date is never turned into 1 January.
 *
 * Accepted input, after trimming, collapsing whitespace and folding full-width characters
 * (０-９ －  ． ～ and the ideographic space) to ASCII:
 * - `2017-07-14`, `2017-07`, `2017` (month and day may have one digit: `2017-7-4`);
 * - a range with `..`: `2017-07..2017-08`, `2017-07-14..2017-08-02`, `2016..2017`, ends of any
 *   precision; or the second argument `{ to }` (the CSV's `date_to`), which extends a single date;
 * - an approximate marker before either end: `~`, `about`, `around`, `approximately`, `approx.`,
 *   `circa`, `ca.`, `c.`.
 * Not accepted, each with a message saying what to write instead: slashes (07/08/2017 could be
 * July or August) and dashes, tildes or "to" between two dates (`2017-07-2017-08` misreads).
 */
export type FuzzyDate = {
  /** First possible day, YYYY-MM-DD. */
  from: string;
  /** Last possible day, YYYY-MM-DD, inclusive. */
  to: string;
  precision: DatePrecision;
  approximate: boolean;
};

export type FuzzyDateResult = { ok: true; value: FuzzyDate } | { ok: false; error: string };

type Ymd = { y: number; m: number; d: number };
type Bounds = { from: string; to: string; approximate: boolean };
type BoundsResult = { ok: true; value: Bounds } | { ok: false; error: string };

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

const MONTHS = "January February March April May June July August September October November December".split(" ");
const ENDPOINT = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/;
const APPROXIMATE = /^(?:~|(?:about|around|approximately|approx|circa)(?=\s)|(?:approx|ca|c)\.)\s*/;
const RANGE_HINT = 'Write a range with "..", for example 2017-07..2017-08';
const EXAMPLES = "use YYYY-MM-DD, YYYY-MM or YYYY, for example 2017-07-14, 2017-07 or 2017";

/** True for Gregorian leap years (1900 and 2100 are not, 2000 is). */
export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Number of days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const isoOf = ({ y, m, d }: Ymd) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const monthName = (m: number) => MONTHS[m - 1] ?? String(m);

function ymdOf(iso: string): Ymd {
  const [y = 0, m = 0, d = 0] = iso.split("-").map(Number);
  return { y, m, d };
}

function normalise(input: string): string {
  return input
    .normalize("NFKC") // full-width digits, －, ．, ～ and U+3000 become ASCII
    .replace(/[\u2010\u2011]/g, "-")
    .replace(/\u301c/g, "~") // wave dash, common in Korean and Japanese text
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/** Explains the separators we refuse, rather than misreading them. */
function separatorHint(text: string): string | null {
  if (text.includes("/")) return "Slashes are ambiguous (07/08/2017 could be July or August); " + EXAMPLES;
  // A dash before a second year ("2017-2018", "2017-07-2017-08") would otherwise read as a month.
  if (/[\u2013\u2014]|\s-\s|\sto\s|\d\s*~|\d-(?:19|20|21)\d\d(?:-|$)/.test(text)) return RANGE_HINT;
  return null;
}

function parseEndpoint(raw: string): BoundsResult {
  const marker = APPROXIMATE.exec(raw);
  const text = marker ? raw.slice(marker[0].length) : raw;
  const match = ENDPOINT.exec(text);
  if (!match) return { ok: false, error: `"${raw}" is not a date: ${EXAMPLES}` };
  const [, year, month, day] = match;
  const y = Number(year);
  if (y < MIN_YEAR || y > MAX_YEAR) return { ok: false, error: `Year must be between ${MIN_YEAR} and ${MAX_YEAR}` };
  const m = month === undefined ? null : Number(month);
  if (m !== null && (m < 1 || m > 12)) return { ok: false, error: "Month must be 01–12" };
  const d = day === undefined ? null : Number(day);
  if (m !== null && d !== null) {
    if (d < 1 || d > 31) return { ok: false, error: "Day must be 01–31" };
    if (d > daysInMonth(y, m)) return { ok: false, error: `${isoOf({ y, m, d })} is not a calendar date` };
  }
  const from = isoOf({ y, m: m ?? 1, d: d ?? 1 });
  const to = isoOf({ y, m: m ?? 12, d: d ?? daysInMonth(y, m ?? 12) });
  return { ok: true, value: { from, to, approximate: marker !== null } };
}

/**
 * Precision follows from the bounds alone, so a range that covers exactly one day, month or year
 * is normalised to DAY, MONTH or YEAR (`2017-01..2017-12` is the year 2017).
 */
export function precisionOf(from: string, to: string): DatePrecision {
  if (from === to) return "DAY";
  const a = ymdOf(from);
  const b = ymdOf(to);
  if (a.y !== b.y || a.d !== 1 || b.d !== daysInMonth(b.y, b.m)) return "RANGE";
  if (a.m === b.m) return "MONTH";
  return a.m === 1 && b.m === 12 ? "YEAR" : "RANGE";
}

function fromBounds(start: Bounds, end: Bounds): FuzzyDateResult {
  if (end.to < start.from) return { ok: false, error: "The range ends before it starts" };
  const { from } = start;
  const { to } = end;
  const approximate = start.approximate || end.approximate;
  return { ok: true, value: { from, to, precision: precisionOf(from, to), approximate } };
}

/**
 * Parses what a person typed (or a CSV cell) into a fuzzy date. `opts.to` is a second, single
 * date that extends the first into a range; an empty `to` is ignored.
 */
export function parseFuzzyDate(input: string, opts: { to?: string } = {}): FuzzyDateResult {
  const text = normalise(input);
  if (text === "") return { ok: false, error: `Enter a date: ${EXAMPLES}` };
  const hint = separatorHint(text);
  if (hint) return { ok: false, error: hint };
  const parts = text.split("..").map((part) => part.trim());
  if (parts.length > 2) return { ok: false, error: `A range has two ends. ${RANGE_HINT}` };
  if (parts.some((part) => part === "")) return { ok: false, error: `A range needs a start and an end. ${RANGE_HINT}` };
  const [startText = "", endText] = parts;

  const start = parseEndpoint(startText);
  if (!start.ok) return start;
  const end = endText === undefined ? start : parseEndpoint(endText);
  if (!end.ok) return end;

  const toText = normalise(opts.to ?? "");
  if (toText === "") return fromBounds(start.value, end.value);
  if (endText !== undefined) return { ok: false, error: "The date is already a range: leave the end date empty" };
  if (toText.includes("..")) return { ok: false, error: "The end date must be a single date, not a range" };
  const extra = separatorHint(toText);
  if (extra) return { ok: false, error: `End date: ${extra}` };
  const last = parseEndpoint(toText);
  if (!last.ok) return { ok: false, error: `End date: ${last.error}` };
  return fromBounds(start.value, last.value);
}

/**
 * Builds a fuzzy date from stored bounds (YYYY-MM-DD), validating them; precision is recomputed.
 */
export function fuzzyDateFromBounds(from: string, to: string, approximate = false): FuzzyDateResult {
  const dayOnly = /^\d{4}-\d{2}-\d{2}$/;
  if (!dayOnly.test(from) || !dayOnly.test(to)) return { ok: false, error: "Bounds must be YYYY-MM-DD" };
  const start = parseEndpoint(from);
  if (!start.ok) return start;
  const end = parseEndpoint(to);
  if (!end.ok) return end;
  return fromBounds({ ...start.value, approximate }, end.value);
}

/** Widens a fuzzy date to whole months: what partners may see (DESIGN.md §4, no exact dates). */
export function coarsenToMonth(value: FuzzyDate): FuzzyDate {
  const a = ymdOf(value.from);
  const b = ymdOf(value.to);
  const from = isoOf({ ...a, d: 1 });
  const to = isoOf({ ...b, d: daysInMonth(b.y, b.m) });
  return { from, to, precision: precisionOf(from, to), approximate: value.approximate };
}

type Shape = { unit: "day" | "month" | "year"; a: Ymd; b: Ymd };

function shapeOf(value: FuzzyDate): Shape {
  const a = ymdOf(value.from);
  const b = ymdOf(value.to);
  const wholeMonths = a.d === 1 && b.d === daysInMonth(b.y, b.m);
  if (!wholeMonths) return { unit: "day", a, b };
  return { unit: a.m === 1 && b.m === 12 ? "year" : "month", a, b };
}

function describe({ unit, a, b }: Shape): string {
  const sameYear = a.y === b.y;
  const sameMonth = sameYear && a.m === b.m;
  if (unit === "year") return sameYear ? `${a.y} (year only)` : `${a.y}–${b.y}`;
  if (unit === "month") {
    if (sameMonth) return `${monthName(a.m)} ${a.y}`;
    if (sameYear) return `${monthName(a.m)}–${monthName(b.m)} ${a.y}`;
    return `${monthName(a.m)} ${a.y}–${monthName(b.m)} ${b.y}`;
  }
  if (sameMonth && a.d === b.d) return `${a.d} ${monthName(a.m)} ${a.y}`;
  if (sameMonth) return `${a.d}–${b.d} ${monthName(a.m)} ${a.y}`;
  if (sameYear) return `${a.d} ${monthName(a.m)}–${b.d} ${monthName(b.m)} ${a.y}`;
  return `${a.d} ${monthName(a.m)} ${a.y}–${b.d} ${monthName(b.m)} ${b.y}`;
}

/**
 * Honest human text: "14 July 2017", "July 2017", "2017 (year only)", "July–August 2017",
 * "14 July–2 August 2017", prefixed "about " when approximate. `level: "month"` first coarsens
 * the date to whole months, for readers who must never see exact dates.
 */
export function formatFuzzyDate(value: FuzzyDate, opts: { level?: "exact" | "month" } = {}): string {
  const shown = opts.level === "month" ? coarsenToMonth(value) : value;
  const text = describe(shapeOf(shown));
  return shown.approximate ? `about ${text}` : text;
}

/** The canonical input text for a fuzzy date; `parseFuzzyDate` reads it back to the same value. */
export function toFuzzyDateInput(value: FuzzyDate): string {
  const { unit, a, b } = shapeOf(value);
  const ym = (x: Ymd) => `${pad(x.y, 4)}-${pad(x.m)}`;
  let text: string;
  if (unit === "year") text = a.y === b.y ? String(a.y) : `${a.y}..${b.y}`;
  else if (unit === "month") text = ym(a) === ym(b) ? ym(a) : `${ym(a)}..${ym(b)}`;
  else text = value.from === value.to ? value.from : `${value.from}..${value.to}`;
  return value.approximate ? `about ${text}` : text;
}

/**
 * How many calendar months the interval touches (1 for a day or a month, 12 for a year).
 * Tallies use it: an event spanning several months adds to no single month's low bound.
 */
export function monthsSpanned(value: Pick<FuzzyDate, "from" | "to">): number {
  const a = ymdOf(value.from);
  const b = ymdOf(value.to);
  return (b.y - a.y) * 12 + (b.m - a.m) + 1;
}

/** True when `from` and `to` fall in the same calendar month. */
export function isWithinOneMonth(value: Pick<FuzzyDate, "from" | "to">): boolean {
  return monthsSpanned(value) === 1;
}
