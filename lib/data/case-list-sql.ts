import "server-only";
import type { Actor } from "@/lib/domain/actor";
import { can } from "@/lib/domain/policy";
import { Prisma } from "@/lib/generated/prisma/client";
import { dayBound, type CaseListQuery } from "@/lib/validation/case-list";
import type { CaseListRow } from "./case-list";
import { decodeCursor, keysetSql, type Keyset } from "./case-keyset";

// The statements of the case list. Only lib/data/case-list.ts uses them, after authorising the
// actor: nothing here checks permissions. Column names put in with Prisma.raw are constants.
// Its keyset (sort, cursor) is in case-keyset.ts, which the duplicates review pages by too.

export const CASE_PAGE_SIZE = 50;

/** Counting stops here: an exact count of a huge match costs more than the page itself. */
export const CASE_COUNT_CAP = 10_000;

/** LIKE pattern for a search term, with the term's own wildcards escaped. */
export function containsPattern(term: string) {
  return `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The event filters, on case_event_spans (migration 20261123080000_read_models): one row per live
 * case and live event it takes part in, with the event's type and dates as an inclusive range, so
 * "an event of this type overlapping these dates" is one GiST index condition. Null without filters.
 */
export function eventFilterSql(query: CaseListQuery): Prisma.Sql | null {
  const conditions: Prisma.Sql[] = [];
  if (query.eventType) conditions.push(Prisma.sql`s.type = ${query.eventType}::"EventType"`);
  if (query.from || query.to) {
    // A missing bound is NULL, which leaves that end of the range open.
    const from = query.from ? dayBound(query.from, false) : null;
    const to = query.to ? dayBound(query.to, true) : null;
    conditions.push(Prisma.sql`s.occurred && daterange(${from}::date, ${to}::date, '[]')`);
  }
  return conditions.length > 0 ? Prisma.join(conditions, " AND ") : null;
}

/** Filters on the case row itself, beyond being live. */
export function caseFiltersSql(actor: Actor, query: CaseListQuery): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (query.status) where.push(Prisma.sql`c.status = ${query.status}::"CaseStatus"`);
  if (query.sex) where.push(Prisma.sql`c.sex = ${query.sex}::"Sex"`);
  if (query.ageGroup) where.push(Prisma.sql`c.age_group = ${query.ageGroup}::"AgeGroup"`);
  if (query.province) where.push(Prisma.sql`c.origin_province = ${query.province}`);
  if (query.q) {
    const pattern = containsPattern(query.q);
    // search_text holds ref, name and aliases; a role without identities may search refs only.
    where.push(Prisma.sql`c.search_text LIKE ${pattern}`);
    if (!can(actor.role, "case.identity.read")) where.push(Prisma.sql`lower(c.ref) LIKE ${pattern}`);
  }
  return where;
}

/**
 * The capped count. With event filters only, it counts distinct cases in case_event_spans alone:
 * that table holds live cases only, so the answer is the same without reading 10,000 case rows.
 */
export function countSql(cases: Prisma.Sql[], events: Prisma.Sql | null, where: Prisma.Sql[]): Prisma.Sql {
  if (events && cases.length === 0) {
    return Prisma.sql`
      SELECT count(*) AS total
      FROM (SELECT DISTINCT s.case_id FROM case_event_spans s WHERE ${events} LIMIT ${CASE_COUNT_CAP + 1}) x`;
  }
  return Prisma.sql`
    SELECT count(*) AS total FROM (SELECT 1 FROM cases c WHERE ${Prisma.join(where, " AND ")} LIMIT ${CASE_COUNT_CAP + 1}) x`;
}

export function keysetOf(query: CaseListQuery): Keyset {
  const byRef = query.sort.endsWith("ref");
  return {
    column: byRef ? "ref" : "updated_at",
    descending: query.sort.startsWith("-"),
    cursor: decodeCursor(query.after, byRef),
  };
}

export type PageRow = CaseListRow & { cursorValue: string; matches?: bigint };

/** What every statement of one list shares: its conditions, its sort, and whether names are read. */
export interface ListSql {
  where: Prisma.Sql[];
  keyset: Keyset;
  identity: boolean;
}

/** The rows of the page whose ids `ids` selects, in the keyset's order; `extra` adds columns. */
export function pageRowsSql({
  keyset,
  identity,
  ids,
  extra = Prisma.empty,
}: ListSql & { ids: Prisma.Sql; extra?: Prisma.Sql }): Prisma.Sql {
  const cursorValue =
    keyset.column === "ref"
      ? Prisma.sql`c.ref`
      : Prisma.sql`to_char(c.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  return Prisma.sql`
    SELECT c.id, c.ref, ${identity ? Prisma.sql`c.full_name` : Prisma.sql`NULL`} AS "fullName",
           c.sex, c.age_group AS "ageGroup", c.status, c.origin_province AS "originProvince",
           c.updated_at AS "updatedAt", ${cursorValue} AS "cursorValue" ${extra}
    FROM (${ids}) page JOIN cases c ON c.id = page.id
    ORDER BY ${keysetSql(keyset, "c").order}`;
}

/**
 * The page's ids first, then its rows: with the filters in an index's INCLUDE (migrations
 * 20261123080000_read_models and 20261205140000 for a province by update), walking the sort order
 * skips non-matching cases without reading them.
 */
export function walkedPageSql(list: ListSql, limit = CASE_PAGE_SIZE + 1): Prisma.Sql {
  const { order, after } = keysetSql(list.keyset, "c");
  const conditions = Prisma.join(after ? [...list.where, after] : list.where, " AND ");
  const ids = Prisma.sql`SELECT c.id FROM cases c WHERE ${conditions} ORDER BY ${order} LIMIT ${limit}`;
  return pageRowsSql({ ...list, ids });
}
