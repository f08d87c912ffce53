import "server-only";
import type { Actor } from "@/lib/domain/actor";
import { generateShareRef, type ShareProfile } from "@/lib/domain/share";
import { db, type Tx } from "@/lib/db";
import { shareSchema, type ShareInput } from "@/lib/validation/share";
import { recordAudit } from "./audit";
import { authorize } from "./authorize";
import { NotFoundError, RuleViolationError } from "./errors";

// Granting and revoking (DESIGN.md §4). Reading grants lives in share-list.ts; what a partner
// sees through a grant in partner-cases.ts.

/** Why a case in a selection cannot be shared; nothing is granted while any remains. */
export type ShareRefusal = "noConsent" | "deleted" | "merged" | "notFound";

export interface ShareOutcome {
  /** Grants created, and grants in force whose profile and expiry were renewed. */
  granted: number;
  renewed: number;
  /** When not empty, nothing was written: the cases to leave out, by ref, and why. */
  refused: { caseId: string; ref: string | null; reason: ShareRefusal }[];
}

export interface ShareableOrganisation {
  id: string;
  name: string;
}

/** The active partner organisations a grant can be made to. */
export async function listShareableOrganisations(actor: Actor): Promise<ShareableOrganisation[]> {
  await authorize(actor, "share.manage", { action: "share.organisations" });
  return db.partnerOrganisation.findMany({
    where: { active: true },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

type LockedCase = { id: string; ref: string; consent: boolean; deleted: boolean; merged: boolean };

function refusalOf(row: LockedCase | undefined): ShareRefusal | null {
  if (!row) return "notFound";
  if (row.deleted) return "deleted";
  if (row.merged) return "merged";
  return row.consent ? null : "noConsent";
}

/**
 * Shares cases with one partner organisation under a profile until `expiresOn` (inclusive).
 * All or nothing: if any case lacks recorded consent, is deleted, merged or missing, nothing is
 * granted and the outcome lists them. A case already shared with the organisation (grant not
 * revoked, even if expired) is renewed in place, keeping its share reference. The cases are locked
 * while granting, so consent withdrawn at the same moment cannot slip through.
 */
export async function shareCases(actor: Actor, input: ShareInput): Promise<ShareOutcome> {
  await authorize(actor, "share.manage", { action: "share.grant", entityType: "organisation" });
  const parsed = shareSchema.safeParse(input);
  if (!parsed.success) throw new RuleViolationError({ share: ["invalid"] });
  const { organisationId, profile, expiresOn } = parsed.data;
  const caseIds = [...new Set(parsed.data.caseIds)];
  return db.$transaction(async (tx) => {
    // Locked so that a deactivation running now either finishes first (and is seen) or waits for this grant.
    const [organisation] = await tx.$queryRaw<{ active: boolean }[]>`
      SELECT active FROM partner_organisations WHERE id = ${organisationId}::uuid FOR SHARE`;
    if (!organisation?.active) throw new RuleViolationError({ organisationId: ["shareOrganisationInactive"] });
    const locked = await tx.$queryRaw<LockedCase[]>`
      SELECT id, ref, consent_to_share AS consent, deleted_at IS NOT NULL AS deleted, merged_into_id IS NOT NULL AS merged
      FROM cases WHERE id = ANY(${caseIds}::uuid[]) ORDER BY id FOR SHARE`;
    const byId = new Map(locked.map((row) => [row.id, row]));
    const refused = caseIds.flatMap((caseId) => {
      const reason = refusalOf(byId.get(caseId));
      return reason ? [{ caseId, ref: byId.get(caseId)?.ref ?? null, reason }] : [];
    });
    if (refused.length > 0) return { granted: 0, renewed: 0, refused };
    let granted = 0;
    for (const caseId of caseIds) {
      const created = await grantOne(tx, actor, { caseId, organisationId, profile, expiresOn });
      if (created) granted += 1;
    }
    return { granted, renewed: caseIds.length - granted, refused: [] };
  });
}

/** Creates or renews one grant and audits it; true when a new grant (and share reference) was made. */
async function grantOne(
  tx: Tx,
  actor: Actor,
  grant: { caseId: string; organisationId: string; profile: ShareProfile; expiresOn: string },
): Promise<boolean> {
  const [row] = await tx.$queryRaw<{ id: string; created: boolean }[]>`
    INSERT INTO share_grants (share_ref, case_id, organisation_id, profile, expires_on, granted_by_id)
    VALUES (${generateShareRef()}, ${grant.caseId}::uuid, ${grant.organisationId}::uuid,
            ${grant.profile}::"ShareProfile", ${grant.expiresOn}::date, ${actor.id}::uuid)
    ON CONFLICT (case_id, organisation_id) WHERE revoked_at IS NULL
    DO UPDATE SET profile = EXCLUDED.profile, expires_on = EXCLUDED.expires_on, updated_at = now()
    RETURNING id, (xmax = 0) AS created`;
  await recordAudit(
    {
      actor,
      action: row!.created ? "share.grant" : "share.renew",
      outcome: "SUCCESS",
      entityType: "share",
      entityId: row!.id,
      details: {
        caseId: grant.caseId,
        organisationId: grant.organisationId,
        profile: grant.profile,
        expiresOn: grant.expiresOn,
      },
    },
    tx,
  );
  return row!.created;
}

/** Ends a grant at once: the partner's next request answers 404. Revoking twice is a not-found. */
export async function revokeShare(actor: Actor, grantId: string): Promise<void> {
  await authorize(actor, "share.manage", { action: "share.revoke", entityType: "share", entityId: grantId });
  await db.$transaction(async (tx) => {
    const revoked = await tx.shareGrant.updateMany({
      where: { id: grantId, revokedAt: null },
      data: { revokedAt: new Date(), revokedById: actor.id },
    });
    if (revoked.count === 0) throw new NotFoundError();
    await recordAudit(
      { actor, action: "share.revoke", outcome: "SUCCESS", entityType: "share", entityId: grantId },
      tx,
    );
  });
}

/** Withdrawn consent ends every grant of the case, in the transaction that withdraws it. */
export async function revokeSharesOfCase(tx: Tx, actor: Actor, caseId: string, reason: string): Promise<number> {
  const ended = await tx.$queryRaw<{ id: string }[]>`
    UPDATE share_grants SET revoked_at = now(), revoked_by_id = ${actor.id}::uuid, updated_at = now()
    WHERE case_id = ${caseId}::uuid AND revoked_at IS NULL
    RETURNING id`;
  for (const { id } of ended) {
    await recordAudit(
      { actor, action: "share.revoke", outcome: "SUCCESS", entityType: "share", entityId: id, details: { reason } },
      tx,
    );
  }
  return ended.length;
}
