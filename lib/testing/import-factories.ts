import { randomInt } from "node:crypto";
import { stringify } from "csv-stringify/sync";
import { IMPORT_COLUMNS, type ImportColumn } from "@/lib/domain/csv-import";
import { uniqueToken } from "./factories";
import { koreanName } from "./korean-names";

// Builders for CSV import tests. Case refs, event refs and source URLs are unique per call, so that
// tests running in parallel against one database never share records.

export type CsvRow = Partial<Record<ImportColumn, string>>;

/** A CSV file as bytes: the header (default: every column of rows' keys, in template order) and rows. */
export function csvFile(rows: CsvRow[], header?: readonly string[]): Uint8Array {
  const columns = header ?? IMPORT_COLUMNS.filter((column) => rows.some((row) => row[column] !== undefined));
  const text = stringify([columns, ...rows.map((row) => columns.map((column) => row[column as ImportColumn] ?? ""))]);
  return new TextEncoder().encode(text);
}

// A random starting point per test process, then consecutive numbers: no two calls collide.
let nextSeq = randomInt(10_000_000, 1_000_000_000);

/** A canonical case ref no other test uses: C-YYYY-NNNNNNNNN. */
export function uniqueCaseRef(year = 2017): string {
  return `C-${year}-${nextSeq++}`;
}

export function uniqueEventRef(): string {
  return `T-${uniqueToken()}`;
}

/** Source columns for a source no other test uses. */
export function uniqueSource(overrides: CsvRow = {}): CsvRow {
  const token = uniqueToken();
  return {
    source_title: `Test report ${token}`,
    source_publisher: "Test Rights Group",
    source_url: `https://example.org/reports/${token}`,
    source_date: "2017-10-01",
    source_reliability: "B",
    credibility: "2",
    ...overrides,
  };
}

/** One valid row for a named person (case_ref), with a source. */
export function caseRow(overrides: CsvRow = {}): CsvRow {
  return {
    event_ref: uniqueEventRef(),
    case_ref: uniqueCaseRef(),
    full_name: "Test Person",
    sex: "F",
    age_group: "ADULT",
    event_type: "APPREHENSION",
    date: "2017-07-14",
    country: "CN",
    province: "Jilin",
    ...uniqueSource(),
    ...overrides,
  };
}

/** `n` generated rows: every fourth a group of unidentified people, the rest named people. */
export function generatedRows(n: number): CsvRow[] {
  const source = uniqueSource();
  const prefix = uniqueToken();
  return Array.from({ length: n }, (_, i) => {
    const day = String((i % 28) + 1).padStart(2, "0");
    const common = {
      event_ref: `G-${prefix}-${i}`,
      event_type: i % 2 ? "DETENTION" : "APPREHENSION",
      date: `2017-${String((i % 12) + 1).padStart(2, "0")}-${day}`,
      country: "CN",
      province: "Jilin",
      place: `Place ${i % 50}`,
      ...source,
      notes: `Generated row ${i}`,
    };
    if (i % 4 === 3) return { ...common, people_low: String((i % 40) + 1) };
    return { ...common, case_ref: uniqueCaseRef(2018), full_name: koreanName(i), sex: i % 3 ? "M" : "F" };
  });
}
