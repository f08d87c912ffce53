import "server-only";
import { actorFromUser, inactiveReason, type Actor } from "@/lib/domain/actor";
import { db } from "@/lib/db";
import { recordAudit } from "./audit";

// Like sessions.ts, this runs before there is an actor, so it takes none: it is how a command-line
// tool acting `--as` a user gets one.

/**
 * The actor for the active user with this email, acting from `origin` (default "cli"), or null
 * when there is no such user, or the user or their organisation is deactivated. A refusal is
 * audited; the caller learns only that there is no usable account.
 */
export async function loadActorByEmail(email: string, origin: string = "cli"): Promise<Actor | null> {
  const user = await db.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      active: true,
      organisationId: true,
      organisation: { select: { active: true } },
    },
  });
  const reason = inactiveReason(user);
  if (reason || !user) {
    await recordAudit({
      actor: null,
      origin,
      action: "auth.act_as",
      outcome: "DENIED",
      entityType: user ? "user" : undefined,
      entityId: user?.id,
      details: { reason },
    });
    return null;
  }
  return actorFromUser(user, origin);
}
