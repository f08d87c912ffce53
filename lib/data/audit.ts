import "server-only";
import { createHash } from "node:crypto";
import type { Actor } from "@/lib/domain/actor";
import { db, type Tx } from "@/lib/db";
import type { AuditOutcome } from "@/lib/generated/prisma/client";

/** Serialises audit writers so that the hash chain never forks (any constant would do). */
const AUDIT_CHAIN_LOCK = 0x5a55a6e;

type DetailValue = string | number | boolean | null | string[];

export interface AuditInput {
  actor: Actor | null;
  /** dotted verb, e.g. `auth.sign_in`, `user.role_change`. */
  action: string;
  outcome: AuditOutcome;
  entityType?: string;
  entityId?: string;
  /** Only ids, field names and codes: never a name, email or free text about a person. */
  details?: Record<string, DetailValue>;
  /** Overrides the actor's origin, e.g. for sign-in attempts that have no actor yet. */
  origin?: string | null;
}

/** JSON with sorted keys, so that the same entry always hashes the same way. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export interface ChainedFields {
  createdAt: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  outcome: string;
  ip: string | null;
  details: unknown;
}

/** hash = sha256(previous hash ‖ canonical entry), DESIGN.md §5. */
export function chainHash(prevHash: string | null, entry: ChainedFields): string {
  const canonical = canonicalJson({ ...entry, createdAt: entry.createdAt.toISOString() });
  return createHash("sha256")
    .update(`${prevHash ?? ""}\n${canonical}`)
    .digest("hex");
}

/** The hash a stored entry must carry: what `npm run audit:verify` and the tests recompute. */
export function storedEntryHash(entry: ChainedFields & { prevHash: string | null }): string {
  const { prevHash, createdAt, actorId, actorRole, action, entityType, entityId, outcome, ip, details } = entry;
  return chainHash(prevHash, { createdAt, actorId, actorRole, action, entityType, entityId, outcome, ip, details });
}

/**
 * Appends one entry to the audit trail. Pass the transaction of the write being audited so that
 * the write and its entry commit together; without one, the entry gets its own transaction.
 */
export async function recordAudit(input: AuditInput, tx?: Tx): Promise<void> {
  if (!tx) {
    // Every writer queues behind the chain lock while holding a connection: allow for a burst.
    await db.$transaction((inner) => recordAudit(input, inner), { maxWait: 10_000, timeout: 10_000 });
    return;
  }
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
  const last = await tx.auditEntry.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  const fields: ChainedFields = {
    createdAt: new Date(),
    actorId: input.actor?.id ?? null,
    actorRole: input.actor?.role ?? null,
    action: input.action,
    entityType: input.entityType ?? null,
    entityId: input.entityId ?? null,
    outcome: input.outcome,
    ip: input.origin !== undefined ? input.origin : (input.actor?.origin ?? null),
    details: input.details ?? {},
  };
  const prevHash = last?.hash ?? null;
  await tx.auditEntry.create({
    data: {
      ...fields,
      actorRole: input.actor?.role ?? null,
      outcome: input.outcome,
      details: fields.details as object,
      prevHash,
      hash: chainHash(prevHash, fields),
    },
  });
}
