import "server-only";
import type { EventType } from "@/lib/domain/enums";
import type { FuzzyDate } from "@/lib/domain/fuzzy-date";
import type { PeopleCount } from "@/lib/domain/people-count";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export interface EventSource {
  attributionId: string;
  sourceId: string;
  title: string;
  kind: string;
  reliability: string;
  confidential: boolean;
  credibility: number;
}

export interface EventSummary {
  id: string;
  version: number;
  type: EventType;
  date: FuzzyDate;
  country: string | null;
  province: string | null;
  place: string | null;
  facility: string | null;
  /** The unidentified people only; identified participants are counted separately. */
  unidentified: PeopleCount;
  identifiedCount: number;
  description: string | null;
  sources: EventSource[];
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

export const eventSummarySelect = {
  id: true,
  version: true,
  type: true,
  occurredFrom: true,
  occurredTo: true,
  precision: true,
  dateApproximate: true,
  country: true,
  province: true,
  place: true,
  facility: true,
  unidentifiedLow: true,
  unidentifiedHigh: true,
  countApproximate: true,
  description: true,
  attributions: {
    where: { source: { deletedAt: null } },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      credibility: true,
      source: { select: { id: true, title: true, kind: true, reliability: true, confidential: true } },
    },
  },
} satisfies Prisma.EventSelect;

type SummaryRow = Prisma.EventGetPayload<{ select: typeof eventSummarySelect }>;

/**
 * For lib/data functions that have authorised their read: rows of eventSummarySelect as summaries,
 * with how many live cases take part in each, from one grouped query over just these events. (A
 * `_count` in the select would be read by Prisma as a join to every event's participants counted
 * first, 2–5 s on a million events, before the page is cut.)
 */
export async function toEventSummaries(rows: SummaryRow[]): Promise<EventSummary[]> {
  if (rows.length === 0) return [];
  const counts = await db.eventParticipant.groupBy({
    by: ["eventId"],
    where: { eventId: { in: rows.map((row) => row.id) }, case: { deletedAt: null } },
    _count: { _all: true },
  });
  const identified = new Map(counts.map((count) => [count.eventId, count._count._all]));
  return rows.map((row) => toEventSummary(row, identified.get(row.id) ?? 0));
}

/** A row of eventSummarySelect as a summary; `identifiedCount`: its participants with a live case. */
export function toEventSummary(row: SummaryRow, identifiedCount: number): EventSummary {
  return {
    id: row.id,
    version: row.version,
    type: row.type,
    date: {
      from: isoDay(row.occurredFrom),
      to: isoDay(row.occurredTo),
      precision: row.precision,
      approximate: row.dateApproximate,
    },
    country: row.country,
    province: row.province,
    place: row.place,
    facility: row.facility,
    unidentified: { low: row.unidentifiedLow, high: row.unidentifiedHigh, approximate: row.countApproximate },
    identifiedCount,
    description: row.description,
    sources: row.attributions.map((a) => ({
      attributionId: a.id,
      sourceId: a.source.id,
      title: a.source.title,
      kind: a.source.kind,
      reliability: a.source.reliability,
      confidential: a.source.confidential,
      credibility: a.credibility,
    })),
  };
}
