import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { asRole } from "@/lib/testing/factories";
import { createAttribution, createEvent, createSource } from "@/lib/testing/source-factories";
import { attributionUpdateSchema } from "@/lib/validation/source";
import { listAttributionsForEvent, removeAttribution, updateAttribution } from "./attributions";
import { AccessDeniedError, ConflictError, NotFoundError } from "./errors";

const auditOf = (where: { actorId?: string; entityId?: string; action: string }) =>
  db.auditEntry.findMany({ where, orderBy: { id: "asc" } });

describe("removeAttribution", () => {
  it("removes even the last attribution, leaving the event unsourced, and audits it", async () => {
    const actor = await asRole("RESEARCHER");
    const [event, source] = await Promise.all([createEvent(), createSource()]);
    const attribution = await createAttribution(event.id, source.id);

    expect(await removeAttribution(actor, { id: attribution.id, version: 1 })).toEqual({
      eventId: event.id,
      sourceId: source.id,
    });

    expect(await db.attribution.count({ where: { id: attribution.id } })).toBe(0);
    expect(await db.event.count({ where: { id: event.id, deletedAt: null } })).toBe(1);
    expect(await listAttributionsForEvent(actor, event.id)).toEqual([]);
    expect(await auditOf({ entityId: attribution.id, action: "attribution.remove" })).toEqual([
      expect.objectContaining({ outcome: "SUCCESS", details: { eventId: event.id, sourceId: source.id } }),
    ]);
    await expect(removeAttribution(actor, { id: attribution.id, version: 1 })).rejects.toThrow(NotFoundError);
  });

  it("refuses to remove a claim changed since the writer saw it, and removes nothing", async () => {
    const actor = await asRole("EDITOR");
    const [event, source] = await Promise.all([createEvent(), createSource()]);
    const attribution = await createAttribution(event.id, source.id);
    const edited = await updateAttribution(
      actor,
      attributionUpdateSchema.parse({ id: attribution.id, version: 1, credibility: 2 }),
    );
    const refusal = await removeAttribution(actor, { id: attribution.id, version: 1 }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ConflictError);
    expect((refusal as ConflictError).current).toMatchObject({ version: 2, credibility: 2 });
    expect(await db.attribution.count({ where: { id: attribution.id } })).toBe(1);
    expect(await auditOf({ entityId: attribution.id, action: "attribution.remove" })).toEqual([]);

    await removeAttribution(actor, { id: attribution.id, version: edited.version });
    expect(await db.attribution.count({ where: { id: attribution.id } })).toBe(0);
  });

  it("refuses a viewer and audits the refusal", async () => {
    const viewer = await asRole("VIEWER");
    const [event, source] = await Promise.all([createEvent(), createSource()]);
    const attribution = await createAttribution(event.id, source.id);

    await expect(removeAttribution(viewer, { id: attribution.id, version: 1 })).rejects.toThrow(AccessDeniedError);

    expect(await db.attribution.count({ where: { id: attribution.id } })).toBe(1);
    expect(await auditOf({ actorId: viewer.id!, action: "attribution.remove" })).toEqual([
      expect.objectContaining({ outcome: "DENIED", details: { permission: "case.write" } }),
    ]);
  });
});
