import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/domain/actor";
import type { Role } from "@/lib/domain/policy";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuditFilters } from "@/lib/validation/audit";
import { recordAudit } from "./audit";
import { authorize } from "./authorize";

export const AUDIT_PAGE_SIZE = 50;
/** The most rows one CSV export holds; narrow the filters for older entries. */
export const AUDIT_EXPORT_LIMIT = 100_000;
const EXPORT_BATCH = 5_000;

/** One audit entry as the audit log shows it; `details` holds ids and codes only (DESIGN.md §5). */
export interface AuditRow {
  id: string;
  at: Date;
  actorId: string | null;
  /** The account's current name; null for the system or an account that no longer exists. */
  actorName: string | null;
  actorRole: Role | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  outcome: "SUCCESS" | "FAILURE" | "DENIED";
  origin: string | null;
  details: Record<string, unknown>;
  prevHash: string | null;
  hash: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function utcDay(day: string, plusDays = 0): Date | null {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day) return null;
  date.setUTCDate(date.getUTCDate() + plusDays);
  return date;
}

/**
 * The filters as a `where` (each backed by an index of the foundation migration), plus the
 * resolved actor id for the audit of the read: an email is looked up, never recorded.
 * Null `where` when an email matches no account, so nothing can match.
 */
async function resolve(filters: AuditFilters) {
  let actorId: string | undefined;
  if (filters.actor) {
    actorId = UUID.test(filters.actor)
      ? filters.actor
      : (await db.user.findUnique({ where: { email: filters.actor }, select: { id: true } }))?.id;
    if (!actorId) return { where: null, actorId: "unmatched" };
  }
  const from = filters.from ? utcDay(filters.from) : null;
  const to = filters.to ? utcDay(filters.to, 1) : null;
  const where: Prisma.AuditEntryWhereInput = {
    ...(actorId && { actorId }),
    ...(filters.action && { action: { startsWith: filters.action } }),
    ...(filters.entityType && { entityType: filters.entityType }),
    ...(filters.entityType && filters.entityId && { entityId: filters.entityId }),
    ...((from || to) && { createdAt: { ...(from && { gte: from }), ...(to && { lt: to }) } }),
  };
  return { where, actorId };
}

/** What the read or export asked for, for its own audit entry: ids and codes only. */
function filterDetails(filters: AuditFilters, actorId: string | undefined) {
  const details: Record<string, string> = {};
  if (actorId) details.actorId = actorId;
  for (const key of ["action", "entityType", "entityId", "from", "to", "after"] as const) {
    const value = filters[key];
    if (value) details[key] = value;
  }
  return details;
}

/** Where a page starts: after the entry last shown, in the log's order. */
type Cursor = { id: bigint; createdAt: Date };

/**
 * Up to `take` entries after `before`, newest first: by time, then id. Each filter's index ends
 * with created_at (migration 20261205190000), so the order comes from it; only a prefix covering
 * several actions is sorted. (By id alone, a period or an action read the whole log backwards from
 * the newest entry until it reached them: 0.4–1.3 s in a log of two million.) Time order is not
 * quite the chain's: an entry takes its time before it waits for the chain (lib/data/audit.ts).
 */
async function page(where: Prisma.AuditEntryWhereInput, before: Cursor | null, take: number): Promise<AuditRow[]> {
  const after: Prisma.AuditEntryWhereInput | null = before && {
    createdAt: { lte: before.createdAt },
    OR: [{ createdAt: { lt: before.createdAt } }, { id: { lt: before.id } }],
  };
  const entries = await db.auditEntry.findMany({
    where: after ? { AND: [where, after] } : where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
  });
  const ids = [...new Set(entries.map((e) => e.actorId).filter((id): id is string => id !== null))];
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  const names = new Map(users.map((u) => [u.id, u.name]));
  return entries.map((e) => ({
    id: e.id.toString(),
    at: e.createdAt,
    actorId: e.actorId,
    actorName: e.actorId ? (names.get(e.actorId) ?? null) : null,
    actorRole: e.actorRole,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    outcome: e.outcome,
    origin: e.ip,
    details: e.details && typeof e.details === "object" ? (e.details as Record<string, unknown>) : {},
    prevHash: e.prevHash,
    hash: e.hash,
  }));
}

/** The entry a page's `after` names, as a cursor; null when there is none (nothing follows it). */
async function cursorAt(after: string): Promise<Cursor | null> {
  return db.auditEntry.findUnique({ where: { id: BigInt(after) }, select: { id: true, createdAt: true } });
}

/**
 * One page (50) of the audit log, newest first, keyset on (time, id) after the entry whose id is
 * `filters.after`. ADMIN only (`audit.read`); the read is itself audited as `audit.read` with the
 * filters' ids and codes.
 */
export async function listAuditEntries(
  actor: Actor,
  filters: AuditFilters,
): Promise<{ entries: AuditRow[]; nextAfter: string | null }> {
  await authorize(actor, "audit.read", { action: "audit.read" });
  const { where, actorId } = await resolve(filters);
  const cursor = filters.after ? await cursorAt(filters.after) : null;
  const rows = where && !(filters.after && !cursor) ? await page(where, cursor, AUDIT_PAGE_SIZE + 1) : [];
  await recordAudit({ actor, action: "audit.read", outcome: "SUCCESS", details: filterDetails(filters, actorId) });
  const entries = rows.slice(0, AUDIT_PAGE_SIZE);
  return { entries, nextAfter: rows.length > AUDIT_PAGE_SIZE ? entries[entries.length - 1]!.id : null };
}

/**
 * The entries matching `filters` (the cursor ignored), newest first, at most AUDIT_EXPORT_LIMIT,
 * read in batches as the caller consumes them. ADMIN only (`audit.read`). The export is audited as
 * `audit.export` before this returns, so before a byte is sent; it is the first entry it lists.
 */
export async function exportAuditEntries(
  actor: Actor,
  filters: AuditFilters,
): Promise<{ batches: AsyncGenerator<AuditRow[], void> }> {
  await authorize(actor, "audit.read", { action: "audit.export" });
  const { where, actorId } = await resolve({ ...filters, after: undefined });
  await recordAudit({
    actor,
    action: "audit.export",
    outcome: "SUCCESS",
    details: { ...filterDetails({ ...filters, after: undefined }, actorId), limit: AUDIT_EXPORT_LIMIT },
  });
  async function* batches(): AsyncGenerator<AuditRow[], void> {
    if (!where) return;
    let before: Cursor | null = null;
    for (let left = AUDIT_EXPORT_LIMIT; left > 0;) {
      const take = Math.min(EXPORT_BATCH, left);
      const rows = await page(where, before, take);
      if (rows.length) yield rows;
      if (rows.length < take) return;
      left -= rows.length;
      const last = rows[rows.length - 1]!;
      before = { id: BigInt(last.id), createdAt: last.at };
    }
  }
  return { batches: batches() };
}
