import "server-only";
import { verifyPassword } from "@/lib/auth/password";
import {
  ATTEMPT_RETENTION_SECONDS,
  hashSignInEmail,
  signInLimits,
  throttledBy,
  type FailureCounts,
  type SignInLimits,
} from "@/lib/auth/throttle-policy";
import { actorFromUser, inactiveReason, type Actor } from "@/lib/domain/actor";
import { db } from "@/lib/db";
import { signInSchema } from "@/lib/validation/user";
import { recordAudit } from "./audit";

// The functions here run before there is an actor, so they take none: they are how one is made.

export interface SessionUser {
  id: string;
  sessionVersion: number;
}

/** One sign-in in this many also deletes expired attempts: no scheduler needed, little work per call. */
const PRUNE_ONE_IN = 100;
const PRUNE_BATCH = 5_000;

/**
 * Checks an email and password. Every attempt is audited and recorded in sign_in_attempts (in one
 * transaction); the caller learns only success or failure, never which part was wrong. Unknown
 * accounts and throttled attempts (too many failures for the account or from the address, see
 * lib/auth/throttle-policy.ts) hash a dummy password, so all failures cost the same time.
 * A success does not clear earlier failures: only time does.
 */
export async function verifyCredentials(credentials: unknown, origin: string | null): Promise<SessionUser | null> {
  const parsed = signInSchema.safeParse(credentials);
  const emailHash = hashSignInEmail(parsed.success ? parsed.data.email : typedEmail(credentials));
  const limits = signInLimits();
  const [counts, user] = await Promise.all([
    countRecentFailures(emailHash, origin, limits),
    parsed.success
      ? db.user.findUnique({
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
      : null,
  ]);
  const throttle = throttledBy(counts, limits);
  // Throttled: hash against the dummy, so the real password is not even tested, at the same cost.
  const storedHash = throttle ? null : (user?.passwordHash ?? null);
  const passwordOk = await verifyPassword(storedHash, parsed.success ? parsed.data.password : "");
  const reason = !parsed.success
    ? "malformed"
    : throttle
      ? "throttled"
      : !user
        ? "unknown_account"
        : !passwordOk
          ? "wrong_password"
          : !user.active || user.organisation?.active === false
            ? "inactive"
            : null;
  await db.$transaction(async (tx) => {
    await tx.signInAttempt.create({ data: { emailHash, ip: origin, succeeded: reason === null } });
    await recordAudit(
      {
        actor: null,
        origin,
        action: "auth.sign_in",
        outcome: reason ? "FAILURE" : "SUCCESS",
        entityType: user ? "user" : undefined,
        entityId: user?.id,
        details: reason === "throttled" && throttle ? { reason, scope: throttle } : reason ? { reason } : {},
      },
      tx,
    );
  });
  if (Math.random() * PRUNE_ONE_IN < 1) {
    // Housekeeping of working data, not a change worth auditing; a failure must not fail the sign-in.
    await pruneSignInAttempts().catch((error: unknown) =>
      console.error("pruning sign_in_attempts failed", error instanceof Error ? error.name : "unknown error"),
    );
  }
  return reason || !user ? null : { id: user.id, sessionVersion: user.sessionVersion };
}

/** The email of a form that failed validation, so that its failure still counts against the account. */
function typedEmail(credentials: unknown): string {
  const email = (credentials as { email?: unknown } | null | undefined)?.email;
  return typeof email === "string" ? email : "";
}

/**
 * Both failure counts in one query, by the database's clock (app servers' clocks may disagree).
 * Each count stops at its limit, so an address with a million failures costs no more than one with
 * a hundred. An attempt with no known address has no address count. Concurrent attempts may read
 * the same count, so a burst can exceed a limit by its size minus one: the limit slows guessing,
 * it does not promise an exact number.
 */
async function countRecentFailures(emailHash: string, ip: string | null, limits: SignInLimits): Promise<FailureCounts> {
  const [row] = await db.$queryRaw<FailureCounts[]>`
    SELECT
      (SELECT count(*)::int FROM (
         SELECT 1 FROM "sign_in_attempts"
          WHERE "email_hash" = ${emailHash} AND NOT "succeeded"
            AND "created_at" > now() - ${limits.accountWindowSeconds}::int * interval '1 second'
          LIMIT ${limits.accountLimit}::int) AS a) AS "account",
      (SELECT count(*)::int FROM (
         SELECT 1 FROM "sign_in_attempts"
          WHERE "ip" = ${ip}::text AND NOT "succeeded"
            AND "created_at" > now() - ${limits.ipWindowSeconds}::int * interval '1 second'
          LIMIT ${limits.ipLimit}::int) AS i) AS "ip"`;
  return row ?? { account: 0, ip: 0 };
}

/**
 * Deletes attempts older than every throttling window, a batch at a time. Called by one sign-in in
 * a hundred; exported for tests and for a scheduled job, should one ever be wanted.
 * @returns how many attempts were deleted.
 */
export function pruneSignInAttempts(): Promise<number> {
  return db.$executeRaw`
    DELETE FROM "sign_in_attempts" WHERE "id" IN (
      SELECT "id" FROM "sign_in_attempts"
       WHERE "created_at" < now() - ${ATTEMPT_RETENTION_SECONDS}::int * interval '1 second'
       LIMIT ${PRUNE_BATCH}::int)`;
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
