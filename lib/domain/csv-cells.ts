import type { ImportColumn } from "./csv-format";
import { CN_PROVINCES, isOneOf, NK_PROVINCES, RELIABILITY, type Reliability } from "./enums";
import { parseFuzzyDate, type FuzzyDate } from "./fuzzy-date";
import { parsePeopleCount, type PeopleCount } from "./people-count";
import { normaliseSourceUrl, sourceKey } from "./source-key";

/**
 * The checks of one row's cells that take more than a list of codes: birth year, dates, location,
 * people count and source (see `parseRow` in csv-row.ts). Each reports its problems and returns
 * the normalised value, or null.
 */

/** Records a problem in a column of the row being read. */
export type Report = (column: ImportColumn, message: string) => void;

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

/** The source a row cites; `key` finds it again on a later import (see `sourceKey`). */
export interface SourceFields {
  key: string;
  title: string;
  publisher: string | null;
  url: string | null;
  /** YYYY-MM-DD. */
  publishedOn: string | null;
  reliability: Reliability | null;
}

const BOOLEAN_CELLS: Record<string, boolean> = { true: true, yes: true, y: true, "1": true };
for (const no of ["false", "no", "n", "0"]) BOOLEAN_CELLS[no] = false;

/** A cell as a code: "North Hamgyong" → NORTH_HAMGYONG. */
export const codeOf = (value: string) =>
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

/** `birth_year`: a year from 1900 to this year. */
export function parseBirthYear(value: string | null, today: Date, issue: Report): number | null {
  if (value === null) return null;
  const thisYear = today.getUTCFullYear();
  const year = Number(value);
  if (/^\d{4}$/.test(value) && year >= 1900 && year <= thisYear) return year;
  issue("birth_year", `Must be a year from 1900 to ${thisYear}`);
  return null;
}

/** `date`, required, and `date_to` (the end of a range) as one fuzzy date. */
export function parseDate(date: string | null, dateTo: string | null, issue: Report): FuzzyDate | null {
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

/** `country` (ISO code) and `province` (China or North Korea only); a province alone tells the country. */
export function parseLocation(country: string | null, province: string | null, issue: Report) {
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

/** `people_low`, `people_high` and `approximate`: the people a row without `case_ref` counts. */
export function parseCount(
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

/** The `source_*` cells; null when `source_title` is empty. */
export function parseSource(v: Record<ImportColumn, string | null>, issue: Report): SourceFields | null {
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
