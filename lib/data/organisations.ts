import "server-only";
import type { Actor } from "@/lib/domain/actor";
import type { Role } from "@/lib/domain/policy";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type {
  OrganisationCreateInput,
  OrganisationIdInput,
  OrganisationRenameInput,
} from "@/lib/validation/organisation";
import { recordAudit } from "./audit";
import { authorize } from "./authorize";
import { NotFoundError, RuleViolationError } from "./errors";

export interface OrganisationDto {
  id: string;
  name: string;
  active: boolean;
}

/** An organisation with what it currently holds, as the administration screens list it. */
export interface OrganisationSummaryDto extends OrganisationDto {
  createdAt: Date;
  userCount: number;
  /** Grants neither revoked nor expired (the expiry day is the last valid day, UTC). */
  grantsInForce: number;
}

export interface OrganisationDetailDto extends OrganisationSummaryDto {
  users: { id: string; name: string; email: string; role: Role; active: boolean }[];
}

const organisationSelect = { id: true, name: true, active: true } as const;

/** Serialises name checks, so that two admins cannot both create "UNHCR" and "unhcr" (any constant would do). */
const ORGANISATION_NAME_LOCK = 0x0a6e15a;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An organisation's users on its page; more than this is not a partner liaison office any more. */
const USERS_SHOWN = 200;

function summaries(where: Prisma.Sql): Promise<OrganisationSummaryDto[]> {
  // Both counts are index lookups (users.organisation_id; share_grants_in_force_idx, index-only).
  return db.$queryRaw<OrganisationSummaryDto[]>`
    SELECT o.id, o.name, o.active, o.created_at AS "createdAt",
      (SELECT count(*)::int FROM users u WHERE u.organisation_id = o.id) AS "userCount",
      (SELECT count(*)::int FROM share_grants g
        WHERE g.organisation_id = o.id AND g.revoked_at IS NULL
          AND g.expires_on >= (now() AT TIME ZONE 'UTC')::date) AS "grantsInForce"
    FROM partner_organisations o ${where}
    ORDER BY o.name, o.id`;
}

/**
 * Every partner organisation, by name, with its user and grant counts. Not paginated: partners
 * are a few dozen offices, and the user forms need them all in one list.
 */
export async function listOrganisations(actor: Actor): Promise<OrganisationSummaryDto[]> {
  await authorize(actor, "organisation.manage", { action: "organisation.list" });
  return summaries(Prisma.empty);
}

/** One organisation with its counts and users; a malformed or unknown id is not found. */
export async function getOrganisation(actor: Actor, organisationId: string): Promise<OrganisationDetailDto> {
  await authorize(actor, "organisation.manage", {
    action: "organisation.read",
    entityType: "organisation",
    entityId: organisationId,
  });
  if (!UUID.test(organisationId)) throw new NotFoundError();
  const [organisation] = await summaries(Prisma.sql`WHERE o.id = ${organisationId}::uuid`);
  if (!organisation) throw new NotFoundError();
  const users = await db.user.findMany({
    where: { organisationId },
    select: { id: true, name: true, email: true, role: true, active: true },
    orderBy: { email: "asc" },
    take: USERS_SHOWN,
  });
  return { ...organisation, users };
}

/** Finds a partner organisation by name, whatever its letter case, creating it if missing (`user:create --org`). */
export async function ensureOrganisation(actor: Actor, name: string): Promise<OrganisationDto> {
  await authorize(actor, "organisation.manage", { action: "organisation.create" });
  const trimmed = name.trim();
  return db.$transaction(async (tx) => {
    await lockNames(tx);
    const existing = await findByName(tx, trimmed);
    if (existing) return existing;
    const created = await tx.partnerOrganisation.create({ data: { name: trimmed }, select: organisationSelect });
    await recordAudit(
      { actor, action: "organisation.create", outcome: "SUCCESS", entityType: "organisation", entityId: created.id },
      tx,
    );
    return created;
  });
}

/** A partner's own organisation; staff have none. */
export async function getOwnOrganisation(actor: Actor): Promise<OrganisationDto | null> {
  if (!actor.organisationId) return null;
  return db.partnerOrganisation.findUnique({ where: { id: actor.organisationId }, select: organisationSelect });
}

/** Serialises name checks until the caller's transaction commits. */
async function lockNames(tx: Tx) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ORGANISATION_NAME_LOCK})`;
}

function findByName(tx: Tx, name: string, exceptId?: string) {
  return tx.partnerOrganisation.findFirst({
    where: { name: { equals: name, mode: "insensitive" }, ...(exceptId && { NOT: { id: exceptId } }) },
    select: organisationSelect,
  });
}

/** Names are unique whatever their letter case. */
async function assertNameFree(tx: Tx, name: string, exceptId?: string) {
  await lockNames(tx);
  if (await findByName(tx, name, exceptId)) throw new RuleViolationError({ name: ["organisationNameTaken"] });
}

/** The exact-name unique index is the last guard, should a writer ever skip the lock. */
function asNameTaken(error: unknown): unknown {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
    return new RuleViolationError({ name: ["organisationNameTaken"] });
  }
  return error;
}

export async function createOrganisation(actor: Actor, input: OrganisationCreateInput): Promise<OrganisationDto> {
  await authorize(actor, "organisation.manage", { action: "organisation.create" });
  return db
    .$transaction(async (tx) => {
      await assertNameFree(tx, input.name);
      const created = await tx.partnerOrganisation.create({ data: { name: input.name }, select: organisationSelect });
      await recordAudit(
        { actor, action: "organisation.create", outcome: "SUCCESS", entityType: "organisation", entityId: created.id },
        tx,
      );
      return created;
    })
    .catch((error: unknown) => {
      throw asNameTaken(error);
    });
}

/** Locks the organisation's row for the rest of the transaction; unknown ids are not found. */
async function lockOrganisation(tx: Tx, organisationId: string) {
  if (!UUID.test(organisationId)) throw new NotFoundError();
  const [row] = await tx.$queryRaw<{ id: string; active: boolean }[]>`
    SELECT id, active FROM partner_organisations WHERE id = ${organisationId}::uuid FOR UPDATE`;
  if (!row) throw new NotFoundError();
  return row;
}

export async function renameOrganisation(actor: Actor, input: OrganisationRenameInput): Promise<OrganisationDto> {
  const target = { entityType: "organisation", entityId: input.organisationId };
  await authorize(actor, "organisation.manage", { action: "organisation.rename", ...target });
  return db
    .$transaction(async (tx) => {
      await lockOrganisation(tx, input.organisationId);
      await assertNameFree(tx, input.name, input.organisationId);
      const renamed = await tx.partnerOrganisation.update({
        where: { id: input.organisationId },
        data: { name: input.name },
        select: organisationSelect,
      });
      // The old and new names stay out of the audit trail: only the field that changed.
      await recordAudit(
        { actor, action: "organisation.rename", outcome: "SUCCESS", ...target, details: { fields: ["name"] } },
        tx,
      );
      return renamed;
    })
    .catch((error: unknown) => {
      throw asNameTaken(error);
    });
}

export interface DeactivationResult {
  revokedGrants: number;
  signedOutUsers: number;
}

/**
 * Deactivates a partner organisation and, in the same transaction, revokes every grant of it that
 * is not revoked yet and ends every session of its users (their `session_version` moves on, their
 * open user_sessions end, and loadSessionActor also refuses members of an inactive organisation). Running it again on an
 * inactive organisation sweeps up anything left over, so it is safe to repeat.
 */
export async function deactivateOrganisation(actor: Actor, input: OrganisationIdInput): Promise<DeactivationResult> {
  const target = { entityType: "organisation", entityId: input.organisationId };
  await authorize(actor, "organisation.manage", { action: "organisation.deactivate", ...target });
  return db.$transaction(async (tx) => {
    // The row lock also makes a concurrent grant insert (its foreign-key check) wait for this commit.
    const before = await lockOrganisation(tx, input.organisationId);
    await tx.$executeRaw`
      UPDATE partner_organisations SET active = false, updated_at = now() WHERE id = ${input.organisationId}::uuid`;
    const revokedGrants = await tx.$executeRaw`
      UPDATE share_grants SET revoked_at = now(), revoked_by_id = ${actor.id}::uuid, updated_at = now()
       WHERE organisation_id = ${input.organisationId}::uuid AND revoked_at IS NULL`;
    const signedOutUsers = await tx.$executeRaw`
      UPDATE users SET session_version = session_version + 1, updated_at = now()
       WHERE organisation_id = ${input.organisationId}::uuid`;
    // The version bump already refuses every token; ending the server-side sessions says so too.
    const endedSessions = await tx.userSession.updateMany({
      where: { endedAt: null, user: { organisationId: input.organisationId } },
      data: { endedAt: new Date() },
    });
    await recordAudit(
      {
        actor,
        action: "organisation.deactivate",
        outcome: "SUCCESS",
        ...target,
        details: { revokedGrants, signedOutUsers, endedSessions: endedSessions.count, wasActive: before.active },
      },
      tx,
    );
    return { revokedGrants, signedOutUsers };
  });
}

/** Lets the organisation's users sign in again. Revoked grants stay revoked: share again to restore access. */
export async function reactivateOrganisation(actor: Actor, input: OrganisationIdInput): Promise<void> {
  const target = { entityType: "organisation", entityId: input.organisationId };
  await authorize(actor, "organisation.manage", { action: "organisation.reactivate", ...target });
  await db.$transaction(async (tx) => {
    const before = await lockOrganisation(tx, input.organisationId);
    await tx.partnerOrganisation.update({ where: { id: input.organisationId }, data: { active: true } });
    await recordAudit(
      {
        actor,
        action: "organisation.reactivate",
        outcome: "SUCCESS",
        ...target,
        details: { wasActive: before.active },
      },
      tx,
    );
  });
}
