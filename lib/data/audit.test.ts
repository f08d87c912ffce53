import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { AuditEntry } from "@/lib/generated/prisma/client";
import { withClient } from "@/lib/testing/databases";
import { actorFor, createUser } from "@/lib/testing/factories";
import { recordAudit, storedEntryHash } from "./audit";

// Other test files write audit entries at the same time, so each test finds its own entries by a
// unique entity id, and chain checks walk the whole table (which must hold whoever wrote to it).

function recompute(entry: AuditEntry): string {
  return storedEntryHash(entry);
}

/** Every break in the chain, as readable strings: empty when the trail is intact. */
async function chainBreaks(): Promise<string[]> {
  const entries = await db.auditEntry.findMany({ orderBy: { id: "asc" } });
  const breaks: string[] = [];
  entries.forEach((entry, i) => {
    const expectedPrev = i === 0 ? null : entries[i - 1]!.hash;
    if (entry.prevHash !== expectedPrev) breaks.push(`#${entry.id}: prev_hash ${entry.prevHash} ≠ ${expectedPrev}`);
    if (entry.hash !== recompute(entry)) breaks.push(`#${entry.id}: hash does not recompute`);
  });
  return breaks;
}

describe("recordAudit", () => {
  it("appends an entry chained to the one before it", async () => {
    const user = await createUser({ role: "ADMIN" });
    const entityId = randomUUID();

    await recordAudit({
      actor: actorFor(user, "198.51.100.4"),
      action: "test.chain",
      outcome: "SUCCESS",
      entityType: "test",
      entityId,
      details: { b: 2, a: "one", list: ["x", "y"], none: null },
    });

    const entry = await db.auditEntry.findFirstOrThrow({ where: { entityId } });
    expect(entry).toMatchObject({
      actorId: user.id,
      actorRole: "ADMIN",
      action: "test.chain",
      outcome: "SUCCESS",
      entityType: "test",
      ip: "198.51.100.4",
      details: { a: "one", b: 2, list: ["x", "y"], none: null },
    });
    const previous = await db.auditEntry.findFirst({ where: { id: { lt: entry.id } }, orderBy: { id: "desc" } });
    expect(entry.prevHash).toBe(previous?.hash ?? null);
    expect(entry.hash).toBe(recompute(entry));
    expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("hashes in the database exactly as the verifier does, whatever the characters", async () => {
    const entityId = randomUUID();
    const details = { code: '평양 "咸镜北道" \\ \n \u0001 é', list: ["ｱ", "$x"], n: 1.5, yes: true };
    await recordAudit({ actor: null, action: "test.characters", outcome: "SUCCESS", entityId, details });
    const entry = await db.auditEntry.findFirstOrThrow({ where: { entityId } });
    expect(entry.details).toEqual(details);
    expect(entry.hash).toBe(recompute(entry));
  });

  it("takes the origin given over the actor's, and allows no actor at all", async () => {
    const entityId = randomUUID();
    await recordAudit({ actor: null, origin: "203.0.113.9", action: "test.origin", outcome: "FAILURE", entityId });

    const entry = await db.auditEntry.findFirstOrThrow({ where: { entityId } });
    expect(entry).toMatchObject({ actorId: null, actorRole: null, ip: "203.0.113.9", outcome: "FAILURE", details: {} });
    expect(entry.hash).toBe(recompute(entry));
  });

  it("commits and rolls back with the transaction it is given", async () => {
    const entityId = randomUUID();
    await expect(
      db.$transaction(async (tx) => {
        await recordAudit({ actor: null, action: "test.rollback", outcome: "SUCCESS", entityId }, tx);
        throw new Error("the audited write failed");
      }),
    ).rejects.toThrow("the audited write failed");

    expect(await db.auditEntry.count({ where: { entityId } })).toBe(0);
    expect(await chainBreaks()).toEqual([]);
  });

  it("keeps a single unbroken chain under 50 concurrent writers", async () => {
    const entityId = randomUUID();

    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        recordAudit({ actor: null, action: "test.concurrent", outcome: "SUCCESS", entityId, details: { i } }),
      ),
    );

    const mine = await db.auditEntry.findMany({ where: { entityId }, orderBy: { id: "asc" } });
    expect(mine.map((e) => (e.details as { i: number }).i).sort((a, b) => a - b)).toEqual([...Array(50).keys()]);
    expect(new Set(mine.map((e) => e.prevHash)).size).toBe(50); // no two entries claim the same predecessor
    expect(await chainBreaks()).toEqual([]);
  });
});

describe("audit_entries", () => {
  // Each attempt runs in a transaction that is rolled back, so a missing trigger fails the test
  // without wiping the trail that the other tests are using.
  async function attempt(sql: string) {
    return withClient(process.env.DATABASE_URL!, async (client) => {
      const { rows } = await client.query<{ rolsuper: boolean }>(
        `SELECT rolsuper FROM pg_roles WHERE rolname = current_user`,
      );
      expect(rows[0]!.rolsuper).toBe(true);
      await client.query("BEGIN");
      try {
        await client.query(sql);
        return null;
      } catch (error) {
        return error as Error & { code?: string };
      } finally {
        await client.query("ROLLBACK");
      }
    });
  }

  it.each([
    ["UPDATE", `UPDATE audit_entries SET action = 'tampered' WHERE id = (SELECT max(id) FROM audit_entries)`],
    ["DELETE", `DELETE FROM audit_entries WHERE id = (SELECT max(id) FROM audit_entries)`],
    ["TRUNCATE", `TRUNCATE audit_entries`],
  ])("refuses %s even to a superuser", async (operation, sql) => {
    await recordAudit({ actor: null, action: "test.append_only", outcome: "SUCCESS", entityId: randomUUID() });

    const error = await attempt(sql);

    expect(error).not.toBeNull();
    expect(error!.code).toBe("42501");
    expect(error!.message).toContain(`append-only (${operation} refused)`);
  });
});
