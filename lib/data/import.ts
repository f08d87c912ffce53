import "server-only";
import type { Actor } from "@/lib/domain/actor";
import { parseCaseRef } from "@/lib/domain/case-ref";
import {
  planImport,
  type ImportIssue,
  type ImportPlan,
  type PlannedAttribution,
  type PlannedCase,
  type PlannedEvent,
  type PlannedSource,
} from "@/lib/domain/csv-import";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "./audit";
import { authorize } from "./authorize";

/** What an import did (or, for a dry run, would do) to one kind of record. */
export interface ImportTally {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportSummary {
  dryRun: boolean;
  /** Data rows read, blank rows not counted. */
  rows: number;
  cases: ImportTally;
  events: ImportTally;
  sources: ImportTally;
  attributions: ImportTally;
  /** Links between events and cases; never updated, only created or already there. */
  participants: ImportTally;
}

export type ImportResult = { ok: true; summary: ImportSummary } | { ok: false; errors: ImportIssue[] };

export interface ImportOptions {
  bytes: Uint8Array;
  /** Shown back to the user only; never stored or audited (a file name can name a person). */
  fileName: string;
  /** Runs the whole import, then rolls it back: the summary is exactly what a real run would do. */
  dryRun: boolean;
  /** Called after each batch written, with records done and records in the plan. */
  onProgress?: (done: number, total: number) => void;
}

/** Rows per statement; it also sets how often progress is reported. */
const CHUNK = 1000;
/** New events from which the table statistics are refreshed before participants are linked. */
const ANALYZE_AFTER = 500;
/** A 100,000-row file must fit; Prisma's default of 5 s would not. */
const TRANSACTION_TIMEOUT_MS = 10 * 60_000;

/** For the import page and template: audits and throws AccessDeniedError unless the actor may import. */
export async function authorizeImport(actor: Actor, action = "import.page"): Promise<void> {
  await authorize(actor, "case.write", { action });
}

/** Thrown inside the transaction to roll it back while handing out a result. */
class Rollback extends Error {
  constructor(readonly result: ImportResult) {
    super("rollback");
  }
}

/**
 * Imports a CSV file (DESIGN.md §6). The whole file is checked before anything is written; then
 * one transaction writes it with multi-row statements, all or nothing. Records are found again by
 * case ref, event ref (or derived key), source key and (event, source), so importing the same file
 * twice changes nothing. Empty cells never erase a stored value. Audited as `import.run` with
 * counts only.
 */
export async function importCsv(actor: Actor, options: ImportOptions): Promise<ImportResult> {
  await authorize(actor, "case.write", { action: "import.run" });
  const { dryRun } = options;
  const planned = planImport(options.bytes);
  if (!planned.ok) {
    await auditRun(actor, { outcome: "FAILURE", dryRun, rows: null, errors: planned.errors.length });
    return planned;
  }
  const { plan } = planned;
  let result: ImportResult;
  try {
    result = await db.$transaction(
      async (tx) => {
        const written = await writePlan(tx, actor, plan, dryRun, options.onProgress);
        if (!written.ok || dryRun) throw new Rollback(written);
        await auditRun(actor, { outcome: "SUCCESS", dryRun, rows: plan.rowCount, summary: written.summary }, tx);
        return written;
      },
      { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 10_000 },
    );
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
    result = error.result;
    const counts = result.ok ? { summary: result.summary } : { errors: result.errors.length };
    await auditRun(actor, { outcome: result.ok ? "SUCCESS" : "FAILURE", dryRun, rows: plan.rowCount, ...counts });
  }
  return result;
}

async function auditRun(
  actor: Actor,
  run: {
    outcome: "SUCCESS" | "FAILURE";
    dryRun: boolean;
    rows: number | null;
    summary?: ImportSummary;
    errors?: number;
  },
  tx?: Tx,
) {
  const details: Record<string, number | boolean | null> = { dryRun: run.dryRun, rows: run.rows };
  if (run.errors !== undefined) details.errors = run.errors;
  for (const kind of ["cases", "events", "sources", "attributions", "participants"] as const) {
    const tally = run.summary?.[kind];
    if (!tally) continue;
    details[`${kind}Created`] = tally.created;
    details[`${kind}Updated`] = tally.updated;
  }
  await recordAudit({ actor, action: "import.run", outcome: run.outcome, entityType: "import", details }, tx);
}

function chunked<T>(items: T[], size = CHUNK): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

const tally = (): ImportTally => ({ created: 0, updated: 0, unchanged: 0 });

/**
 * `unnest($1::uuid[], $2::text[], …)`: a chunk of rows as one array parameter per column. Binding
 * one parameter per cell (`VALUES (…), (…)`) costs more than the writes themselves.
 */
function unnest<T>(rows: T[], columns: [keyof T & string, string][]): Prisma.Sql {
  const arrays = columns.map(
    ([field, type]) => Prisma.sql`${rows.map((row) => row[field] ?? null)}::${Prisma.raw(type)}[]`,
  );
  return Prisma.sql`unnest(${Prisma.join(arrays)})`;
}

/** The fields a file states: nulls (empty cells) dropped, since they never erase a stored value. */
function stated<T extends Record<string, unknown>>(file: T): { [K in keyof T]?: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(file).filter(([, value]) => value !== null && value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], null>;
  };
}

type Stored<V> = V & { id: string; key: string };

/** One kind of record: how to find the stored rows of a chunk, and write new and changed ones. */
interface Writer<P, V> {
  key: (item: P) => string;
  /** Stored rows for a chunk (locked FOR UPDATE), with their key as `key`. */
  load: (tx: Tx, chunk: P[]) => Promise<Stored<V>[]>;
  /** Why a stored row may not be written (deleted, merged), as an issue; null when it may. */
  refuse?: (stored: Stored<V>, item: P) => ImportIssue | null;
  /** The values the file states for the record. */
  file: (item: P) => Partial<V>;
  /** All values of a new record. */
  fresh: (item: P) => V;
  insert: (tx: Tx, rows: (V & { key: string })[]) => Promise<{ id: string; key: string }[]>;
  update: (tx: Tx, rows: Stored<V>[]) => Promise<unknown>;
}

interface Written {
  ids: Map<string, string>;
  created: Set<string>;
  tally: ImportTally;
}

/**
 * Creates what is new, updates what differs (only the fields the file states) and counts the
 * rest as unchanged, a chunk at a time.
 */
async function write<P, V extends Record<string, unknown>>(
  tx: Tx,
  writer: Writer<P, V>,
  planned: P[],
  issues: ImportIssue[],
  progress: Progress,
): Promise<Written> {
  const result: Written = { ids: new Map(), created: new Set(), tally: tally() };
  for (const chunk of chunked(planned)) {
    const stored = new Map((await writer.load(tx, chunk)).map((row) => [row.key, row]));
    const inserts: (V & { key: string })[] = [];
    const updates: Stored<V>[] = [];
    for (const item of chunk) {
      const key = writer.key(item);
      const row = stored.get(key);
      if (!row) {
        inserts.push({ ...writer.fresh(item), key });
        continue;
      }
      const refusal = writer.refuse?.(row, item);
      if (refusal) {
        issues.push(refusal);
        continue;
      }
      result.ids.set(key, row.id);
      const file = Object.entries(writer.file(item)).filter(
        ([field, value]) => value !== undefined && value !== row[field],
      );
      if (file.length === 0) result.tally.unchanged++;
      else updates.push({ ...row, ...Object.fromEntries(file) });
    }
    if (inserts.length && issues.length === 0) {
      for (const { id, key } of await writer.insert(tx, inserts)) {
        result.ids.set(key, id);
        result.created.add(key);
      }
      result.tally.created += inserts.length;
    }
    if (updates.length && issues.length === 0) await writer.update(tx, updates);
    result.tally.updated += updates.length;
    progress(chunk.length);
  }
  return result;
}

type Progress = (n: number) => void;

async function writePlan(
  tx: Tx,
  actor: Actor,
  plan: ImportPlan,
  dryRun: boolean,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportResult> {
  const participantCount = plan.events.reduce((n, e) => n + e.caseRefs.length, 0);
  const total =
    plan.cases.length + plan.events.length + plan.sources.length + participantCount + plan.attributions.length;
  let done = 0;
  const progress: Progress = (n) => {
    done += n;
    onProgress?.(done, total);
  };
  onProgress?.(0, total);

  const issues: ImportIssue[] = [];
  const cases = await write(tx, caseWriter(actor), plan.cases, issues, progress);
  const events = await write(tx, eventWriter(actor), plan.events, issues, progress);
  const sources = await write(tx, sourceWriter(actor), plan.sources, issues, progress);
  if (issues.length) return { ok: false, errors: issues.sort((a, b) => a.row - b.row) };
  // The status trigger on participants plans its lookups with the table statistics; after a large
  // insert they still describe the old, small table and it scans every event per case (~1 s per
  // 1,000 rows). ANALYZE sees this transaction's rows; without ownership it only warns.
  if (events.tally.created >= ANALYZE_AFTER) await tx.$executeRaw`ANALYZE events`;
  const participants = await writeParticipants(tx, plan.events, events.ids, cases.ids, progress);
  const attributions = await write(tx, attributionWriter(events, sources), plan.attributions, issues, progress);
  await advanceRefCounters(tx, [...cases.created]);
  return {
    ok: true,
    summary: {
      dryRun,
      rows: plan.rowCount,
      cases: cases.tally,
      events: events.tally,
      sources: sources.tally,
      attributions: attributions.tally,
      participants,
    },
  };
}

// ---- cases ----

type CaseValues = {
  fullName: string | null;
  sex: string;
  ageGroup: string;
  birthYear: number | null;
  deleted?: boolean;
  mergedInto?: string | null;
};

const caseWriter = (actor: Actor): Writer<PlannedCase, CaseValues> => ({
  key: (item) => item.ref,
  load: (tx, chunk) => tx.$queryRaw`
    SELECT c.id, c.ref AS key, c.full_name AS "fullName", c.sex::text AS sex, c.age_group::text AS "ageGroup",
           c.birth_year AS "birthYear", c.deleted_at IS NOT NULL AS deleted, m.ref AS "mergedInto"
    FROM cases c LEFT JOIN cases m ON m.id = c.merged_into_id
    WHERE c.ref = ANY(${chunk.map((item) => item.ref)}::text[])
    ORDER BY c.ref FOR UPDATE OF c`,
  refuse: (stored, item) =>
    stored.deleted
      ? { row: item.row, column: "case_ref", message: "This case was deleted in Passage" }
      : stored.mergedInto
        ? { row: item.row, column: "case_ref", message: `This case was merged into ${stored.mergedInto}: use that ref` }
        : null,
  file: ({ fullName, sex, ageGroup, birthYear }) => stated({ fullName, sex, ageGroup, birthYear }),
  fresh: (item) => ({ ...item, sex: item.sex ?? "UNKNOWN", ageGroup: item.ageGroup ?? "UNKNOWN" }),
  insert: (tx, rows) => tx.$queryRaw`
    INSERT INTO cases (ref, full_name, sex, age_group, birth_year, created_by_id)
    SELECT v.key, v.full_name, v.sex::"Sex", v.age_group::"AgeGroup", v.birth_year, ${actor.id}::uuid
    FROM ${unnest(rows, [
      ["key", "text"],
      ["fullName", "text"],
      ["sex", "text"],
      ["ageGroup", "text"],
      ["birthYear", "int"],
    ])}
      AS v(key, full_name, sex, age_group, birth_year)
    RETURNING id, ref AS key`,
  update: (tx, rows) => tx.$executeRaw`
    UPDATE cases c SET full_name = v.full_name, sex = v.sex::"Sex", age_group = v.age_group::"AgeGroup",
      birth_year = v.birth_year, version = c.version + 1, updated_at = now()
    FROM ${unnest(rows, [
      ["id", "uuid"],
      ["fullName", "text"],
      ["sex", "text"],
      ["ageGroup", "text"],
      ["birthYear", "int"],
    ])}
      AS v(id, full_name, sex, age_group, birth_year)
    WHERE c.id = v.id`,
});

/** New refs from the file raise the year's counter, so that refs handed out later skip them. */
async function advanceRefCounters(tx: Tx, refs: string[]) {
  const highest = new Map<number, number>();
  for (const ref of refs) {
    const parsed = parseCaseRef(ref);
    if (parsed && parsed.seq > (highest.get(parsed.year) ?? 0)) highest.set(parsed.year, parsed.seq);
  }
  if (highest.size === 0) return;
  await tx.$executeRaw`
    INSERT INTO case_ref_counters (year, last_seq)
    SELECT * FROM unnest(${[...highest.keys()]}::int[], ${[...highest.values()]}::int[])
    ON CONFLICT (year) DO UPDATE SET last_seq = EXCLUDED.last_seq, updated_at = now()
    WHERE case_ref_counters.last_seq < EXCLUDED.last_seq`;
}

// ---- events ----

type EventValues = {
  type: string;
  from: string;
  to: string;
  precision: string;
  dateApproximate: boolean;
  country: string | null;
  province: string | null;
  place: string | null;
  facility: string | null;
  low: number;
  high: number | null;
  countApproximate: boolean;
  deleted?: boolean;
};

const EVENT_COLUMNS: [keyof EventValues & string, string][] = [
  ["type", "text"],
  ["from", "date"],
  ["to", "date"],
  ["precision", "text"],
  ["dateApproximate", "boolean"],
  ["country", "text"],
  ["province", "text"],
  ["place", "text"],
  ["facility", "text"],
  ["low", "int"],
  ["high", "int"],
  ["countApproximate", "boolean"],
];
const EVENT_VALUES = Prisma.raw(
  "type, occurred_from, occurred_to, precision, date_approximate, country, province, place, facility, " +
    "unidentified_low, unidentified_high, count_approximate",
);

function eventFile(event: PlannedEvent): Partial<EventValues> {
  const { type, date, country, province, place, facility, unidentified: count } = event;
  return {
    type,
    from: date.from,
    to: date.to,
    precision: date.precision,
    dateApproximate: date.approximate,
    ...stated({ country, province, place, facility }),
    // A count is stated as a whole: "at least 41" (high null) replaces a stored 41–50.
    ...(count ? { low: count.low, high: count.high, countApproximate: count.approximate } : {}),
  };
}

const eventWriter = (actor: Actor): Writer<PlannedEvent, EventValues> => ({
  key: (item) => item.key,
  load: (tx, chunk) => tx.$queryRaw`
    SELECT id, ref AS key, type::text AS type, to_char(occurred_from, 'YYYY-MM-DD') AS "from",
           to_char(occurred_to, 'YYYY-MM-DD') AS "to", precision::text AS precision,
           date_approximate AS "dateApproximate", country, province, place, facility,
           unidentified_low AS low, unidentified_high AS high, count_approximate AS "countApproximate",
           deleted_at IS NOT NULL AS deleted
    FROM events WHERE ref = ANY(${chunk.map((item) => item.key)}::text[])
    ORDER BY ref FOR UPDATE`,
  refuse: (stored, item) =>
    stored.deleted ? { row: item.row, column: "event_ref", message: "This event was deleted in Passage" } : null,
  file: eventFile,
  fresh: (item) =>
    ({
      country: null,
      province: null,
      place: null,
      facility: null,
      low: 0,
      high: 0,
      countApproximate: false,
      ...eventFile(item),
    }) as EventValues,
  insert: (tx, rows) => tx.$queryRaw`
    INSERT INTO events (ref, type, occurred_from, occurred_to, precision, date_approximate, country, province,
                        place, facility, unidentified_low, unidentified_high, count_approximate, created_by_id)
    SELECT v.key, v.type::"EventType", v.occurred_from, v.occurred_to, v.precision::"DatePrecision",
           v.date_approximate, v.country, v.province, v.place, v.facility, v.unidentified_low,
           v.unidentified_high, v.count_approximate, ${actor.id}::uuid
    FROM ${unnest(rows, [["key", "text"], ...EVENT_COLUMNS])} AS v(key, ${EVENT_VALUES})
    RETURNING id, ref AS key`,
  update: (tx, rows) => tx.$executeRaw`
    UPDATE events e SET type = v.type::"EventType", occurred_from = v.occurred_from, occurred_to = v.occurred_to,
      precision = v.precision::"DatePrecision", date_approximate = v.date_approximate, country = v.country,
      province = v.province, place = v.place, facility = v.facility, unidentified_low = v.unidentified_low,
      unidentified_high = v.unidentified_high, count_approximate = v.count_approximate,
      version = e.version + 1, updated_at = now()
    FROM ${unnest(rows, [["id", "uuid"], ...EVENT_COLUMNS])} AS v(id, ${EVENT_VALUES})
    WHERE e.id = v.id`,
});

// ---- sources ----

type SourceValues = {
  title: string;
  publisher: string | null;
  url: string | null;
  publishedOn: string | null;
  reliability: string;
  deleted?: boolean;
};
const SOURCE_COLUMNS: [keyof SourceValues & string, string][] = [
  ["title", "text"],
  ["publisher", "text"],
  ["url", "text"],
  ["publishedOn", "date"],
  ["reliability", "text"],
];

/**
 * The file has no column for a source's kind or confidentiality: new sources are OTHER and
 * confidential (least privilege: partners see none of them until staff decide), and an import
 * never changes either on an existing source.
 */
const sourceWriter = (actor: Actor): Writer<PlannedSource, SourceValues> => ({
  key: (item) => item.key,
  load: (tx, chunk) => tx.$queryRaw`
    SELECT id, key, title, publisher, url, to_char(published_on, 'YYYY-MM-DD') AS "publishedOn", reliability,
           deleted_at IS NOT NULL AS deleted
    FROM sources WHERE key = ANY(${chunk.map((item) => item.key)}::text[])
    ORDER BY key FOR UPDATE`,
  refuse: (stored, item) =>
    stored.deleted
      ? {
          row: item.row,
          column: item.url ? "source_url" : "source_title",
          message: "This source was deleted in Passage",
        }
      : null,
  file: ({ title, publisher, url, publishedOn, reliability }) =>
    stated({ title, publisher, url, publishedOn, reliability }),
  fresh: (item) => ({ ...item, reliability: item.reliability ?? "F" }),
  insert: (tx, rows) => tx.$queryRaw`
    INSERT INTO sources (key, title, publisher, url, published_on, reliability, kind, confidential, created_by_id)
    SELECT v.*, 'OTHER'::"SourceKind", true, ${actor.id}::uuid
    FROM ${unnest(rows, [["key", "text"], ...SOURCE_COLUMNS])} AS v(key, title, publisher, url, published_on, reliability)
    RETURNING id, key`,
  update: (tx, rows) => tx.$executeRaw`
    UPDATE sources s SET title = v.title, publisher = v.publisher, url = v.url, published_on = v.published_on,
      reliability = v.reliability, version = s.version + 1, updated_at = now()
    FROM ${unnest(rows, [["id", "uuid"], ...SOURCE_COLUMNS])} AS v(id, title, publisher, url, published_on, reliability)
    WHERE s.id = v.id`,
});

// ---- participants and attributions ----

async function writeParticipants(
  tx: Tx,
  events: PlannedEvent[],
  eventIds: Map<string, string>,
  caseIds: Map<string, string>,
  progress: Progress,
): Promise<ImportTally> {
  const pairs = events.flatMap((e) =>
    e.caseRefs.map((ref) => ({ eventId: eventIds.get(e.key)!, caseId: caseIds.get(ref)! })),
  );
  const result = tally();
  for (const chunk of chunked(pairs)) {
    const inserted = await tx.$executeRaw`
      INSERT INTO event_participants (event_id, case_id)
      SELECT * FROM ${unnest(chunk, [
        ["eventId", "uuid"],
        ["caseId", "uuid"],
      ])}
      ON CONFLICT DO NOTHING`;
    result.created += inserted;
    result.unchanged += chunk.length - inserted;
    progress(chunk.length);
  }
  return result;
}

type AttributionValues = {
  eventId: string;
  sourceId: string;
  credibility: number;
  claimedLow: number | null;
  claimedHigh: number | null;
  claimedDate: string | null;
  excerpt: string | null;
};
const ATTRIBUTION_COLUMNS: [keyof AttributionValues & string, string][] = [
  ["credibility", "int"],
  ["claimedLow", "int"],
  ["claimedHigh", "int"],
  ["claimedDate", "text"],
  ["excerpt", "text"],
];

/** Attributions are keyed by (event, source); one of a new event or source cannot exist yet. */
function attributionWriter(events: Written, sources: Written): Writer<PlannedAttribution, AttributionValues> {
  const ids = (item: PlannedAttribution) => ({
    eventId: events.ids.get(item.eventKey)!,
    sourceId: sources.ids.get(item.sourceKey)!,
  });
  return {
    key: (item) => {
      const { eventId, sourceId } = ids(item);
      return `${eventId}/${sourceId}`;
    },
    load: (tx, chunk) => {
      const old = chunk.filter((item) => !events.created.has(item.eventKey) && !sources.created.has(item.sourceKey));
      if (old.length === 0) return Promise.resolve([]);
      return tx.$queryRaw`
        SELECT a.id, a.event_id || '/' || a.source_id AS key, a.credibility, a.claimed_low AS "claimedLow",
               a.claimed_high AS "claimedHigh", a.claimed_date AS "claimedDate", a.excerpt
        FROM attributions a
        JOIN ${unnest(old.map(ids), [
          ["eventId", "uuid"],
          ["sourceId", "uuid"],
        ])} AS p(event_id, source_id)
          ON a.event_id = p.event_id AND a.source_id = p.source_id
        ORDER BY a.id FOR UPDATE OF a`;
    },
    file: (item) => {
      const { credibility, claimedDate, excerpt } = item;
      const count = item.claimedLow === null ? {} : { claimedLow: item.claimedLow, claimedHigh: item.claimedHigh };
      return { ...stated({ credibility, claimedDate, excerpt }), ...count };
    },
    fresh: (item) => ({ ...item, ...ids(item), credibility: item.credibility ?? 6 }),
    insert: async (tx, rows) => {
      await tx.$executeRaw`
        INSERT INTO attributions (event_id, source_id, credibility, claimed_low, claimed_high, claimed_date, excerpt)
        SELECT * FROM ${unnest(rows, [["eventId", "uuid"], ["sourceId", "uuid"], ...ATTRIBUTION_COLUMNS])}`;
      return [];
    },
    update: (tx, rows) => tx.$executeRaw`
      UPDATE attributions a SET credibility = v.credibility, claimed_low = v.claimed_low,
        claimed_high = v.claimed_high, claimed_date = v.claimed_date, excerpt = v.excerpt, updated_at = now()
      FROM ${unnest(rows, [["id", "uuid"], ...ATTRIBUTION_COLUMNS])}
        AS v(id, credibility, claimed_low, claimed_high, claimed_date, excerpt)
      WHERE a.id = v.id`,
  };
}
