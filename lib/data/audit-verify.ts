import "server-only";
import { db } from "@/lib/db";
import { storedEntryHash } from "./audit";

/** Why the chain stops being trustworthy at an entry. */
export type AuditChainBreak = "hash_mismatch" | "broken_link";

export interface AuditChainReport {
  /** How many entries were checked (all of them when the chain is intact). */
  entries: number;
  /** The first entry that does not verify, or null when the whole trail does. */
  firstBroken: { id: string; reason: AuditChainBreak } | null;
}

const BATCH_SIZE = 5_000;

/** The next `take` entries after id `after` (from the start when null): keyset, never OFFSET. */
function readBatch(after: bigint | null, take: number) {
  return db.auditEntry.findMany({
    where: after === null ? {} : { id: { gt: after } },
    orderBy: { id: "asc" },
    take,
  });
}

/**
 * Walks the audit trail in id order and checks every entry (DESIGN.md §5):
 * - `hash_mismatch`: the entry's hash is not what `recordAudit` computes from its stored fields,
 *   so the entry was edited (or its hash was);
 * - `broken_link`: its `prev_hash` is not the hash of the entry before it (null for the first),
 *   so an entry was removed, inserted or reordered before it.
 * Stops at the first break. Reads in keyset batches, so memory stays flat however long the trail.
 *
 * Actor-less on purpose, like `isDatabaseReachable`: it is run by the operator's `npm run
 * audit:verify` on the server, never from a request, and it reveals only ids and hash verdicts.
 * Removing entries from the *end* of the trail cannot be seen from the chain alone; compare the
 * count and last hash against a copy kept elsewhere for that.
 *
 * Entries are re-hashed from what Prisma reads back: the details JSON as jsonb returns it. That is
 * the same canonical JSON that was hashed on write: jsonb reorders keys (canonicalJson sorts them),
 * keeps numbers as exact decimals of the shortest JavaScript form (so they parse back to the same
 * double), and holds strings unchanged; `created_at` is timestamptz(3), the precision of a Date.
 */
export async function verifyAuditChain(options: { batchSize?: number } = {}): Promise<AuditChainReport> {
  const take = options.batchSize ?? BATCH_SIZE;
  let entries = 0;
  let after: bigint | null = null;
  let prevHash: string | null = null;
  for (;;) {
    const batch = await readBatch(after, take);
    for (const entry of batch) {
      const id = entry.id.toString();
      if (entry.prevHash !== prevHash) return { entries, firstBroken: { id, reason: "broken_link" } };
      const expected = storedEntryHash(entry);
      if (entry.hash !== expected) return { entries, firstBroken: { id, reason: "hash_mismatch" } };
      entries++;
      prevHash = entry.hash;
    }
    if (batch.length < take) return { entries, firstBroken: null };
    after = batch[batch.length - 1]!.id;
  }
}
