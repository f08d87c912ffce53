import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Role } from "@/lib/domain/policy";
import { asRole, refusal } from "@/lib/testing/factories";
import { createAttribution, createEvent, createSource } from "@/lib/testing/source-factories";
import { attributionSchema, attributionUpdateSchema } from "@/lib/validation/source";
import { addAttribution, listAttributionsForEvent, updateAttribution } from "./attributions";
import { AccessDeniedError, ConflictError, NotFoundError, RuleViolationError } from "./errors";
import { deleteSource } from "./source-mutations";

const claim = (eventId: string, sourceId: string, overrides: Record<string, unknown> = {}) =>
  attributionSchema.parse({
    eventId,
    sourceId,
    credibility: 2,
    claimedCount: "",
    claimedDate: "",
    excerpt: "",
    ...overrides,
  });

const auditOf = (where: { actorId?: string; entityId?: string; action: string }) =>
  db.auditEntry.findMany({ where, orderBy: { id: "asc" } });

describe("addAttribution", () => {
  it("stores the claim with its parsed count and canonical date, and audits attribution.add", async () => {
    const actor = await asRole("RESEARCHER");
    const [event, source] = await Promise.all([createEvent(), createSource()]);

    const added = await addAttribution(
      actor,
      claim(event.id, source.id, { claimedCount: "500 to 600", claimedDate: "2017-7..2017-8", excerpt: "  quote " }),
    );

    expect(added).toMatchObject({
      eventId: event.id,
      credibility: 2,
      claimedLow: 500,
      claimedHigh: 600,
      claimedCount: "500–600",
      claimedDate: "2017-07..2017-08",
      excerpt: "quote",
      source: { id: source.id, title: source.title, kind: "NGO_REPORT", reliability: "B", confidential: false },
    });
    expect(await auditOf({ entityId: added.id, action: "attribution.add" })).toEqual([
      expect.objectContaining({
        actorId: actor.id,
        outcome: "SUCCESS",
        entityType: "attribution",
        details: { eventId: event.id, sourceId: source.id, credibility: 2 },
      }),
    ]);
  });

  it("adds a second source to an event as a second attribution, never a second event", async () => {
    const actor = await asRole("EDITOR");
    const event = await createEvent({ type: "REPATRIATION" });
    const [hrw, republished] = await Promise.all([createSource(), createSource({ kind: "MEDIA" })]);

    await addAttribution(actor, claim(event.id, hrw.id, { claimedCount: "41" }));
    await addAttribution(actor, claim(event.id, republished.id, { claimedCount: "at least 41", credibility: 3 }));

    expect(await db.attribution.count({ where: { eventId: event.id } })).toBe(2);
    const backed = { attributions: { some: { sourceId: { in: [hrw.id, republished.id] } } } };
    expect(await db.event.findMany({ where: backed, select: { id: true } })).toEqual([{ id: event.id }]);
    const listed = await listAttributionsForEvent(await asRole("VIEWER"), event.id);
    expect(listed.map((a) => [a.source.id, a.claimedLow, a.claimedHigh, a.claimedCount])).toEqual([
      [hrw.id, 41, 41, "41"],
      [republished.id, 41, null, "41+"],
    ]);
  });

  it("refuses the same source twice for one event", async () => {
    const actor = await asRole("EDITOR");
    const [event, source] = await Promise.all([createEvent(), createSource()]);
    await addAttribution(actor, claim(event.id, source.id));

    const error = await refusal(addAttribution(actor, claim(event.id, source.id, { credibility: 1 })));

    expect((error as RuleViolationError).fieldErrors).toEqual({ sourceId: ["attributionExists"] });
    expect(await db.attribution.count({ where: { eventId: event.id } })).toBe(1);
  });

  it("refuses a deleted or unknown event (not found) and a deleted source (rule)", async () => {
    const actor = await asRole("EDITOR");
    const source = await createSource();
    const deletedEvent = await createEvent({ deletedAt: new Date() });
    await expect(addAttribution(actor, claim(deletedEvent.id, source.id))).rejects.toThrow(NotFoundError);
    await expect(addAttribution(actor, claim(randomUUID(), source.id))).rejects.toThrow(NotFoundError);

    const event = await createEvent();
    const deletedSource = await createSource({ deletedAt: new Date() });
    const error = await refusal(addAttribution(actor, claim(event.id, deletedSource.id)));
    expect((error as RuleViolationError).fieldErrors).toEqual({ sourceId: ["attributionSourceUnavailable"] });
  });

  it.each<Role>(["VIEWER", "PARTNER"])("refuses a %s and audits the refusal", async (role) => {
    const actor = await asRole(role);
    const [event, source] = await Promise.all([createEvent(), createSource()]);

    await expect(addAttribution(actor, claim(event.id, source.id))).rejects.toThrow(AccessDeniedError);

    expect(await db.attribution.count({ where: { eventId: event.id } })).toBe(0);
    expect(await auditOf({ actorId: actor.id!, action: "attribution.add" })).toEqual([
      expect.objectContaining({ outcome: "DENIED", entityId: event.id, details: { permission: "case.write" } }),
    ]);
  });

  it("never lets a source be deleted while an attribution to it is being added", async () => {
    const editor = await asRole("EDITOR");
    for (let i = 0; i < 5; i++) {
      const [event, source] = await Promise.all([createEvent(), createSource()]);
      const [added, deleted] = await Promise.allSettled([
        addAttribution(editor, claim(event.id, source.id)),
        deleteSource(editor, { id: source.id, version: 1 }),
      ]);
      expect([added.status, deleted.status].sort()).toEqual(["fulfilled", "rejected"]);
      const row = await db.source.findUniqueOrThrow({ where: { id: source.id }, include: { attributions: true } });
      expect(row.deletedAt === null).toBe(row.attributions.length === 1);
    }
  });
});

describe("updateAttribution", () => {
  it("changes the claim and audits the changed fields", async () => {
    const actor = await asRole("RESEARCHER");
    const [event, source] = await Promise.all([createEvent(), createSource()]);
    const added = await addAttribution(actor, claim(event.id, source.id, { claimedCount: "41" }));

    const updated = await updateAttribution(
      actor,
      attributionUpdateSchema.parse({
        id: added.id,
        version: 1,
        credibility: 1,
        claimedCount: "about 60",
        claimedDate: "2017",
      }),
    );

    expect(updated).toMatchObject({
      credibility: 1,
      claimedLow: 60,
      claimedHigh: 60,
      claimedDate: "2017",
      excerpt: null,
    });
    expect(await auditOf({ entityId: added.id, action: "attribution.update" })).toEqual([
      expect.objectContaining({
        outcome: "SUCCESS",
        details: {
          eventId: event.id,
          sourceId: source.id,
          fields: ["credibility", "claimedLow", "claimedHigh", "claimedDate"],
        },
      }),
    ]);
  });

  it("refuses an edit of a claim saved by someone else since, and writes nothing", async () => {
    const actor = await asRole("EDITOR");
    const [event, source] = await Promise.all([createEvent(), createSource()]);
    const { id } = await addAttribution(actor, claim(event.id, source.id, { claimedCount: "41" }));
    const edit = (credibility: number) => attributionUpdateSchema.parse({ id, version: 1, credibility });
    expect(await updateAttribution(actor, edit(2))).toMatchObject({ credibility: 2, version: 2 });
    await expect(updateAttribution(actor, edit(5))).rejects.toBeInstanceOf(ConflictError);
    await expect(updateAttribution(actor, edit(5))).rejects.toMatchObject({ current: { credibility: 2, version: 2 } });
    expect(await db.attribution.findUniqueOrThrow({ where: { id } })).toMatchObject({ credibility: 2, version: 2 });
  });

  it("refuses a viewer and answers NotFoundError for an unknown attribution", async () => {
    const viewer = await asRole("VIEWER");
    const [event, source] = await Promise.all([createEvent(), createSource()]);
    const attribution = await createAttribution(event.id, source.id);
    const change = attributionUpdateSchema.parse({ id: attribution.id, version: 1, credibility: 1 });

    await expect(updateAttribution(viewer, change)).rejects.toThrow(AccessDeniedError);
    expect(await auditOf({ actorId: viewer.id!, action: "attribution.update" })).toEqual([
      expect.objectContaining({ outcome: "DENIED", entityId: attribution.id }),
    ]);
    await expect(updateAttribution(await asRole("EDITOR"), { ...change, id: randomUUID() })).rejects.toThrow(
      NotFoundError,
    );
  });
});

describe("listAttributionsForEvent", () => {
  it("shows a viewer the claims, most credible first, and hides deleted events", async () => {
    const viewer = await asRole("VIEWER");
    const event = await createEvent();
    const [weak, strong] = await Promise.all([
      createSource({ confidential: true, url: "https://example.org/a" }),
      createSource(),
    ]);
    await createAttribution(event.id, weak.id, 5);
    await createAttribution(event.id, strong.id, 1);

    const listed = await listAttributionsForEvent(viewer, event.id);
    expect(listed.map((a) => [a.source.id, a.credibility, a.source.confidential])).toEqual([
      [strong.id, 1, false],
      [weak.id, 5, true],
    ]);
    expect(listed[1]?.source.url).toBe("https://example.org/a");

    await db.event.update({ where: { id: event.id }, data: { deletedAt: new Date() } });
    await expect(listAttributionsForEvent(viewer, event.id)).rejects.toThrow(NotFoundError);
  });

  it("refuses a partner and audits the refusal", async () => {
    const partner = await asRole("PARTNER");
    const event = await createEvent();
    await expect(listAttributionsForEvent(partner, event.id)).rejects.toThrow(AccessDeniedError);
    expect(await auditOf({ actorId: partner.id!, action: "attribution.list" })).toEqual([
      expect.objectContaining({ outcome: "DENIED", entityType: "event", entityId: event.id }),
    ]);
  });
});

describe("attributionSchema", () => {
  const ids = { eventId: randomUUID(), sourceId: randomUUID(), credibility: 3 };

  it("turns the claimed count into bounds and the date into its canonical text, idempotently", () => {
    const once = attributionSchema.parse({ ...ids, claimedCount: "about 60", claimedDate: "about 2017-7" });
    expect(once).toMatchObject({
      claimedCount: "about 60",
      claimedLow: 60,
      claimedHigh: 60,
      claimedDate: "about 2017-07",
    });
    expect(attributionSchema.parse(once)).toEqual(once);
    expect(attributionSchema.parse({ ...ids, claimedCount: " " })).toMatchObject({
      claimedLow: null,
      claimedHigh: null,
    });
  });

  it("answers message keys for bad input", () => {
    const result = attributionSchema.safeParse({
      eventId: ids.eventId,
      sourceId: "",
      credibility: 7,
      claimedCount: "lots",
      claimedDate: "07/08/2017",
      excerpt: "x".repeat(5001),
    });
    expect(result.success).toBe(false);
    expect(z.flattenError(result.error!).fieldErrors).toEqual({
      sourceId: ["attributionSourceRequired"],
      credibility: ["attributionCredibilityInvalid"],
      claimedCount: ["attributionCountInvalid"],
      claimedDate: ["attributionDateInvalid"],
      excerpt: ["tooLong"],
    });
  });
});
