/**
 * The format of a CSV import file (DESIGN.md §6): its columns and cell limits, and how a problem
 * in it is located.
 */

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
export const DEFAULT_CELL_LIMIT = 100;
/** Derived event keys start with this; an `event_ref` may not. */
export const DERIVED_EVENT_KEY_PREFIX = "auto:";
