import "server-only";
import type { Actor } from "@/lib/domain/actor";
import { formatCaseRef } from "@/lib/domain/case-ref";
import { db, type Tx } from "@/lib/db";
import type { CaseDeleteInput, CaseInput, CaseUpdateInput } from "@/lib/validation/case";
import { recordAudit } from "./audit";
import { authorize } from "./authorize";
import { ConflictError, NotFoundError } from "./errors";
import { revokeSharesOfCase } from "./shares";

const EDITABLE_FIELDS = [
  "fullName",
  "aliases",
  "contact",
  "notes",
  "sex",
  "birthYear",
  "ageGroup",
  "originProvince",
  "pregnant",
  "medicalNeeds",
  "frail",
  "consentToShare",
] as const satisfies readonly (keyof CaseInput)[];

/** The next free C-YYYY-NNNN ref. The counter row serialises concurrent creators. */
async function nextRef(tx: Tx, year: number): Promise<string> {
  for (;;) {
    const [row] = await tx.$queryRaw<{ last_seq: number }[]>`
      INSERT INTO case_ref_counters (year, last_seq) VALUES (${year}, 1)
      ON CONFLICT (year) DO UPDATE SET last_seq = case_ref_counters.last_seq + 1, updated_at = now()
      RETURNING last_seq`;
    const ref = formatCaseRef(year, row!.last_seq);
    // Imported cases bring their own refs: skip any the counter has not seen.
    if (!(await tx.case.findUnique({ where: { ref }, select: { id: true } }))) return ref;
  }
}

function consentFields(actor: Actor, consent: boolean, previously: boolean) {
  if (consent === previously) return {};
  return consent
    ? { consentRecordedById: actor.id, consentRecordedAt: new Date() }
    : { consentRecordedById: null, consentRecordedAt: null };
}

export async function createCase(actor: Actor, input: CaseInput): Promise<{ id: string; ref: string }> {
  await authorize(actor, "case.write", { action: "case.create", entityType: "case" });
  return db.$transaction(async (tx) => {
    const ref = await nextRef(tx, new Date().getUTCFullYear());
    const created = await tx.case.create({
      data: { ...input, ref, createdById: actor.id, ...consentFields(actor, input.consentToShare, false) },
      select: { id: true, ref: true },
    });
    await recordAudit(
      { actor, action: "case.create", outcome: "SUCCESS", entityType: "case", entityId: created.id },
      tx,
    );
    return created;
  });
}

/** The values a stale form is compared with, to show the user what someone else changed. */
async function currentValues(tx: Tx, id: string) {
  const current = await tx.case.findFirst({
    where: { id, deletedAt: null, mergedIntoId: null },
    select: { version: true, ...Object.fromEntries(EDITABLE_FIELDS.map((f) => [f, true])) },
  });
  if (!current) throw new NotFoundError();
  return current as unknown as CaseInput & { version: number };
}

/**
 * Saves a case edited from a form loaded at `version`. If anyone saved in between, nothing is
 * written and ConflictError carries the current values.
 */
export async function updateCase(actor: Actor, input: CaseUpdateInput): Promise<{ version: number }> {
  await authorize(actor, "case.write", { action: "case.update", entityType: "case", entityId: input.id });
  return db.$transaction(async (tx) => {
    const current = await currentValues(tx, input.id);
    if (current.version !== input.version) throw new ConflictError(current);
    const changed = EDITABLE_FIELDS.filter((f) => JSON.stringify(current[f]) !== JSON.stringify(input[f]));
    if (changed.length === 0) return { version: current.version };
    const { id, version, ...values } = input;
    const result = await tx.case.updateMany({
      where: { id, version, deletedAt: null, mergedIntoId: null },
      data: {
        ...values,
        version: { increment: 1 },
        ...consentFields(actor, values.consentToShare, current.consentToShare),
      },
    });
    if (result.count === 0) throw new ConflictError(await currentValues(tx, id));
    await recordAudit(
      {
        actor,
        action: "case.update",
        outcome: "SUCCESS",
        entityType: "case",
        entityId: id,
        details: { fields: changed },
      },
      tx,
    );
    if (current.consentToShare && !values.consentToShare) await revokeSharesOfCase(tx, actor, id, "consent_withdrawn");
    return { version: version + 1 };
  });
}

/** Soft delete: the case leaves every list and tally; an admin can restore it. */
export async function deleteCase(actor: Actor, input: CaseDeleteInput): Promise<void> {
  await authorize(actor, "case.delete", { action: "case.delete", entityType: "case", entityId: input.id });
  await db.$transaction(async (tx) => {
    const result = await tx.case.updateMany({
      where: { id: input.id, version: input.version, deletedAt: null },
      data: { deletedAt: new Date(), version: { increment: 1 } },
    });
    if (result.count === 0) throw new ConflictError(await currentValues(tx, input.id));
    await recordAudit({ actor, action: "case.delete", outcome: "SUCCESS", entityType: "case", entityId: input.id }, tx);
    // A restored case is not shared again without a new, deliberate grant.
    await revokeSharesOfCase(tx, actor, input.id, "case_deleted");
  });
}

export async function restoreCase(actor: Actor, input: { id: string }): Promise<void> {
  await authorize(actor, "case.restore", { action: "case.restore", entityType: "case", entityId: input.id });
  await db.$transaction(async (tx) => {
    const result = await tx.case.updateMany({
      where: { id: input.id, deletedAt: { not: null } },
      data: { deletedAt: null, version: { increment: 1 } },
    });
    if (result.count === 0) throw new NotFoundError();
    await recordAudit(
      { actor, action: "case.restore", outcome: "SUCCESS", entityType: "case", entityId: input.id },
      tx,
    );
  });
}
