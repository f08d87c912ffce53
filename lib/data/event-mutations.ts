import "server-only";
import type { Actor } from "@/lib/domain/actor";
import { db, type Tx } from "@/lib/db";
import type { EventInput, EventUpdateInput } from "@/lib/validation/event";
import { recordAudit } from "./audit";
import { authorize } from "./authorize";
import { ConflictError, NotFoundError, RuleViolationError } from "./errors";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

function eventColumns(input: EventInput) {
  return {
    type: input.type,
    occurredFrom: day(input.date.from),
    occurredTo: day(input.date.to),
    precision: input.date.precision,
    dateApproximate: input.date.approximate,
    country: input.country,
    province: input.province,
    place: input.place,
    facility: input.facility,
    unidentifiedLow: input.people.low,
    unidentifiedHigh: input.people.high,
    countApproximate: input.people.approximate,
    description: input.description,
  };
}

/** Participants must be live cases: not deleted and not merged into another. */
async function checkParticipants(tx: Tx, ids: string[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return unique;
  const live = await tx.case.count({ where: { id: { in: unique }, deletedAt: null, mergedIntoId: null } });
  if (live !== unique.length) throw new RuleViolationError({ participantIds: ["participantInvalid"] });
  return unique;
}

export async function createEvent(actor: Actor, input: EventInput): Promise<{ id: string }> {
  await authorize(actor, "case.write", { action: "event.create", entityType: "event" });
  return db.$transaction(async (tx) => {
    const participants = await checkParticipants(tx, input.participantIds);
    const event = await tx.event.create({
      data: {
        ...eventColumns(input),
        createdById: actor.id,
        participants: { create: participants.map((caseId) => ({ caseId })) },
      },
      select: { id: true },
    });
    await recordAudit(
      {
        actor,
        action: "event.create",
        outcome: "SUCCESS",
        entityType: "event",
        entityId: event.id,
        details: { caseIds: participants },
      },
      tx,
    );
    return event;
  });
}

async function currentEvent(tx: Tx, id: string) {
  const current = await tx.event.findFirst({
    where: { id, deletedAt: null },
    select: {
      version: true,
      type: true,
      occurredFrom: true,
      occurredTo: true,
      dateApproximate: true,
      country: true,
      province: true,
      place: true,
      facility: true,
      unidentifiedLow: true,
      unidentifiedHigh: true,
      countApproximate: true,
      description: true,
      participants: { select: { caseId: true } },
    },
  });
  if (!current) throw new NotFoundError();
  return current;
}

/** Saves an event edited at `version`; a stale form gets ConflictError with the current values. */
export async function updateEvent(actor: Actor, input: EventUpdateInput): Promise<{ version: number }> {
  await authorize(actor, "case.write", { action: "event.update", entityType: "event", entityId: input.id });
  return db.$transaction(async (tx) => {
    const current = await currentEvent(tx, input.id);
    if (current.version !== input.version) throw new ConflictError(current);
    const participants = await checkParticipants(tx, input.participantIds);
    const result = await tx.event.updateMany({
      where: { id: input.id, version: input.version, deletedAt: null },
      data: { ...eventColumns(input), version: { increment: 1 } },
    });
    if (result.count === 0) throw new ConflictError(await currentEvent(tx, input.id));
    const before = new Set(current.participants.map((p) => p.caseId));
    const after = new Set(participants);
    // The form never shows deleted cases, so their absence is not a removal: keep them linked in
    // case an admin restores them.
    const liveBefore = new Set(
      (await tx.case.findMany({ where: { id: { in: [...before] }, deletedAt: null }, select: { id: true } })).map(
        (c) => c.id,
      ),
    );
    const removed = [...before].filter((id) => !after.has(id) && liveBefore.has(id));
    const added = participants.filter((id) => !before.has(id));
    if (removed.length) await tx.eventParticipant.deleteMany({ where: { eventId: input.id, caseId: { in: removed } } });
    if (added.length)
      await tx.eventParticipant.createMany({ data: added.map((caseId) => ({ eventId: input.id, caseId })) });
    await recordAudit(
      {
        actor,
        action: "event.update",
        outcome: "SUCCESS",
        entityType: "event",
        entityId: input.id,
        details: { addedCaseIds: added, removedCaseIds: removed },
      },
      tx,
    );
    return { version: input.version + 1 };
  });
}

/** Soft delete: the event leaves every timeline, list and tally, and statuses are recomputed. */
export async function deleteEvent(actor: Actor, input: { id: string; version: number }): Promise<void> {
  await authorize(actor, "case.delete", { action: "event.delete", entityType: "event", entityId: input.id });
  await db.$transaction(async (tx) => {
    const result = await tx.event.updateMany({
      where: { id: input.id, version: input.version, deletedAt: null },
      data: { deletedAt: new Date(), version: { increment: 1 } },
    });
    if (result.count === 0) throw new ConflictError(await currentEvent(tx, input.id));
    await recordAudit(
      { actor, action: "event.delete", outcome: "SUCCESS", entityType: "event", entityId: input.id },
      tx,
    );
  });
}
