import "server-only";
import type { Actor } from "@/lib/domain/actor";
import { db } from "@/lib/db";
import { authorize } from "./authorize";

export interface HistoryEntry {
  id: string;
  at: Date;
  action: string;
  actorName: string;
  fields: string[];
}

/**
 * The writes recorded in the audit trail for one record, newest first: who changed what, when.
 * Reads and refusals are left out; values never were in the trail (only field names).
 */
export async function listRecordHistory(
  actor: Actor,
  target: { entityType: "case" | "event" | "source"; entityId: string },
) {
  await authorize(actor, "case.read", { action: `${target.entityType}.history`, ...target });
  const entries = await db.auditEntry.findMany({
    where: {
      ...target,
      outcome: "SUCCESS",
      NOT: { action: { in: [`${target.entityType}.read`, `${target.entityType}.list`] } },
    },
    orderBy: { id: "desc" },
    take: 100,
    select: { id: true, createdAt: true, action: true, actorId: true, details: true },
  });
  const actorIds = [...new Set(entries.map((e) => e.actorId).filter((id): id is string => id !== null))];
  const names = new Map(
    (await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })).map((u) => [
      u.id,
      u.name,
    ]),
  );
  return entries.map((e): HistoryEntry => ({
    id: e.id.toString(),
    at: e.createdAt,
    action: e.action,
    actorName: e.actorId ? (names.get(e.actorId) ?? "—") : "system",
    fields: Array.isArray((e.details as { fields?: unknown }).fields) ? (e.details as { fields: string[] }).fields : [],
  }));
}
