import "server-only";
import type { Actor } from "@/lib/domain/actor";
import type { EventType, SourceKind } from "@/lib/domain/enums";
import { formatFuzzyDate, fuzzyDateFromBounds } from "@/lib/domain/fuzzy-date";
import { formatPeopleCount } from "@/lib/domain/people-count";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { authorize } from "./authorize";
import { NotFoundError } from "./errors";
import { isoDay, isUuid, sourceSelect, toDto, type SourceDto } from "./source-record";

export { sourceKey } from "@/lib/domain/source-key";
export type { SourceDto } from "./source-record";

/** An event a source backs, as the source's page lists it. */
export interface BackedEventDto {
  id: string;
  type: EventType;
  /** The fuzzy date as text: "July–August 2017". */
  date: string;
  /** Province code (see NK_PROVINCES / CN_PROVINCES). */
  province: string | null;
  /** People in the event: "41", "500–600", "about 60", "41+". */
  people: string;
  credibility: number;
}

export interface SourceDetailDto extends SourceDto {
  /** At most {@link BACKED_EVENTS_SHOWN}, latest first; `eventCount` counts them all. */
  events: BackedEventDto[];
  eventCount: number;
}

export type SourceOption = Pick<SourceDto, "id" | "title" | "publisher">;

export const SOURCES_PAGE_SIZE = 50;
export const BACKED_EVENTS_SHOWN = 200;
const SEARCH_MAX = 200;

/** Title and publisher, case-insensitively (ILIKE: sources is a small table, so no trigram index). */
function searchWhere(q: string | undefined): Prisma.SourceWhereInput {
  const trimmed = q?.trim().slice(0, SEARCH_MAX);
  if (!trimmed) return {};
  // Prisma passes `contains` to ILIKE as is: escape its wildcards so that "100%" means 100%.
  const text = trimmed.replace(/[\\%_]/g, "\\$&");
  return {
    OR: [{ title: { contains: text, mode: "insensitive" } }, { publisher: { contains: text, mode: "insensitive" } }],
  };
}

/** Cursor of the list: `<createdAt ISO>_<id>` of the last row shown. It holds no title on purpose. */
function cursorWhere(after: string | undefined): Prisma.SourceWhereInput {
  const [iso = "", id = ""] = (after ?? "").split("_");
  const createdAt = new Date(iso);
  if (Number.isNaN(createdAt.getTime()) || !isUuid(id)) return {};
  return { OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] };
}

/** Live sources, newest first, filtered by `q` (title, publisher) and `kind`; keyset-paginated. */
export async function listSources(actor: Actor, options: { q?: string; kind?: SourceKind; after?: string } = {}) {
  await authorize(actor, "case.read", { action: "source.list", entityType: "source" });
  const where: Prisma.SourceWhereInput = {
    deletedAt: null,
    ...(options.kind ? { kind: options.kind } : {}),
    ...searchWhere(options.q),
  };
  const [rows, total] = await Promise.all([
    db.source.findMany({
      select: sourceSelect,
      where: { AND: [where, cursorWhere(options.after)] },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: SOURCES_PAGE_SIZE + 1,
    }),
    db.source.count({ where }),
  ]);
  const last = rows.length > SOURCES_PAGE_SIZE ? rows[SOURCES_PAGE_SIZE - 1] : undefined;
  return {
    sources: rows.slice(0, SOURCES_PAGE_SIZE).map(toDto),
    total,
    nextAfter: last ? `${last.createdAt.toISOString()}_${last.id}` : null,
  };
}

/** Live sources by title for a picker (the attribution form), at most `limit` (1–500). */
export async function listSourceOptions(actor: Actor, options: { q?: string; limit?: number } = {}) {
  await authorize(actor, "case.read", { action: "source.list", entityType: "source" });
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 100), 1), 500);
  const rows: SourceOption[] = await db.source.findMany({
    select: { id: true, title: true, publisher: true },
    where: { deletedAt: null, ...searchWhere(options.q) },
    orderBy: [{ title: "asc" }, { id: "asc" }],
    take: limit,
  });
  return rows;
}

const backedEventSelect = {
  id: true,
  type: true,
  occurredFrom: true,
  occurredTo: true,
  dateApproximate: true,
  province: true,
  unidentifiedLow: true,
  unidentifiedHigh: true,
  countApproximate: true,
  participants: { select: { case: { select: { id: true, mergedIntoId: true, deletedAt: true } } } },
} as const;

type BackedEventRow = Prisma.EventGetPayload<{ select: typeof backedEventSelect }>;

/** DESIGN.md §1 Counts: distinct identified people (after merges) plus the unidentified range. */
function peopleOf(event: BackedEventRow): string {
  const identified = new Set(
    event.participants.filter((p) => p.case.deletedAt === null).map((p) => p.case.mergedIntoId ?? p.case.id),
  ).size;
  const high = event.unidentifiedHigh === null ? null : identified + event.unidentifiedHigh;
  return formatPeopleCount({ low: identified + event.unidentifiedLow, high, approximate: event.countApproximate });
}

function dateTextOf(event: BackedEventRow): string {
  const from = isoDay(event.occurredFrom);
  const to = isoDay(event.occurredTo);
  const date = fuzzyDateFromBounds(from, to, event.dateApproximate);
  return date.ok ? formatFuzzyDate(date.value) : `${from}..${to}`;
}

/**
 * The live events a source backs, latest first (at most BACKED_EVENTS_SHOWN), and how many it backs
 * in all. In SQL with a LIMIT: Prisma sorts a nested relation by a related table's columns without
 * one (every attribution of a source read and joined, 1.3 s for a source of 38,000 events), and its
 * `_count` joins all events. The count subtracts the attributions to deleted events, which their
 * own small index finds, from all of the source's.
 */
async function backedEvents(sourceId: string) {
  const [shown, [total]] = await Promise.all([
    db.$queryRaw<{ eventId: string; credibility: number }[]>`
      SELECT a.event_id AS "eventId", a.credibility
        FROM attributions a JOIN events e ON e.id = a.event_id
       WHERE a.source_id = ${sourceId}::uuid AND e.deleted_at IS NULL
       ORDER BY e.occurred_to DESC, e.occurred_from DESC, a.id
       LIMIT ${BACKED_EVENTS_SHOWN}`,
    db.$queryRaw<{ count: number }[]>`
      SELECT ((SELECT count(*) FROM attributions WHERE source_id = ${sourceId}::uuid)
            - (SELECT count(*) FROM events e JOIN attributions a ON a.event_id = e.id
                WHERE e.deleted_at IS NOT NULL AND a.source_id = ${sourceId}::uuid))::int AS count`,
  ]);
  const rows = await db.event.findMany({
    where: { id: { in: shown.map((row) => row.eventId) } },
    select: backedEventSelect,
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const events = shown.flatMap(({ eventId, credibility }) => {
    const event = byId.get(eventId);
    return event ? [{ event, credibility }] : [];
  });
  return { events, count: total?.count ?? 0 };
}

/** One live source with the live events it backs. NotFoundError when missing or deleted. */
export async function getSource(actor: Actor, id: string): Promise<SourceDetailDto> {
  await authorize(actor, "case.read", { action: "source.read", entityType: "source", entityId: id });
  if (!isUuid(id)) throw new NotFoundError();
  const source = await db.source.findFirst({ where: { id, deletedAt: null }, select: sourceSelect });
  if (!source) throw new NotFoundError();
  const backed = await backedEvents(id);
  return {
    ...toDto(source),
    eventCount: backed.count,
    events: backed.events.map(({ credibility, event }) => ({
      id: event.id,
      type: event.type,
      date: dateTextOf(event),
      province: event.province,
      people: peopleOf(event),
      credibility,
    })),
  };
}
