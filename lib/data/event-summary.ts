import "server-only";
import type { EventType } from "@/lib/domain/enums";
import type { FuzzyDate } from "@/lib/domain/fuzzy-date";
import type { PeopleCount } from "@/lib/domain/people-count";
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
  _count: { select: { participants: { where: { case: { deletedAt: null } } } } },
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

export function toEventSummary(row: SummaryRow): EventSummary {
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
    identifiedCount: row._count.participants,
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
