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
// The monthly series sums what events add by the months an event runs from and to (`spans`, a few
// thousand rows), then spreads each over its months. Totals and breakdowns need no months: they sum
// the rows as read, with an event's low bound only when it lies wholly inside the period.
// Attributions are never joined, so several sources of one event cannot multiply it.
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
// unidentified ranges from event_tallies, whose sex, age group and status are UNKNOWN. One statement
// answers all three (byPersonSql), which /stats and the exports show together.
const PERSON_BREAKDOWNS: readonly (TallyBreakdown | undefined)[] = ["sex", "ageGroup", "status"];
const isPersonBreakdown = (by: TallyBreakdown | undefined): by is "sex" | "ageGroup" | "status" =>
  PERSON_BREAKDOWNS.includes(by);

interface Period {
  type: string;
  firstMonth: number;
  lastMonth: number;
  /** Only events in this province (event_tallies.province, event_people.province), or every one. */
  province: string | null;
}

/**
 * What the period's events add by the months they run from and to: grouped by exactly the index's
 * columns, so the rows stream from event_tallies_type_months_idx in order, with no sort.
 */
function spansSql(period: Period): Prisma.Sql {
  return Prisma.sql`
    spans AS (
      SELECT g.mf, g.mt, g.mf >= ${period.firstMonth}::int AND g.mt <= ${period.lastMonth}::int AS inside,
             g.low, g.high, g.open
      FROM (
        SELECT t.month_from AS mf, t.month_to AS mt, sum(t.unidentified_low + t.people) AS low,
               sum(t.unidentified_high + t.people) AS high, bool_or(t.open) AS open
        FROM event_tallies t
        WHERE ${overlaps(period, "t")}
        GROUP BY t.month_from, t.month_to
      ) g
    )`;
}

/** Whether the read model row `alias` lies wholly inside the period. */
const inside = (period: Period, alias: "t" | "p") => {
  const row = Prisma.raw(alias);
  return Prisma.sql`${row}.month_from >= ${period.firstMonth}::int AND ${row}.month_to <= ${period.lastMonth}::int`;
};

/** The read model rows of the period's event type that overlap it (and lie in its province, if any). */
const overlaps = (period: Period, alias: "t" | "p") => {
  const row = Prisma.raw(alias);
  const where = Prisma.sql`${row}.type = ${period.type}::"EventType"
        AND ${row}.month_from <= ${period.lastMonth}::int AND ${row}.month_to >= ${period.firstMonth}::int`;
  return period.province === null ? where : Prisma.sql`${where} AND ${row}.province = ${period.province}`;
};

/**
 * Every month of the period plus the period itself (m = -1), zeros included. An event adds its
 * high bound to each month it overlaps and its low bound only to the single month holding it whole;
 * the period's low takes events lying wholly inside it. `spanning` is the part of a month's high
 * from events that run over more than one month, which the page marks as not this month's alone.
 */
function byMonthSql(period: Period): Prisma.Sql {
  return Prisma.sql`
    WITH ${spansSql(period)},
    cells AS (
      SELECT x.m, sum(s.low) FILTER (WHERE CASE WHEN x.m < 0 THEN s.inside ELSE s.mf = s.mt END) AS low,
             sum(s.high) AS high, bool_or(s.open) AS open, sum(s.high) FILTER (WHERE s.mf <> s.mt) AS spanning
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
           coalesce(cells.open, false) AS open, coalesce(cells.spanning, 0)::bigint AS spanning
    FROM (SELECT -1 UNION ALL SELECT generate_series(${period.firstMonth}::int, ${period.lastMonth}::int)) AS months(m)
    LEFT JOIN cells ON cells.m = months.m
    ORDER BY months.m`;
}

const CELL = Prisma.sql`coalesce(sum(s.low) FILTER (WHERE s.inside), 0)::bigint AS low,
                        coalesce(sum(s.high), 0)::bigint AS high, coalesce(bool_or(s.open), false) AS open`;

/**
 * The period total, and by province one row per key that has people (or an open count), by key.
 * Months play no part in either, so event_tallies' rows are aggregated as they are read.
 */
function byKeySql(period: Period, by: "province" | undefined): Prisma.Sql {
  const rows = Prisma.sql`
    SELECT ${inside(period, "t")} AS inside, t.province, t.unidentified_low + t.people AS low,
           t.unidentified_high + t.people AS high, t.open
    FROM event_tallies t
    WHERE ${overlaps(period, "t")}`;
  if (!by) return Prisma.sql`SELECT true AS "isTotal", NULL AS dimension, NULL AS key, ${CELL} FROM (${rows}) s`;
  return Prisma.sql`
    SELECT GROUPING(s.province) = 1 AS "isTotal", 'province' AS dimension, s.province AS key, ${CELL}
    FROM (${rows}) s
    GROUP BY GROUPING SETS ((), (s.province))
    HAVING GROUPING(s.province) = 1 OR sum(s.high) > 0 OR bool_or(s.open)
    ORDER BY GROUPING(s.province) DESC, s.province COLLATE "C"`;
}

/**
 * The period total and the rows of all three breakdowns by person, each row tagged with its own:
 * the unidentified ranges from event_tallies (sex, age group and status UNKNOWN) and the identified
 * people from event_people. Months play no part in a breakdown, so the rows are aggregated as they
 * are read (hashed by key), not first gathered into spans by month: 0.2 s for all three on the
 * benchmark's ten years, against 0.15 s for each one through spans.
 */
function byPersonSql(period: Period): Prisma.Sql {
  return Prisma.sql`
    SELECT * FROM (
      SELECT GROUPING(s.sex, s.age_group, s.status) = 7 AS "isTotal",
             CASE WHEN GROUPING(s.sex) = 0 THEN 'sex' WHEN GROUPING(s.age_group) = 0 THEN 'ageGroup'
                  WHEN GROUPING(s.status) = 0 THEN 'status' END AS dimension,
             coalesce(s.sex, s.age_group, s.status) AS key, ${CELL}
      FROM (
        SELECT ${inside(period, "t")} AS inside, 'UNKNOWN' AS sex, 'UNKNOWN' AS age_group, 'UNKNOWN' AS status,
               t.unidentified_low AS low, t.unidentified_high AS high, t.open
        FROM event_tallies t
        WHERE ${overlaps(period, "t")}
        UNION ALL
        SELECT ${inside(period, "p")}, p.sex::text, p.age_group::text, p.status::text, p.people, p.people, false
        FROM event_people p
        WHERE ${overlaps(period, "p")}
      ) s
      GROUP BY GROUPING SETS ((), (s.sex), (s.age_group), (s.status))
      HAVING GROUPING(s.sex, s.age_group, s.status) = 7 OR sum(s.high) > 0 OR bool_or(s.open)
    ) cells
    ORDER BY dimension NULLS FIRST, key COLLATE "C"`;
}

type Cell = {
  isTotal: boolean;
  dimension: string | null;
  key: string | null;
  low: bigint | number;
  high: bigint | number;
  open: boolean;
  /** By month only. */
  spanning?: bigint | number;
};

const bounds = (cell: Cell | undefined): TallyBounds => ({
  low: Number(cell?.low ?? 0),
  high: Number(cell?.high ?? 0),
  open: cell?.open ?? false,
});

/**
 * The one statement behind a tally, for a query already validated. Exported only so that the
 * benchmark can time the same SQL straight through `pg` (the "SQL floor"); it reads nothing itself.
 */
export function tallySql({ from, to, type, by, province }: TallyQuery): Prisma.Sql {
  const period: Period = {
    type,
    firstMonth: monthIndex(from),
    lastMonth: monthIndex(to),
    province: province ?? null,
  };
  if (by === "month") return byMonthSql(period);
  return isPersonBreakdown(by) ? byPersonSql(period) : byKeySql(period, by);
}

/**
 * Low and high bounds of people in events of `query.type` from `query.from` to `query.to`
 * (inclusive months), with the monthly series or a breakdown by province, sex, age group or
 * current case status (DESIGN.md §2). Staff only: partners get suppressed tallies of their shared
 * cases from lib/data/partner-stats.ts. Throws AccessDeniedError (audited), or RuleViolationError
 * for a query the API would refuse.
 */
export async function getTallies(actor: Actor, query: TallyQuery): Promise<TallyResult> {
  const [result] = await getBreakdowns(actor, query, [query.by]);
  return result!;
}

/**
 * The tallies of one query for each of `bys` (undefined: the total alone), as getTallies gives each,
 * in that order. The breakdowns by sex, age group and status come from one statement together.
 */
export async function getBreakdowns(
  actor: Actor,
  query: Omit<TallyQuery, "by">,
  bys: readonly TallyQuery["by"][],
): Promise<TallyResult[]> {
  await authorize(actor, "stats.read", { action: "stats.tallies" });
  const refused = [query, ...bys.map((by) => ({ ...query, by }))]
    .map((candidate) => tallyQuerySchema.safeParse(candidate))
    .find((check) => !check.success);
  if (refused?.error) {
    const fields = refused.error.issues.map((issue) => String(issue.path[0] ?? "query"));
    throw new RuleViolationError(Object.fromEntries(fields.map((field) => [field, ["invalid"]])));
  }
  const { from, to, type, province } = tallyQuerySchema.parse(query);
  // One statement per kind of breakdown, on connections without JIT (lib/db.ts).
  const statements = new Map<string, Promise<Cell[]>>();
  const run = async (by: TallyQuery["by"]) => db.$queryRaw<Cell[]>(tallySql({ from, to, type, by, province }));
  const cellsOf = (by: TallyQuery["by"]) => {
    const statement = isPersonBreakdown(by) ? "person" : String(by);
    if (!statements.has(statement)) statements.set(statement, run(by));
    return statements.get(statement)!;
  };
  return Promise.all(
    bys.map(async (by) => {
      const cells = await cellsOf(by);
      const rows: TallyRow[] = cells
        .filter((cell) => !cell.isTotal && (by === "month" || cell.dimension === by))
        .map((cell) => ({
          key: cell.key!,
          ...bounds(cell),
          ...(by === "month" ? { spanning: Number(cell.spanning ?? 0) } : {}),
        }));
      return {
        from,
        to,
        type,
        ...(province ? { province } : {}),
        total: bounds(cells.find((cell) => cell.isTotal)),
        rows: by ? rows : [],
      };
    }),
  );
}
