import { CsvError, parse } from "csv-parse/sync";
import { IMPORT_COLUMNS, REQUIRED_COLUMNS, type ImportIssue } from "./csv-format";
import { isOneOf } from "./enums";

/**
 * Reading a CSV import file (DESIGN.md §6) into a header and rows: UTF-8 only (a BOM is dropped),
 * comma-separated, double quotes around cells that hold commas, quotes or line breaks. The columns
 * are `csv-format.ts`; checking and normalising each row's cells is `csv-row.ts`; grouping rows into
 * cases, events and sources is `csv-import.ts`. What the first two export is re-exported here.
 */

export {
  CELL_LIMITS,
  DERIVED_EVENT_KEY_PREFIX,
  IMPORT_COLUMNS,
  REQUIRED_COLUMNS,
  type ImportColumn,
  type ImportIssue,
} from "./csv-format";
export { parseRow, type CaseIdentity, type EventFields, type ParsedRow, type SourceFields } from "./csv-row";

/** Larger files are refused before they are decoded. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** Data rows, not counting the header. */
export const MAX_IMPORT_ROWS = 100_000;

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
