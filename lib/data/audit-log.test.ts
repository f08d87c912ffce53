import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { actorFor, createUser, uniqueToken } from "@/lib/testing/factories";
import { auditFilterSchema, type AuditFilters } from "@/lib/validation/audit";
import { recordAudit } from "./audit";
import { AUDIT_PAGE_SIZE, exportAuditEntries, listAuditEntries, type AuditRow } from "./audit-log";
import { AccessDeniedError } from "./errors";

// Other files write audit entries at the same time: every test filters on values of its own
// (a unique entity id, action prefix or actor), so it knows exactly which entries it should see.

const filters = (input: Record<string, string>): AuditFilters => auditFilterSchema.parse(input);
const today = () => new Date().toISOString().slice(0, 10);

async function admin() {
  return actorFor(await createUser({ role: "ADMIN" }));
}

async function writeEntries(count: number, entityId: string, action = "test.audit_log") {
  for (let i = 0; i < count; i++) {
    await recordAudit({ actor: null, action, outcome: "SUCCESS", entityType: "test", entityId, details: { i } });
  }
}

async function collect(batches: AsyncGenerator<AuditRow[], void>) {
  const rows: AuditRow[] = [];
  for await (const batch of batches) rows.push(...batch);
  return rows;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("listAuditEntries", () => {
  it("shows one record's history, newest first, page by page", async () => {
    const actor = await admin();
    const entityId = randomUUID();
    await writeEntries(AUDIT_PAGE_SIZE * 2 + 7, entityId);

    const seen: AuditRow[] = [];
    let after: string | undefined;
    const pageSizes: number[] = [];
    do {
      const page = await listAuditEntries(actor, filters({ entityType: "test", entityId, ...(after && { after }) }));
      pageSizes.push(page.entries.length);
      seen.push(...page.entries);
      after = page.nextAfter ?? undefined;
    } while (after);

    expect(pageSizes).toEqual([AUDIT_PAGE_SIZE, AUDIT_PAGE_SIZE, 7]);
    expect(seen.map((e) => e.details.i)).toEqual([...Array(AUDIT_PAGE_SIZE * 2 + 7).keys()].reverse());
    expect(seen.every((e) => e.entityId === entityId && e.entityType === "test")).toBe(true);
  });

  it("pages by time then id: entries of one instant split across pages, and a server clock behind", async () => {
    const actor = await admin();
    const entityId = randomUUID();
    // Every entry gets its server's clock: here one instant for most, and an earlier one written last.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-06-01T12:00:00.000Z"));
    await writeEntries(AUDIT_PAGE_SIZE + 5, entityId);
    vi.setSystemTime(new Date("2026-06-01T11:59:59.000Z"));
    await writeEntries(1, entityId, "test.audit_log.behind");
    vi.useRealTimers();

    const first = await listAuditEntries(actor, filters({ entityType: "test", entityId }));
    const second = await listAuditEntries(actor, filters({ entityType: "test", entityId, after: first.nextAfter! }));
    expect(first.entries.map((e) => e.details.i)).toEqual(
      [...Array(AUDIT_PAGE_SIZE + 5).keys()].reverse().slice(0, 50),
    );
    expect(second.entries.map((e) => [e.action, e.details.i])).toEqual([
      ...[4, 3, 2, 1, 0].map((i) => ["test.audit_log", i]),
      ["test.audit_log.behind", 0],
    ]);
    expect(second.nextAfter).toBeNull();
    // A cursor naming no entry (a bookmark from another database, say) opens an empty last page.
    const nowhere = await listAuditEntries(actor, filters({ entityType: "test", entityId, after: "999999999999" }));
    expect(nowhere).toEqual({ entries: [], nextAfter: null });
    const exported = await collect(
      (await exportAuditEntries(actor, filters({ entityType: "test", entityId }))).batches,
    );
    expect(exported.map((e) => e.id)).toEqual([...first.entries, ...second.entries].map((e) => e.id));
  });

  it("filters by action prefix, actor (email or id) and day, and names the actor", async () => {
    const actor = await admin();
    const subject = await createUser({ role: "EDITOR" });
    const prefix = `test.t${uniqueToken()}`;
    const entityId = randomUUID();
    for (const action of [`${prefix}.one`, `${prefix}.two`, `${prefix}x.other`]) {
      await recordAudit({
        actor: actorFor(subject, "192.0.2.7"),
        action,
        outcome: "SUCCESS",
        entityType: "test",
        entityId,
      });
    }

    const byPrefix = await listAuditEntries(actor, filters({ action: `${prefix}.` }));
    expect(byPrefix.entries.map((e) => e.action)).toEqual([`${prefix}.two`, `${prefix}.one`]);
    expect(byPrefix.entries[0]).toMatchObject({
      actorId: subject.id,
      actorName: subject.name,
      actorRole: "EDITOR",
      origin: "192.0.2.7",
      outcome: "SUCCESS",
    });

    for (const who of [subject.email.toUpperCase(), subject.id]) {
      const byActor = await listAuditEntries(actor, filters({ actor: who }));
      expect(byActor.entries.map((e) => e.action).sort()).toEqual([
        `${prefix}.one`,
        `${prefix}.two`,
        `${prefix}x.other`,
      ]);
    }
    expect((await listAuditEntries(actor, filters({ actor: `nobody-${uniqueToken()}@passage.test` }))).entries).toEqual(
      [],
    );

    const day = today();
    expect(
      (await listAuditEntries(actor, filters({ entityType: "test", entityId, from: day, to: day }))).entries,
    ).toHaveLength(3);
    expect(
      (await listAuditEntries(actor, filters({ entityType: "test", entityId, to: "2000-01-01" }))).entries,
    ).toEqual([]);
    expect(
      (await listAuditEntries(actor, filters({ entityType: "test", entityId, from: "2999-01-01" }))).entries,
    ).toEqual([]);
  });

  it("drops filters that are not valid instead of failing", () => {
    expect(filters({ action: "DROP TABLE", from: "2026-13-01", after: "-1", entityType: "test" })).toEqual({
      entityType: "test",
    });
  });

  it("audits the read itself with ids and codes, never the email typed in", async () => {
    const actor = await admin();
    const subject = await createUser({ role: "VIEWER" });

    await listAuditEntries(actor, filters({ actor: subject.email, action: "auth." }));

    const read = await db.auditEntry.findFirstOrThrow({ where: { actorId: actor.id, action: "audit.read" } });
    expect(read.outcome).toBe("SUCCESS");
    expect(read.details).toEqual({ actorId: subject.id, action: "auth." });
  });

  it.each(["EDITOR", "RESEARCHER", "VIEWER", "PARTNER"] as const)(
    "refuses a %s, and audits the refusal",
    async (role) => {
      const user = await createUser({ role });

      await expect(listAuditEntries(actorFor(user), filters({}))).rejects.toBeInstanceOf(AccessDeniedError);
      await expect(exportAuditEntries(actorFor(user), filters({}))).rejects.toBeInstanceOf(AccessDeniedError);

      const denied = await db.auditEntry.findMany({ where: { actorId: user.id }, orderBy: { id: "asc" } });
      expect(denied.map((e) => [e.action, e.outcome, e.details])).toEqual([
        ["audit.read", "DENIED", { permission: "audit.read" }],
        ["audit.export", "DENIED", { permission: "audit.read" }],
      ]);
    },
  );
});

describe("exportAuditEntries", () => {
  it("records the export before reading, then yields every matching entry, cursor ignored", async () => {
    const actor = await admin();
    const entityId = randomUUID();
    await writeEntries(12, entityId);

    const { batches } = await exportAuditEntries(actor, filters({ entityType: "test", entityId, after: "1" }));
    const recorded = await db.auditEntry.findFirstOrThrow({ where: { actorId: actor.id, action: "audit.export" } });
    expect(recorded.details).toEqual({ entityType: "test", entityId, limit: 100_000 });

    const rows = await collect(batches);
    expect(rows.map((r) => r.details.i)).toEqual([...Array(12).keys()].reverse());
  });
});
