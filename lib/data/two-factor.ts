import "server-only";
import { generateRecoveryCodes, hashRecoveryCode } from "@/lib/auth/recovery-codes";
import { openSecret, sealSecret } from "@/lib/auth/secret-box";
import { generateTotpSecret, matchTotpStep, totpUri } from "@/lib/auth/totp";
import type { Actor } from "@/lib/domain/actor";
import { db, type Tx } from "@/lib/db";
import type { PasswordAgainInput, TwoFactorConfirmInput } from "@/lib/validation/two-factor";
import { recordAudit } from "./audit";
import { AccessDeniedError, ConflictError, RuleViolationError } from "./errors";
import { verifyPasswordAgain } from "./sessions";
import { roleRequiresTwoFactor } from "./two-factor-admin";
import { endOtherUserSessions } from "./user-sessions";

// Each signed-in user manages their own second factor: these functions act only on the actor's
// own account, so no permission of the role matrix applies; the command line's system actor,
// which has no account, is refused.

function ownId(actor: Actor): string {
  if (!actor.id) throw new AccessDeniedError();
  return actor.id;
}

export interface TwoFactorStatus {
  enabled: boolean;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
  /** The actor's role must use two-factor sign-in. */
  required: boolean;
}

export async function getTwoFactorStatus(actor: Actor): Promise<TwoFactorStatus> {
  const id = ownId(actor);
  const [user, recoveryCodesLeft, required] = await Promise.all([
    db.user.findUnique({ where: { id }, select: { totpEnabledAt: true } }),
    db.recoveryCode.count({ where: { userId: id, usedAt: null } }),
    roleRequiresTwoFactor(actor.role),
  ]);
  const enabledAt = user?.totpEnabledAt ?? null;
  return { enabled: enabledAt !== null, enabledAt, recoveryCodesLeft: enabledAt ? recoveryCodesLeft : 0, required };
}

async function readPendingEnrolment(id: string): Promise<{ secret: string; uri: string } | null> {
  const user = await db.user.findUnique({
    where: { id },
    select: { email: true, totpSecret: true, totpEnabledAt: true },
  });
  if (user?.totpEnabledAt) return null;
  const secret = user?.totpSecret ? openSecret(user.totpSecret, id) : null;
  if (!user || !secret) throw new ConflictError(null);
  return { secret, uri: totpUri(secret, user.email) };
}

/** Stores `codes` (their hashes only) as the user's recovery codes, in place of all earlier ones. @returns how many went. */
async function replaceRecoveryCodes(tx: Tx, userId: string, codes: string[]): Promise<number> {
  const replaced = await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code)! })) });
  return replaced.count;
}

/**
 * The secret to enrol, for the QR code and for typing in by hand. The first call stores a new one
 * (sealed); later calls return the same one until enrolment is confirmed, so a reload does not
 * invalidate the code the person has just scanned. Null when two-factor is already on.
 */
export async function beginTwoFactorEnrolment(actor: Actor): Promise<{ secret: string; uri: string } | null> {
  const id = ownId(actor);
  const user = await db.user.findUnique({
    where: { id },
    select: { email: true, totpSecret: true, totpEnabledAt: true },
  });
  if (!user || user.totpEnabledAt) return null;
  const pending = user.totpSecret ? openSecret(user.totpSecret, id) : null;
  if (pending) return { secret: pending, uri: totpUri(pending, user.email) };
  const secret = generateTotpSecret();
  const stored = await db.user.updateMany({
    where: { id, totpEnabledAt: null, totpSecret: user.totpSecret },
    data: { totpSecret: sealSecret(secret, id), totpLastStep: null },
  });
  // A second render of the page (a prefetch, another tab) stored its secret first: show that one.
  if (stored.count !== 1) return readPendingEnrolment(id);
  await recordAudit({
    actor,
    action: "auth.two_factor.enrolment_start",
    outcome: "SUCCESS",
    entityType: "user",
    entityId: id,
  });
  return { secret, uri: totpUri(secret, user.email) };
}

/**
 * Turns two-factor on once a code from the app matches the pending secret. That code's step counts
 * as used. Every other open session of the user ends (one opened with a stolen password must not
 * outlive the second factor); `session.id`, the one enrolling, stays. @returns ten recovery codes,
 * shown once: only their hashes are kept.
 */
export async function confirmTwoFactorEnrolment(
  actor: Actor,
  input: TwoFactorConfirmInput,
  session: { id: string | null } = { id: null },
): Promise<{ recoveryCodes: string[] }> {
  const id = ownId(actor);
  const user = await db.user.findUnique({ where: { id }, select: { totpSecret: true, totpEnabledAt: true } });
  if (!user?.totpSecret || user.totpEnabledAt) throw new ConflictError(null);
  const secret = openSecret(user.totpSecret, id);
  const step = secret ? matchTotpStep(secret, input.code, Date.now()) : null;
  if (step === null) {
    await recordAudit({
      actor,
      action: "auth.two_factor.enable",
      outcome: "FAILURE",
      entityType: "user",
      entityId: id,
      details: { reason: "wrong_code" },
    });
    throw new RuleViolationError({ code: ["totpCodeWrong"] });
  }
  const recoveryCodes = generateRecoveryCodes();
  await db.$transaction(async (tx) => {
    const enabled = await tx.user.updateMany({
      where: { id, totpEnabledAt: null, totpSecret: user.totpSecret },
      data: { totpEnabledAt: new Date(), totpLastStep: step },
    });
    if (enabled.count !== 1) throw new ConflictError(null);
    await replaceRecoveryCodes(tx, id, recoveryCodes);
    const others = await endOtherUserSessions(tx, id, session.id);
    await recordAudit(
      {
        actor,
        action: "auth.two_factor.enable",
        outcome: "SUCCESS",
        entityType: "user",
        entityId: id,
        details: { recoveryCodes: recoveryCodes.length, otherSessionsEnded: others },
      },
      tx,
    );
  });
  return { recoveryCodes };
}

/**
 * The password typed again, checked and throttled like a sign-in (a stolen session must not be
 * able to turn the second factor off or read new recovery codes). A wrong one is audited as a
 * failure of `action` and refused at the field. @returns the actor's two-factor state.
 */
async function checkPasswordAgain({ actor, password, action }: { actor: Actor; password: string; action: string }) {
  const id = ownId(actor);
  const user = await db.user.findUnique({
    where: { id },
    select: { email: true, passwordHash: true, totpEnabledAt: true },
  });
  if (user && (await verifyPasswordAgain(user, password, actor.origin)))
    return { id, totpEnabledAt: user.totpEnabledAt };
  await recordAudit({
    actor,
    action,
    outcome: "FAILURE",
    entityType: "user",
    entityId: id,
    details: { reason: "wrong_password" },
  });
  throw new RuleViolationError({ password: ["passwordWrong"] });
}

/** Turns two-factor off, after checking the password again; the recovery codes go with it. */
export async function disableTwoFactor(actor: Actor, input: PasswordAgainInput): Promise<void> {
  const { id, totpEnabledAt } = await checkPasswordAgain({ actor, ...input, action: "auth.two_factor.disable" });
  if (!totpEnabledAt) throw new ConflictError(null);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
    await tx.recoveryCode.deleteMany({ where: { userId: id } });
    await recordAudit(
      { actor, action: "auth.two_factor.disable", outcome: "SUCCESS", entityType: "user", entityId: id },
      tx,
    );
  });
}

/**
 * Replaces the recovery codes, after checking the password again: every earlier code, used or not,
 * stops working, and so does every other open session of the user (one may have been opened with a
 * code that was seen); `session.id`, the one renewing, stays. @returns the new codes, shown once:
 * only their hashes are kept.
 */
export async function renewRecoveryCodes(
  actor: Actor,
  input: PasswordAgainInput,
  session: { id: string | null } = { id: null },
): Promise<{ recoveryCodes: string[] }> {
  const { id } = await checkPasswordAgain({ actor, ...input, action: "auth.recovery_codes.renew" });
  const recoveryCodes = generateRecoveryCodes();
  await db.$transaction(async (tx) => {
    // Locks the user's row: a renewal or a turning off at the same moment waits, then sees this one.
    const on = await tx.user.updateMany({
      where: { id, totpEnabledAt: { not: null } },
      data: { updatedAt: new Date() },
    });
    if (on.count !== 1) throw new ConflictError(null);
    const replaced = await replaceRecoveryCodes(tx, id, recoveryCodes);
    const others = await endOtherUserSessions(tx, id, session.id);
    await recordAudit(
      {
        actor,
        action: "auth.recovery_codes.renew",
        outcome: "SUCCESS",
        entityType: "user",
        entityId: id,
        details: { recoveryCodes: recoveryCodes.length, replaced, otherSessionsEnded: others },
      },
      tx,
    );
  });
  return { recoveryCodes };
}
