import { createHash } from "node:crypto";
import { stringify } from "csv-stringify/sync";
import {
  CELL_LIMITS,
  DERIVED_EVENT_KEY_PREFIX,
  IMPORT_COLUMNS,
  checkHeader,
  parseRow,
  readCsvTable,
  type CaseIdentity,
  type EventFields,
  type ImportColumn,
  type ImportIssue,
  type ParsedRow,
  type SourceFields,
} from "./csv";
import { toFuzzyDateInput } from "./fuzzy-date";
import type { PeopleCount } from "./people-count";

export {
  DERIVED_EVENT_KEY_PREFIX,
  IMPORT_COLUMNS,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  type ImportColumn,
  type ImportIssue,
} from "./csv";

/**
 * The CSV import of DESIGN.md §6, without any I/O: the checked rows of a file (see `csv.ts`)
 * grouped into a plan (cases by ref, events by key, sources by key, attributions), or every
 * problem by row and column. The data layer writes the plan.
 *
 * Grouping: rows sharing `case_ref` are one person; rows sharing `event_ref` are one event; a row
 * without `event_ref` is an event keyed by its content; a row without `case_ref` is a group of
 * unidentified people. Values two rows state differently for one case, event, source or
 * attribution are an error naming both rows; an empty cell states nothing and never conflicts.
 */

/** The key of an event given without `event_ref`: the same content always gives the same key. */
export function derivedEventKey(row: Pick<ParsedRow, "event" | "count" | "caseRef">): string {
  const words = (value: string | null) => value?.normalize("NFKC").replace(/\s+/g, " ").toLowerCase() ?? null;
  const { type, date, country, province, place, facility } = row.event;
  const content = [type, date.from, date.to, date.approximate, country, province, words(place), words(facility)];
  const count = row.count ? [row.count.low, row.count.high, row.count.approximate] : null;
  const digest = createHash("sha256")
    .update(JSON.stringify([...content, count, row.caseRef]))
    .digest("hex");
  return `${DERIVED_EVENT_KEY_PREFIX}${digest.slice(0, 32)}`;
}

export interface PlannedCase extends CaseIdentity {
  ref: string;
  /** The first row that names the case, for errors found later. */
  row: number;
}

export interface PlannedEvent extends EventFields {
  /** `event_ref`, or a key derived from the row's content (DERIVED_EVENT_KEY_PREFIX…). */
  key: string;
  row: number;
  /** People known only as a number; null when no row of the event states a count. */
  unidentified: PeopleCount | null;
  caseRefs: string[];
}

export interface PlannedSource extends SourceFields {
  row: number;
}

export interface PlannedAttribution {
  eventKey: string;
  sourceKey: string;
  row: number;
  credibility: number | null;
  claimedLow: number | null;
  claimedHigh: number | null;
  /** The event's date as the source gave it, in canonical input form (`2017-07..2017-08`). */
  claimedDate: string;
  /** The `notes` of the rows of this event and source, distinct, in row order. */
  excerpt: string | null;
}

/** The whole file, grouped: what the import will create or update. */
export interface ImportPlan {
  rowCount: number;
  cases: PlannedCase[];
  events: PlannedEvent[];
  sources: PlannedSource[];
  attributions: PlannedAttribution[];
}

export type ImportPlanResult = { ok: true; plan: ImportPlan } | { ok: false; errors: ImportIssue[] };

const fold = (value: unknown) =>
  typeof value === "string" ? value.normalize("NFKC").replace(/\s+/g, " ").trim().toLowerCase() : value;
const same = (a: unknown, b: unknown) => JSON.stringify(fold(a)) === JSON.stringify(fold(b));

interface Group<T> {
  value: T;
  row: number;
  origins: Map<keyof T, number>;
}

function newGroup<T>(value: T, row: number, fields: (keyof T)[]): Group<T> {
  const origins = new Map<keyof T, number>();
  for (const field of fields) if (value[field] !== null) origins.set(field, row);
  return { value, row, origins };
}

/**
 * Fills the group's empty fields from a later row; a field both rows state differently is an
 * error naming both rows. Empty cells never conflict: they state nothing.
 */
function mergeInto<T>(
  group: Group<T>,
  incoming: T,
  row: number,
  columns: Partial<Record<keyof T, ImportColumn>>,
  sharing: string,
  issues: ImportIssue[],
) {
  for (const field of Object.keys(columns) as (keyof T)[]) {
    const value = incoming[field];
    if (value === null) continue;
    if (group.value[field] === null) {
      group.value[field] = value;
      group.origins.set(field, row);
    } else if (!same(group.value[field], value)) {
      const column = columns[field]!;
      const first = group.origins.get(field) ?? group.row;
      issues.push({ row, column, message: `Differs from row ${first}, which has the same ${sharing}` });
    }
  }
}

const CASE_COLUMNS = { fullName: "full_name", sex: "sex", ageGroup: "age_group", birthYear: "birth_year" } as const;
const EVENT_COLUMNS = {
  type: "event_type",
  date: "date",
  country: "country",
  province: "province",
  place: "place",
  facility: "facility",
  unidentified: "people_low",
} as const;
const SOURCE_COLUMNS = {
  title: "source_title",
  publisher: "source_publisher",
  url: "source_url",
  publishedOn: "source_date",
  reliability: "source_reliability",
} as const;
const EXCERPT_MAX = CELL_LIMITS.notes!;

type EventDraft = Omit<PlannedEvent, "caseRefs" | "row" | "key"> & { caseRefs: Set<string> };
type AttributionDraft = { credibility: number | null; count: PeopleCount | null; notes: string[]; rows: number[] };

/** Groups checked rows into cases, events, sources and attributions (DESIGN.md §6 rules). */
export function groupRows(rows: ParsedRow[], issues: ImportIssue[]): Omit<ImportPlan, "rowCount"> {
  const cases = new Map<string, Group<CaseIdentity>>();
  const events = new Map<string, Group<EventDraft>>();
  const sources = new Map<string, Group<Omit<SourceFields, "key">>>();
  const attributions = new Map<string, Group<AttributionDraft> & { eventKey: string; sourceKey: string }>();

  for (const parsed of rows) {
    const { row, caseRef, count, source } = parsed;
    if (caseRef !== null) {
      const group = cases.get(caseRef);
      if (group) mergeInto(group, parsed.identity, row, CASE_COLUMNS, "case_ref", issues);
      else
        cases.set(caseRef, newGroup({ ...parsed.identity }, row, Object.keys(CASE_COLUMNS) as (keyof CaseIdentity)[]));
    }

    const eventKey = parsed.eventRef ?? derivedEventKey(parsed);
    const draft: EventDraft = { ...parsed.event, unidentified: count, caseRefs: new Set() };
    let event = events.get(eventKey);
    if (event) mergeInto(event, draft, row, EVENT_COLUMNS, "event_ref", issues);
    else events.set(eventKey, (event = newGroup(draft, row, Object.keys(EVENT_COLUMNS) as (keyof EventDraft)[])));
    if (caseRef !== null) event.value.caseRefs.add(caseRef);

    if (source === null) continue;
    const { key: sourceKey, ...fields } = source;
    const known = sources.get(sourceKey);
    if (known) mergeInto(known, fields, row, SOURCE_COLUMNS, "source", issues);
    else sources.set(sourceKey, newGroup(fields, row, Object.keys(SOURCE_COLUMNS) as (keyof typeof fields)[]));

    const pairKey = `${eventKey}\u0000${sourceKey}`;
    const draftClaim: AttributionDraft = { credibility: parsed.credibility, count, notes: [], rows: [] };
    let claim = attributions.get(pairKey);
    if (claim) mergeInto(claim, draftClaim, row, { credibility: "credibility" }, "event and source", issues);
    else {
      claim = { ...newGroup(draftClaim, row, ["credibility"]), eventKey, sourceKey };
      attributions.set(pairKey, claim);
    }
    claim.value.count ??= count;
    if (parsed.notes !== null && !claim.value.notes.includes(parsed.notes)) {
      const length = [...claim.value.notes, parsed.notes].reduce((n, note) => n + [...note].length + 2, -2);
      if (length > EXCERPT_MAX) {
        const message = `With the notes of row ${claim.row} for the same event and source, longer than ${EXCERPT_MAX.toLocaleString("en")} characters`;
        issues.push({ row, column: "notes", message });
      } else claim.value.notes.push(parsed.notes);
    }
  }

  for (const event of events.values()) {
    if (event.value.caseRefs.size === 0 && event.value.unidentified === null) {
      const message = "This event names no people: give case_ref, or people_low for a group of unidentified people";
      issues.push({ row: event.row, column: "people_low", message });
    }
  }

  return {
    cases: [...cases].map(([ref, { value, row }]) => ({ ref, row, ...value })),
    events: [...events].map(([key, { value, row }]) => ({ ...value, key, row, caseRefs: [...value.caseRefs] })),
    sources: [...sources].map(([key, { value, row }]) => ({ key, row, ...value })),
    attributions: [...attributions.values()].map(({ eventKey, sourceKey, row, value }) => ({
      eventKey,
      sourceKey,
      row,
      credibility: value.credibility,
      claimedLow: value.count?.low ?? null,
      claimedHigh: value.count ? value.count.high : null,
      claimedDate: toFuzzyDateInput(events.get(eventKey)!.value.date),
      excerpt: value.notes.length ? value.notes.join("\n\n") : null,
    })),
  };
}

const columnOrder = (column: string) => IMPORT_COLUMNS.indexOf(column as ImportColumn);

/**
 * Checks a whole file and plans the import: `ok: false` lists every problem, sorted by row and
 * column, and then nothing may be written.
 */
export function planImport(bytes: Uint8Array, options: { today?: Date } = {}): ImportPlanResult {
  const table = readCsvTable(bytes);
  if (!table.ok) return table;
  const { header, rows, issues: shapeIssues } = table.value;
  const headerIssues = checkHeader(header);
  if (headerIssues.length) return { ok: false, errors: headerIssues };

  const issues = [...shapeIssues];
  const index = new Map(header.map((name, i) => [name, i]));
  const parsed: ParsedRow[] = [];
  for (const { row, cells } of rows) {
    const cell = (column: ImportColumn) => {
      const at = index.get(column);
      return at === undefined ? "" : (cells[at] ?? "");
    };
    const result = parseRow(row, cell, issues, options.today);
    if (result) parsed.push(result);
  }
  const plan = groupRows(parsed, issues);
  if (issues.length) {
    issues.sort((a, b) => a.row - b.row || columnOrder(a.column) - columnOrder(b.column));
    return { ok: false, errors: issues };
  }
  return { ok: true, plan: { rowCount: rows.length, ...plan } };
}

type TemplateRow = Partial<Record<ImportColumn, string>>;

const exampleSource = {
  source_title: "Example report on detentions in China",
  source_publisher: "Example Rights Group",
  source_url: "https://example.org/reports/example-detentions",
  source_date: "2017-10-01",
  source_reliability: "B",
  credibility: "2",
};

/**
 * Fictitious rows, one per event type, following one invented person, plus a group of 41 people
 * known only by number (the Human Rights Watch style "41 apprehended in July and August 2017").
 */
export const TEMPLATE_ROWS: TemplateRow[] = [
  {
    event_ref: "EX-2017-001",
    case_ref: "C-2017-9001",
    full_name: "Example Person One",
    sex: "F",
    age_group: "ADULT",
    birth_year: "1990",
    event_type: "APPREHENSION",
    date: "2017-07-14",
    country: "CN",
    province: "Jilin",
    place: "Example City bus station",
    ...exampleSource,
    notes: "Example excerpt: stopped at a checkpoint with two others.",
  },
  {
    event_ref: "EX-2017-002",
    case_ref: "C-2017-9001",
    event_type: "DETENTION",
    date: "2017-07",
    country: "CN",
    province: "JILIN",
    facility: "Example Border Detention Centre",
    ...exampleSource,
  },
  {
    event_ref: "EX-2017-003",
    case_ref: "C-2017-9001",
    event_type: "TRANSFER",
    date: "2017-08-02",
    country: "CN",
    province: "Liaoning",
    facility: "Example Detention Centre",
    ...exampleSource,
  },
  {
    event_ref: "EX-2017-004",
    case_ref: "C-2017-9001",
    event_type: "REPATRIATION",
    date: "about 2017-09",
    country: "KP",
    province: "North Hamgyong",
    ...exampleSource,
  },
  {
    event_ref: "EX-2018-001",
    case_ref: "C-2018-9002",
    sex: "M",
    age_group: "CHILD",
    event_type: "RELEASE",
    date: "2018-03",
    date_to: "2018-04",
    country: "CN",
    province: "Yunnan",
  },
  {
    event_ref: "EX-2018-002",
    case_ref: "C-2018-9002",
    event_type: "THIRD_COUNTRY_ARRIVAL",
    date: "2018-05-20",
    country: "TH",
  },
  {
    event_ref: "EX-2019-001",
    case_ref: "C-2019-9003",
    sex: "UNKNOWN",
    age_group: "OLDER",
    event_type: "DEATH",
    date: "2019",
    country: "CN",
    province: "Heilongjiang",
  },
  {
    event_ref: "EX-2019-002",
    case_ref: "C-2019-9003",
    event_type: "OTHER",
    date: "2019-02..2019-03",
    country: "CN",
    place: "Example village",
  },
  {
    event_ref: "EX-2017-HRW-41",
    event_type: "APPREHENSION",
    date: "2017-07",
    date_to: "2017-08",
    country: "CN",
    people_low: "41",
    ...exampleSource,
    notes: "Example excerpt: 41 North Koreans apprehended in July and August 2017.",
  },
];

/** The template CSV: the header and the example rows, UTF-8 without BOM. */
export function buildImportTemplate(): string {
  return stringify([
    [...IMPORT_COLUMNS],
    ...TEMPLATE_ROWS.map((row) => IMPORT_COLUMNS.map((column) => row[column] ?? "")),
  ]);
}
