import "server-only";
import type { Actor } from "@/lib/domain/actor";
import type { TallyQuery } from "@/lib/domain/tally";
import { recordAudit } from "./audit";
import { authorize } from "./authorize";

/**
 * `table`: the tallies with exact numbers, for use inside the NGO. `publication`: the same
 * breakdowns with small counts suppressed (DESIGN.md §2), for partners and the public.
 */
export const TALLY_EXPORT_KINDS = ["table", "publication"] as const;
export type TallyExportKind = (typeof TALLY_EXPORT_KINDS)[number];

/**
 * Authorises a tally export and records it (`export.table` / `export.publication`) before a byte
 * is sent. Both kinds are aggregates, so both need `export.aggregates` (ADMIN, EDITOR, VIEWER:
 * DESIGN.md §3 "VIEWER: aggregates only"); `export.records` is for exports of records. A refusal
 * throws AccessDeniedError, already audited. The audit holds the query's codes only.
 */
export async function recordExport(actor: Actor, options: { kind: TallyExportKind; query: TallyQuery }): Promise<void> {
  const { kind, query } = options;
  const action = `export.${kind}`;
  await authorize(actor, "export.aggregates", { action, entityType: "tally" });
  await recordAudit({
    actor,
    action,
    outcome: "SUCCESS",
    entityType: "tally",
    details: { type: query.type, from: query.from, to: query.to },
  });
}
