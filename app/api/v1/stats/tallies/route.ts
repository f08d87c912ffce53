import type { NextRequest } from "next/server";
import { getCurrentActor } from "@/lib/auth/actor";
import { AccessDeniedError, NotFoundError, RuleViolationError } from "@/lib/data/errors";
import { getSharedTallies } from "@/lib/data/partner-stats";
import { getTallies } from "@/lib/data/stats";
import type { Actor } from "@/lib/domain/actor";
import { isSuppressed, type PublishedBounds, type PublishedCell } from "@/lib/domain/suppression";
import type { TallyQuery } from "@/lib/domain/tally";
import { json } from "@/lib/http/json";
import { errorSummary } from "@/lib/security/log";
import { parseTallyQuery } from "@/lib/validation/tally";

export const dynamic = "force-dynamic";

/**
 * Tallies API (DESIGN.md §6): `?from=YYYY-MM&to=YYYY-MM&type=EVENT_TYPE[&by=…][&province=CODE]` →
 * `{ from, to, type, total: {low, high, open}, rows: [{key, low, high, open}] }` (with `province`
 * echoed when given: only events in that province, the /stats page's filter).
 * Partners get the same shape over their organisation's shared cases, with small cells suppressed:
 * a hidden value is `null` and its row carries `"suppressed": true`; `by=month` is refused for them
 * (a monthly series cannot be protected by suppression), and so is `province` (a province's figures
 * beside the whole's would let the rest be read off by subtraction). 401 signed out; 400 naming the bad
 * parameter; 404 for a role without statistics. Errors are a short JSON message, never a stack.
 */
export async function GET(request: NextRequest) {
  const actor = await getCurrentActor();
  if (!actor) return json({ error: "Sign in required" }, 401);
  const parsed = parseTallyQuery(request.nextUrl.searchParams);
  if (!parsed.ok) return json({ error: parsed.error }, 400);
  try {
    return json(
      actor.role === "PARTNER" ? await partnerBody(actor, parsed.query) : await staffBody(actor, parsed.query),
    );
  } catch (error) {
    if (error instanceof AccessDeniedError || error instanceof NotFoundError) return json({ error: "Not found" }, 404);
    if (error instanceof RuleViolationError) {
      const refused = "province" in error.fieldErrors ? "province: a province" : "by: month";
      return json({ error: `${refused} is not available to partner organisations` }, 400);
    }
    console.error("GET /api/v1/stats/tallies failed", errorSummary(error));
    return json({ error: "Internal error" }, 500);
  }
}

async function staffBody(actor: Actor, query: TallyQuery) {
  const { from, to, type, province, total, rows } = await getTallies(actor, query);
  return {
    from,
    to,
    type,
    ...(province ? { province } : {}),
    total: { low: total.low, high: total.high, open: total.open },
    rows: rows.map(({ key, low, high, open }) => ({ key, low, high, open })),
  };
}

const value = (cell: PublishedCell) => (isSuppressed(cell) ? null : cell);
const bounds = (cell: PublishedBounds) => ({
  low: value(cell.low),
  high: value(cell.high),
  open: cell.open,
  ...(isSuppressed(cell.low) || isSuppressed(cell.high) ? { suppressed: true } : {}),
});

async function partnerBody(actor: Actor, query: TallyQuery) {
  const tallies = await getSharedTallies(actor, query);
  const rows = query.by && query.by !== "month" ? tallies.breakdowns[query.by] : [];
  return {
    from: tallies.from,
    to: tallies.to,
    type: tallies.type,
    total: bounds(tallies.total),
    rows: rows.map((row) => ({ key: row.key, ...bounds(row) })),
  };
}
