import "server-only";
import type { Actor } from "@/lib/domain/actor";
import { parseSuppressionThreshold, suppressBreakdowns, type PublishedBounds } from "@/lib/domain/suppression";
import type { TallyQuery, TallyRow } from "@/lib/domain/tally";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { dayBound } from "@/lib/validation/case-list";
import { authorize } from "./authorize";
import { NotFoundError, RuleViolationError } from "./errors";
import { grantInForce } from "./partner-cases";
import { recordAudit } from "./audit";

// Partners' tallies (DESIGN.md §3: "suppressed totals of shared cases"): the people of the cases
// shared with the organisation, in events of one type, by the bound rules of DESIGN.md §2. People
// known only as a number belong to no case, so they are not shared and not counted. All four
// breakdowns are computed and suppressed together, because they share their total: a total hidden
// in one and shown in another could be read off. There is no monthly series for partners: months
// do not add up to the period, so totals cannot protect them (the publication export omits it too).
// A shared case's events come from the read models (migration 20261123080000_read_models):
// case_event_spans holds its live events with their type and dates (a range, upper bound
// exclusive), event_tallies their province; reading events themselves took a second for an
// organisation with 15,000 cases shared.

export const PARTNER_BREAKDOWNS = ["province", "sex", "ageGroup", "status"] as const;
export type PartnerBreakdown = (typeof PARTNER_BREAKDOWNS)[number];

export interface PartnerTallies {
  from: string;
  to: string;
  type: TallyQuery["type"];
  threshold: number;
  total: PublishedBounds;
  breakdowns: Record<PartnerBreakdown, (PublishedBounds & { key: string })[]>;
}

const KEY_COLUMN: Record<PartnerBreakdown, Prisma.Sql> = {
  province: Prisma.sql`province`,
  sex: Prisma.sql`sex`,
  ageGroup: Prisma.sql`age_group`,
  status: Prisma.sql`status`,
};

export async function getSharedTallies(actor: Actor, query: TallyQuery): Promise<PartnerTallies> {
  await authorize(actor, "stats.read.shared", { action: "partner.stats" });
  if (!actor.organisationId) throw new NotFoundError();
  if (query.by === "month") throw new RuleViolationError({ by: ["partnerNoMonthly"] });
  if (query.province) throw new RuleViolationError({ province: ["partnerNoProvince"] });
  const threshold = parseSuppressionThreshold(process.env.PASSAGE_SUPPRESSION_THRESHOLD);
  const start = dayBound(query.from, false);
  const end = dayBound(query.to, true);
  const selects = PARTNER_BREAKDOWNS.map(
    (by) => Prisma.sql`
      SELECT ${by} AS breakdown, ${KEY_COLUMN[by]} AS key, count(*) FILTER (WHERE inside)::int AS low, count(*)::int AS high
      FROM people GROUP BY ${KEY_COLUMN[by]}`,
  );
  const rows = await db.$queryRaw<{ breakdown: PartnerBreakdown; key: string; low: number; high: number }[]>`
    WITH people AS (
      SELECT t.province, c.sex::text AS sex, c.age_group::text AS age_group, c.status::text AS status,
             lower(s.occurred) >= ${start}::date AND upper(s.occurred) <= ${end}::date + 1 AS inside
      FROM share_grants g
      JOIN cases c ON c.id = g.case_id
      JOIN case_event_spans s ON s.case_id = c.id AND s.type = ${query.type}::"EventType"
       AND s.occurred && daterange(${start}::date, ${end}::date, '[]')
      JOIN event_tallies t ON t.event_id = s.event_id
      WHERE ${grantInForce(actor.organisationId)}
    )
    SELECT * FROM (${Prisma.join(selects, " UNION ALL ")}) AS cells
    ORDER BY breakdown, key COLLATE "C"`;
  const lists = PARTNER_BREAKDOWNS.map((by) =>
    rows
      .filter((row) => row.breakdown === by)
      .map((row): TallyRow => ({ key: row.key, low: row.low, high: row.high, open: false })),
  );
  const published = suppressBreakdowns(lists, { threshold });
  await recordAudit({
    actor,
    action: "partner.stats",
    outcome: "SUCCESS",
    entityType: "tally",
    details: { type: query.type, from: query.from, to: query.to },
  });
  return {
    from: query.from,
    to: query.to,
    type: query.type,
    threshold,
    total: published[0]!.total,
    breakdowns: Object.fromEntries(
      PARTNER_BREAKDOWNS.map((by, i) => [by, published[i]!.rows]),
    ) as PartnerTallies["breakdowns"],
  };
}
