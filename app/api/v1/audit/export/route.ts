import type { NextRequest } from "next/server";
import { getCurrentActor } from "@/lib/auth/actor";
import { exportAuditEntries, type AuditRow } from "@/lib/data/audit-log";
import { AccessDeniedError } from "@/lib/data/errors";
import { CSV_BOM, csvDownload, csvText } from "@/lib/http/csv";
import { json } from "@/lib/http/json";
import { errorSummary } from "@/lib/security/log";
import { parseAuditFilters } from "@/lib/validation/audit";

export const dynamic = "force-dynamic";

// With prev_hash and hash, an exported trail can be re-verified away from the server, its rows taken
// in id order (the file is in time order, which can differ by the wait for the chain).
const HEADER = [
  "id",
  "created_at",
  "actor_id",
  "actor_name",
  "actor_role",
  "action",
  "entity_type",
  "entity_id",
  "outcome",
  "origin",
  "details",
  "prev_hash",
  "hash",
];

function cells(row: AuditRow): string[] {
  return [
    row.id,
    row.at.toISOString(),
    row.actorId ?? "",
    row.actorName ?? "",
    row.actorRole ?? "",
    row.action,
    row.entityType ?? "",
    row.entityId ?? "",
    row.outcome,
    row.origin ?? "",
    JSON.stringify(row.details),
    row.prevHash ?? "",
    row.hash,
  ];
}

/**
 * The audit log as CSV, with the page's filters (`actor`, `action`, `entityType`, `entityId`,
 * `from`, `to`), newest first, at most 100,000 entries, streamed batch by batch. ADMIN only:
 * 401 signed out, 404 for every other role (refusal audited). The export is audited as
 * `audit.export` before the first byte; every cell is neutralised against spreadsheet formulas.
 */
export async function GET(request: NextRequest) {
  const actor = await getCurrentActor();
  if (!actor) return json({ error: "Sign in required" }, 401);
  const filters = parseAuditFilters(Object.fromEntries(request.nextUrl.searchParams));
  let batches: AsyncGenerator<AuditRow[], void>;
  try {
    ({ batches } = await exportAuditEntries(actor, filters));
  } catch (error) {
    if (error instanceof AccessDeniedError) return json({ error: "Not found" }, 404);
    console.error("GET /api/v1/audit/export failed", errorSummary(error));
    return json({ error: "Internal error" }, 500);
  }
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`${CSV_BOM}${csvText([HEADER])}`));
    },
    async pull(controller) {
      try {
        const next = await batches.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(csvText(next.value.map(cells))));
      } catch (error) {
        // Headers are gone already: the download ends short, and the failure is logged here.
        console.error("GET /api/v1/audit/export failed while streaming", errorSummary(error));
        controller.error(error);
      }
    },
    async cancel() {
      await batches.return();
    },
  });
  return csvDownload(body, `passage-audit-${new Date().toISOString().slice(0, 10)}.csv`);
}
