import "server-only";
import type { Actor } from "@/lib/domain/actor";
import type { AgeGroup, CaseStatus, Sex } from "@/lib/domain/enums";
import { can } from "@/lib/domain/policy";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { dayBound, type CaseListQuery } from "@/lib/validation/case-list";
import { recordAudit } from "./audit";
import { authorize } from "./authorize";

export const CASE_PAGE_SIZE = 50;

export interface CaseListRow {
  id: string;
  ref: string;
  /** Only for roles that may see identities; otherwise never selected. */
  fullName?: string | null;
  sex: Sex;
  ageGroup: AgeGroup;
  status: CaseStatus;
  originProvince: string | null;
  updatedAt: Date;
}

/** Counting stops here: an exact count of a huge match costs more than the page itself. */
export const CASE_COUNT_CAP = 10_000;

export interface CaseCount {
  /** Exact up to CASE_COUNT_CAP; beyond it, CASE_COUNT_CAP with `totalCapped` set. */
  total: number;
  totalCapped: boolean;
}

export interface CaseListPage {
  rows: CaseListRow[];
  /** Opaque cursor for the next page, or null on the last page. */
  next: string | null;
  /**
   * The matches counted, which may still be running when the rows are known: the page shows the
   * rows without waiting for it. A search knows both at once.
   */
  count: Promise<CaseCount>;
}

const capped = (total: number): CaseCount => ({
  total: Math.min(total, CASE_COUNT_CAP),
  totalCapped: total > CASE_COUNT_CAP,
});

type Cursor = [string, string]; // [sort value, id]

function encodeCursor(cursor: Cursor) {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A cursor made for this sort, or null: a stale or hand-edited URL starts again from page one. */
function decodeCursor(value: string | undefined, byRef: boolean): Cursor | null {
  if (!value) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 2 || !parsed.every((v) => typeof v === "string")) return null;
    const [sortValue, id] = parsed as Cursor;
    if (!UUID.test(id)) return null;
    if (!byRef && (!/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(sortValue) || Number.isNaN(Date.parse(sortValue)))) return null;
    return [sortValue, id];
  } catch {
    return null;
  }
}

/** LIKE pattern for a search term, with the term's own wildcards escaped. */
function containsPattern(term: string) {
  return `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The event filters, on case_event_spans (migration 20261123080000_read_models): one row per live
 * case and live event it takes part in, with the event's type and dates as an inclusive range, so
 * "an event of this type overlapping these dates" is one GiST index condition. Null without filters.
 */
function eventFilterSql(query: CaseListQuery): Prisma.Sql | null {
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
function caseFiltersSql(actor: Actor, query: CaseListQuery): Prisma.Sql[] {
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
function countSql(cases: Prisma.Sql[], events: Prisma.Sql | null, where: Prisma.Sql[]): Prisma.Sql {
  if (events && cases.length === 0) {
    return Prisma.sql`
      SELECT count(*) AS total
      FROM (SELECT DISTINCT s.case_id FROM case_event_spans s WHERE ${events} LIMIT ${CASE_COUNT_CAP + 1}) x`;
  }
  return Prisma.sql`
    SELECT count(*) AS total FROM (SELECT 1 FROM cases c WHERE ${Prisma.join(where, " AND ")} LIMIT ${CASE_COUNT_CAP + 1}) x`;
}

/** The sort of a list and where its page starts. Column names are constants, never input. */
interface Keyset {
  column: "ref" | "updated_at";
  descending: boolean;
  cursor: Cursor | null;
}

function keysetOf(query: CaseListQuery): Keyset {
  const byRef = query.sort.endsWith("ref");
  return {
    column: byRef ? "ref" : "updated_at",
    descending: query.sort.startsWith("-"),
    cursor: decodeCursor(query.after, byRef),
  };
}

/** The keyset's ORDER BY on the rows of `alias`, and its "after the cursor" condition (null on page one). */
function keysetSql({ column, descending, cursor }: Keyset, alias: "c" | "m") {
  const sortColumn = Prisma.raw(`${alias}.${column}`);
  const id = Prisma.raw(`${alias}.id`);
  const direction = Prisma.raw(descending ? "DESC" : "ASC");
  const order = Prisma.sql`${sortColumn} ${direction}, ${id} ${direction}`;
  if (!cursor) return { order, after: null };
  const value = column === "ref" ? Prisma.sql`${cursor[0]}` : Prisma.sql`${cursor[0]}::timestamptz`;
  const after = descending
    ? Prisma.sql`(${sortColumn}, ${id}) < (${value}, ${cursor[1]}::uuid)`
    : Prisma.sql`(${sortColumn}, ${id}) > (${value}, ${cursor[1]}::uuid)`;
  return { order, after };
}

type PageRow = CaseListRow & { cursorValue: string; matches?: bigint };

/** The rows of the page whose ids `ids` selects, in the keyset's order; `extra` adds columns. */
function pageRowsSql(ids: Prisma.Sql, keyset: Keyset, identity: boolean, extra = Prisma.empty): Prisma.Sql {
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
 * The page's ids first, then its rows: with the filters in an index's INCLUDE (migration
 * 20261123080000_read_models), walking the sort order skips non-matching cases without reading them.
 */
function walkedPageSql(where: Prisma.Sql[], keyset: Keyset, identity: boolean): Prisma.Sql {
  const { order, after } = keysetSql(keyset, "c");
  const conditions = Prisma.join(after ? [...where, after] : where, " AND ");
  const ids = Prisma.sql`SELECT c.id FROM cases c WHERE ${conditions} ORDER BY ${order} LIMIT ${CASE_PAGE_SIZE + 1}`;
  return pageRowsSql(ids, keyset, identity);
}

/**
 * A text search reads its matches once, through the trigram index, for both the page and the count
 * (two statements would each fetch and recheck the same heap rows). The page is only right while
 * the matches are all there, so beyond CASE_COUNT_CAP it is read again by walking the sort order;
 * a page after the last match holds no rows to carry the count, so it is counted apart.
 */
async function searchedPage(where: Prisma.Sql[], keyset: Keyset, identity: boolean, countAlone: () => Promise<number>) {
  const { order, after } = keysetSql(keyset, "m");
  const ids = Prisma.sql`
    SELECT m.id FROM matches m ${after ? Prisma.sql`WHERE ${after}` : Prisma.empty}
    ORDER BY ${order} LIMIT ${CASE_PAGE_SIZE + 1}`;
  const rows = await db.$queryRaw<PageRow[]>`
    WITH matches AS MATERIALIZED (
      SELECT c.id, c.ref, c.updated_at FROM cases c WHERE ${Prisma.join(where, " AND ")} LIMIT ${CASE_COUNT_CAP + 1})
    ${pageRowsSql(ids, keyset, identity, Prisma.sql`, (SELECT count(*) FROM matches) AS matches`)}`;
  const total = rows.length > 0 ? Number(rows[0]!.matches) : keyset.cursor ? await countAlone() : 0;
  if (total <= CASE_COUNT_CAP) return { rows, total };
  return { rows: await db.$queryRaw<PageRow[]>(walkedPageSql(where, keyset, identity)), total };
}

/**
 * One page of live cases (not deleted, not merged away), filtered and sorted, by keyset
 * pagination. Names are selected only for roles that may see identities, and such reads are
 * audited before anything is returned. The count comes as a promise (CaseListPage.count).
 */
export async function listCases(actor: Actor, query: CaseListQuery): Promise<CaseListPage> {
  await authorize(actor, "case.read", { action: "case.list" });
  const identity = can(actor.role, "case.identity.read");
  const cases = caseFiltersSql(actor, query);
  const events = eventFilterSql(query);
  const where = [Prisma.sql`c.deleted_at IS NULL AND c.merged_into_id IS NULL`, ...cases];
  if (events) where.push(Prisma.sql`EXISTS (SELECT 1 FROM case_event_spans s WHERE s.case_id = c.id AND ${events})`);
  const keyset = keysetOf(query);
  const countAlone = async () =>
    Number((await db.$queryRaw<{ total: bigint }[]>(countSql(cases, events, where)))[0]?.total ?? 0);
  // The audit entry is written as soon as the rows are known; a separate count may still run.
  let rows: PageRow[];
  let count: Promise<CaseCount>;
  if (query.q) {
    const found = await searchedPage(where, keyset, identity, countAlone);
    rows = found.rows;
    count = Promise.resolve(capped(found.total));
  } else {
    count = countAlone().then(capped);
    // Handled here too, so that a count failing while the rows are still read is not "unhandled";
    // whoever awaits `count` still sees the failure.
    count.catch(() => undefined);
    rows = await db.$queryRaw<PageRow[]>(walkedPageSql(where, keyset, identity));
  }
  const more = rows.length > CASE_PAGE_SIZE;
  const visible = rows.slice(0, CASE_PAGE_SIZE);
  const last = visible.at(-1);
  if (identity && visible.length > 0) {
    const caseIds = visible.map((r) => r.id);
    await recordAudit({
      actor,
      action: "case.list",
      outcome: "SUCCESS",
      entityType: "case",
      details: { identities: true, caseIds },
    });
  }
  return {
    rows: visible.map(({ cursorValue: _cursor, matches: _matches, fullName, ...row }) =>
      identity ? { ...row, fullName } : row,
    ),
    next: more && last ? encodeCursor([last.cursorValue, last.id]) : null,
    count,
  };
}

export interface CaseOption {
  id: string;
  ref: string;
  fullName?: string | null;
}

/** Up to ten live cases matching a reference, name or alias: the participant picker of event forms. */
export async function searchCaseOptions(actor: Actor, term: string): Promise<CaseOption[]> {
  await authorize(actor, "case.write", { action: "case.search" });
  const pattern = containsPattern(term.trim().slice(0, 100));
  const rows = await db.$queryRaw<CaseOption[]>`
    SELECT id, ref, full_name AS "fullName" FROM cases
    WHERE deleted_at IS NULL AND merged_into_id IS NULL AND search_text LIKE ${pattern}
    ORDER BY ref LIMIT 10`;
  if (rows.length > 0) {
    await recordAudit({
      actor,
      action: "case.search",
      outcome: "SUCCESS",
      entityType: "case",
      details: { identities: true, caseIds: rows.map((r) => r.id) },
    });
  }
  return rows;
}

/** The participants an event form starts with, as options (ref and name). */
export async function getCaseOptions(actor: Actor, ids: string[]): Promise<CaseOption[]> {
  await authorize(actor, "case.write", { action: "case.search" });
  if (ids.length === 0) return [];
  return db.case.findMany({
    where: { id: { in: ids }, deletedAt: null, mergedIntoId: null },
    select: { id: true, ref: true, fullName: true },
    orderBy: { ref: "asc" },
  });
}
