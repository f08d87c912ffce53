import "server-only";
import type { Actor } from "@/lib/domain/actor";
import type { AgeGroup, CaseStatus, Sex } from "@/lib/domain/enums";
import { can } from "@/lib/domain/policy";
import { db } from "@/lib/db";
import { recordAudit } from "./audit";
import { authorize } from "./authorize";
import { NotFoundError } from "./errors";

export interface CaseIdentity {
  fullName: string | null;
  aliases: string[];
  contact: string | null;
  notes: string | null;
  birthYear: number | null;
}

export interface CaseDetail {
  id: string;
  ref: string;
  version: number;
  status: CaseStatus;
  sex: Sex;
  ageGroup: AgeGroup;
  originProvince: string | null;
  pregnant: boolean;
  medicalNeeds: boolean;
  frail: boolean;
  consentToShare: boolean;
  consentRecordedAt: Date | null;
  consentRecordedBy: string | null;
  deletedAt: Date | null;
  mergedInto: { id: string; ref: string } | null;
  createdAt: Date;
  updatedAt: Date;
  /** Present only for roles that may see identities: never read from the database otherwise. */
  identity?: CaseIdentity;
}

const baseSelect = {
  id: true,
  ref: true,
  version: true,
  status: true,
  sex: true,
  ageGroup: true,
  originProvince: true,
  pregnant: true,
  medicalNeeds: true,
  frail: true,
  consentToShare: true,
  consentRecordedAt: true,
  consentRecordedById: true,
  deletedAt: true,
  createdAt: true,
  updatedAt: true,
  mergedInto: { select: { id: true, ref: true } },
} as const;

const identitySelect = { fullName: true, aliases: true, contact: true, notes: true, birthYear: true } as const;

/**
 * One case as the actor may see it. Deleted cases are visible to admins only (to restore them);
 * for everyone else they answer exactly like a case that never existed. Reading identities is audited.
 */
export async function getCase(actor: Actor, id: string): Promise<CaseDetail> {
  await authorize(actor, "case.read", { action: "case.read", entityType: "case", entityId: id });
  const identity = can(actor.role, "case.identity.read");
  const row = await db.case.findFirst({
    where: { id, ...(can(actor.role, "case.restore") ? {} : { deletedAt: null }) },
    select: { ...baseSelect, ...(identity ? identitySelect : {}) },
  });
  if (!row) {
    await recordAudit({
      actor,
      action: "case.read",
      outcome: "DENIED",
      entityType: "case",
      entityId: id,
      details: { reason: "not_found" },
    });
    throw new NotFoundError();
  }
  const recorder = row.consentRecordedById
    ? await db.user.findUnique({ where: { id: row.consentRecordedById }, select: { name: true } })
    : null;
  const {
    consentRecordedById: _by,
    fullName,
    aliases,
    contact,
    notes,
    birthYear,
    ...rest
  } = row as typeof row & Partial<CaseIdentity>;
  if (identity) {
    await recordAudit({
      actor,
      action: "case.read",
      outcome: "SUCCESS",
      entityType: "case",
      entityId: id,
      details: { identities: true },
    });
  }
  return {
    ...rest,
    consentRecordedBy: recorder?.name ?? null,
    ...(identity
      ? {
          identity: {
            fullName: fullName ?? null,
            aliases: aliases ?? [],
            contact: contact ?? null,
            notes: notes ?? null,
            birthYear: birthYear ?? null,
          },
        }
      : {}),
  };
}
