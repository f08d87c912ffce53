import "server-only";
import type { Actor } from "@/lib/domain/actor";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { dayBound } from "@/lib/validation/case-list";
import type { EventListQuery } from "@/lib/validation/event-list";
import { authorize } from "./authorize";
import { eventSummarySelect, toEventSummaries, type EventSummary } from "./event-summary";

export const EVENT_PAGE_SIZE = 50;

function decodeCursor(value: string | undefined): { from: Date; id: string } | null {
  const [from, id] = (value ? Buffer.from(value, "base64url").toString("utf8") : "").split("|");
  if (!from || !id || !/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^[0-9a-f-]{36}$/.test(id)) return null;
  const day = new Date(`${from}T00:00:00Z`);
  // An impossible date (2017-13-45) would reach the database as an invalid Date.
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === from ? { from: day, id } : null;
}

/** Live events, latest first, keyset-paginated on (occurred_from, id). */
export async function listEvents(
  actor: Actor,
  query: EventListQuery,
): Promise<{ rows: EventSummary[]; next: string | null }> {
  await authorize(actor, "case.read", { action: "event.list" });
  const where: Prisma.EventWhereInput = { deletedAt: null };
  const and: Prisma.EventWhereInput[] = [];
  if (query.type) where.type = query.type;
  if (query.province) where.province = query.province;
  if (query.from) where.occurredTo = { gte: new Date(`${dayBound(query.from, false)}T00:00:00Z`) };
  if (query.to) where.occurredFrom = { lte: new Date(`${dayBound(query.to, true)}T00:00:00Z`) };
  if (query.groups) and.push({ OR: [{ unidentifiedLow: { gt: 0 } }, { unidentifiedHigh: null }] });
  const cursor = decodeCursor(query.after);
  if (cursor) {
    and.push({ OR: [{ occurredFrom: { lt: cursor.from } }, { occurredFrom: cursor.from, id: { lt: cursor.id } }] });
  }
  const rows = await db.event.findMany({
    where: { ...where, AND: and },
    orderBy: [{ occurredFrom: "desc" }, { id: "desc" }],
    take: EVENT_PAGE_SIZE + 1,
    select: eventSummarySelect,
  });
  const visible = await toEventSummaries(rows.slice(0, EVENT_PAGE_SIZE));
  const last = visible.at(-1);
  return {
    rows: visible,
    next:
      rows.length > EVENT_PAGE_SIZE && last ? Buffer.from(`${last.date.from}|${last.id}`).toString("base64url") : null,
  };
}
