import { createHash } from "node:crypto";
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
import { mergeInto, newGroup, type Group } from "./import-row-group";
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
