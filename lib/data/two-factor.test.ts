import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { totpCode, totpStep } from "@/lib/auth/totp";
import { db } from "@/lib/db";
import { actorFor, createUser, type TestUser } from "@/lib/testing/factories";
import { CODE_REQUIRED, verifyCredentials } from "./sessions";
import {
  beginTwoFactorEnrolment,
  confirmTwoFactorEnrolment,
  disableTwoFactor,
  getTwoFactorStatus,
  renewRecoveryCodes,
} from "./two-factor";
import { ConflictError, RuleViolationError } from "./errors";

beforeAll(() => {
  process.env.PASSAGE_TOTP_ENCRYPTION_KEY ??= "the vitest key for sealing totp secrets, 48 bytes";
});

const newOrigin = () => `test-${randomUUID()}`;
const signInFrom = (origin: string) =>
  db.auditEntry.findMany({ where: { ip: origin, action: "auth.sign_in" }, orderBy: { id: "asc" } });

/** A user with two-factor on; their last used step is cleared, as if the enrolment code were minutes old. */
async function enrolled(role: TestUser["role"] = "EDITOR") {
  const user = await createUser({ role });
  const actor = actorFor(user);
  const { secret } = (await beginTwoFactorEnrolment(actor))!;
  const { recoveryCodes } = await confirmTwoFactorEnrolment(actor, { code: totpCode(secret, Date.now()) });
  await db.user.update({ where: { id: user.id }, data: { totpLastStep: null } });
  return { user, actor, secret, recoveryCodes };
}

describe("enrolment", () => {
  it("keeps one pending secret, sealed at rest, until a code confirms it", async () => {
    const user = await createUser();
    const actor = actorFor(user);
    const first = await beginTwoFactorEnrolment(actor);
    expect(first?.uri).toContain(`secret=${first?.secret}`);
    expect((await beginTwoFactorEnrolment(actor))?.secret).toBe(first!.secret);
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.totpSecret).toMatch(/^v1\./);
    expect(row.totpSecret).not.toContain(first!.secret);
    expect(await getTwoFactorStatus(actor)).toMatchObject({ enabled: false, required: false });

    await expect(confirmTwoFactorEnrolment(actor, { code: "000000" })).rejects.toThrow(RuleViolationError);
    const { recoveryCodes } = await confirmTwoFactorEnrolment(actor, { code: totpCode(first!.secret, Date.now()) });

    expect(recoveryCodes).toHaveLength(10);
    const stored = await db.recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored.map((c) => c.codeHash).sort()).toHaveLength(10);
    expect(stored.some((c) => recoveryCodes.some((code) => c.codeHash.includes(code)))).toBe(false);
    expect(await getTwoFactorStatus(actor)).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    expect(await beginTwoFactorEnrolment(actor)).toBeNull();
    const audit = await db.auditEntry.findMany({
      where: { entityId: user.id, action: { startsWith: "auth.two_factor" } },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => [a.action, a.outcome, a.details])).toEqual([
      ["auth.two_factor.enrolment_start", "SUCCESS", {}],
      ["auth.two_factor.enable", "FAILURE", { reason: "wrong_code" }],
      ["auth.two_factor.enable", "SUCCESS", { recoveryCodes: 10, otherSessionsEnded: 0 }],
    ]);
  });

  it("ends the user's other sessions, a stolen password's included, and keeps the enrolling one", async () => {
    const user = await createUser();
    const open = (userId: string) => db.userSession.create({ data: { userId }, select: { id: true } });
    const [enrolling, other, elsewhere] = [
      await open(user.id),
      await open(user.id),
      await open((await createUser()).id),
    ];
    const { secret } = (await beginTwoFactorEnrolment(actorFor(user)))!;
    await confirmTwoFactorEnrolment(actorFor(user), { code: totpCode(secret, Date.now()) }, { id: enrolling.id });
    const ended = async (id: string) => (await db.userSession.findUniqueOrThrow({ where: { id } })).endedAt !== null;
    expect([await ended(enrolling.id), await ended(other.id), await ended(elsewhere.id)]).toEqual([false, true, false]);
    const [audit] = await db.auditEntry.findMany({ where: { entityId: user.id, action: "auth.two_factor.enable" } });
    expect(audit?.details).toEqual({ recoveryCodes: 10, otherSessionsEnded: 1 });
  });
});

describe("signing in with two-factor", () => {
  it("asks for a code after the right password, and counts nothing against the account for it", async () => {
    const { user } = await enrolled();
    const origin = newOrigin();
    expect(await verifyCredentials({ email: user.email, password: user.password }, origin)).toBe(CODE_REQUIRED);
    expect(await verifyCredentials({ email: user.email, password: "wrong password here" }, origin)).toBeNull();
    expect((await signInFrom(origin)).map((a) => a.details)).toEqual([
      { reason: "code_required" },
      { reason: "wrong_password" },
    ]);
    expect(await db.signInAttempt.count({ where: { ip: origin } })).toBe(1);
  });

  it("accepts a code once, and the previous step's code but nothing older", async () => {
    const { user, secret } = await enrolled();
    const now = Date.now();
    const withCode = (code: string) => ({ email: user.email, password: user.password, code });
    const origin = newOrigin();

    expect(await verifyCredentials(withCode(totpCode(secret, now - 60_000)), origin)).toBeNull();
    expect(await verifyCredentials(withCode(totpCode(secret, now - 30_000)), origin)).toMatchObject({ id: user.id });
    expect(await verifyCredentials(withCode(totpCode(secret, now - 30_000)), origin)).toBeNull();
    const current = totpCode(secret, Date.now());
    expect(await verifyCredentials(withCode(current), origin)).toMatchObject({ id: user.id });
    expect(await verifyCredentials(withCode(current), origin)).toBeNull();

    expect((await signInFrom(origin)).map((a) => [a.outcome, a.details])).toEqual([
      ["FAILURE", { reason: "wrong_code" }],
      ["SUCCESS", { secondFactor: "totp" }],
      ["FAILURE", { reason: "code_reused" }],
      ["SUCCESS", { secondFactor: "totp" }],
      ["FAILURE", { reason: "code_reused" }],
    ]);
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.totpLastStep).toBeGreaterThanOrEqual(totpStep(now));
    expect(await db.signInAttempt.count({ where: { ip: origin, succeeded: false } })).toBe(3);
  });

  it("lets one racing request through when two send the same code", async () => {
    const { user, secret } = await enrolled();
    const credentials = { email: user.email, password: user.password, code: totpCode(secret, Date.now()) };
    const results = await Promise.all([1, 2, 3].map(() => verifyCredentials(credentials, newOrigin())));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("takes each recovery code once, however it is typed, and audits its use", async () => {
    const { user, recoveryCodes } = await enrolled();
    const code = recoveryCodes[3]!;
    const origin = newOrigin();
    const withCode = (typed: string) => ({ email: user.email, password: user.password, code: typed });

    expect(await verifyCredentials(withCode(code.toLowerCase()), origin)).toMatchObject({ id: user.id });
    expect(await verifyCredentials(withCode(code), origin)).toBeNull();
    expect(await verifyCredentials(withCode("ZZZZ-ZZZZ-ZZZZ-ZZZZ"), origin)).toBeNull();

    const used = await db.auditEntry.findMany({ where: { entityId: user.id, action: "auth.recovery_code_used" } });
    expect(used).toEqual([
      expect.objectContaining({ outcome: "SUCCESS", details: expect.objectContaining({ left: 9 }) }),
    ]);
    expect((await signInFrom(origin)).map((a) => a.details)).toEqual([
      { secondFactor: "recovery_code" },
      { reason: "code_reused" },
      { reason: "wrong_code" },
    ]);
  });

  it("counts wrong codes as failures: ten of them lock the account like wrong passwords", async () => {
    const { user, secret } = await enrolled();
    for (let i = 0; i < 10; i++) {
      expect(
        await verifyCredentials({ email: user.email, password: user.password, code: "000000" }, newOrigin()),
      ).toBeNull();
    }
    const origin = newOrigin();
    const code = totpCode(secret, Date.now());
    expect(await verifyCredentials({ email: user.email, password: user.password, code }, origin)).toBeNull();
    expect((await signInFrom(origin))[0]?.details).toEqual({ reason: "throttled", scope: "account" });
  });
});

describe("disableTwoFactor", () => {
  it("needs the password, then removes the secret and the recovery codes", async () => {
    const { user, actor } = await enrolled();
    await expect(disableTwoFactor(actor, { password: "not my password" })).rejects.toThrow(RuleViolationError);
    expect((await getTwoFactorStatus(actor)).enabled).toBe(true);

    await disableTwoFactor(actor, { password: user.password });

    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      totpSecret: null,
      totpEnabledAt: null,
    });
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect(await verifyCredentials({ email: user.email, password: user.password }, newOrigin())).toMatchObject({
      id: user.id,
    });
    const audit = await db.auditEntry.findMany({
      where: { entityId: user.id, action: "auth.two_factor.disable" },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => a.outcome)).toEqual(["FAILURE", "SUCCESS"]);
  });

  it("counts wrong passwords like failed sign-ins, so a stolen session cannot guess the password", async () => {
    const { user, actor } = await enrolled();
    for (let i = 0; i < 10; i += 1) {
      await expect(disableTwoFactor(actor, { password: `guess ${i}` })).rejects.toThrow(RuleViolationError);
    }
    await expect(disableTwoFactor(actor, { password: user.password })).rejects.toThrow(RuleViolationError);
    expect((await getTwoFactorStatus(actor)).enabled).toBe(true);
    expect(await verifyCredentials({ email: user.email, password: user.password }, newOrigin())).toBeNull();
  });
});

describe("renewRecoveryCodes", () => {
  it("needs the password, then replaces every earlier code, used or not, and ends the other sessions", async () => {
    const { user, actor, recoveryCodes: old } = await enrolled();
    const withCode = (code: string) => ({ email: user.email, password: user.password, code });
    expect(await verifyCredentials(withCode(old[0]!), newOrigin())).toMatchObject({ id: user.id });
    expect((await getTwoFactorStatus(actor)).recoveryCodesLeft).toBe(9);

    await expect(renewRecoveryCodes(actor, { password: "not my password" })).rejects.toThrow(RuleViolationError);
    expect((await getTwoFactorStatus(actor)).recoveryCodesLeft).toBe(9);

    const { recoveryCodes } = await renewRecoveryCodes(actor, { password: user.password });

    expect(recoveryCodes).toHaveLength(10);
    expect(recoveryCodes.filter((code) => old.includes(code))).toEqual([]);
    expect(await getTwoFactorStatus(actor)).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    expect(await verifyCredentials(withCode(old[1]!), newOrigin())).toBeNull();
    expect(await verifyCredentials(withCode(recoveryCodes[0]!), newOrigin())).toMatchObject({ id: user.id });
    const audit = await db.auditEntry.findMany({
      where: { entityId: user.id, action: "auth.recovery_codes.renew" },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => [a.outcome, a.details])).toEqual([
      ["FAILURE", { reason: "wrong_password" }],
      ["SUCCESS", { recoveryCodes: 10, replaced: 10, otherSessionsEnded: 1 }],
    ]);
  });

  it("refuses an account without two-factor, which has no codes to renew", async () => {
    const user = await createUser();
    await expect(renewRecoveryCodes(actorFor(user), { password: user.password })).rejects.toThrow(ConflictError);
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
  });
});
