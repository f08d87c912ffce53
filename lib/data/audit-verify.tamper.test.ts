import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  canCreateDatabases,
  createScratchDatabase,
  NO_SCRATCH_DATABASES,
  type ScratchDatabase,
  withClient,
} from "@/lib/testing/databases";

// Tampering breaks the chain for good, so these tests own a scratch database (like
// users.last-admin.test.ts): DATABASE_URL points at it *before* the data layer is imported,
// dynamically, so this file's Prisma client is bound to it. Nothing here imports lib/db statically.
// Rewriting the trail takes a superuser who switches the append-only trigger off, which is exactly
// the attack the hash chain is there to reveal.

type DbModule = typeof import("@/lib/db");
type Audit = typeof import("./audit");
type Verify = typeof import("./audit-verify");

let database: ScratchDatabase;
let db: DbModule["db"];
let recordAudit: Audit["recordAudit"];
let chainHash: Audit["chainHash"];
let verifyAuditChain: Verify["verifyAuditChain"];

/** Runs `sql` as the superuser with the append-only trigger switched off for just that statement. */
function tamper(sql: string, values: unknown[] = []) {
  return withClient(database.url, async (client) => {
    await client.query("ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_update_delete");
    try {
      await client.query(sql, values);
    } finally {
      await client.query("ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_update_delete");
    }
  });
}

/** The ids of the scratch trail, oldest first, as the report spells them. */
async function ids(): Promise<string[]> {
  return (await db.auditEntry.findMany({ orderBy: { id: "asc" }, select: { id: true } })).map((e) => e.id.toString());
}

function runCli() {
  const result = spawnSync("npx", ["tsx", "--conditions=react-server", "lib/cli/audit-verify.ts"], {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: database.url },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe.skipIf(!canCreateDatabases)(
  `verifyAuditChain on a tampered trail (${canCreateDatabases ? "own database" : NO_SCRATCH_DATABASES})`,
  () => {
    beforeAll(async () => {
      if ((globalThis as { prisma?: unknown }).prisma) {
        throw new Error("A Prisma client already exists in this worker: it would not use the scratch database.");
      }
      database = await createScratchDatabase({ migrate: true });
      process.env.DATABASE_URL = database.url;
      ({ db } = await import("@/lib/db"));
      ({ recordAudit, chainHash } = await import("./audit"));
      ({ verifyAuditChain } = await import("./audit-verify"));
      const rows = await db.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`;
      expect(rows[0]?.name).toBe(database.name);

      // Details that jsonb stores differently from how JavaScript wrote them (key order, number
      // forms, escapes) must still re-hash to the same value.
      const awkward = { z: 0.1 + 0.2, a: 1e21, m: 5e-324, 'é\n"k"': "한국어 \u2028 😀", list: ["b", "a"], none: null };
      for (let i = 0; i < 6; i++) {
        await recordAudit({
          actor: null,
          origin: "cli",
          action: `test.tamper_${i}`,
          outcome: i % 2 ? "SUCCESS" : "DENIED",
          entityType: "test",
          entityId: String(i),
          details: i === 0 ? awkward : { i, big: 2 ** 53 - 1, neg: -0 },
        });
      }
    });

    afterAll(async () => {
      await db?.$disconnect();
      await database?.drop();
    });

    it("reports an untouched trail intact, read in any batch size, and the command exits 0", async () => {
      for (const batchSize of [1, 2, 5, 6, 5_000]) {
        expect(await verifyAuditChain({ batchSize })).toEqual({ entries: 6, firstBroken: null });
      }

      const cli = runCli();
      expect(cli.output).toContain("audit chain intact: 6 entries");
      expect(cli.status).toBe(0);
    }, 90_000);

    it.each([
      ["details", `UPDATE audit_entries SET details = '{"i": 99}' WHERE id = $1`],
      ["action", `UPDATE audit_entries SET action = 'test.innocent' WHERE id = $1`],
      ["created_at", `UPDATE audit_entries SET created_at = created_at - interval '1 day' WHERE id = $1`],
      ["hash", `UPDATE audit_entries SET hash = repeat('0', 64) WHERE id = $1`],
    ])("reports an edited %s as a hash mismatch at that entry", async (_column, sql) => {
      const [, , target] = await ids();
      const original = await db.auditEntry.findUniqueOrThrow({ where: { id: BigInt(target!) } });
      await tamper(sql, [target]);
      try {
        expect(await verifyAuditChain({ batchSize: 2 })).toEqual({
          entries: 2,
          firstBroken: { id: target, reason: "hash_mismatch" },
        });
      } finally {
        await tamper(`UPDATE audit_entries SET details = $2, action = $3, created_at = $4, hash = $5 WHERE id = $1`, [
          target,
          JSON.stringify(original.details),
          original.action,
          original.createdAt,
          original.hash,
        ]);
      }
      expect((await verifyAuditChain()).firstBroken).toBeNull();
    });

    it("reports an edit whose hash was recomputed as a broken link at the next entry", async () => {
      const [, target, next] = await ids();
      const original = await db.auditEntry.findUniqueOrThrow({ where: { id: BigInt(target!) } });
      // Re-hashing the edited entry is easy; the next entry still names the old hash.
      const { id: _id, prevHash, hash: _hash, ...fields } = original;
      const forged = chainHash(prevHash, { ...fields, details: { i: 99 } });
      await tamper(`UPDATE audit_entries SET details = '{"i": 99}', hash = $2 WHERE id = $1`, [target, forged]);
      try {
        expect((await verifyAuditChain()).firstBroken).toEqual({ id: next, reason: "broken_link" });
      } finally {
        await tamper(`UPDATE audit_entries SET details = $2, hash = $3 WHERE id = $1`, [
          target,
          JSON.stringify(original.details),
          original.hash,
        ]);
      }
      expect((await verifyAuditChain()).firstBroken).toBeNull();
    });

    it("reports a deleted entry as a broken link at the one after it, and the command exits 1", async () => {
      const [, , , target, next] = await ids();
      await tamper(`DELETE FROM audit_entries WHERE id = $1`, [target]);

      expect((await verifyAuditChain()).firstBroken).toEqual({ id: next, reason: "broken_link" });

      const cli = runCli();
      expect(cli.output).toContain(`audit chain broken at entry #${next} (broken_link)`);
      expect(cli.status).toBe(1);
    }, 90_000);
  },
);
