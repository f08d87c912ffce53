import "server-only";
import type { Actor } from "@/lib/domain/actor";
import type { TallyBreakdown, TallyBounds, TallyQuery, TallyResult, TallyRow } from "@/lib/domain/tally";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { monthIndex, tallyQuerySchema } from "@/lib/validation/tally";
import { authorize } from "./authorize";
import { RuleViolationError } from "./errors";

// Tallies (DESIGN.md §2), computed in one SQL statement per call.
//
// `spans` sums what events add to a tally by the months an event runs from and to, whether it lies
// inside the period, and the breakdown key: a few thousand rows, which the monthly series and the
// breakdowns aggregate cheaply. Attributions are never joined, so several sources of one event
// cannot multiply it.
//
// Totals, months and provinces read event_tallies (migration 20261123080000_read_models): one row per
// live event, kept by triggers, holding its unidentified range and `people`, the number of distinct
// live persons among its identified participants after merges. Ten years of a million events is
// then one index-only scan of ~125,000 narrow rows (~80 ms) instead of joining every participant
// (~0.9–1.3 s).
//
// Sex, age group and status describe each person: those breakdowns read event_people (migration
// 20261205090000_event_people), one row per live event and (sex, age group, status) among its counted
// people, the survivor's values for a merged duplicate, kept by the same triggers; and the
// unidentified ranges from event_tallies, whose sex, age group and status are UNKNOWN.
const PERSON_COLUMNS: Partial<Record<TallyBreakdown, Prisma.Sql>> = {
  sex: Prisma.sql`p.sex`,
  ageGroup: Prisma.sql`p.age_group`,
  status: Prisma.sql`p.status`,
};

interface Period {
  type: string;
  firstMonth: number;
  lastMonth: number;
}

function spansSql(period: Period, by: TallyBreakdown | undefined): Prisma.Sql {
  const person = by && PERSON_COLUMNS[by];
  const key = by === "province" ? Prisma.sql`t.province` : Prisma.sql`'UNKNOWN'`;
  // With a person breakdown, event_tallies adds the unidentified ranges only (UNKNOWN) and
  // event_people the identified people by key; otherwise event_tallies adds both.
  const identified = person ? Prisma.sql`0` : Prisma.sql`t.people`;
  return Prisma.sql`
    spans AS (
      SELECT t.month_from AS mf, t.month_to AS mt, ${inside(period, "t")} AS inside, ${key} AS key,
             sum(t.unidentified_low + ${identified}) AS low, sum(t.unidentified_high + ${identified}) AS high,
             bool_or(t.open) AS open
      FROM event_tallies t
      WHERE ${overlaps(period, "t")}
      GROUP BY 1, 2, 3, 4
      ${
        person
          ? Prisma.sql`UNION ALL
      SELECT p.month_from, p.month_to, ${inside(period, "p")}, ${person}::text, sum(p.people), sum(p.people), false
      FROM event_people p
      WHERE ${overlaps(period, "p")}
      GROUP BY 1, 2, 3, 4`
          : Prisma.empty
      }
    )`;
}

/** Whether the read model row `alias` lies wholly inside the period. */
const inside = (period: Period, alias: "t" | "p") => {
  const row = Prisma.raw(alias);
  return Prisma.sql`${row}.month_from >= ${period.firstMonth}::int AND ${row}.month_to <= ${period.lastMonth}::int`;
};

/** The read model rows of the period's event type that overlap it. */
const overlaps = (period: Period, alias: "t" | "p") => {
  const row = Prisma.raw(alias);
  return Prisma.sql`${row}.type = ${period.type}::"EventType"
        AND ${row}.month_from <= ${period.lastMonth}::int AND ${row}.month_to >= ${period.firstMonth}::int`;
};

/**
 * Every month of the period plus the period itself (m = -1), zeros included. An event adds its
 * high bound to each month it overlaps and its low bound only to the single month holding it whole;
 * the period's low takes events lying wholly inside it.
 */
function byMonthSql(period: Period): Prisma.Sql {
  return Prisma.sql`
    WITH ${spansSql(period, "month")},
    cells AS (
      SELECT x.m, sum(s.low) FILTER (WHERE CASE WHEN x.m < 0 THEN s.inside ELSE s.mf = s.mt END) AS low,
             sum(s.high) AS high, bool_or(s.open) AS open
      FROM spans s
      CROSS JOIN LATERAL (
        SELECT generate_series(greatest(s.mf, ${period.firstMonth}::int), least(s.mt, ${period.lastMonth}::int))
        UNION ALL SELECT -1
      ) AS x(m)
      GROUP BY x.m
    )
    SELECT months.m < 0 AS "isTotal",
           CASE WHEN months.m >= 0 THEN to_char(make_date(months.m / 12, months.m % 12 + 1, 1), 'YYYY-MM') END AS key,
           coalesce(cells.low, 0)::bigint AS low, coalesce(cells.high, 0)::bigint AS high,
           coalesce(cells.open, false) AS open
    FROM (SELECT -1 UNION ALL SELECT generate_series(${period.firstMonth}::int, ${period.lastMonth}::int)) AS months(m)
    LEFT JOIN cells ON cells.m = months.m
    ORDER BY months.m`;
}

/** The period total, and with a breakdown one row per key that has people (or an open count), by key. */
function byKeySql(period: Period, by: TallyBreakdown | undefined): Prisma.Sql {
  const cell = Prisma.sql`coalesce(sum(s.low) FILTER (WHERE s.inside), 0)::bigint AS low,
                          coalesce(sum(s.high), 0)::bigint AS high, coalesce(bool_or(s.open), false) AS open`;
  if (!by) {
    return Prisma.sql`
      WITH ${spansSql(period, by)}
      SELECT true AS "isTotal", NULL AS key, ${cell} FROM spans s`;
  }
  return Prisma.sql`
    WITH ${spansSql(period, by)}
    SELECT GROUPING(s.key) = 1 AS "isTotal", s.key, ${cell}
    FROM spans s
    GROUP BY GROUPING SETS ((), (s.key))
    HAVING GROUPING(s.key) = 1 OR sum(s.high) > 0 OR bool_or(s.open)
    ORDER BY GROUPING(s.key) DESC, s.key COLLATE "C"`;
}

type Cell = { isTotal: boolean; key: string | null; low: bigint | number; high: bigint | number; open: boolean };

const bounds = (cell: Cell | undefined): TallyBounds => ({
  low: Number(cell?.low ?? 0),
  high: Number(cell?.high ?? 0),
  open: cell?.open ?? false,
});

/**
 * The one statement behind a tally, for a query already validated. Exported only so that the
 * benchmark can time the same SQL straight through `pg` (the "SQL floor"); it reads nothing itself.
 */
export function tallySql({ from, to, type, by }: TallyQuery): Prisma.Sql {
  const period: Period = {
    type,
    firstMonth: monthIndex(from),
    lastMonth: monthIndex(to),
  };
  return by === "month" ? byMonthSql(period) : byKeySql(period, by);
}

/**
 * Low and high bounds of people in events of `query.type` from `query.from` to `query.to`
 * (inclusive months), with the monthly series or a breakdown by province, sex, age group or
 * current case status (DESIGN.md §2). Staff only: partners get suppressed tallies of their shared
 * cases from lib/data/partner-stats.ts. Throws AccessDeniedError (audited), or RuleViolationError
 * for a query the API would refuse.
 */
export async function getTallies(actor: Actor, query: TallyQuery): Promise<TallyResult> {
  await authorize(actor, "stats.read", { action: "stats.tallies" });
  const parsed = tallyQuerySchema.safeParse(query);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => String(issue.path[0] ?? "query"));
    throw new RuleViolationError(Object.fromEntries(fields.map((field) => [field, ["invalid"]])));
  }
  const { from, to, type, by } = parsed.data;
  const sql = tallySql(parsed.data);
  // One statement on a connection without JIT (lib/db.ts).
  const cells = await db.$queryRaw<Cell[]>(sql);
  const rows: TallyRow[] = cells.filter((cell) => !cell.isTotal).map((cell) => ({ key: cell.key!, ...bounds(cell) }));
  return { from, to, type, total: bounds(cells.find((cell) => cell.isTotal)), rows: by ? rows : [] };
}
