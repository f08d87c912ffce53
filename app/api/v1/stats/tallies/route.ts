import { NextResponse, type NextRequest } from "next/server";
import { getCurrentActor } from "@/lib/auth/actor";
import { AccessDeniedError } from "@/lib/data/errors";
import { getTallies } from "@/lib/data/stats";
import { parseTallyQuery } from "@/lib/validation/tally";

export const dynamic = "force-dynamic";

const json = (body: unknown, status = 200) =>
  NextResponse.json(body, { status, headers: { "Cache-Control": "no-store" } });

/**
 * Tallies API (DESIGN.md §6): `?from=YYYY-MM&to=YYYY-MM&type=EVENT_TYPE[&by=…]` →
 * `{ from, to, type, total: {low, high, open}, rows: [{key, low, high, open}] }`.
 * 401 signed out; 400 naming the bad parameter; 404 for a role without statistics (partners, until
 * share grants exist). Errors are a short JSON message, never a stack.
 */
export async function GET(request: NextRequest) {
  const actor = await getCurrentActor();
  if (!actor) return json({ error: "Sign in required" }, 401);
  const parsed = parseTallyQuery(request.nextUrl.searchParams);
  if (!parsed.ok) return json({ error: parsed.error }, 400);
  try {
    const { from, to, type, total, rows } = await getTallies(actor, parsed.query);
    return json({
      from,
      to,
      type,
      total: { low: total.low, high: total.high, open: total.open },
      rows: rows.map(({ key, low, high, open }) => ({ key, low, high, open })),
    });
  } catch (error) {
    if (error instanceof AccessDeniedError) return json({ error: "Not found" }, 404);
    console.error("GET /api/v1/stats/tallies failed", error);
    return json({ error: "Internal error" }, 500);
  }
}
