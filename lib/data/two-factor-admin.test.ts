import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { totpCode } from "@/lib/auth/totp";
import { db } from "@/lib/db";
import { actorFor, createUser, type TestUser } from "@/lib/testing/factories";
import { AccessDeniedError } from "./errors";
import { CODE_REQUIRED, loadSessionActor, verifyCredentials } from "./sessions";
import { beginTwoFactorEnrolment, confirmTwoFactorEnrolment } from "./two-factor";
import { listTwoFactorRequirements, resetTwoFactor, setTwoFactorRequirement } from "./two-factor-admin";

beforeAll(() => {
  process.env.PASSAGE_TOTP_ENCRYPTION_KEY ??= "the vitest key for sealing totp secrets, 48 bytes";
});

async function signIn(user: TestUser, code?: string) {
  const result = await verifyCredentials({ email: user.email, password: user.password, code }, `t-${randomUUID()}`);
  if (!result || !("sessionId" in result)) throw new Error("sign-in failed");
  return result;
}

/** Turns two-factor on from the session `sessionId` (which stays open; the user's others end). */
async function enrol(user: TestUser, sessionId: string | null = null) {
  const actor = actorFor(user);
  const { secret } = (await beginTwoFactorEnrolment(actor))!;
  await confirmTwoFactorEnrolment(actor, { code: totpCode(secret, Date.now()) }, { id: sessionId });
}

// Only ADMIN's requirement is switched here, and only off and back on: other test files never rely
// on an unenrolled administrator being held at enrolment, so switching it cannot disturb them.
describe("two-factor required by role", () => {
  it("holds an administrator who has not enrolled at enrolment, by default", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const claims = await signIn(admin);
    expect(await loadSessionActor(claims, null)).toMatchObject({ twoFactorEnrolmentRequired: true });
    expect((await listTwoFactorRequirements(actorFor(admin))).ADMIN).toBe(true);

    await enrol(admin, claims.sessionId);

    expect(await loadSessionActor(claims, null)).toMatchObject({ twoFactorEnrolmentRequired: false });
  });

  it("follows the setting on the next request, and audits the change", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const actor = actorFor(admin);
    const claims = await signIn(admin);
    try {
      await setTwoFactorRequirement(actor, { role: "ADMIN", required: false });
      expect(await loadSessionActor(claims, null)).toMatchObject({ twoFactorEnrolmentRequired: false });
      expect((await listTwoFactorRequirements(actor)).ADMIN).toBe(false);
    } finally {
      await setTwoFactorRequirement(actor, { role: "ADMIN", required: true });
    }
    expect(await loadSessionActor(claims, null)).toMatchObject({ twoFactorEnrolmentRequired: true });
    const audit = await db.auditEntry.findMany({
      where: { actorId: admin.id, action: "user.two_factor_requirement" },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => [a.entityId, a.details])).toEqual([
      ["ADMIN", { required: false }],
      ["ADMIN", { required: true }],
    ]);
  });

  it("is for administrators to read and change", async () => {
    const editor = actorFor(await createUser({ role: "EDITOR" }));
    await expect(listTwoFactorRequirements(editor)).rejects.toThrow(AccessDeniedError);
    await expect(setTwoFactorRequirement(editor, { role: "EDITOR", required: false })).rejects.toThrow(
      AccessDeniedError,
    );
  });
});

describe("resetTwoFactor", () => {
  it("removes a lost device's second factor and ends the user's sessions, audited", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const user = await createUser({ role: "RESEARCHER" });
    await enrol(user);
    await db.user.update({ where: { id: user.id }, data: { totpLastStep: null } });
    expect(await verifyCredentials({ email: user.email, password: user.password }, null)).toBe(CODE_REQUIRED);
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    const session = await db.userSession.create({ data: { userId: user.id } });

    await resetTwoFactor(actorFor(admin), { userId: user.id });

    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.userSession.findUniqueOrThrow({ where: { id: session.id } })).toMatchObject({
      endedAt: expect.any(Date),
    });
    expect(
      await loadSessionActor({ id: user.id, sessionVersion: row.sessionVersion, sessionId: session.id }, null),
    ).toBeNull();
    expect(await signIn(user)).toMatchObject({ id: user.id, sessionVersion: row.sessionVersion + 1 });
    const audit = await db.auditEntry.findMany({ where: { entityId: user.id, action: "user.two_factor_reset" } });
    expect(audit).toEqual([expect.objectContaining({ actorId: admin.id, details: { endedSessions: 1 } })]);
  });

  it("is refused to anyone but an administrator", async () => {
    const editor = actorFor(await createUser({ role: "EDITOR" }));
    const user = await createUser();
    await expect(resetTwoFactor(editor, { userId: user.id })).rejects.toThrow(AccessDeniedError);
  });
});
