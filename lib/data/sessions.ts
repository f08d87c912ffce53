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
import type { Role } from "@/lib/domain/policy";
import { db } from "@/lib/db";
import { errorSummary } from "@/lib/security/log";
import { signInWithCodeSchema } from "@/lib/validation/two-factor";
import { recordAudit } from "./audit";
import { consumeSecondFactor, type SecondFactorResult } from "./two-factor-sign-in";
import { requiresTwoFactor } from "./two-factor-admin";
import {
  isUuid,
  pruneUserSessions,
  sessionClockSql,
  settleUserSession,
  startUserSession,
  type SessionClock,
} from "./user-sessions";

// The functions here run before there is an actor, so they take none: they are how one is made.

/** What a session token carries: the user, the session version, and the server-side session. */
export interface SessionUser {
  id: string;
  sessionVersion: number;
  /** The user_sessions row of this sign-in; a token without one is refused. */
  sessionId?: string;
}

/** The password was right, but the account uses two-factor and no code came with it. */
export const CODE_REQUIRED = { codeRequired: true } as const;

/** One sign-in in this many also deletes expired attempts: no scheduler needed, little work per call. */
const PRUNE_ONE_IN = 100;
const PRUNE_BATCH = 5_000;

/**
 * Checks an email, password and, for accounts with two-factor on, a TOTP or recovery code. Every
 * attempt is audited and recorded in sign_in_attempts (in one transaction); the caller learns only
 * success or failure, never which part was wrong, except that a right password on a two-factor
 * account without a code answers CODE_REQUIRED (the second step of the form). Unknown accounts and
 * throttled attempts (too many failures for the account or from the address, see
 * lib/auth/throttle-policy.ts) hash a dummy password, so all failures cost the same time. A wrong
 * or reused code is a failure like a wrong password; CODE_REQUIRED is audited but not counted, as
 * the password was right. A success opens a user session. Only time clears earlier failures.
 */
export async function verifyCredentials(
  credentials: unknown,
  origin: string | null,
): Promise<Required<SessionUser> | typeof CODE_REQUIRED | null> {
  const parsed = signInWithCodeSchema.safeParse(credentials);
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
            totpSecret: true,
            totpEnabledAt: true,
            organisation: { select: { active: true } },
          },
        })
      : null,
  ]);
  const throttle = throttledBy(counts, limits);
  // Throttled: hash against the dummy, so the real password is not even tested, at the same cost.
  const storedHash = throttle ? null : (user?.passwordHash ?? null);
  const passwordOk = await verifyPassword(storedHash, parsed.success ? parsed.data.password : "");
  let reason = !parsed.success
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
  let secondFactor: SecondFactorResult | undefined;
  if (!reason && user?.totpEnabledAt && parsed.success) {
    const code = parsed.data.code;
    secondFactor = code ? await consumeSecondFactor(user, code) : undefined;
    reason = !secondFactor ? "code_required" : secondFactor.ok ? null : secondFactor.reason;
  }
  const sessionId = await db.$transaction(async (tx) => {
    if (reason !== "code_required") {
      await tx.signInAttempt.create({ data: { emailHash, ip: origin, succeeded: reason === null } });
    }
    await recordAudit(
      {
        actor: null,
        origin,
        action: "auth.sign_in",
        outcome: reason ? "FAILURE" : "SUCCESS",
        entityType: user ? "user" : undefined,
        entityId: user?.id,
        details: auditDetails(reason, throttle, secondFactor),
      },
      tx,
    );
    if (secondFactor?.ok && secondFactor.method === "recovery_code") {
      await recordAudit(
        {
          actor: null,
          origin,
          action: "auth.recovery_code_used",
          outcome: "SUCCESS",
          entityType: "user",
          entityId: user!.id,
          details: { recoveryCode: secondFactor.recoveryCodeId, left: secondFactor.left },
        },
        tx,
      );
    }
    return reason || !user ? null : startUserSession(tx, user.id);
  });
  if (Math.random() * PRUNE_ONE_IN < 1) {
    // Housekeeping of working data, not a change worth auditing; a failure must not fail the sign-in.
    await Promise.all([pruneSignInAttempts(), pruneUserSessions()]).catch((error: unknown) =>
      console.error("pruning sign-in working data failed", errorSummary(error)),
    );
  }
  if (reason === "code_required") return CODE_REQUIRED;
  return sessionId && user ? { id: user.id, sessionVersion: user.sessionVersion, sessionId } : null;
}

/**
 * Checks a signed-in user's password again (turning two-factor off): throttled and counted like a
 * sign-in, so that a stolen session cannot be used to guess the password. A throttled check tests
 * the dummy hash and fails, at the same cost.
 */
export async function verifyPasswordAgain(
  user: { email: string; passwordHash: string },
  password: string,
  origin: string | null,
): Promise<boolean> {
  const emailHash = hashSignInEmail(user.email);
  const limits = signInLimits();
  const throttle = throttledBy(await countRecentFailures(emailHash, origin, limits), limits);
  const ok = await verifyPassword(throttle ? null : user.passwordHash, password);
  if (!ok) await db.signInAttempt.create({ data: { emailHash, ip: origin, succeeded: false } });
  return ok;
}

function auditDetails(
  reason: string | null,
  throttle: string | null,
  secondFactor: SecondFactorResult | undefined,
): Record<string, string> {
  if (reason === "throttled" && throttle) return { reason, scope: throttle };
  if (reason) return { reason };
  return secondFactor?.ok ? { secondFactor: secondFactor.method } : {};
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

/** A signed-in actor, and whether they must enrol in two-factor before doing anything else. */
export interface SessionState {
  actor: Actor;
  twoFactorEnrolmentRequired: boolean;
  /** The server-side session of this request (user_sessions), for actions that keep it and end others. */
  sessionId: string | null;
}

/**
 * Turns a session token's claims into an actor by reading the user and the session afresh. A
 * deactivated user, a changed role or password (which bump `sessionVersion`), a deactivated
 * organisation, or a session that ended, sat idle too long or outlived the absolute lifetime
 * (lib/auth/session-limits.ts) ends the session on this very request; the refusal is audited.
 */
export async function loadSessionActor(session: SessionUser, origin: string | null): Promise<SessionState | null> {
  const user = isUuid(session.id) ? await readSessionUser(session) : undefined;
  const reason =
    inactiveReason(user ?? null) ??
    (user?.sessionVersion !== session.sessionVersion
      ? "stale_session"
      : await settleUserSession(session.sessionId, user));
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
  const twoFactorEnrolmentRequired = !user.totpEnabledAt && requiresTwoFactor(user.role, user.requireTwoFactor);
  return { actor: actorFromUser(user, origin), twoFactorEnrolmentRequired, sessionId: session.sessionId ?? null };
}

type SessionUserRow = {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  sessionVersion: number;
  organisationId: string | null;
  totpEnabledAt: Date | null;
  organisation: { active: boolean } | null;
  requireTwoFactor: boolean | null;
} & SessionClock;

/** The user, their organisation's state, their role's two-factor setting and the session: one query. */
async function readSessionUser(session: SessionUser): Promise<SessionUserRow | undefined> {
  const sessionId = isUuid(session.sessionId) ? session.sessionId : null;
  const [row] = await db.$queryRaw<(Omit<SessionUserRow, "organisation"> & { organisationActive: boolean | null })[]>`
    SELECT u."id", u."name", u."email", u."role"::text AS "role", u."active", u."session_version" AS "sessionVersion",
           u."organisation_id" AS "organisationId", u."totp_enabled_at" AS "totpEnabledAt",
           o."active" AS "organisationActive", r."require_two_factor" AS "requireTwoFactor", ${sessionClockSql()}
      FROM "users" u
      LEFT JOIN "partner_organisations" o ON o."id" = u."organisation_id"
      LEFT JOIN "role_settings" r ON r."role" = u."role"
      LEFT JOIN "user_sessions" s ON s."id" = ${sessionId}::uuid AND s."user_id" = u."id"
     WHERE u."id" = ${session.id}::uuid`;
  if (!row) return undefined;
  const { organisationActive, ...user } = row;
  return { ...user, organisation: organisationActive === null ? null : { active: organisationActive } };
}
