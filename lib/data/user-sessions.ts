import "server-only";
import { LAST_SEEN_RESOLUTION_SECONDS, sessionLimits, type SessionLimits } from "@/lib/auth/session-limits";
import type { Actor } from "@/lib/domain/actor";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "./audit";
import { AccessDeniedError } from "./errors";

// Server-side sessions: a row per sign-in whose id the session token carries. JWTs cannot be
// revoked and know nothing of idleness, so the database decides whether a session still stands.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Why a session no longer stands, for the audit trail. */
export type SessionEndReason = "no_session" | "session_ended" | "session_idle" | "session_expired";

/** Opens a session for a sign-in, in the sign-in's transaction. @returns its id, for the token. */
export async function startUserSession(tx: Tx, userId: string): Promise<string> {
  const session = await tx.userSession.create({ data: { userId }, select: { id: true } });
  return session.id;
}

/** A user_sessions row judged by the database's clock; `found` is false when none matched. */
export interface SessionClock {
  found: boolean;
  ended: boolean;
  expired: boolean;
  idle: boolean;
  stale: boolean;
}

/** The SessionClock columns of the user_sessions row joined as `s`. */
export function sessionClockSql(limits: SessionLimits = sessionLimits()): Prisma.Sql {
  return Prisma.sql`s."id" IS NOT NULL AS "found", s."ended_at" IS NOT NULL AS "ended",
    s."created_at" <= now() - ${limits.absoluteSeconds}::int * interval '1 second' AS "expired",
    s."last_seen_at" <= now() - ${limits.idleSeconds}::int * interval '1 second' AS "idle",
    s."last_seen_at" <= now() - ${LAST_SEEN_RESOLUTION_SECONDS}::int * interval '1 second' AS "stale"`;
}

/** A well-formed id from a token's claims: anything else matches no user and no session. */
export const isUuid = (value: string | undefined): value is string => value !== undefined && UUID.test(value);

/**
 * Null while the session stands, else why not. A standing session has its last_seen_at moved on
 * (at most once a minute); one found idle or too old is ended for good, so that raising a limit
 * later does not bring it back.
 */
export async function settleUserSession(
  sessionId: string | undefined,
  clock: SessionClock | undefined,
): Promise<SessionEndReason | null> {
  if (!isUuid(sessionId) || !clock?.found) return "no_session";
  if (clock.ended) return "session_ended";
  const reason = clock.expired ? "session_expired" : clock.idle ? "session_idle" : null;
  if (reason || clock.stale) {
    await db.userSession.updateMany({
      where: { id: sessionId, endedAt: null },
      data: reason ? { endedAt: new Date() } : { lastSeenAt: new Date() },
    });
  }
  return reason;
}

/** Checks a session by the database's clock (`settleUserSession`). */
export async function checkUserSession(
  userId: string,
  sessionId: string | undefined,
  limits: SessionLimits = sessionLimits(),
): Promise<SessionEndReason | null> {
  if (!isUuid(sessionId) || !isUuid(userId)) return "no_session";
  const [clock] = await db.$queryRaw<SessionClock[]>`
    SELECT ${sessionClockSql(limits)}
      FROM "user_sessions" s WHERE s."id" = ${sessionId}::uuid AND s."user_id" = ${userId}::uuid`;
  return settleUserSession(sessionId, clock);
}

/**
 * Ends the session of a sign-out. The claims come from a token whose signature next-auth checked,
 * and the update matches both ids, so a token can only end its own session.
 */
export async function endUserSession(
  claims: { userId: string; sessionId: string | undefined },
  origin: string | null,
): Promise<void> {
  if (!isUuid(claims.sessionId) || !isUuid(claims.userId)) return;
  const ended = await db.userSession.updateMany({
    where: { id: claims.sessionId, userId: claims.userId, endedAt: null },
    data: { endedAt: new Date() },
  });
  await recordAudit({
    actor: null,
    origin,
    action: "auth.sign_out",
    outcome: "SUCCESS",
    entityType: "user",
    entityId: claims.userId,
    details: { session: claims.sessionId, ended: ended.count },
  });
}

/**
 * "Sign out everywhere": bumps the session version, so that every token issued so far stops
 * working on its next request, and ends every open session of the actor, this one included.
 * Acts only on the actor's own account, so it needs no permission beyond being signed in.
 */
export async function signOutEverywhere(actor: Actor): Promise<{ ended: number }> {
  const userId = actor.id;
  if (!userId) throw new AccessDeniedError();
  return db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    const ended = await endOtherUserSessions(tx, userId, null);
    await recordAudit(
      {
        actor,
        action: "auth.sign_out_everywhere",
        outcome: "SUCCESS",
        entityType: "user",
        entityId: userId,
        details: { ended },
      },
      tx,
    );
    return { ended };
  });
}

/**
 * Ends every open session of a user but `keep` (null: all of them), in the caller's transaction:
 * all at "sign out everywhere" and a 2FA reset, all but the enrolling one when two-factor is turned on.
 */
export async function endOtherUserSessions(tx: Tx, userId: string, keep: string | null): Promise<number> {
  const ended = await tx.userSession.updateMany({
    where: { userId, endedAt: null, ...(keep ? { id: { not: keep } } : {}) },
    data: { endedAt: new Date() },
  });
  return ended.count;
}

/**
 * Deletes sessions older than the absolute lifetime and a day (none of them can stand, ended or
 * not), a batch at a time. Working data, not evidence: sign-ins and sign-outs are in the audit trail.
 * Called with the sign-in attempts' pruning. @returns how many were deleted.
 */
export function pruneUserSessions(limits: SessionLimits = sessionLimits()): Promise<number> {
  return db.$executeRaw`
    DELETE FROM "user_sessions" WHERE "id" IN (
      SELECT "id" FROM "user_sessions"
       WHERE "created_at" < now() - (${limits.absoluteSeconds}::int + 86400) * interval '1 second'
       LIMIT 1000)`;
}
