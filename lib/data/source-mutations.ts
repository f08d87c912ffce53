import "server-only";
import type { Actor } from "@/lib/domain/actor";
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
import { isUuid, sourceSelect, toDto, type SourceDto } from "./source-record";

const dateOf = (day: string | null) => (day ? new Date(`${day}T00:00:00.000Z`) : null);

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
