import "server-only";
import type { Actor } from "@/lib/domain/actor";
import type { CaseStatus } from "@/lib/domain/enums";
import { can } from "@/lib/domain/policy";
import { db } from "@/lib/db";
import { recordAudit } from "./audit";
import { authorize } from "./authorize";
import { NotFoundError } from "./errors";
import { eventSummarySelect, toEventSummaries, toEventSummary, type EventSummary } from "./event-summary";

export type { EventSource, EventSummary } from "./event-summary";

export interface EventDetail extends EventSummary {
  participants: { id: string; ref: string; status: CaseStatus; fullName?: string | null }[];
}

/** A case's live events, oldest first: the timeline of its page. */
export async function listCaseTimeline(actor: Actor, caseId: string): Promise<EventSummary[]> {
  await authorize(actor, "case.read", { action: "case.timeline", entityType: "case", entityId: caseId });
  const rows = await db.event.findMany({
    where: { deletedAt: null, participants: { some: { caseId } } },
    orderBy: [{ occurredFrom: "asc" }, { occurredTo: "asc" }, { createdAt: "asc" }],
    select: eventSummarySelect,
  });
  return toEventSummaries(rows);
}

export async function getEvent(actor: Actor, id: string): Promise<EventDetail> {
  await authorize(actor, "case.read", { action: "event.read", entityType: "event", entityId: id });
  const identity = can(actor.role, "case.identity.read");
  const row = await db.event.findFirst({
    where: { id, deletedAt: null },
    select: {
      ...eventSummarySelect,
      participants: {
        where: { case: { deletedAt: null } },
        orderBy: { case: { ref: "asc" } },
        select: { case: { select: { id: true, ref: true, status: true, ...(identity ? { fullName: true } : {}) } } },
      },
    },
  });
  if (!row) throw new NotFoundError();
  if (identity && row.participants.length > 0) {
    await recordAudit({
      actor,
      action: "event.read",
      outcome: "SUCCESS",
      entityType: "event",
      entityId: id,
      details: { identities: true, caseIds: row.participants.map((p) => p.case.id) },
    });
  }
  return { ...toEventSummary(row, row.participants.length), participants: row.participants.map((p) => p.case) };
}
