import type { NextRequest } from "next/server";
import { getCurrentActor } from "@/lib/auth/actor";
import { authorizeCaseExport, CASE_EXPORT_LIMIT, exportCases, type CaseListRow } from "@/lib/data/case-list";
import { AccessDeniedError, RuleViolationError } from "@/lib/data/errors";
import { csvDownload, csvText } from "@/lib/http/csv";
import { json } from "@/lib/http/json";
import { errorSummary } from "@/lib/security/log";
import { CASE_LIST_FILTERS, caseListQuerySchema } from "@/lib/validation/case-list";

export const dynamic = "force-dynamic";

/** The list's columns; `full_name` only for a role that sees identities (both that may export do). */
const columns = (identity: boolean) => [
  "ref",
  ...(identity ? ["full_name"] : []),
  "sex",
  "age_group",
  "status",
  "origin_province",
  "updated_at",
];

const cells = (row: CaseListRow, identity: boolean) => [
  row.ref,
  ...(identity ? [row.fullName ?? ""] : []),
  row.sex,
  row.ageGroup,
  row.status,
  row.originProvince ?? "",
  row.updatedAt.toISOString(),
];

/**
 * The cases list as CSV: every live case its filters select (`q`, `status`, `eventType`,
 * `province`, `sex`, `ageGroup`, `from`, `to`, `sort`, as /cases takes them), at most
 * CASE_EXPORT_LIMIT. ADMIN and EDITOR only (DESIGN.md §3 "export"): 401 signed out, 404 for every
 * other role (refusal audited). Unlike the page, which drops a filter it cannot read, the export
 * refuses it (400 naming it): it must never hold more cases than the person asked for. Audited
 * before anything is sent; every cell is neutralised against spreadsheet formulas.
 */
export async function GET(request: NextRequest) {
  const actor = await getCurrentActor();
  if (!actor) return json({ error: "Sign in required" }, 401);
  const params = request.nextUrl.searchParams;
  try {
    // First, so that a role without the right is refused (and audited) whatever it sends.
    await authorizeCaseExport(actor);
  } catch (error) {
    if (error instanceof AccessDeniedError) return json({ error: "Not found" }, 404);
    throw error;
  }
  const raw = Object.fromEntries(CASE_LIST_FILTERS.map((name) => [name, params.get(name) || undefined]));
  const query = caseListQuerySchema.parse(raw);
  const dropped = CASE_LIST_FILTERS.find((name) => raw[name] !== undefined && query[name] !== raw[name]?.trim());
  if (dropped) return json({ error: `${dropped}: not a value the cases list accepts` }, 400);
  try {
    const { rows, identities } = await exportCases(actor, { query });
    const lines = [columns(identities), ...rows.map((row) => cells(row, identities))];
    return csvDownload(csvText(lines), `passage-cases-${new Date().toISOString().slice(0, 10)}.csv`);
  } catch (error) {
    if (error instanceof AccessDeniedError) return json({ error: "Not found" }, 404);
    if (error instanceof RuleViolationError) {
      return json({ error: `filters: more than ${CASE_EXPORT_LIMIT} cases; narrow the filters` }, 400);
    }
    console.error("GET /api/v1/cases/export failed", errorSummary(error));
    return json({ error: "Internal error" }, 500);
  }
}
