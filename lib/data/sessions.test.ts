import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { actorFor, createOrganisation, createUser } from "@/lib/testing/factories";
import { loadSessionActor, verifyCredentials } from "./sessions";
import { changeUserRole, resetUserPassword, setUserActive } from "./users";

// Sign-in attempts have no actor and, for unknown emails, no entity: each test signs in from an
// origin of its own and finds its audit entries by it.
const newOrigin = () => `test-${randomUUID()}`;

const auditFrom = (origin: string) => db.auditEntry.findMany({ where: { ip: origin }, orderBy: { id: "asc" } });

// "우리는 모두 자유롭고 존엄하며 평등하게 태어났다" — 21 Hangul syllables.
const KOREAN_PASSPHRASE = "우리는 모두 자유롭고 존엄하며 평등하게 태어났다";

describe("verifyCredentials", () => {
  it("signs in with the right password, and audits auth.sign_in SUCCESS", async () => {
    const user = await createUser();
    const origin = newOrigin();

    const session = await verifyCredentials(
      { email: ` ${user.email.toUpperCase()} `, password: user.password },
      origin,
    );

    expect(session).toEqual({ id: user.id, sessionVersion: user.sessionVersion, sessionId: expect.any(String) });
    const opened = await db.userSession.findUniqueOrThrow({
      where: { id: (session as { sessionId: string }).sessionId },
    });
    expect(opened).toMatchObject({ userId: user.id, endedAt: null });
    expect(await auditFrom(origin)).toEqual([
      expect.objectContaining({
        action: "auth.sign_in",
        outcome: "SUCCESS",
        actorId: null,
        entityType: "user",
        entityId: user.id,
        details: {},
      }),
    ]);
  });

  it.each([
    [
      "a wrong password",
      "wrong_password",
      async () => ({ email: (await createUser()).email, password: "not the password at all" }),
    ],
    [
      "an unknown email",
      "unknown_account",
      async () => ({ email: `nobody-${randomUUID()}@passage.test`, password: "whatever it is" }),
    ],
    ["an empty form", "malformed", async () => ({})],
    ["empty fields", "malformed", async () => ({ email: "", password: "" })],
    ["no form at all", "malformed", async () => undefined],
    [
      "a 10 KB password",
      "malformed",
      async () => ({ email: (await createUser()).email, password: "x".repeat(10 * 1024) }),
    ],
    [
      "an inactive account",
      "inactive",
      async () => {
        const user = await createUser({ active: false });
        return { email: user.email, password: user.password };
      },
    ],
    [
      "a partner of a deactivated organisation",
      "inactive",
      async () => {
        const organisation = await createOrganisation({ active: false });
        const user = await createUser({ role: "PARTNER", organisationId: organisation.id });
        return { email: user.email, password: user.password };
      },
    ],
  ])("refuses %s without throwing, and audits FAILURE (%s)", async (_, reason, makeCredentials) => {
    const credentials = await makeCredentials();
    const origin = newOrigin();

    await expect(verifyCredentials(credentials, origin)).resolves.toBeNull();

    expect(await auditFrom(origin)).toEqual([
      expect.objectContaining({ action: "auth.sign_in", outcome: "FAILURE", actorId: null, details: { reason } }),
    ]);
  });

  it("accepts a long Korean passphrase, however the keyboard composed it", async () => {
    expect([...KOREAN_PASSPHRASE.replace(/\s/g, "")].length).toBeGreaterThanOrEqual(20);
    const nfd = KOREAN_PASSPHRASE.normalize("NFD");
    expect(nfd).not.toBe(KOREAN_PASSPHRASE);
    const user = await createUser({ password: KOREAN_PASSPHRASE });
    const typedDecomposed = await createUser({ password: nfd });

    for (const [who, password] of [
      [user, KOREAN_PASSPHRASE],
      [user, nfd],
      [typedDecomposed, KOREAN_PASSPHRASE],
      [typedDecomposed, nfd],
    ] as const) {
      expect(await verifyCredentials({ email: who.email, password }, newOrigin())).toMatchObject({
        id: who.id,
        sessionVersion: 1,
      });
    }
    expect(
      await verifyCredentials({ email: user.email, password: KOREAN_PASSPHRASE.slice(0, -1) }, newOrigin()),
    ).toBeNull();
  });
});

describe("loadSessionActor", () => {
  /** The claims of a token issued at sign-in: the user, their session version, a new session. */
  const signedIn = async (user: { id: string; sessionVersion: number }) => ({
    id: user.id,
    sessionVersion: user.sessionVersion,
    sessionId: (await db.userSession.create({ data: { userId: user.id } })).id,
  });

  it("returns the actor while the session version matches", async () => {
    const user = await createUser({ role: "RESEARCHER" });

    const session = await signedIn(user);
    const state = await loadSessionActor(session, "192.0.2.1");

    expect(state).toEqual({
      actor: actorFor(user, "192.0.2.1"),
      twoFactorEnrolmentRequired: false,
      sessionId: session.sessionId,
    });
  });

  it("returns a partner with their organisation", async () => {
    const user = await createUser({ role: "PARTNER" });

    const state = await loadSessionActor(await signedIn(user), null);

    expect(state?.actor).toMatchObject({ role: "PARTNER", organisationId: user.organisationId });
  });

  it("refuses a token without a session (issued before sessions were recorded)", async () => {
    const user = await createUser();
    await expectRejected({ id: user.id, sessionVersion: user.sessionVersion }, "no_session");
  });

  it("refuses a token carrying another user's session", async () => {
    const user = await createUser();
    const other = await signedIn(await createUser());
    await expectRejected({ ...(await signedIn(user)), sessionId: other.sessionId }, "no_session");
  });

  async function expectRejected(session: { id: string; sessionVersion: number; sessionId?: string }, reason: string) {
    const origin = newOrigin();
    expect(await loadSessionActor(session, origin)).toBeNull();
    expect(await auditFrom(origin)).toEqual([
      expect.objectContaining({
        action: "auth.session_rejected",
        outcome: "DENIED",
        entityType: "user",
        entityId: session.id,
        details: { reason },
      }),
    ]);
  }

  it("ends the session when the user is deactivated", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const user = await createUser();
    const session = await signedIn(user);

    await setUserActive(actorFor(admin), { userId: user.id, active: false });

    await expectRejected(session, "inactive");
  });

  it("ends the session when the role changes", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const user = await createUser({ role: "EDITOR" });
    const session = await signedIn(user);

    await changeUserRole(actorFor(admin), { userId: user.id, role: "VIEWER", organisationId: null });

    await expectRejected(session, "stale_session");
    const renewed = await signedIn({ id: user.id, sessionVersion: user.sessionVersion + 1 });
    expect((await loadSessionActor(renewed, null))?.actor).toMatchObject({ role: "VIEWER" });
  });

  it("ends the session when the password is reset", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const user = await createUser();
    const session = await signedIn(user);

    await resetUserPassword(actorFor(admin), { userId: user.id, password: "another long passphrase" });

    await expectRejected(session, "stale_session");
  });

  it("ends a partner's session when their organisation is deactivated", async () => {
    const user = await createUser({ role: "PARTNER" });
    const session = await signedIn(user);
    expect(await loadSessionActor(session, null)).not.toBeNull();

    // No data-layer function deactivates an organisation yet.
    await db.partnerOrganisation.update({ where: { id: user.organisationId! }, data: { active: false } });

    const origin = newOrigin();
    expect(await loadSessionActor(session, origin)).toBeNull();
    expect(await auditFrom(origin)).toEqual([
      expect.objectContaining({ action: "auth.session_rejected", outcome: "DENIED", entityId: user.id }),
    ]);
  });

  it("rejects a session for an account that does not exist", async () => {
    await expectRejected({ id: randomUUID(), sessionVersion: 1, sessionId: randomUUID() }, "unknown_account");
  });
});
