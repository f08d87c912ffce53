import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/domain/actor";
import type { Reliability, SourceKind } from "@/lib/domain/enums";
import { formatPeopleCount } from "@/lib/domain/people-count";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AttributionInput, AttributionRemoveInput, AttributionUpdateInput } from "@/lib/validation/source";
import { recordAudit } from "./audit";
import { authorize } from "./authorize";
import { ConflictError, NotFoundError, RuleViolationError } from "./errors";

// A second source for an event is one more attribution, never a second event (DESIGN.md §1):
// tallies count events, so corroboration never inflates them.

/** A source's claim about an event, with what the event's page shows of the source. */
export interface AttributionDto {
  id: string;
  eventId: string;
  credibility: number;
  claimedLow: number | null;
  /** Null with a `claimedLow` for an open count ("41+"). */
  claimedHigh: number | null;
  /** The claimed count as text ("500–600", "41+"), or null when the source gave none. */
  claimedCount: string | null;
  /** Canonical fuzzy-date text ("2017-07..2017-08"): format it with parseFuzzyDate + formatFuzzyDate. */
  claimedDate: string | null;
  excerpt: string | null;
  /** Sent back with an edit: a claim saved by someone else since is refused with a conflict. */
  version: number;
  source: {
    id: string;
    title: string;
    kind: SourceKind;
    publisher: string | null;
    /** Always http(s) (checked on input); render it as a link only after checking again. */
    url: string | null;
    reliability: Reliability;
    confidential: boolean;
  };
}

const attributionSelect = {
  id: true,
  eventId: true,
  credibility: true,
  claimedLow: true,
  claimedHigh: true,
  claimedDate: true,
  excerpt: true,
  version: true,
  source: {
    select: { id: true, title: true, kind: true, publisher: true, url: true, reliability: true, confidential: true },
  },
} as const;

type AttributionRow = Prisma.AttributionGetPayload<{ select: typeof attributionSelect }>;

const isUuid = (value: string) => z.uuid().safeParse(value).success;

function toDto(row: AttributionRow): AttributionDto {
  const claimedCount =
    row.claimedLow === null
      ? null
      : formatPeopleCount({ low: row.claimedLow, high: row.claimedHigh, approximate: false });
  return { ...row, claimedCount, source: { ...row.source, reliability: row.source.reliability as Reliability } };
}

function claimData(input: AttributionUpdateInput | AttributionInput) {
  return {
    credibility: input.credibility,
    claimedLow: input.claimedLow,
    claimedHigh: input.claimedHigh,
    claimedDate: input.claimedDate,
    excerpt: input.excerpt,
  };
}

/**
 * Row locks (FOR SHARE) on the event and the source: a concurrent soft delete of either waits for
 * this transaction, then sees the new attribution (deleteSource refuses a source in use).
 */
async function lockLive(tx: Tx, table: "events" | "sources", id: string): Promise<boolean> {
  const rows =
    table === "events"
      ? await tx.$queryRaw<unknown[]>`SELECT id FROM events WHERE id = ${id}::uuid AND deleted_at IS NULL FOR SHARE`
      : await tx.$queryRaw<unknown[]>`SELECT id FROM sources WHERE id = ${id}::uuid AND deleted_at IS NULL FOR SHARE`;
  return rows.length === 1;
}

/**
 * Adds a source's claim to a live event. NotFoundError when the event is missing or deleted;
 * RuleViolationError on `sourceId`: `attributionSourceUnavailable` (source deleted or unknown),
 * `attributionExists` (this source already backs this event: edit that attribution instead).
 */
export async function addAttribution(actor: Actor, input: AttributionInput): Promise<AttributionDto> {
  await authorize(actor, "case.write", { action: "attribution.add", entityType: "event", entityId: input.eventId });
  const exists = new RuleViolationError({ sourceId: ["attributionExists"] });
  try {
    return await db.$transaction(async (tx) => {
      if (!(await lockLive(tx, "events", input.eventId))) throw new NotFoundError();
      if (!(await lockLive(tx, "sources", input.sourceId))) {
        throw new RuleViolationError({ sourceId: ["attributionSourceUnavailable"] });
      }
      const pair = { eventId: input.eventId, sourceId: input.sourceId };
      if (await tx.attribution.findUnique({ where: { eventId_sourceId: pair }, select: { id: true } })) throw exists;
      const row = await tx.attribution.create({ data: { ...pair, ...claimData(input) }, select: attributionSelect });
      await recordAudit(
        {
          actor,
          action: "attribution.add",
          outcome: "SUCCESS",
          entityType: "attribution",
          entityId: row.id,
          details: { eventId: row.eventId, sourceId: row.source.id, credibility: row.credibility },
        },
        tx,
      );
      return toDto(row);
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw exists;
    throw error;
  }
}

/** An attribution of a live event and a live source, or NotFoundError. */
async function findLive(tx: Tx, id: string): Promise<AttributionRow> {
  const row = isUuid(id)
    ? await tx.attribution.findFirst({
        where: { id, event: { deletedAt: null }, source: { deletedAt: null } },
        select: attributionSelect,
      })
    : null;
  if (!row) throw new NotFoundError();
  return row;
}

const CLAIM_FIELDS = ["credibility", "claimedLow", "claimedHigh", "claimedDate", "excerpt"] as const;

/**
 * Changes the claim (credibility, count, date, excerpt), if it is still at the version the writer
 * saw: otherwise a ConflictError carries the claim as it is now. The audit entry names the fields changed.
 */
export async function updateAttribution(actor: Actor, input: AttributionUpdateInput): Promise<AttributionDto> {
  await authorize(actor, "case.write", { action: "attribution.update", entityType: "attribution", entityId: input.id });
  return db.$transaction(async (tx) => {
    const current = await findLive(tx, input.id);
    if (current.version !== input.version) throw new ConflictError(toDto(current));
    const changed = CLAIM_FIELDS.filter((field) => current[field] !== input[field]);
    if (changed.length === 0) return toDto(current);
    // The version in the WHERE clause: an edit saved since findLive read the row makes this miss.
    const [row] = await tx.attribution.updateManyAndReturn({
      where: { id: current.id, version: input.version },
      data: { ...claimData(input), version: { increment: 1 } },
      select: attributionSelect,
    });
    if (!row) throw new ConflictError(toDto(await findLive(tx, input.id)));
    await recordAudit(
      {
        actor,
        action: "attribution.update",
        outcome: "SUCCESS",
        entityType: "attribution",
        entityId: row.id,
        details: { eventId: row.eventId, sourceId: row.source.id, fields: [...changed] },
      },
      tx,
    );
    return toDto(row);
  });
}

/**
 * Removes an attribution, if it is still at the version the writer saw (a ConflictError carries the
 * claim as it is now). An event may be left with no source: it is then shown as unsourced.
 */
export async function removeAttribution(
  actor: Actor,
  input: AttributionRemoveInput,
): Promise<{ eventId: string; sourceId: string }> {
  await authorize(actor, "case.write", { action: "attribution.remove", entityType: "attribution", entityId: input.id });
  return db.$transaction(async (tx) => {
    const current = await findLive(tx, input.id);
    if (current.version !== input.version) throw new ConflictError(toDto(current));
    // The version in the WHERE clause: an edit saved since findLive read the row makes this miss.
    const removed = await tx.attribution.deleteMany({ where: { id: current.id, version: input.version } });
    if (removed.count === 0) throw new ConflictError(toDto(await findLive(tx, input.id)));
    const pair = { eventId: current.eventId, sourceId: current.source.id };
    await recordAudit(
      {
        actor,
        action: "attribution.remove",
        outcome: "SUCCESS",
        entityType: "attribution",
        entityId: current.id,
        details: pair,
      },
      tx,
    );
    return pair;
  });
}

/** The claims backing a live event, most credible first. NotFoundError when the event is not live. */
export async function listAttributionsForEvent(actor: Actor, eventId: string): Promise<AttributionDto[]> {
  await authorize(actor, "case.read", { action: "attribution.list", entityType: "event", entityId: eventId });
  if (!isUuid(eventId)) throw new NotFoundError();
  const event = await db.event.findFirst({ where: { id: eventId, deletedAt: null }, select: { id: true } });
  if (!event) throw new NotFoundError();
  const rows = await db.attribution.findMany({
    where: { eventId, source: { deletedAt: null } },
    select: attributionSelect,
    orderBy: [{ credibility: "asc" }, { source: { title: "asc" } }, { id: "asc" }],
  });
  return rows.map(toDto);
}
