import type { NextRequest } from "next/server";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { breakdownKeyLabel, orderBreakdownRows, STATS_BREAKDOWNS } from "@/app/(staff)/stats/tally-labels";
import { getCurrentActor } from "@/lib/auth/actor";
import { AccessDeniedError, RuleViolationError } from "@/lib/data/errors";
import { authorizeExport, recordExport, TALLY_EXPORT_KINDS, type TallyExportKind } from "@/lib/data/exports";
import { getBreakdowns } from "@/lib/data/stats";
import type { Actor } from "@/lib/domain/actor";
import {
  isSuppressed,
  parseSuppressionThreshold,
  suppressBreakdowns,
  type PublishedCell,
} from "@/lib/domain/suppression";
import type { TallyQuery } from "@/lib/domain/tally";
import { csvDownload, csvText } from "@/lib/http/csv";
import { json } from "@/lib/http/json";
import { errorSummary } from "@/lib/security/log";
import { parseTallyQuery } from "@/lib/validation/tally";

export const dynamic = "force-dynamic";

const kindSchema = z.enum(TALLY_EXPORT_KINDS, { error: "kind: expected table or publication" }).default("table");

/** `province`: the filter the figures are limited to, empty for every province. */
const HEADER = [
  "event_type",
  "from",
  "to",
  "province",
  "breakdown",
  "key",
  "label",
  "people_low",
  "people_high",
  "open",
];
/** One marker for every hidden value: small counts and their complements look alike on purpose. */
const SUPPRESSED_MARKER = "suppressed";

type Bounds = { low: PublishedCell; high: PublishedCell; open: boolean | null };

/**
 * Tally downloads as CSV: `?from=YYYY-MM&to=YYYY-MM&type=EVENT_TYPE[&province=CODE]&kind=table|publication`.
 * `table`: the period, every month and the breakdowns by province, sex, age group and status, with
 * exact numbers, for every province or one. `publication`: the period and the breakdowns with small
 * counts suppressed (threshold PASSAGE_SUPPRESSION_THRESHOLD, default 5), always of every province;
 * no monthly series, since months do not add up to the period and so cannot be protected by totals. Both need `export.aggregates`, are
 * audited (once the file is made, before anything is sent), and neutralise every cell against spreadsheet formulas.
 * 401 signed out; 400 naming a bad parameter; 404 for a role without the right.
 */
export async function GET(request: NextRequest) {
  const actor = await getCurrentActor();
  if (!actor) return json({ error: "Sign in required" }, 401);
  const params = request.nextUrl.searchParams;
  const kind = kindSchema.safeParse(params.get("kind") ?? undefined);
  if (!kind.success) return json({ error: kind.error.issues[0]?.message ?? "invalid kind" }, 400);
  const parsed = parseTallyQuery(params);
  if (!parsed.ok) return json({ error: parsed.error }, 400);
  const { from, to, type, province } = parsed.query;
  const query: TallyQuery = { from, to, type, ...(province ? { province } : {}) };
  try {
    const threshold =
      kind.data === "publication" ? parseSuppressionThreshold(process.env.PASSAGE_SUPPRESSION_THRESHOLD) : 0;
    // Authorised first; recorded once the file is made (a failed read records no export) and
    // before a byte of it is sent.
    await authorizeExport(actor, { kind: kind.data, query });
    const csv = await buildCsv(actor, kind.data, query, threshold);
    await recordExport(actor, { kind: kind.data, query });
    return csvDownload(csv, fileName(kind.data, query));
  } catch (error) {
    if (error instanceof AccessDeniedError) return json({ error: "Not found" }, 404);
    if (error instanceof RuleViolationError) {
      return json(
        { error: "province: a publication covers every province (one beside the whole gives the rest)" },
        400,
      );
    }
    console.error("GET /api/v1/stats/export failed", errorSummary(error));
    return json({ error: "Internal error" }, 500);
  }
}

function fileName(kind: TallyExportKind, query: TallyQuery): string {
  const what = kind === "table" ? "tallies" : "tallies-publication";
  const where = query.province ? `-${query.province.toLowerCase()}` : "";
  return `passage-${what}-${query.type.toLowerCase()}${where}-${query.from}-to-${query.to}.csv`;
}

async function buildCsv(actor: Actor, kind: TallyExportKind, query: TallyQuery, threshold: number): Promise<string> {
  const t = await getTranslations({ locale: "en" });
  // The publication has no monthly series (see GET).
  const results = await getBreakdowns(
    actor,
    query,
    kind === "table" ? ["month", ...STATS_BREAKDOWNS] : STATS_BREAKDOWNS,
  );
  const months = kind === "table" ? results.shift()! : null;
  const breakdowns = STATS_BREAKDOWNS.map((by, i) => ({ by, rows: orderBreakdownRows(t, by, results[i]!.rows) }));
  const cell = (value: PublishedCell) => (isSuppressed(value) ? SUPPRESSED_MARKER : String(value));
  const line = (breakdown: string, key: string, label: string, bounds: Bounds) => [
    query.type,
    query.from,
    query.to,
    query.province ?? "",
    breakdown,
    key,
    label,
    cell(bounds.low),
    cell(bounds.high),
    bounds.open === null ? "" : String(bounds.open),
  ];
  const total = t("stats.wholePeriod");
  const lines: string[][] = [];
  if (kind === "table") {
    lines.push(line("total", "", total, months!.total));
    for (const row of months!.rows) lines.push(line("month", row.key, row.key, row));
    for (const { by, rows } of breakdowns) {
      for (const row of rows) lines.push(line(by, row.key, breakdownKeyLabel(t, by, row.key), row));
    }
  } else {
    const published = suppressBreakdowns(
      breakdowns.map((b) => b.rows),
      { threshold },
    );
    lines.push(line("total", "", total, published[0]!.total));
    published.forEach((table, i) => {
      const by = STATS_BREAKDOWNS[i]!;
      for (const row of table.rows) lines.push(line(by, row.key, breakdownKeyLabel(t, by, row.key), row));
    });
  }
  return csvText([HEADER, ...lines]);
}
