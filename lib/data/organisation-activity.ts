import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/domain/actor";
import { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "./audit";
import { authorize } from "./authorize";
import { NotFoundError } from "./errors";

export const ACTIVITY_PAGE_SIZE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One thing a user of a partner organisation did or tried to do: what they looked at, and when. */
export interface ActivityRow {
  id: string;
  at: Date;
  userId: string;
  userName: string;
  action: string;
  entityType: string | null;
  entityId: string | null;
  outcome: "SUCCESS" | "FAILURE" | "DENIED";
}

/**
 * The audit entries whose actor is (now) a user of the organisation, newest first, 50 a page,
 * keyset on (created_at, id): pass the last id shown as `after`. ADMIN only (`audit.read`, since
 * this is the audit trail), and the read is itself audited.
 *
 * Each user's entries come from the (actor_id, created_at) index, at most one page per user, and
 * only then are they merged: the cost grows with the organisation's users, not with its history.
 * Entries are attributed by current membership: a user moved to another organisation takes
 * their history along.
 */
export async function listOrganisationActivity(
  actor: Actor,
  options: { organisationId: string; after?: string },
): Promise<{ entries: ActivityRow[]; nextAfter: string | null }> {
  const target = { entityType: "organisation", entityId: options.organisationId };
  await authorize(actor, "audit.read", { action: "organisation.activity", ...target });
  if (!UUID.test(options.organisationId)) throw new NotFoundError();
  const organisation = await db.partnerOrganisation.findUnique({
    where: { id: options.organisationId },
    select: { id: true },
  });
  if (!organisation) throw new NotFoundError();
  const cursor = options.after
    ? await db.auditEntry.findUnique({ where: { id: BigInt(options.after) }, select: { id: true, createdAt: true } })
    : null;
  const rows = options.after && !cursor ? [] : await activityPage(options.organisationId, cursor);
  await recordAudit({
    actor,
    action: "organisation.activity",
    outcome: "SUCCESS",
    ...target,
    details: options.after ? { after: options.after } : {},
  });
  const entries = rows.slice(0, ACTIVITY_PAGE_SIZE);
  return { entries, nextAfter: rows.length > ACTIVITY_PAGE_SIZE ? entries[entries.length - 1]!.id : null };
}

async function activityPage(organisationId: string, cursor: { id: bigint; createdAt: Date } | null) {
  const take = ACTIVITY_PAGE_SIZE + 1;
  // Spelled out rather than a row comparison, so that `created_at <=` is an index condition.
  const before = cursor
    ? Prisma.sql`AND a.created_at <= ${cursor.createdAt}
        AND (a.created_at < ${cursor.createdAt} OR a.id < ${cursor.id})`
    : Prisma.empty;
  const rows = await db.$queryRaw<(Omit<ActivityRow, "id"> & { id: bigint })[]>`
    SELECT e.id, e.created_at AS "at", u.id AS "userId", u.name AS "userName", e.action,
           e.entity_type AS "entityType", e.entity_id AS "entityId", e.outcome::text AS "outcome"
      FROM users u
      CROSS JOIN LATERAL (
        SELECT a.id, a.created_at, a.action, a.entity_type, a.entity_id, a.outcome
          FROM audit_entries a
         WHERE a.actor_id = u.id ${before}
         ORDER BY a.created_at DESC, a.id DESC
         LIMIT ${take}
      ) e
     WHERE u.organisation_id = ${organisationId}::uuid
     ORDER BY e.created_at DESC, e.id DESC
     LIMIT ${take}`;
  return rows.map((row) => ({ ...row, id: row.id.toString() }));
}
