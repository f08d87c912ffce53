import "server-only";
import type { Actor } from "@/lib/domain/actor";
import { can, type Permission } from "@/lib/domain/policy";
import { recordAudit } from "./audit";
import { AccessDeniedError } from "./errors";

/**
 * Throws (after auditing the refusal) unless the actor's role grants the permission.
 * Every exported `lib/data` function calls this first.
 */
export async function authorize(
  actor: Actor,
  permission: Permission,
  target: { action: string; entityType?: string; entityId?: string },
): Promise<void> {
  if (can(actor.role, permission)) return;
  await recordAudit({ actor, outcome: "DENIED", ...target, details: { permission } });
  throw new AccessDeniedError();
}
