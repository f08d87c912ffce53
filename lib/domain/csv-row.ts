import { parseCaseRef } from "./case-ref";
import {
  codeOf,
  parseBirthYear,
  parseCount,
  parseDate,
  parseLocation,
  parseSource,
  type Report,
  type SourceFields,
} from "./csv-cells";
import {
  CELL_LIMITS,
  DEFAULT_CELL_LIMIT,
  DERIVED_EVENT_KEY_PREFIX,
  IMPORT_COLUMNS,
  type ImportColumn,
  type ImportIssue,
} from "./csv-format";
import { AGE_GROUP, EVENT_TYPE, isOneOf, SEX, type AgeGroup, type EventType, type Sex } from "./enums";
import type { FuzzyDate } from "./fuzzy-date";
import type { PeopleCount } from "./people-count";

export type { SourceFields } from "./csv-cells";

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

const known = <T extends string>(value: T | null) => (value === "UNKNOWN" ? null : value);

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
