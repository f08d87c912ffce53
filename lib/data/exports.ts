import "server-only";
import type { Actor } from "@/lib/domain/actor";
import type { TallyQuery } from "@/lib/domain/tally";
import { recordAudit } from "./audit";
import { authorize } from "./authorize";
import { RuleViolationError } from "./errors";

/**
 * `table`: the tallies with exact numbers, for use inside the NGO. `publication`: the same
 * breakdowns with small counts suppressed (DESIGN.md §2), for partners and the public.
 */
export const TALLY_EXPORT_KINDS = ["table", "publication"] as const;
export type TallyExportKind = (typeof TALLY_EXPORT_KINDS)[number];

const actionOf = (kind: TallyExportKind) => `export.${kind}`;

/**
 * Throws AccessDeniedError (audited) unless the actor may export tallies. Both kinds are
 * aggregates, so both need `export.aggregates` (ADMIN, EDITOR, VIEWER: DESIGN.md §3 "VIEWER:
 * aggregates only"); `export.records` is for exports of records. A publication of one province
 * throws RuleViolationError: beside the whole's, its suppressed figures would give the other
 * provinces' by subtraction (a table of one province, for use inside the NGO, is fine).
 */
export async function authorizeExport(
  actor: Actor,
  { kind, query }: { kind: TallyExportKind; query: TallyQuery },
): Promise<void> {
  await authorize(actor, "export.aggregates", { action: actionOf(kind), entityType: "tally" });
  if (kind === "publication" && query.province) throw new RuleViolationError({ province: ["publicationNoProvince"] });
}

/**
 * Records a tally export (`export.table` / `export.publication`) once the file is made and before a
 * byte of it is sent, authorising it again. The audit holds the query's codes only.
 */
export async function recordExport(actor: Actor, options: { kind: TallyExportKind; query: TallyQuery }): Promise<void> {
  const { kind, query } = options;
  await authorizeExport(actor, options);
  await recordAudit({
    actor,
    action: actionOf(kind),
    outcome: "SUCCESS",
    entityType: "tally",
    details: {
      type: query.type,
      from: query.from,
      to: query.to,
      ...(query.province ? { province: query.province } : {}),
    },
  });
}
