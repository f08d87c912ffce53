import { db } from "@/lib/db";
import type { EventType, SourceKind } from "@/lib/domain/enums";
import { sourceKey } from "@/lib/domain/source-key";
import type { DatePrecision, Event, Source } from "@/lib/generated/prisma/client";
import { uniqueToken } from "./factories";

// Sources and events straight through Prisma, for tests of the data layer (STYLE.md rule 10).

export interface SourceOverrides {
  kind?: SourceKind;
  title?: string;
  publisher?: string | null;
  url?: string | null;
  /** YYYY-MM-DD. */
  publishedOn?: string | null;
  reliability?: string;
  confidential?: boolean;
  deletedAt?: Date | null;
}

/** A live source with a unique title (and so a unique key). */
export function createSource(overrides: SourceOverrides = {}): Promise<Source> {
  const title = overrides.title ?? `Source ${uniqueToken()}`;
  const publisher = overrides.publisher !== undefined ? overrides.publisher : "Test Publisher";
  const url = overrides.url ?? null;
  const publishedOn = overrides.publishedOn ?? null;
  return db.source.create({
    data: {
      key: sourceKey({ title, publisher, url, publishedOn }),
      kind: overrides.kind ?? "NGO_REPORT",
      title,
      publisher,
      url,
      publishedOn: publishedOn ? new Date(`${publishedOn}T00:00:00.000Z`) : null,
      reliability: overrides.reliability ?? "B",
      confidential: overrides.confidential ?? false,
      deletedAt: overrides.deletedAt ?? null,
    },
  });
}

export interface EventOverrides {
  type?: EventType;
  /** YYYY-MM-DD, inclusive. Defaults to the month of July 2017. */
  occurredFrom?: string;
  occurredTo?: string;
  precision?: DatePrecision;
  province?: string | null;
  unidentifiedLow?: number;
  unidentifiedHigh?: number | null;
  deletedAt?: Date | null;
}

/** A minimal event: an apprehension in July 2017 of 41 unidentified people unless overridden. */
export function createEvent(overrides: EventOverrides = {}): Promise<Event> {
  const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
  return db.event.create({
    data: {
      type: overrides.type ?? "APPREHENSION",
      occurredFrom: day(overrides.occurredFrom ?? "2017-07-01"),
      occurredTo: day(overrides.occurredTo ?? "2017-07-31"),
      precision: overrides.precision ?? "MONTH",
      province: overrides.province !== undefined ? overrides.province : "JILIN",
      unidentifiedLow: overrides.unidentifiedLow ?? 41,
      unidentifiedHigh: overrides.unidentifiedHigh !== undefined ? overrides.unidentifiedHigh : 41,
      deletedAt: overrides.deletedAt ?? null,
    },
  });
}

/** An attribution row, bypassing the data layer (for setting up a test's starting state). */
export function createAttribution(eventId: string, sourceId: string, credibility = 3) {
  return db.attribution.create({ data: { eventId, sourceId, credibility } });
}
