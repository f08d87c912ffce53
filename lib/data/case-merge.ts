import "server-only";
import type { Actor } from "@/lib/domain/actor";
import { db } from "@/lib/db";
import { recordAudit } from "./audit";
import { authorize } from "./authorize";
import { ConflictError, NotFoundError, RuleViolationError } from "./errors";
import { revokeSharesOfCase } from "./shares";

export interface MergeInput {
  survivorId: string;
  duplicateId: string;
  /** The versions both cases had when the user decided: a merge never acts on what they did not see. */
  survivorVersion: number;
  duplicateVersion: number;
}

/**
 * Merges a duplicate into the surviving case: its events move over (an event both shared counts
 * once), blank facts of the survivor are filled from the duplicate, its names become aliases, and it
 * is marked `mergedIntoId` so lists and tallies never count the person twice.
 */
export async function mergeCases(actor: Actor, input: MergeInput): Promise<void> {
  await authorize(actor, "case.merge", { action: "case.merge", entityType: "case", entityId: input.duplicateId });
  if (input.survivorId === input.duplicateId) throw new RuleViolationError({ duplicateId: ["mergeSelf"] });
  await db.$transaction(async (tx) => {
    // Lock both rows in a fixed order so that two opposite merges cannot deadlock.
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM cases WHERE id IN (${input.survivorId}::uuid, ${input.duplicateId}::uuid)
        AND deleted_at IS NULL AND merged_into_id IS NULL ORDER BY id FOR UPDATE`;
    if (locked.length !== 2) throw new NotFoundError();
    const [survivor, duplicate] = await Promise.all(
      [input.survivorId, input.duplicateId].map((id) => tx.case.findUniqueOrThrow({ where: { id } })),
    );
    if (survivor!.version !== input.survivorVersion || duplicate!.version !== input.duplicateVersion) {
      throw new ConflictError({ survivorVersion: survivor!.version, duplicateVersion: duplicate!.version });
    }
    const s = survivor!;
    const d = duplicate!;
    await tx.$executeRaw`
      INSERT INTO event_participants (event_id, case_id)
      SELECT event_id, ${s.id}::uuid FROM event_participants WHERE case_id = ${d.id}::uuid
      ON CONFLICT DO NOTHING`;
    const moved = await tx.eventParticipant.deleteMany({ where: { caseId: d.id } });
    const aliases = [
      ...new Set([...s.aliases, ...(d.fullName && d.fullName !== s.fullName ? [d.fullName] : []), ...d.aliases]),
    ]
      .filter((a) => a !== s.fullName)
      .slice(0, 20);
    await tx.case.update({
      where: { id: s.id },
      data: {
        fullName: s.fullName ?? d.fullName,
        aliases,
        contact: s.contact ?? d.contact,
        notes: [s.notes, d.notes && `[${d.ref}] ${d.notes}`].filter(Boolean).join("\n\n") || null,
        birthYear: s.birthYear ?? d.birthYear,
        sex: s.sex === "UNKNOWN" ? d.sex : s.sex,
        ageGroup: s.ageGroup === "UNKNOWN" ? d.ageGroup : s.ageGroup,
        originProvince: s.originProvince ?? d.originProvince,
        pregnant: s.pregnant || d.pregnant,
        medicalNeeds: s.medicalNeeds || d.medicalNeeds,
        frail: s.frail || d.frail,
        version: { increment: 1 },
      },
    });
    // Cases merged into the duplicate earlier now point at the survivor: no chains to follow.
    await tx.case.updateMany({ where: { mergedIntoId: d.id }, data: { mergedIntoId: s.id } });
    await tx.case.update({ where: { id: d.id }, data: { mergedIntoId: s.id, version: { increment: 1 } } });
    await revokeSharesOfCase(tx, actor, d.id, "case_merged");
    const details = { survivorId: s.id, duplicateId: d.id, eventsMoved: moved.count };
    await recordAudit(
      { actor, action: "case.merge", outcome: "SUCCESS", entityType: "case", entityId: s.id, details },
      tx,
    );
    await recordAudit(
      { actor, action: "case.merge", outcome: "SUCCESS", entityType: "case", entityId: d.id, details },
      tx,
    );
  });
}
