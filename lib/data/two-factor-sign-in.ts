import "server-only";
import { hashRecoveryCode } from "@/lib/auth/recovery-codes";
import { openSecret } from "@/lib/auth/secret-box";
import { matchTotpStep, TOTP_CODE } from "@/lib/auth/totp";
import { db } from "@/lib/db";

// The second step of a sign-in, after the password was right. No actor exists yet: this is part of
// how one is made, like the rest of lib/data/sessions.ts.

export type SecondFactorResult =
  | { ok: true; method: "totp" }
  | { ok: true; method: "recovery_code"; recoveryCodeId: string; left: number }
  | { ok: false; reason: "wrong_code" | "code_reused" };

/**
 * Checks a six-digit TOTP code, or else a recovery code, and uses it up. A TOTP code is accepted
 * only for a step later than the last one accepted, and the step is recorded in the same statement
 * that checks it, so two requests racing with one code cannot both win. Likewise a recovery code.
 */
export async function consumeSecondFactor(
  user: { id: string; totpSecret: string | null },
  typed: string,
  now = Date.now(),
): Promise<SecondFactorResult> {
  const code = typed.replace(/\s/g, "");
  if (TOTP_CODE.test(code)) {
    const secret = user.totpSecret ? openSecret(user.totpSecret, user.id) : null;
    const step = secret ? matchTotpStep(secret, code, now) : null;
    if (step === null) return { ok: false, reason: "wrong_code" };
    const claimed = await db.user.updateMany({
      where: {
        id: user.id,
        totpEnabledAt: { not: null },
        OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }],
      },
      data: { totpLastStep: step },
    });
    return claimed.count === 1 ? { ok: true, method: "totp" } : { ok: false, reason: "code_reused" };
  }
  const codeHash = hashRecoveryCode(code);
  if (!codeHash) return { ok: false, reason: "wrong_code" };
  const found = await db.recoveryCode.findUnique({
    where: { userId_codeHash: { userId: user.id, codeHash } },
    select: { id: true, usedAt: true },
  });
  if (!found) return { ok: false, reason: "wrong_code" };
  const used = await db.recoveryCode.updateMany({
    where: { id: found.id, usedAt: null },
    data: { usedAt: new Date() },
  });
  if (used.count !== 1) return { ok: false, reason: "code_reused" };
  const left = await db.recoveryCode.count({ where: { userId: user.id, usedAt: null } });
  return { ok: true, method: "recovery_code", recoveryCodeId: found.id, left };
}
