import { CsvError, parse } from "csv-parse/sync";
import { parseCaseRef } from "./case-ref";
import {
  AGE_GROUP,
  CN_PROVINCES,
  EVENT_TYPE,
  isOneOf,
  NK_PROVINCES,
  RELIABILITY,
  SEX,
  type AgeGroup,
  type EventType,
  type Reliability,
  type Sex,
} from "./enums";
import { parseFuzzyDate, type FuzzyDate } from "./fuzzy-date";
import { parsePeopleCount, type PeopleCount } from "./people-count";
import { normaliseSourceUrl, sourceKey } from "./source-key";

/**
 * Reading a CSV import file (DESIGN.md §6) into checked rows: UTF-8 only (a BOM is dropped),
 * comma-separated, double quotes around cells that hold commas, quotes or line breaks; then each
 * row's cells are checked and normalised on their own. Grouping rows into cases, events and
 * sources is `csv-import.ts`.
 */

/** Larger files are refused before they are decoded. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** Data rows, not counting the header. */
export const MAX_IMPORT_ROWS = 100_000;

/**
 * A problem in the file. `row` is the row number a spreadsheet shows (the header is row 1, the
 * first data row is row 2); 0 means the file as a whole. `column` is a header name, or "" when the
 * problem is the whole row.
 */
export interface ImportIssue {
  row: number;
  column: string;
  message: string;
}

export interface CsvTable {
  /** Header cells, trimmed and lower-cased. */
  header: string[];
  /** Data rows that are not blank, each with its spreadsheet row number. */
  rows: { row: number; cells: string[] }[];
  /** Rows left out because their number of cells differs from the header's. */
  issues: ImportIssue[];
}

export type CsvTableResult = { ok: true; value: CsvTable } | { ok: false; errors: ImportIssue[] };

const SAVE_AS_UTF8 = 'save it from your spreadsheet as "CSV UTF-8"';

/** Which physical lines hold bytes that are not UTF-8 (a line break never sits inside a character). */
function invalidUtf8Lines(bytes: Uint8Array): number[] {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const lines: number[] = [];
  let start = 0;
  let line = 1;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    try {
      decoder.decode(bytes.subarray(start, i));
    } catch {
      lines.push(line);
    }
    start = i + 1;
    line++;
  }
  return lines;
}

/** Decodes strict UTF-8 and drops a BOM; any invalid byte is an error naming its line. */
export function decodeUtf8(bytes: Uint8Array): { ok: true; text: string } | { ok: false; errors: ImportIssue[] } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, errors: [{ row: 0, column: "", message: `The file is UTF-16, not UTF-8: ${SAVE_AS_UTF8}` }] };
  }
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return {
      ok: false,
      errors: invalidUtf8Lines(bytes).map((row) => ({
        row,
        column: "",
        message: `Line ${row} is not valid UTF-8 text: ${SAVE_AS_UTF8}`,
      })),
    };
  }
}

const isBlank = (cells: string[]) => cells.every((cell) => cell.trim() === "");

/**
 * Decodes and splits a file into a header and rows. Blank rows are skipped but still counted, so
 * that row numbers match the spreadsheet. Does not look at what the cells mean. Fails only when
 * the file cannot be read at all; a row of the wrong width is reported in `issues`.
 */
export function readCsvTable(bytes: Uint8Array): CsvTableResult {
  const fail = (message: string, row = 0): CsvTableResult => ({ ok: false, errors: [{ row, column: "", message }] });
  if (bytes.length > MAX_IMPORT_BYTES) return fail(`The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return decoded;
  if (decoded.text.trim() === "") return fail("The file is empty");

  let records: string[][];
  try {
    records = parse(decoded.text, { relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // `records` counts the rows read before the broken one; the header is row 1.
    const row = ((error as CsvError & { records?: number }).records ?? 0) + 1;
    return fail(`The CSV is malformed here (${error.message}). Check the quotes around cells.`, row);
  }

  const [header = [], ...data] = records;
  const rows: CsvTable["rows"] = [];
  const issues: ImportIssue[] = [];
  data.forEach((cells, index) => {
    const row = index + 2;
    if (isBlank(cells)) return;
    if (cells.length !== header.length) {
      issues.push({ row, column: "", message: `This row has ${cells.length} cells; the header has ${header.length}` });
    } else rows.push({ row, cells });
  });
  if (rows.length + issues.length > MAX_IMPORT_ROWS) {
    return fail(`The file has more than ${MAX_IMPORT_ROWS.toLocaleString("en")} rows: split it into several files`);
  }
  if (rows.length + issues.length === 0) return fail("The file has a header but no data rows", 2);
  return { ok: true, value: { header: header.map((name) => name.trim().toLowerCase()), rows, issues } };
}

/** The columns of DESIGN.md §6, in the template's order. */
export const IMPORT_COLUMNS = [
  "event_ref",
  "case_ref",
  "full_name",
  "sex",
  "age_group",
  "birth_year",
  "event_type",
  "date",
  "date_to",
  "country",
  "province",
  "place",
  "facility",
  "people_low",
  "people_high",
  "approximate",
  "source_title",
  "source_publisher",
  "source_url",
  "source_date",
  "source_reliability",
  "credibility",
  "notes",
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const REQUIRED_COLUMNS = ["event_type", "date"] as const satisfies readonly ImportColumn[];

/** Longest text per cell, in characters; the same limits as the forms. Other cells: 100. */
export const CELL_LIMITS: Partial<Record<ImportColumn, number>> = {
  full_name: 200,
  place: 200,
  facility: 200,
  source_title: 500,
  source_publisher: 200,
  source_url: 2000,
  notes: 5000,
};
const DEFAULT_CELL_LIMIT = 100;
/** Derived event keys start with this; an `event_ref` may not. */
export const DERIVED_EVENT_KEY_PREFIX = "auto:";

// ISO 3166-1 alpha-2, the officially assigned codes.
const COUNTRY_CODES = new Set(
  (
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY " +
    "BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM " +
    "FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT " +
    "JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN " +
    "MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT " +
    "PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL " +
    "TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
  ).split(" "),
);

export interface CaseIdentity {
  fullName: string | null;
  sex: Sex | null;
  ageGroup: AgeGroup | null;
  birthYear: number | null;
}

export interface EventFields {
  type: EventType;
  date: FuzzyDate;
  country: string | null;
  /** A code of NK_PROVINCES or CN_PROVINCES. */
  province: string | null;
  place: string | null;
  facility: string | null;
}

export interface SourceFields {
  key: string;
  title: string;
  publisher: string | null;
  url: string | null;
  /** YYYY-MM-DD. */
  publishedOn: string | null;
  reliability: Reliability | null;
}

/** One data row, checked and normalised. Empty cells are null: "not stated", never "erase". */
export interface ParsedRow {
  row: number;
  eventRef: string | null;
  caseRef: string | null;
  identity: CaseIdentity;
  event: EventFields;
  /** People known only as a number; null on a row that names a case or states no count. */
  count: PeopleCount | null;
  source: SourceFields | null;
  credibility: number | null;
  notes: string | null;
}

type Report = (column: ImportColumn, message: string) => void;

const BOOLEAN_CELLS: Record<string, boolean> = { true: true, yes: true, y: true, "1": true };
for (const no of ["false", "no", "n", "0"]) BOOLEAN_CELLS[no] = false;

const known = <T extends string>(value: T | null) => (value === "UNKNOWN" ? null : value);
const codeOf = (value: string) =>
  value
    .normalize("NFKC")
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, "_");

function provinceCode(value: string, country: string | null): { code: string; country: "CN" | "KP" } | null {
  const wanted = codeOf(value);
  const lists = [
    { country: "CN" as const, list: CN_PROVINCES },
    { country: "KP" as const, list: NK_PROVINCES },
  ].filter((l) => country === null || l.country === country);
  for (const { country: c, list } of lists) {
    const found = list.find((p) => p.code === wanted || codeOf(p.label) === wanted);
    if (found) return { code: found.code, country: c };
  }
  return null;
}

/** Reads one row's cells; reports problems into `issues` and returns null if there were any. */
export function parseRow(
  row: number,
  cell: (column: ImportColumn) => string,
  issues: ImportIssue[],
  today: Date = new Date(),
): ParsedRow | null {
  const before = issues.length;
  const issue: Report = (column, message) => issues.push({ row, column, message });
  // Trimmed text or null. Surrounding spaces go; everything else, a leading = + - @ too, is kept
  // as written: cells are stored as text and never evaluated.
  const v = {} as Record<ImportColumn, string | null>;
  for (const column of IMPORT_COLUMNS) {
    const value = cell(column).trim();
    const limit = CELL_LIMITS[column] ?? DEFAULT_CELL_LIMIT;
    v[column] = null;
    if (value.includes("\u0000")) issue(column, "Contains a NUL character");
    else if ([...value].length > limit) issue(column, `Longer than ${limit.toLocaleString("en")} characters`);
    else v[column] = value || null;
  }
  const code = <T extends string>(column: ImportColumn, list: readonly T[]): T | null => {
    const value = v[column];
    if (value === null) return null;
    const wanted = codeOf(value);
    if (isOneOf(list, wanted)) return wanted;
    issue(column, `"${value}" is not one of ${list.join(", ")}`);
    return null;
  };

  const { event_ref: eventRef, case_ref: caseRef } = v;
  if (eventRef?.toLowerCase().startsWith(DERIVED_EVENT_KEY_PREFIX)) {
    issue("event_ref", `An event_ref may not start with "${DERIVED_EVENT_KEY_PREFIX}"`);
  }
  // The ref counter is a 32-bit integer column.
  if (caseRef !== null && (parseCaseRef(caseRef)?.seq ?? Infinity) > 2_147_483_647) {
    issue("case_ref", `"${caseRef}" is not a case ref like C-2017-0041`);
  }

  const identity: CaseIdentity = {
    fullName: v.full_name,
    // UNKNOWN states nothing: it neither conflicts with nor replaces a known value.
    sex: known(code("sex", SEX)),
    ageGroup: known(code("age_group", AGE_GROUP)),
    birthYear: parseBirthYear(v.birth_year, today, issue),
  };
  if (caseRef === null) {
    for (const column of ["full_name", "sex", "age_group", "birth_year"] as const) {
      if (cell(column).trim() !== "") {
        issue(column, "Needs a case_ref: a row without case_ref is a group of unidentified people");
      }
    }
  }

  if (v.event_type === null) issue("event_type", `Required: one of ${EVENT_TYPE.join(", ")}`);
  const type = code("event_type", EVENT_TYPE);
  const date = parseDate(v.date, v.date_to, issue);
  if (identity.birthYear !== null && date && identity.birthYear > Number(date.to.slice(0, 4))) {
    issue("birth_year", "The person would be born after this event");
  }
  const location = parseLocation(v.country, v.province, issue);
  const count = parseCount(caseRef, v.people_low, v.people_high, v.approximate, issue);
  const source = parseSource(v, issue);
  let credibility: number | null = null;
  if (v.credibility !== null) {
    if (/^[1-6]$/.test(v.credibility)) credibility = Number(v.credibility);
    else issue("credibility", "Must be a whole number from 1 (confirmed) to 6 (cannot be judged)");
  }
  if (source === null && v.source_title === null) {
    if (v.credibility !== null) issue("credibility", "Needs a source: give source_title");
    if (v.notes !== null) issue("notes", "Notes are the source's excerpt: give source_title");
  }

  if (issues.length > before || !type || !date) return null;
  return {
    row,
    eventRef,
    caseRef,
    identity,
    event: { type, date, ...location, place: v.place, facility: v.facility },
    count,
    source,
    credibility,
    notes: v.notes,
  };
}

function parseBirthYear(value: string | null, today: Date, issue: Report): number | null {
  if (value === null) return null;
  const thisYear = today.getUTCFullYear();
  const year = Number(value);
  if (/^\d{4}$/.test(value) && year >= 1900 && year <= thisYear) return year;
  issue("birth_year", `Must be a year from 1900 to ${thisYear}`);
  return null;
}

function parseDate(date: string | null, dateTo: string | null, issue: Report): FuzzyDate | null {
  if (date === null) {
    issue("date", "Required: for example 2017-07-14, 2017-07, 2017 or 2017-07..2017-08");
    return null;
  }
  const alone = parseFuzzyDate(date);
  if (!alone.ok) {
    issue("date", alone.error);
    return null;
  }
  if (dateTo === null) return alone.value;
  const range = parseFuzzyDate(date, { to: dateTo });
  if (range.ok) return range.value;
  issue("date_to", range.error.replace(/^End date: /, ""));
  return null;
}

function parseLocation(country: string | null, province: string | null, issue: Report) {
  let code = country === null ? null : country.toUpperCase();
  if (code !== null && !COUNTRY_CODES.has(code)) {
    issue("country", `"${country}" is not a two-letter ISO country code such as CN or KP`);
    code = null;
  }
  if (province === null) return { country: code, province: null };
  if (code !== null && code !== "CN" && code !== "KP") {
    issue("province", "Provinces are recorded only for China (CN) and North Korea (KP)");
    return { country: code, province: null };
  }
  const found = provinceCode(province, code);
  if (!found) {
    const where = code === "CN" ? "China" : code === "KP" ? "North Korea" : "China or North Korea";
    issue("province", `"${province}" is not a province of ${where}`);
    return { country: code, province: null };
  }
  // The province lists do not overlap, so a province alone tells the country.
  return { country: found.country, province: found.code };
}

function parseCount(
  caseRef: string | null,
  low: string | null,
  high: string | null,
  approximate: string | null,
  issue: Report,
): PeopleCount | null {
  let approx = false;
  if (approximate !== null) {
    const value = BOOLEAN_CELLS[approximate.toLowerCase()];
    if (value === undefined) issue("approximate", "Must be yes or no (true/false, 1/0)");
    else approx = value;
  }
  if (caseRef !== null) {
    if (low !== null) issue("people_low", "Leave empty on a row with case_ref: that row is one person");
    if (high !== null) issue("people_high", "Leave empty on a row with case_ref: that row is one person");
    if (approx) issue("approximate", "Marks a count as approximate: only for rows with people_low");
    return null;
  }
  if (low === null) {
    if (high !== null) issue("people_high", "Needs people_low");
    if (approx) issue("approximate", "Marks a count as approximate: only for rows with people_low");
    return null;
  }
  const parsed = parsePeopleCount(low);
  if (!parsed.ok) {
    issue("people_low", parsed.error);
    return null;
  }
  if (high === null) return { ...parsed.value, approximate: parsed.value.approximate || approx };
  if (parsed.value.high !== parsed.value.low) {
    issue("people_high", "Leave empty when people_low is already a range or open (at least …)");
    return null;
  }
  const top = parsePeopleCount(high);
  if (!top.ok || top.value.high !== top.value.low || top.value.approximate) {
    issue("people_high", "Must be a whole number");
    return null;
  }
  if (top.value.low < parsed.value.low) {
    issue("people_high", `Is lower than people_low (${parsed.value.low})`);
    return null;
  }
  return { low: parsed.value.low, high: top.value.low, approximate: parsed.value.approximate || approx };
}

function parseSource(v: Record<ImportColumn, string | null>, issue: Report): SourceFields | null {
  const { source_title: title, source_publisher: publisher } = v;
  if (title === null) {
    const given = (["source_publisher", "source_url", "source_date", "source_reliability"] as const).find(
      (column) => v[column] !== null,
    );
    if (given) issue("source_title", `Required when ${given} is given`);
    return null;
  }
  let url: string | null = null;
  if (v.source_url !== null) {
    if (normaliseSourceUrl(v.source_url) === null) {
      issue("source_url", "Must be a web address starting with http:// or https://");
    } else url = v.source_url;
  }
  let publishedOn: string | null = null;
  if (v.source_date !== null) {
    const parsed = parseFuzzyDate(v.source_date);
    if (!parsed.ok) issue("source_date", parsed.error);
    else if (parsed.value.precision !== "DAY" || parsed.value.approximate) {
      issue("source_date", "Must be the day of publication, YYYY-MM-DD");
    } else publishedOn = parsed.value.from;
  }
  let reliability: Reliability | null = null;
  if (v.source_reliability !== null) {
    const letter = v.source_reliability.toUpperCase();
    if (isOneOf(RELIABILITY, letter)) reliability = letter;
    else issue("source_reliability", "Must be a letter from A (completely reliable) to F (cannot be judged)");
  }
  return { key: sourceKey({ url, title, publisher, publishedOn }), title, publisher, url, publishedOn, reliability };
}

/** Header names must be known and unique, and include the required columns. */
export function checkHeader(header: string[]): ImportIssue[] {
  const issues: ImportIssue[] = [];
  const seen = new Map<string, number>();
  header.forEach((name, index) => {
    const position = index + 1;
    if (!isOneOf(IMPORT_COLUMNS, name)) {
      const message = name === "" ? `Column ${position} has no name` : `Unknown column "${name}"`;
      issues.push({ row: 1, column: name, message: `${message}. Columns are: ${IMPORT_COLUMNS.join(", ")}` });
    } else if (seen.has(name)) {
      issues.push({ row: 1, column: name, message: `Appears twice (columns ${seen.get(name)} and ${position})` });
    } else seen.set(name, position);
  });
  for (const required of REQUIRED_COLUMNS) {
    if (!seen.has(required)) issues.push({ row: 1, column: required, message: "Required column is missing" });
  }
  return issues;
}
