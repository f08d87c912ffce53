import { describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Role } from "@/lib/domain/policy";
import { asRole, refusal, uniqueToken } from "@/lib/testing/factories";
import { auditOf, sourceInput } from "@/lib/testing/source-inputs";
import { createAttribution, createEvent, createSource as seedSource } from "@/lib/testing/source-factories";
import { sourceSchema, sourceUpdateSchema } from "@/lib/validation/source";
import { AccessDeniedError, ConflictError, NotFoundError, RuleViolationError } from "./errors";
import { createSource, deleteSource, updateSource } from "./source-mutations";
import { getSource, listSources, type SourceDto } from "./sources";

const editOf = (source: SourceDto, changes: Record<string, unknown>) =>
  sourceUpdateSchema.parse({ ...source, ...changes });

describe("updateSource", () => {
  it("saves, bumps the version and audits the changed field names", async () => {
    const actor = await asRole("RESEARCHER");
    const source = await createSource(actor, sourceInput());

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
    const source = await createSource(actor, sourceInput());
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
    const source = await createSource(actor, sourceInput());
    expect(await updateSource(actor, editOf(source, {}))).toEqual(source);
    expect(await auditOf({ entityId: source.id, action: "source.update" })).toHaveLength(0);
  });

  it("refuses a change that makes it a duplicate of another source", async () => {
    const actor = await asRole("EDITOR");
    const other = await createSource(actor, sourceInput({ url: `https://hrw.org/${uniqueToken()}` }));
    const source = await createSource(actor, sourceInput());

    const error = await refusal(updateSource(actor, editOf(source, { url: `${other.url}/` })));

    expect((error as RuleViolationError).fieldErrors).toEqual({ url: ["sourceExists"], existingSourceId: [other.id] });
  });

  it("refuses a viewer, audits it, and answers NotFoundError for a deleted source", async () => {
    const viewer = await asRole("VIEWER");
    const source = await createSource(await asRole("EDITOR"), sourceInput());
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
    const source = await createSource(editor, sourceInput());

    await deleteSource(editor, { id: source.id, version: source.version });

    const row = await db.source.findUniqueOrThrow({ where: { id: source.id } });
    expect(row.deletedAt).not.toBeNull();
    expect(row.key.startsWith(`deleted:${source.id}:`)).toBe(true);
    expect((await listSources(editor, { q: source.title })).total).toBe(0);
    await expect(getSource(editor, source.id)).rejects.toThrow(NotFoundError);
    expect(await auditOf({ entityId: source.id, action: "source.delete" })).toEqual([
      expect.objectContaining({ actorId: editor.id, outcome: "SUCCESS" }),
    ]);
    const again = await createSource(editor, sourceInput({ title: source.title }));
    expect(again.id).not.toBe(source.id);
  });

  it("refuses a source that still backs a live event, but not one backing only deleted events", async () => {
    const editor = await asRole("EDITOR");
    const source = await createSource(editor, sourceInput());
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
    const source = await createSource(editor, sourceInput());
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
    const once = sourceSchema.parse({ ...sourceInput(), url: " https://hrw.org/a ", publisher: "  " });
    expect(once).toMatchObject({ url: "https://hrw.org/a", publisher: null });
    expect(sourceSchema.parse(once)).toEqual(once);
  });
});
