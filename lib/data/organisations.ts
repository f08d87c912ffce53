import "server-only";
import type { Actor } from "@/lib/domain/actor";
import { db } from "@/lib/db";
import { recordAudit } from "./audit";
import { authorize } from "./authorize";

export interface OrganisationDto {
  id: string;
  name: string;
  active: boolean;
}

const organisationSelect = { id: true, name: true, active: true } as const;

export async function listOrganisations(actor: Actor): Promise<OrganisationDto[]> {
  await authorize(actor, "organisation.manage", { action: "organisation.list" });
  return db.partnerOrganisation.findMany({ select: organisationSelect, orderBy: { name: "asc" } });
}

/** Finds a partner organisation by its exact name, creating it if missing (`user:create --org`). */
export async function ensureOrganisation(actor: Actor, name: string): Promise<OrganisationDto> {
  await authorize(actor, "organisation.manage", { action: "organisation.create" });
  const trimmed = name.trim();
  const existing = await db.partnerOrganisation.findUnique({ where: { name: trimmed }, select: organisationSelect });
  if (existing) return existing;
  return db.$transaction(async (tx) => {
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
