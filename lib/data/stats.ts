import "server-only";
import type { Actor } from "@/lib/domain/actor";
import type { TallyBreakdown, TallyBounds, TallyQuery, TallyResult, TallyRow } from "@/lib/domain/tally";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { dayBound } from "@/lib/validation/case-list";
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
// Sex, age group and status describe each person, so those breakdowns still join participants and
// cases. A participant counts unless its case is deleted; a merged duplicate counts only when its
// survivor is live and neither the survivor nor a duplicate of it with a smaller id takes part in the
// same event, with the survivor's sex, age group and status (merges flatten chains, so one step
// suffices). refresh_event_tallies() in the migration applies the same rule: change both together.
// `ev` is NOT MATERIALIZED on purpose: a materialized CTE has no statistics, and the planner then
// hashes every participant instead of reading the period's events.

/** The survivor's value of a case column, for breakdowns by the person's current sex, age group or status. */
const survivorColumn = (column: string) =>
  Prisma.sql`(CASE WHEN c.merged_into_id IS NULL THEN c.${Prisma.raw(column)}
                   ELSE (SELECT s.${Prisma.raw(column)} FROM cases s WHERE s.id = c.merged_into_id) END)::text`;

const PERSON_KEYS: Partial<Record<TallyBreakdown, Prisma.Sql>> = {
  sex: survivorColumn("sex"),
  ageGroup: survivorColumn("age_group"),
  status: survivorColumn("status"),
};

interface Period {
  type: string;
  start: string;
  end: string;
  firstMonth: number;
  lastMonth: number;
}

function spansSql(period: Period, by: TallyBreakdown | undefined): Prisma.Sql {
  const personKey = by && PERSON_KEYS[by];
  if (personKey) return personSpansSql(period, personKey);
  const key = by === "province" ? Prisma.sql`t.province` : Prisma.sql`'UNKNOWN'`;
  return Prisma.sql`
    spans AS (
      SELECT t.month_from AS mf, t.month_to AS mt,
             t.month_from >= ${period.firstMonth}::int AND t.month_to <= ${period.lastMonth}::int AS inside,
             ${key} AS key, sum(t.unidentified_low + t.people) AS low, sum(t.unidentified_high + t.people) AS high,
             bool_or(t.open) AS open
      FROM event_tallies t
      WHERE t.type = ${period.type}::"EventType"
        AND t.month_from <= ${period.lastMonth}::int AND t.month_to >= ${period.firstMonth}::int
      GROUP BY 1, 2, 3, 4
    )`;
}

/** Spans by a person's sex, age group or status: unidentified people are UNKNOWN. */
function personSpansSql(period: Period, personKey: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    ev AS NOT MATERIALIZED (
      SELECT e.id, e.occurred_from AS f, e.occurred_to AS t, e.unidentified_low, e.unidentified_high
      FROM events e
      WHERE e.deleted_at IS NULL AND e.type = ${period.type}::"EventType"
        AND e.occurred_from <= ${period.end}::date AND e.occurred_to >= ${period.start}::date
    ),
    contributions AS (
      SELECT ev.f, ev.t, 'UNKNOWN' AS key, ev.unidentified_low AS low,
             coalesce(ev.unidentified_high, ev.unidentified_low) AS high, ev.unidentified_high IS NULL AS open
      FROM ev
      UNION ALL
      SELECT ev.f, ev.t, ${personKey}, 1, 1, false
      FROM ev
      JOIN event_participants p ON p.event_id = ev.id
      JOIN cases c ON c.id = p.case_id
      WHERE c.deleted_at IS NULL
        AND (c.merged_into_id IS NULL
             OR ((SELECT s.deleted_at IS NULL FROM cases s WHERE s.id = c.merged_into_id)
                 AND NOT EXISTS (
                   SELECT 1 FROM event_participants q JOIN cases d ON d.id = q.case_id
                   WHERE q.event_id = p.event_id AND d.deleted_at IS NULL
                     AND (d.id = c.merged_into_id OR (d.merged_into_id = c.merged_into_id AND d.id < c.id)))))
    ),
    spans AS (
      SELECT (date_part('year', f) * 12 + date_part('month', f) - 1)::int AS mf,
             (date_part('year', t) * 12 + date_part('month', t) - 1)::int AS mt,
             f >= ${period.start}::date AND t <= ${period.end}::date AS inside,
             key, sum(low) AS low, sum(high) AS high, bool_or(open) AS open
      FROM contributions
      GROUP BY 1, 2, 3, 4
    )`;
}

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
    start: dayBound(from, false),
    end: dayBound(to, true),
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
