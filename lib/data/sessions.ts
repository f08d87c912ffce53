import "server-only";
import { verifyPassword } from "@/lib/auth/password";
import { actorFromUser, inactiveReason, type Actor } from "@/lib/domain/actor";
import { db } from "@/lib/db";
import { signInSchema } from "@/lib/validation/user";
import { recordAudit } from "./audit";

// The two functions here run before there is an actor, so they take none: they are how one is made.

export interface SessionUser {
  id: string;
  sessionVersion: number;
}

/**
 * Checks an email and password. Every attempt is audited; the caller learns only success or
 * failure, never which part was wrong, and unknown accounts cost the same time as known ones.
 */
export async function verifyCredentials(credentials: unknown, origin: string | null): Promise<SessionUser | null> {
  const parsed = signInSchema.safeParse(credentials);
  const user = parsed.success
    ? await db.user.findUnique({
        where: { email: parsed.data.email },
        select: {
          id: true,
          role: true,
          active: true,
          passwordHash: true,
          sessionVersion: true,
          organisation: { select: { active: true } },
        },
      })
    : null;
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, parsed.success ? parsed.data.password : "");
  const reason = !parsed.success
    ? "malformed"
    : !user
      ? "unknown_account"
      : !passwordOk
        ? "wrong_password"
        : !user.active || user.organisation?.active === false
          ? "inactive"
          : null;
  await recordAudit({
    actor: null,
    origin,
    action: "auth.sign_in",
    outcome: reason ? "FAILURE" : "SUCCESS",
    entityType: user ? "user" : undefined,
    entityId: user?.id,
    details: reason ? { reason } : {},
  });
  return reason || !user ? null : { id: user.id, sessionVersion: user.sessionVersion };
}

/**
 * Turns a session token's claims into an actor by reading the user afresh. A deactivated user,
 * a changed role or password (which bump `sessionVersion`) or a deactivated organisation ends the
 * session on this very request; the refusal is audited.
 */
export async function loadSessionActor(session: SessionUser, origin: string | null): Promise<Actor | null> {
  const user = await db.user.findUnique({
    where: { id: session.id },
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      active: true,
      sessionVersion: true,
      organisationId: true,
      organisation: { select: { active: true } },
    },
  });
  const reason = inactiveReason(user) ?? (user?.sessionVersion !== session.sessionVersion ? "stale_session" : null);
  if (reason || !user) {
    await recordAudit({
      actor: null,
      origin,
      action: "auth.session_rejected",
      outcome: "DENIED",
      entityType: "user",
      entityId: session.id,
      details: { reason },
    });
    return null;
  }
  return actorFromUser(user, origin);
}
