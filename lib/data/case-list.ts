import "server-only";
import type { Actor } from "@/lib/domain/actor";
import type { AgeGroup, CaseStatus, Sex } from "@/lib/domain/enums";
import { can } from "@/lib/domain/policy";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CaseListQuery } from "@/lib/validation/case-list";
import { recordAudit } from "./audit";
import { authorize } from "./authorize";
import { RuleViolationError } from "./errors";
import {
  CASE_COUNT_CAP,
  CASE_PAGE_SIZE,
  caseFiltersSql,
  containsPattern,
  countSql,
  eventFilterSql,
  keysetOf,
  pageRowsSql,
  walkedPageSql,
  type ListSql,
  type PageRow,
} from "./case-list-sql";
import { encodeCursor, keysetSql } from "./case-keyset";

export { CASE_COUNT_CAP, CASE_PAGE_SIZE };

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

/**
 * A text search reads its matches once, through the trigram index, for both the page and the count
 * (two statements would each fetch and recheck the same heap rows). The page is only right while
 * the matches are all there, so beyond CASE_COUNT_CAP it is read again by walking the sort order;
 * a page after the last match holds no rows to carry the count, so it is counted apart.
 */
async function searchedPage(list: ListSql, countAlone: () => Promise<number>) {
  const { order, after } = keysetSql(list.keyset, "m");
  const ids = Prisma.sql`
    SELECT m.id FROM matches m ${after ? Prisma.sql`WHERE ${after}` : Prisma.empty}
    ORDER BY ${order} LIMIT ${CASE_PAGE_SIZE + 1}`;
  const rows = await db.$queryRaw<PageRow[]>`
    WITH matches AS MATERIALIZED (
      SELECT c.id, c.ref, c.updated_at FROM cases c WHERE ${Prisma.join(list.where, " AND ")} LIMIT ${CASE_COUNT_CAP + 1})
    ${pageRowsSql({ ...list, ids, extra: Prisma.sql`, (SELECT count(*) FROM matches) AS matches` })}`;
  const total = rows.length > 0 ? Number(rows[0]!.matches) : list.keyset.cursor ? await countAlone() : 0;
  if (total <= CASE_COUNT_CAP) return { rows, total };
  return { rows: await db.$queryRaw<PageRow[]>(walkedPageSql(list)), total };
}

/** The live cases the query's filters select, in its sort order, and their count. */
function listSqlFor(actor: Actor, query: CaseListQuery): { list: ListSql; count: Prisma.Sql } {
  const cases = caseFiltersSql(actor, query);
  const events = eventFilterSql(query);
  const where = [Prisma.sql`c.deleted_at IS NULL AND c.merged_into_id IS NULL`, ...cases];
  if (events) where.push(Prisma.sql`EXISTS (SELECT 1 FROM case_event_spans s WHERE s.case_id = c.id AND ${events})`);
  const identity = can(actor.role, "case.identity.read");
  return { list: { where, keyset: keysetOf(query), identity }, count: countSql(cases, events, where) };
}

const listRow = ({ cursorValue: _cursor, matches: _matches, fullName, ...row }: PageRow, identity: boolean) =>
  identity ? { ...row, fullName } : row;

/**
 * One page of live cases (not deleted, not merged away), filtered and sorted, by keyset
 * pagination. Names are selected only for roles that may see identities, and such reads are
 * audited before anything is returned. The count comes as a promise (CaseListPage.count).
 */
export async function listCases(actor: Actor, query: CaseListQuery): Promise<CaseListPage> {
  await authorize(actor, "case.read", { action: "case.list" });
  const { list, count: counted } = listSqlFor(actor, query);
  const identity = list.identity;
  const countAlone = async () => Number((await db.$queryRaw<{ total: bigint }[]>(counted))[0]?.total ?? 0);
  // The audit entry is written as soon as the rows are known; a separate count may still run.
  let rows: PageRow[];
  let count: Promise<CaseCount>;
  if (query.q) {
    const found = await searchedPage(list, countAlone);
    rows = found.rows;
    count = Promise.resolve(capped(found.total));
  } else {
    count = countAlone().then(capped);
    // Handled here too, so that a count failing while the rows are still read is not "unhandled";
    // whoever awaits `count` still sees the failure.
    count.catch(() => undefined);
    rows = await db.$queryRaw<PageRow[]>(walkedPageSql(list));
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
    rows: visible.map((row) => listRow(row, identity)),
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

/** Most cases one export holds: a bigger selection is refused, and narrowed with the filters. */
export const CASE_EXPORT_LIMIT = 5_000;

/** Throws AccessDeniedError (audited) unless the actor may download cases (`export.records`). */
export async function authorizeCaseExport(actor: Actor): Promise<void> {
  await authorize(actor, "export.records", { action: "export.cases", entityType: "case" });
}

/**
 * Every case the list's filters select (not one page), in its sort order, for a CSV export:
 * ADMIN and EDITOR only (`export.records`, DESIGN.md §3). More than `limit` cases are refused
 * (RuleViolationError): one download never holds the whole register. The export is audited with
 * the filters (not the search text), the number of cases and their ids, before anything is returned.
 * `identities`: whether the rows hold names (the actor's role may see them).
 */
export async function exportCases(
  actor: Actor,
  { query, limit = CASE_EXPORT_LIMIT }: { query: CaseListQuery; limit?: number },
): Promise<{ rows: CaseListRow[]; identities: boolean }> {
  await authorizeCaseExport(actor);
  const { list } = listSqlFor(actor, { ...query, after: undefined });
  const rows = await db.$queryRaw<PageRow[]>(walkedPageSql(list, limit + 1));
  if (rows.length > limit) throw new RuleViolationError({ filters: ["exportTooMany"] });
  // Codes only (status, sex, months, sort…): the search text may be a name.
  const { q, after: _after, ...filters } = query;
  const codes = Object.fromEntries(Object.entries(filters).filter((entry): entry is [string, string] => !!entry[1]));
  await recordAudit({
    actor,
    action: "export.cases",
    outcome: "SUCCESS",
    entityType: "case",
    details: {
      ...codes,
      search: Boolean(q),
      identities: list.identity,
      count: rows.length,
      caseIds: rows.map((row) => row.id),
    },
  });
  return { rows: rows.map((row) => listRow(row, list.identity)), identities: list.identity };
}
