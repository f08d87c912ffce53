import "server-only";
import { createHash } from "node:crypto";
import type { Actor } from "@/lib/domain/actor";
import { db, type Tx } from "@/lib/db";
import type { AuditOutcome } from "@/lib/generated/prisma/client";

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

/** The text an entry's hash covers besides the previous hash. */
function canonicalEntry(entry: ChainedFields): string {
  return canonicalJson({ ...entry, createdAt: entry.createdAt.toISOString() });
}

/** hash = sha256(previous hash ‖ "\n" ‖ canonical entry), DESIGN.md §5. */
export function chainHash(prevHash: string | null, entry: ChainedFields): string {
  return createHash("sha256")
    .update(`${prevHash ?? ""}\n${canonicalEntry(entry)}`)
    .digest("hex");
}

/** The hash a stored entry must carry: what `npm run audit:verify` and the tests recompute. */
export function storedEntryHash(entry: ChainedFields & { prevHash: string | null }): string {
  const { prevHash, createdAt, actorId, actorRole, action, entityType, entityId, outcome, ip, details } = entry;
  return chainHash(prevHash, { createdAt, actorId, actorRole, action, entityType, entityId, outcome, ip, details });
}

/**
 * Appends one entry to the audit trail in one statement: `append_audit_entry` (migration
 * 20261123090000) takes the chain lock, reads the last hash and stores the entry hashed with it, as
 * `chainHash` defines. Pass the transaction of the write being audited so that the write and its
 * entry commit together; without one, the statement is its own transaction.
 */
export async function recordAudit(input: AuditInput, tx?: Tx): Promise<void> {
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
  await (tx ?? db).$executeRaw`SELECT append_audit_entry(
    ${fields.createdAt}::timestamptz, ${fields.actorId}::uuid, ${fields.actorRole}::"Role", ${fields.action},
    ${fields.entityType}, ${fields.entityId}, ${fields.outcome}::"AuditOutcome", ${fields.ip},
    ${JSON.stringify(fields.details)}::jsonb, ${canonicalEntry(fields)})`;
}
