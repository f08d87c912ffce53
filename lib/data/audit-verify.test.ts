import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recordAudit } from "./audit";
import { verifyAuditChain } from "./audit-verify";

// The shared test database: other files append audit entries while these tests run, which is fine
// as long as every entry is chained. Tampering is tested on a database of its own, in
// audit-verify.tamper.test.ts, because a broken chain here would fail every other file's checks.

describe("verifyAuditChain on the shared trail", () => {
  it("finds the chain intact after 200 concurrent writers", { timeout: 90_000 }, async () => {
    const entityId = randomUUID();

    // Each writer brings its own transaction, as audited writes do. Not recordAudit's own: that one
    // has Prisma's default 2 s wait for a pooled connection, which 200 writers queued behind one
    // lock (and the other files' writers) can exceed; that limit is not what this test is about.
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        db.$transaction(
          (tx) =>
            recordAudit(
              { actor: null, action: "test.verify_concurrent", outcome: "SUCCESS", entityId, details: { i } },
              tx,
            ),
          { maxWait: 60_000, timeout: 60_000 },
        ),
      ),
    );
    const written = await db.auditEntry.count({ where: { id: { lte: await lastId() } } });

    const report = await verifyAuditChain();

    expect(report.firstBroken).toBeNull();
    expect(await db.auditEntry.count({ where: { entityId } })).toBe(200);
    expect(report.entries).toBeGreaterThanOrEqual(written);
  });

  it("walks batch after batch without missing or repeating an entry", async () => {
    await recordAudit({ actor: null, action: "test.verify_batches", outcome: "SUCCESS", entityId: randomUUID() });
    const before = await db.auditEntry.count({ where: { id: { lte: await lastId() } } });

    const small = await verifyAuditChain({ batchSize: 37 });

    expect(small.firstBroken).toBeNull();
    expect(small.entries).toBeGreaterThanOrEqual(before);
  });
});

async function lastId(): Promise<bigint> {
  const last = await db.auditEntry.findFirstOrThrow({ orderBy: { id: "desc" }, select: { id: true } });
  return last.id;
}
