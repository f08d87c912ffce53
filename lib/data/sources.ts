import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/domain/actor";
import type { EventType, Reliability, SourceKind } from "@/lib/domain/enums";
import { formatFuzzyDate, fuzzyDateFromBounds } from "@/lib/domain/fuzzy-date";
import { formatPeopleCount } from "@/lib/domain/people-count";
import { normaliseSourceUrl, sourceKey } from "@/lib/domain/source-key";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  EXISTING_SOURCE_FIELD,
  type SourceDeleteInput,
  type SourceInput,
  type SourceUpdateInput,
} from "@/lib/validation/source";
import { recordAudit } from "./audit";
import { authorize } from "./authorize";
import { ConflictError, NotFoundError, RuleViolationError } from "./errors";

export { sourceKey };

export interface SourceDto {
  id: string;
  kind: SourceKind;
  title: string;
  publisher: string | null;
  url: string | null;
  /** YYYY-MM-DD. */
  publishedOn: string | null;
  reliability: Reliability;
  confidential: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

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

const sourceSelect = {
  id: true,
  kind: true,
  title: true,
  publisher: true,
  url: true,
  publishedOn: true,
  reliability: true,
  confidential: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} as const;

type SourceRow = Prisma.SourceGetPayload<{ select: typeof sourceSelect }>;

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const dateOf = (day: string | null) => (day ? new Date(`${day}T00:00:00.000Z`) : null);
const isUuid = (value: string) => z.uuid().safeParse(value).success;

function toDto(row: SourceRow): SourceDto {
  return {
    ...row,
    publishedOn: row.publishedOn ? isoDay(row.publishedOn) : null,
    reliability: row.reliability as Reliability,
  };
}

function toData(input: SourceInput) {
  return {
    kind: input.kind,
    title: input.title,
    publisher: input.publisher,
    url: input.url,
    publishedOn: dateOf(input.publishedOn),
    reliability: input.reliability,
    confidential: input.confidential,
    key: sourceKey(input),
  };
}

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

/** One live source with the live events it backs. NotFoundError when missing or deleted. */
export async function getSource(actor: Actor, id: string): Promise<SourceDetailDto> {
  await authorize(actor, "case.read", { action: "source.read", entityType: "source", entityId: id });
  if (!isUuid(id)) throw new NotFoundError();
  const liveEvent = { event: { deletedAt: null } } as const;
  const row = await db.source.findFirst({
    where: { id, deletedAt: null },
    select: {
      ...sourceSelect,
      attributions: {
        where: liveEvent,
        select: { credibility: true, event: { select: backedEventSelect } },
        orderBy: [{ event: { occurredTo: "desc" } }, { event: { occurredFrom: "desc" } }, { id: "asc" }],
        take: BACKED_EVENTS_SHOWN,
      },
      _count: { select: { attributions: { where: liveEvent } } },
    },
  });
  if (!row) throw new NotFoundError();
  const { attributions, _count, ...source } = row;
  return {
    ...toDto(source),
    eventCount: _count.attributions,
    events: attributions.map(({ credibility, event }) => ({
      id: event.id,
      type: event.type,
      date: dateTextOf(event),
      province: event.province,
      people: peopleOf(event),
      credibility,
    })),
  };
}

/** The field a duplicate is reported on: the URL when it made the key, else the title. */
function duplicateError(input: SourceInput, existingId: string): RuleViolationError {
  const field = input.url && normaliseSourceUrl(input.url) ? "url" : "title";
  return new RuleViolationError({ [field]: ["sourceExists"], [EXISTING_SOURCE_FIELD]: [existingId] });
}

async function refuseDuplicate(client: Tx | typeof db, input: SourceInput, exceptId: string | null) {
  const existing = await client.source.findUnique({ where: { key: sourceKey(input) }, select: { id: true } });
  if (existing && existing.id !== exceptId) throw duplicateError(input, existing.id);
}

/** A unique violation means someone saved the same source a moment ago: point at theirs. */
async function asDuplicate(error: unknown, input: SourceInput, exceptId: string | null): Promise<unknown> {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return error;
  try {
    await refuseDuplicate(db, input, exceptId);
  } catch (duplicate) {
    return duplicate;
  }
  return error;
}

/** Creates a source; a source with the same key (see `sourceKey`) is refused as `sourceExists`. */
export async function createSource(actor: Actor, input: SourceInput): Promise<SourceDto> {
  await authorize(actor, "case.write", { action: "source.create", entityType: "source" });
  try {
    return await db.$transaction(async (tx) => {
      await refuseDuplicate(tx, input, null);
      const row = await tx.source.create({ data: { ...toData(input), createdById: actor.id }, select: sourceSelect });
      await recordAudit(
        { actor, action: "source.create", outcome: "SUCCESS", entityType: "source", entityId: row.id },
        tx,
      );
      return toDto(row);
    });
  } catch (error) {
    throw await asDuplicate(error, input, null);
  }
}

const EDITABLE = ["kind", "title", "publisher", "url", "publishedOn", "reliability", "confidential"] as const;

async function findLive(tx: Tx, id: string): Promise<SourceDto> {
  const row = isUuid(id) ? await tx.source.findFirst({ where: { id, deletedAt: null }, select: sourceSelect }) : null;
  if (!row) throw new NotFoundError();
  return toDto(row);
}

/**
 * Saves a source edited from `version`. ConflictError(current SourceDto) when someone saved it
 * since; nothing is written then. The audit entry names the fields that changed.
 */
export async function updateSource(actor: Actor, input: SourceUpdateInput): Promise<SourceDto> {
  await authorize(actor, "case.write", { action: "source.update", entityType: "source", entityId: input.id });
  try {
    return await db.$transaction(async (tx) => {
      const current = await findLive(tx, input.id);
      if (current.version !== input.version) throw new ConflictError(current);
      const changed = EDITABLE.filter((field) => current[field] !== input[field]);
      if (changed.length === 0) return current;
      if (sourceKey(input) !== sourceKey(current)) await refuseDuplicate(tx, input, current.id);
      const { count } = await tx.source.updateMany({
        where: { id: input.id, version: input.version, deletedAt: null },
        data: { ...toData(input), version: { increment: 1 } },
      });
      if (count === 0) throw new ConflictError(await findLive(tx, input.id));
      await recordAudit(
        {
          actor,
          action: "source.update",
          outcome: "SUCCESS",
          entityType: "source",
          entityId: input.id,
          details: { fields: [...changed] },
        },
        tx,
      );
      return findLive(tx, input.id);
    });
  } catch (error) {
    throw await asDuplicate(error, input, input.id);
  }
}

/**
 * Soft-deletes a source that backs no live event (else RuleViolationError `sourceInUse`: remove
 * its attributions first, so that no event silently loses its provenance). The deleted row gives
 * up its key (`deleted:<id>:<key>`), so the same source can be entered again later.
 */
export async function deleteSource(actor: Actor, input: SourceDeleteInput): Promise<void> {
  await authorize(actor, "case.delete", { action: "source.delete", entityType: "source", entityId: input.id });
  await db.$transaction(async (tx) => {
    // Locked so that an attribution cannot be added between the check below and the delete.
    if (isUuid(input.id)) await tx.$queryRaw`SELECT id FROM sources WHERE id = ${input.id}::uuid FOR UPDATE`;
    const current = await findLive(tx, input.id);
    if (current.version !== input.version) throw new ConflictError(current);
    const inUse = await tx.attribution.count({ where: { sourceId: current.id, event: { deletedAt: null } } });
    if (inUse > 0) throw new RuleViolationError({ id: ["sourceInUse"] });
    const { key } = await tx.source.findUniqueOrThrow({ where: { id: current.id }, select: { key: true } });
    await tx.source.update({
      where: { id: current.id },
      data: { deletedAt: new Date(), key: `deleted:${current.id}:${key}`, version: { increment: 1 } },
    });
    await recordAudit(
      { actor, action: "source.delete", outcome: "SUCCESS", entityType: "source", entityId: current.id },
      tx,
    );
  });
}
