import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Role } from "@/lib/domain/policy";
import { actorFor, createUser, uniqueToken } from "@/lib/testing/factories";
import { createAttribution, createEvent, createSource as seedSource } from "@/lib/testing/source-factories";
import { sourceSchema, sourceUpdateSchema } from "@/lib/validation/source";
import { AccessDeniedError, ConflictError, NotFoundError, RuleViolationError } from "./errors";
import { createSource, deleteSource, updateSource } from "./source-mutations";
import { getSource, listSourceOptions, listSources, SOURCES_PAGE_SIZE, type SourceDto } from "./sources";

const input = (overrides: Record<string, unknown> = {}) =>
  sourceSchema.parse({
    kind: "NGO_REPORT",
    title: `Forced returns ${uniqueToken()}`,
    publisher: "Human Rights Watch",
    url: "",
    publishedOn: "2017-07-14",
    reliability: "B",
    confidential: false,
    ...overrides,
  });

const asRole = async (role: Role) => actorFor(await createUser({ role }));

const auditOf = (where: { actorId?: string; entityId?: string; action: string }) =>
  db.auditEntry.findMany({ where, orderBy: { id: "asc" } });

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (error: unknown) => error,
  );
}

describe("createSource", () => {
  it("creates a source for a researcher and audits source.create", async () => {
    const actor = await asRole("RESEARCHER");
    const created = await createSource(actor, input({ title: "  HRW:  forced returns ", url: " https://hrw.org/x " }));

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
    const first = await createSource(actor, input({ url: path }));

    const error = await refusal(
      createSource(actor, input({ url: `${path.replace("www.dailynk", "WWW.DailyNK")}/?utm_source=x#top` })),
    );

    expect(error).toBeInstanceOf(RuleViolationError);
    expect((error as RuleViolationError).fieldErrors).toEqual({ url: ["sourceExists"], existingSourceId: [first.id] });
  });

  it("refuses the same title, publisher and date when there is no URL", async () => {
    const actor = await asRole("EDITOR");
    const first = await createSource(actor, input());

    const error = await refusal(createSource(actor, input({ title: ` ${first.title.toUpperCase()}  ` })));

    expect((error as RuleViolationError).fieldErrors).toEqual({
      title: ["sourceExists"],
      existingSourceId: [first.id],
    });
    expect(await db.source.count({ where: { title: { equals: first.title, mode: "insensitive" } } })).toBe(1);
  });

  it.each<Role>(["VIEWER", "PARTNER"])("refuses a %s and audits the refusal", async (role) => {
    const actor = await asRole(role);
    const data = input();

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

const editOf = (source: SourceDto, changes: Record<string, unknown>) =>
  sourceUpdateSchema.parse({ ...source, ...changes });

describe("updateSource", () => {
  it("saves, bumps the version and audits the changed field names", async () => {
    const actor = await asRole("RESEARCHER");
    const source = await createSource(actor, input());

    const saved = await updateSource(actor, editOf(source, { title: `${source.title} (rev.)`, reliability: "A" }));

    expect(saved).toMatchObject({ title: `${source.title} (rev.)`, reliability: "A", version: 2 });
    const row = await db.source.findUniqueOrThrow({ where: { id: source.id } });
    expect(row.key).toContain("(rev.)");
    expect(await auditOf({ entityId: source.id, action: "source.update" })).toEqual([
      expect.objectContaining({ actorId: actor.id, outcome: "SUCCESS", details: { fields: ["title", "reliability"] } }),
    ]);
  });

  it("refuses a stale version with the current record, and overwrites nothing", async () => {
    const actor = await asRole("EDITOR");
    const source = await createSource(actor, input());
    const theirs = await updateSource(actor, editOf(source, { publisher: "Daily NK" }));

    const error = await refusal(updateSource(actor, editOf(source, { title: "Mine" })));

    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).current).toEqual(theirs);
    expect(await db.source.findUniqueOrThrow({ where: { id: source.id } })).toMatchObject({
      title: source.title,
      publisher: "Daily NK",
      version: 2,
    });
    expect(await auditOf({ entityId: source.id, action: "source.update" })).toHaveLength(1);
  });

  it("writes nothing when nothing changed", async () => {
    const actor = await asRole("EDITOR");
    const source = await createSource(actor, input());
    expect(await updateSource(actor, editOf(source, {}))).toEqual(source);
    expect(await auditOf({ entityId: source.id, action: "source.update" })).toHaveLength(0);
  });

  it("refuses a change that makes it a duplicate of another source", async () => {
    const actor = await asRole("EDITOR");
    const other = await createSource(actor, input({ url: `https://hrw.org/${uniqueToken()}` }));
    const source = await createSource(actor, input());

    const error = await refusal(updateSource(actor, editOf(source, { url: `${other.url}/` })));

    expect((error as RuleViolationError).fieldErrors).toEqual({ url: ["sourceExists"], existingSourceId: [other.id] });
  });

  it("refuses a viewer, audits it, and answers NotFoundError for a deleted source", async () => {
    const viewer = await asRole("VIEWER");
    const source = await createSource(await asRole("EDITOR"), input());
    await expect(updateSource(viewer, editOf(source, { title: "x" }))).rejects.toThrow(AccessDeniedError);
    expect(await auditOf({ actorId: viewer.id!, action: "source.update" })).toEqual([
      expect.objectContaining({ outcome: "DENIED", entityId: source.id }),
    ]);

    const deleted = await seedSource({ deletedAt: new Date() });
    const researcher = await asRole("RESEARCHER");
    await expect(updateSource(researcher, editOf({ ...source, id: deleted.id }, { title: "x" }))).rejects.toThrow(
      NotFoundError,
    );
  });
});

describe("deleteSource", () => {
  it("soft-deletes, frees the key, hides the source and audits source.delete", async () => {
    const editor = await asRole("EDITOR");
    const source = await createSource(editor, input());

    await deleteSource(editor, { id: source.id, version: source.version });

    const row = await db.source.findUniqueOrThrow({ where: { id: source.id } });
    expect(row.deletedAt).not.toBeNull();
    expect(row.key.startsWith(`deleted:${source.id}:`)).toBe(true);
    expect((await listSources(editor, { q: source.title })).total).toBe(0);
    await expect(getSource(editor, source.id)).rejects.toThrow(NotFoundError);
    expect(await auditOf({ entityId: source.id, action: "source.delete" })).toEqual([
      expect.objectContaining({ actorId: editor.id, outcome: "SUCCESS" }),
    ]);
    const again = await createSource(editor, input({ title: source.title }));
    expect(again.id).not.toBe(source.id);
  });

  it("refuses a source that still backs a live event, but not one backing only deleted events", async () => {
    const editor = await asRole("EDITOR");
    const source = await createSource(editor, input());
    const event = await createEvent();
    await createAttribution(event.id, source.id);

    const error = await refusal(deleteSource(editor, { id: source.id, version: 1 }));
    expect((error as RuleViolationError).fieldErrors).toEqual({ id: ["sourceInUse"] });
    expect((await db.source.findUniqueOrThrow({ where: { id: source.id } })).deletedAt).toBeNull();

    await db.event.update({ where: { id: event.id }, data: { deletedAt: new Date() } });
    await deleteSource(editor, { id: source.id, version: 1 });
    expect((await db.source.findUniqueOrThrow({ where: { id: source.id } })).deletedAt).not.toBeNull();
  });

  it("refuses a stale version", async () => {
    const editor = await asRole("EDITOR");
    const source = await createSource(editor, input());
    await updateSource(editor, editOf(source, { title: `${source.title}!` }));
    await expect(deleteSource(editor, { id: source.id, version: 1 })).rejects.toThrow(ConflictError);
  });

  it.each<Role>(["RESEARCHER", "VIEWER"])("refuses a %s and audits the refusal", async (role) => {
    const actor = await asRole(role);
    const source = await seedSource();
    await expect(deleteSource(actor, { id: source.id, version: 1 })).rejects.toThrow(AccessDeniedError);
    expect((await db.source.findUniqueOrThrow({ where: { id: source.id } })).deletedAt).toBeNull();
    expect(await auditOf({ actorId: actor.id!, action: "source.delete" })).toEqual([
      expect.objectContaining({ outcome: "DENIED", entityId: source.id, details: { permission: "case.delete" } }),
    ]);
  });
});

describe("sourceSchema", () => {
  const issues = (overrides: Record<string, unknown>) => {
    const result = sourceSchema.safeParse({
      kind: "MEDIA",
      title: "T",
      reliability: "F",
      confidential: false,
      ...overrides,
    });
    return result.success ? {} : z.flattenError(result.error).fieldErrors;
  };

  it.each(["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<b>x</b>", "ftp://hrw.org/a", "hrw.org/a"])(
    "refuses the URL %j",
    (url) => {
      expect(issues({ url })).toEqual({ url: ["sourceUrlInvalid"] });
    },
  );

  it("refuses impossible dates, unknown kinds and reliabilities, and empty titles", () => {
    expect(issues({ publishedOn: "2017-02-30" })).toEqual({ publishedOn: ["sourcePublishedOnInvalid"] });
    expect(issues({ publishedOn: "2017-07" })).toEqual({ publishedOn: ["sourcePublishedOnInvalid"] });
    expect(issues({ kind: "BLOG", reliability: "G", title: "   " })).toEqual({
      kind: ["sourceKindInvalid"],
      reliability: ["sourceReliabilityInvalid"],
      title: ["required"],
    });
    expect(issues({ title: "x".repeat(501), publisher: "x".repeat(201) })).toEqual({
      title: ["tooLong"],
      publisher: ["tooLong"],
    });
  });

  it("reads its own output back unchanged (the form parses, then the action again)", () => {
    const once = sourceSchema.parse({ ...input(), url: " https://hrw.org/a ", publisher: "  " });
    expect(once).toMatchObject({ url: "https://hrw.org/a", publisher: null });
    expect(sourceSchema.parse(once)).toEqual(once);
  });
});
