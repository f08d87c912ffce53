import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Role } from "@/lib/domain/policy";
import { asRole, refusal, uniqueToken } from "@/lib/testing/factories";
import { auditOf, sourceInput } from "@/lib/testing/source-inputs";
import { createAttribution, createEvent, createSource as seedSource } from "@/lib/testing/source-factories";
import { AccessDeniedError, NotFoundError, RuleViolationError } from "./errors";
import { createSource } from "./source-mutations";
import { getSource, listSourceOptions, listSources, SOURCES_PAGE_SIZE } from "./sources";

describe("createSource", () => {
  it("creates a source for a researcher and audits source.create", async () => {
    const actor = await asRole("RESEARCHER");
    const created = await createSource(
      actor,
      sourceInput({ title: "  HRW:  forced returns ", url: " https://hrw.org/x " }),
    );

    expect(created).toMatchObject({
      title: "HRW:  forced returns",
      url: "https://hrw.org/x",
      publishedOn: "2017-07-14",
      reliability: "B",
      version: 1,
    });
    const row = await db.source.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ key: "https://hrw.org/x", createdById: actor.id });
    expect(await auditOf({ entityId: created.id, action: "source.create" })).toEqual([
      expect.objectContaining({ actorId: actor.id, outcome: "SUCCESS", entityType: "source" }),
    ]);
  });

  it("refuses the same URL written differently, naming the existing source", async () => {
    const actor = await asRole("EDITOR");
    const path = `https://www.dailynk.com/${uniqueToken()}`;
    const first = await createSource(actor, sourceInput({ url: path }));

    const error = await refusal(
      createSource(actor, sourceInput({ url: `${path.replace("www.dailynk", "WWW.DailyNK")}/?utm_source=x#top` })),
    );

    expect(error).toBeInstanceOf(RuleViolationError);
    expect((error as RuleViolationError).fieldErrors).toEqual({ url: ["sourceExists"], existingSourceId: [first.id] });
  });

  it("refuses the same title, publisher and date when there is no URL", async () => {
    const actor = await asRole("EDITOR");
    const first = await createSource(actor, sourceInput());

    const error = await refusal(createSource(actor, sourceInput({ title: ` ${first.title.toUpperCase()}  ` })));

    expect((error as RuleViolationError).fieldErrors).toEqual({
      title: ["sourceExists"],
      existingSourceId: [first.id],
    });
    expect(await db.source.count({ where: { title: { equals: first.title, mode: "insensitive" } } })).toBe(1);
  });

  it.each<Role>(["VIEWER", "PARTNER"])("refuses a %s and audits the refusal", async (role) => {
    const actor = await asRole(role);
    const data = sourceInput();

    await expect(createSource(actor, data)).rejects.toThrow(AccessDeniedError);

    expect(await db.source.count({ where: { title: data.title } })).toBe(0);
    expect(await auditOf({ actorId: actor.id!, action: "source.create" })).toEqual([
      expect.objectContaining({ outcome: "DENIED", details: { permission: "case.write" } }),
    ]);
  });
});

describe("listSources", () => {
  it("searches title and publisher case-insensitively, filters by kind, and counts", async () => {
    const token = uniqueToken();
    const report = await seedSource({ title: `Report ${token}`, kind: "NGO_REPORT" });
    const article = await seedSource({ title: "An article", publisher: `Daily ${token.toUpperCase()}`, kind: "MEDIA" });
    await seedSource({ title: `Deleted ${token}`, deletedAt: new Date() });
    const viewer = await asRole("VIEWER");

    const all = await listSources(viewer, { q: token });
    expect(all.sources.map((s) => s.id).sort()).toEqual([report.id, article.id].sort());
    expect(all.total).toBe(2);
    const media = await listSources(viewer, { q: token, kind: "MEDIA" });
    expect(media).toMatchObject({ total: 1, nextAfter: null, sources: [{ id: article.id }] });
  });

  it("treats % and _ in a search as text", async () => {
    const token = uniqueToken();
    const literal = await seedSource({ title: `100% ${token}` });
    await seedSource({ title: `100 ${token}` });

    const underscore = await seedSource({ title: `a_b\\c ${token}` });
    await seedSource({ title: `axb\\c ${token}` });
    const viewer = await asRole("VIEWER");

    expect((await listSources(viewer, { q: `100% ${token}` })).sources.map((s) => s.id)).toEqual([literal.id]);
    expect((await listSources(viewer, { q: `a_b\\c ${token}` })).sources.map((s) => s.id)).toEqual([underscore.id]);
  });

  it("pages with a keyset cursor, newest first, without gaps or repeats", async () => {
    const token = uniqueToken();
    const created: string[] = [];
    for (let i = 0; i < SOURCES_PAGE_SIZE + 3; i++)
      created.push((await seedSource({ title: `Paged ${token} ${i}` })).id);
    const actor = await asRole("RESEARCHER");

    const first = await listSources(actor, { q: token });
    expect(first.sources).toHaveLength(SOURCES_PAGE_SIZE);
    expect(first.total).toBe(SOURCES_PAGE_SIZE + 3);
    expect(first.nextAfter).not.toBeNull();
    const second = await listSources(actor, { q: token, after: first.nextAfter! });
    expect(second.nextAfter).toBeNull();

    const seen = [...first.sources, ...second.sources].map((s) => s.id);
    // Sources made within the same millisecond are ordered by id: compare with the database's order.
    const expected = await db.source.findMany({
      where: { id: { in: created } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    expect(seen).toEqual(expected.map((s) => s.id));
  });

  it("refuses a partner and audits the refusal", async () => {
    const partner = await asRole("PARTNER");
    await expect(listSources(partner)).rejects.toThrow(AccessDeniedError);
    await expect(listSourceOptions(partner)).rejects.toThrow(AccessDeniedError);
    expect(await auditOf({ actorId: partner.id!, action: "source.list" })).toEqual([
      expect.objectContaining({ outcome: "DENIED", details: { permission: "case.read" } }),
      expect.objectContaining({ outcome: "DENIED", details: { permission: "case.read" } }),
    ]);
  });
});

describe("listSourceOptions", () => {
  it("lists live sources by title, limited", async () => {
    const token = uniqueToken();
    const b = await seedSource({ title: `Options ${token} B`, publisher: null });
    const a = await seedSource({ title: `Options ${token} A` });
    await seedSource({ title: `Options ${token} C`, deletedAt: new Date() });
    const actor = await asRole("RESEARCHER");

    expect(await listSourceOptions(actor, { q: token })).toEqual([
      { id: a.id, title: a.title, publisher: "Test Publisher" },
      { id: b.id, title: b.title, publisher: null },
    ]);
    expect(await listSourceOptions(actor, { q: token, limit: 1 })).toHaveLength(1);
  });
});

describe("getSource", () => {
  it("shows the live events the source backs, for a viewer", async () => {
    const source = await seedSource();
    const backed = await createEvent({ occurredFrom: "2017-07-01", occurredTo: "2017-08-31", precision: "RANGE" });
    const deleted = await createEvent({ deletedAt: new Date() });
    await createAttribution(backed.id, source.id, 2);
    await createAttribution(deleted.id, source.id);

    const detail = await getSource(await asRole("VIEWER"), source.id);

    expect(detail).toMatchObject({ id: source.id, title: source.title, eventCount: 1 });
    expect(detail.events).toEqual([
      {
        id: backed.id,
        type: "APPREHENSION",
        date: "July–August 2017",
        province: "JILIN",
        people: "41",
        credibility: 2,
      },
    ]);
  });

  it("lists the backed events latest first and counts every live one", async () => {
    const source = await seedSource();
    const older = await createEvent({ occurredFrom: "2016-03-01", occurredTo: "2016-03-31", precision: "MONTH" });
    const newer = await createEvent({ occurredFrom: "2018-01-01", occurredTo: "2018-12-31", precision: "YEAR" });
    const middle = await createEvent({ occurredFrom: "2017-05-04", occurredTo: "2017-05-04", precision: "DAY" });
    const gone = await createEvent({ occurredFrom: "2019-01-01", occurredTo: "2019-01-01", deletedAt: new Date() });
    for (const event of [older, newer, middle, gone]) await createAttribution(event.id, source.id);
    const elsewhere = await seedSource();
    await createAttribution(older.id, elsewhere.id);

    const detail = await getSource(await asRole("VIEWER"), source.id);

    expect(detail.eventCount).toBe(3);
    expect(detail.events.map((e) => [e.id, e.date])).toEqual([
      [newer.id, "2018 (year only)"],
      [middle.id, "4 May 2017"],
      [older.id, "March 2016"],
    ]);
  });

  it("answers NotFoundError for deleted, unknown and malformed ids, and refuses partners", async () => {
    const viewer = await asRole("VIEWER");
    const deleted = await seedSource({ deletedAt: new Date() });
    for (const id of [deleted.id, randomUUID(), "not-a-uuid"]) {
      await expect(getSource(viewer, id)).rejects.toThrow(NotFoundError);
    }
    const partner = await asRole("PARTNER");
    const live = await seedSource();
    await expect(getSource(partner, live.id)).rejects.toThrow(AccessDeniedError);
    expect(await auditOf({ actorId: partner.id!, action: "source.read" })).toEqual([
      expect.objectContaining({ outcome: "DENIED", entityType: "source", entityId: live.id }),
    ]);
  });
});
