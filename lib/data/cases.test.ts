import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { formatCaseRef, parseCaseRef } from "@/lib/domain/case-ref";
import type { Role } from "@/lib/domain/policy";
import { createCase as seedCase } from "@/lib/testing/case-factories";
import { actorFor, createUser, uniqueToken } from "@/lib/testing/factories";
import { caseListQuerySchema } from "@/lib/validation/case-list";
import { caseSchema, type CaseUpdateInput } from "@/lib/validation/case";
import { settled } from "@/lib/testing/case-list";
import { listCases } from "./case-list";
import { createCase, deleteCase, restoreCase, updateCase } from "./case-mutations";
import { getCase } from "./cases";
import { AccessDeniedError, ConflictError, NotFoundError } from "./errors";

const asRole = async (role: Role) => actorFor(await createUser({ role }));

const caseInput = (overrides: Record<string, unknown> = {}) =>
  caseSchema.parse({ sex: "F", ageGroup: "ADULT", ...overrides });

/** The form of an existing case, as its edit page would send it back. */
async function editOf(id: string, overrides: Partial<CaseUpdateInput> = {}): Promise<CaseUpdateInput> {
  const row = await db.case.findUniqueOrThrow({ where: { id } });
  return {
    id,
    version: row.version,
    fullName: row.fullName,
    aliases: row.aliases,
    contact: row.contact,
    notes: row.notes,
    sex: row.sex,
    birthYear: row.birthYear,
    ageGroup: row.ageGroup,
    originProvince: row.originProvince as CaseUpdateInput["originProvince"],
    pregnant: row.pregnant,
    medicalNeeds: row.medicalNeeds,
    frail: row.frail,
    consentToShare: row.consentToShare,
    ...overrides,
  };
}

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (error: unknown) => error,
  );
}

const denials = (actorId: string | null, action: string) =>
  db.auditEntry.findMany({ where: { actorId, action, outcome: "DENIED" } });

const listByToken = (actor: Awaited<ReturnType<typeof asRole>>, q: string) =>
  settled(listCases(actor, caseListQuerySchema.parse({ q })));

describe("createCase", () => {
  it("gives a C-<year>-NNNN ref and audits case.create", async () => {
    const actor = await asRole("RESEARCHER");
    const created = await createCase(actor, caseInput({ fullName: "Kim Ok-sun" }));
    const year = new Date().getUTCFullYear();
    expect(created.ref).toMatch(new RegExp(`^C-${year}-\\d{4,}$`));
    expect(parseCaseRef(created.ref)?.year).toBe(year);
    const row = await db.case.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({
      ref: created.ref,
      fullName: "Kim Ok-sun",
      createdById: actor.id,
      version: 1,
      status: "UNKNOWN",
    });
    expect(
      await db.auditEntry.count({ where: { entityId: created.id, action: "case.create", outcome: "SUCCESS" } }),
    ).toBe(1);
  });

  it("gives 20 concurrent creates 20 different refs", async () => {
    const actor = await asRole("EDITOR");
    const created = await Promise.all(Array.from({ length: 20 }, () => createCase(actor, caseInput())));
    const refs = created.map((c) => c.ref);
    expect(new Set(refs).size).toBe(20);
    for (const ref of refs) expect(parseCaseRef(ref)).not.toBeNull();
  });

  it("skips refs already taken by imported cases", async () => {
    const actor = await asRole("EDITOR");
    const year = new Date().getUTCFullYear();
    // Take the next two refs while holding the counter row, so no parallel create can take them first.
    const taken = await db.$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO case_ref_counters (year, last_seq) VALUES (${year}, 0) ON CONFLICT (year) DO NOTHING`;
      const [row] = await tx.$queryRaw<{ last_seq: number }[]>`
        SELECT last_seq FROM case_ref_counters WHERE year = ${year} FOR UPDATE`;
      const refs = [1, 2].map((n) => formatCaseRef(year, row!.last_seq + n));
      await tx.case.createMany({ data: refs.map((ref) => ({ ref })) });
      return refs;
    });
    const created = await createCase(actor, caseInput());
    expect(taken).not.toContain(created.ref);
    expect(parseCaseRef(created.ref)!.seq).toBeGreaterThan(parseCaseRef(taken[1]!)!.seq);
  });

  it("refuses a viewer, with a DENIED audit", async () => {
    const actor = await asRole("VIEWER");
    expect(await refusal(createCase(actor, caseInput()))).toBeInstanceOf(AccessDeniedError);
    expect(await denials(actor.id, "case.create")).toHaveLength(1);
  });
});

describe("getCase", () => {
  for (const role of ["RESEARCHER", "EDITOR", "ADMIN"] as const) {
    it(`shows identities to ${role} and audits the read`, async () => {
      const actor = await asRole(role);
      const seeded = await seedCase({
        fullName: "Ri Myong-hui",
        aliases: ["Myong"],
        contact: "+82 10",
        birthYear: 1990,
      });
      const record = await getCase(actor, seeded.id);
      expect(record.identity).toEqual({
        fullName: "Ri Myong-hui",
        aliases: ["Myong"],
        contact: "+82 10",
        notes: null,
        birthYear: 1990,
      });
      expect(record).toMatchObject({ id: seeded.id, ref: seeded.ref, version: 1, status: "UNKNOWN" });
      const audits = await db.auditEntry.findMany({
        where: { actorId: actor.id, action: "case.read", entityId: seeded.id },
      });
      expect(audits).toEqual([expect.objectContaining({ outcome: "SUCCESS", details: { identities: true } })]);
    });
  }

  it("never reads identities for a viewer: no identity key at all", async () => {
    const actor = await asRole("VIEWER");
    const name = `Hidden ${uniqueToken()}`;
    const seeded = await seedCase({
      fullName: name,
      aliases: ["alias"],
      notes: "note",
      contact: "phone",
      birthYear: 1980,
    });
    const record = await getCase(actor, seeded.id);
    expect("identity" in record).toBe(false);
    expect(JSON.stringify(record)).not.toContain(name);
    expect(Object.keys(record)).not.toEqual(expect.arrayContaining(["fullName"]));
    expect(record).toMatchObject({ id: seeded.id, sex: "UNKNOWN" });
  });

  it("refuses a partner, with a DENIED audit", async () => {
    const actor = await asRole("PARTNER");
    const seeded = await seedCase();
    expect(await refusal(getCase(actor, seeded.id))).toBeInstanceOf(AccessDeniedError);
    expect(await denials(actor.id, "case.read")).toEqual([expect.objectContaining({ entityId: seeded.id })]);
  });

  it("answers NotFoundError for a deleted case, except to an admin", async () => {
    const seeded = await seedCase({ deletedAt: new Date() });
    expect(await refusal(getCase(await asRole("EDITOR"), seeded.id))).toBeInstanceOf(NotFoundError);
    const record = await getCase(await asRole("ADMIN"), seeded.id);
    expect(record.deletedAt).toBeInstanceOf(Date);
  });

  it("answers NotFoundError for a case that never existed", async () => {
    expect(await refusal(getCase(await asRole("EDITOR"), crypto.randomUUID()))).toBeInstanceOf(NotFoundError);
  });
});

describe("updateCase", () => {
  it("saves, bumps the version and audits changed field names only", async () => {
    const actor = await asRole("RESEARCHER");
    const seeded = await seedCase({ fullName: "Old name" });
    const newName = `New name ${uniqueToken()}`;
    const result = await updateCase(actor, await editOf(seeded.id, { fullName: newName, aliases: ["Sunny"] }));
    expect(result).toEqual({ version: 2 });
    expect(await db.case.findUniqueOrThrow({ where: { id: seeded.id } })).toMatchObject({
      fullName: newName,
      aliases: ["Sunny"],
      version: 2,
    });
    const [audit, ...more] = await db.auditEntry.findMany({ where: { entityId: seeded.id, action: "case.update" } });
    expect(more).toEqual([]);
    expect(audit).toMatchObject({
      actorId: actor.id,
      outcome: "SUCCESS",
      details: { fields: ["fullName", "aliases"] },
    });
    expect(JSON.stringify(audit!.details)).not.toContain(newName);
    expect(JSON.stringify(audit!.details)).not.toContain("Sunny");
  });

  it("writes nothing when nothing changed", async () => {
    const actor = await asRole("EDITOR");
    const seeded = await seedCase({ fullName: "Same" });
    expect(await updateCase(actor, await editOf(seeded.id))).toEqual({ version: 1 });
    expect(await db.auditEntry.count({ where: { entityId: seeded.id, action: "case.update" } })).toBe(0);
  });

  it("refuses a stale version with the current values, overwriting nothing", async () => {
    const [first, second] = await Promise.all([asRole("RESEARCHER"), asRole("RESEARCHER")]);
    const seeded = await seedCase({ fullName: "Original" });
    const stale = await editOf(seeded.id);
    await updateCase(first, { ...stale, fullName: "First writer" });

    const error = await refusal(updateCase(second, { ...stale, fullName: "Second writer", notes: "late" }));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).current).toMatchObject({ version: 2, fullName: "First writer", notes: null });
    const row = await db.case.findUniqueOrThrow({ where: { id: seeded.id } });
    expect(row).toMatchObject({ fullName: "First writer", notes: null, version: 2 });
    expect(
      await db.auditEntry.count({ where: { entityId: seeded.id, action: "case.update", actorId: second.id } }),
    ).toBe(0);
  });

  it("records who gave consent and when, and clears it when unset", async () => {
    const actor = await asRole("EDITOR");
    const seeded = await seedCase();
    await updateCase(actor, await editOf(seeded.id, { consentToShare: true }));
    const given = await db.case.findUniqueOrThrow({ where: { id: seeded.id } });
    expect(given).toMatchObject({ consentToShare: true, consentRecordedById: actor.id });
    expect(given.consentRecordedAt).toBeInstanceOf(Date);
    expect((await getCase(actor, seeded.id)).consentRecordedBy).toBe(actor.name);

    await updateCase(actor, await editOf(seeded.id, { consentToShare: false }));
    expect(await db.case.findUniqueOrThrow({ where: { id: seeded.id } })).toMatchObject({
      consentToShare: false,
      consentRecordedById: null,
      consentRecordedAt: null,
    });
  });

  it("records consent given when the case is created", async () => {
    const actor = await asRole("RESEARCHER");
    const created = await createCase(actor, caseInput({ consentToShare: true }));
    const row = await db.case.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.consentRecordedById).toBe(actor.id);
    expect(row.consentRecordedAt).toBeInstanceOf(Date);
  });

  it("answers NotFoundError for a deleted case, and refuses a viewer", async () => {
    const deleted = await seedCase({ deletedAt: new Date() });
    expect(await refusal(updateCase(await asRole("EDITOR"), await editOf(deleted.id)))).toBeInstanceOf(NotFoundError);
    const viewer = await asRole("VIEWER");
    const live = await seedCase();
    expect(await refusal(updateCase(viewer, await editOf(live.id, { fullName: "x" })))).toBeInstanceOf(
      AccessDeniedError,
    );
    expect(await denials(viewer.id, "case.update")).toHaveLength(1);
  });
});

describe("deleteCase and restoreCase", () => {
  it("refuses a researcher, with a DENIED audit", async () => {
    const actor = await asRole("RESEARCHER");
    const seeded = await seedCase();
    expect(await refusal(deleteCase(actor, { id: seeded.id, version: 1 }))).toBeInstanceOf(AccessDeniedError);
    expect(await denials(actor.id, "case.delete")).toHaveLength(1);
    expect((await db.case.findUniqueOrThrow({ where: { id: seeded.id } })).deletedAt).toBeNull();
  });

  it("deletes softly: the row stays, the case leaves listCases", async () => {
    const editor = await asRole("EDITOR");
    const token = uniqueToken();
    const seeded = await seedCase({ aliases: [token] });
    expect((await listByToken(editor, token)).rows.map((r) => r.id)).toEqual([seeded.id]);

    await deleteCase(editor, { id: seeded.id, version: 1 });
    const row = await db.case.findUniqueOrThrow({ where: { id: seeded.id } });
    expect(row.deletedAt).toBeInstanceOf(Date);
    expect(row.version).toBe(2);
    expect(await listByToken(editor, token)).toMatchObject({ rows: [], total: 0 });
    expect(
      await db.auditEntry.count({ where: { entityId: seeded.id, action: "case.delete", outcome: "SUCCESS" } }),
    ).toBe(1);
  });

  it("refuses a stale delete", async () => {
    const editor = await asRole("EDITOR");
    const seeded = await seedCase({ version: 3 });
    expect(await refusal(deleteCase(editor, { id: seeded.id, version: 2 }))).toBeInstanceOf(ConflictError);
    expect((await db.case.findUniqueOrThrow({ where: { id: seeded.id } })).deletedAt).toBeNull();
  });

  it("lets only an admin restore", async () => {
    const token = uniqueToken();
    const seeded = await seedCase({ aliases: [token], deletedAt: new Date() });
    const editor = await asRole("EDITOR");
    expect(await refusal(restoreCase(editor, { id: seeded.id }))).toBeInstanceOf(AccessDeniedError);
    expect(await denials(editor.id, "case.restore")).toHaveLength(1);

    const admin = await asRole("ADMIN");
    await restoreCase(admin, { id: seeded.id });
    expect((await db.case.findUniqueOrThrow({ where: { id: seeded.id } })).deletedAt).toBeNull();
    expect((await listByToken(admin, token)).rows.map((r) => r.id)).toEqual([seeded.id]);
    expect(await refusal(restoreCase(admin, { id: seeded.id }))).toBeInstanceOf(NotFoundError);
  });
});
