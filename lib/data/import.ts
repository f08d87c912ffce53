import "server-only";
import type { Actor } from "@/lib/domain/actor";
import { planImport, type ImportIssue, type ImportPlan } from "@/lib/domain/csv-import";
import { db, type Tx } from "@/lib/db";
import { recordAudit } from "./audit";
import { authorize } from "./authorize";
import { attributionWriter } from "./import-attributions";
import { advanceRefCounters, caseWriter } from "./import-cases";
import { eventWriter, writeParticipants } from "./import-events";
import { sourceWriter } from "./import-sources";
import { write, type Progress } from "./import-writer";

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

/**
 * Writes cases, events and sources first, then the participants and attributions that link them
 * by the ids just found or created. Any refused record makes the result a list of issues.
 */
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
  // Events before cases, so that a new case is written once, with the status its events give it.
  const events = await write(tx, eventWriter(actor), plan.events, issues, progress);
  const cases = await write(tx, caseWriter(actor, eventIdsByCase(plan, events.ids)), plan.cases, issues, progress);
  const sources = await write(tx, sourceWriter(actor), plan.sources, issues, progress);
  if (issues.length) return { ok: false, errors: issues.sort((a, b) => a.row - b.row) };
  // The status trigger on participants plans its lookups with the table statistics; after a large
  // insert they still describe the old, small table and it scans every event per case (~1 s per
  // 1,000 rows). ANALYZE sees this transaction's rows; without ownership it only warns. A table
  // the new events do not grow by a tenth keeps statistics that still fit, and ANALYZE of a large
  // table costs a second.
  if (events.tally.created >= ANALYZE_AFTER) {
    const [table] = await tx.$queryRaw<{ rows: number }[]>`
      SELECT greatest(reltuples, 0)::float8 AS rows FROM pg_class WHERE oid = 'events'::regclass`;
    if (events.tally.created > (table?.rows ?? 0) / 10) await tx.$executeRaw`ANALYZE events`;
  }
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

/** The ids of the events each case ref of the file takes part in, by the file's rows. */
function eventIdsByCase(plan: ImportPlan, eventIds: Map<string, string>): Map<string, string[]> {
  const byCase = new Map<string, string[]>();
  for (const event of plan.events) {
    const id = eventIds.get(event.key);
    if (!id) continue;
    for (const ref of event.caseRefs) {
      const ids = byCase.get(ref);
      if (ids) ids.push(id);
      else byCase.set(ref, [id]);
    }
  }
  return byCase;
}
