import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { actorFor, createUser } from "@/lib/testing/factories";
import { loadSessionActor, verifyCredentials } from "./sessions";
import { checkUserSession, endUserSession, pruneUserSessions, signOutEverywhere } from "./user-sessions";

const LIMITS = { idleSeconds: 30 * 60, absoluteSeconds: 8 * 3600 };

async function signIn(user: { email: string; password: string }) {
  const result = await verifyCredentials({ email: user.email, password: user.password }, `test-${randomUUID()}`);
  if (!result || !("sessionId" in result)) throw new Error("sign-in failed");
  return result;
}

/** Moves a session's clock back: as if it were last used, or opened, `seconds` ago. */
const age = (sessionId: string, field: "last_seen_at" | "created_at", seconds: number) =>
  db.$executeRawUnsafe(
    `UPDATE user_sessions SET ${field} = now() - $2::int * interval '1 second' WHERE id = $1::uuid`,
    sessionId,
    seconds,
  );

const rejections = (userId: string) =>
  db.auditEntry
    .findMany({ where: { entityId: userId, action: "auth.session_rejected" }, orderBy: { id: "asc" } })
    .then((entries) => entries.map((e) => (e.details as { reason: string }).reason));

describe("user sessions", () => {
  it("end after the idle limit, for good, and audit why", async () => {
    const user = await createUser();
    const claims = await signIn(user);
    await age(claims.sessionId, "last_seen_at", 29 * 60);
    expect(await loadSessionActor(claims, null)).not.toBeNull();

    await age(claims.sessionId, "last_seen_at", 30 * 60 + 1);
    expect(await loadSessionActor(claims, null)).toBeNull();
    await age(claims.sessionId, "last_seen_at", 0);
    expect(await loadSessionActor(claims, null)).toBeNull();

    expect(await rejections(user.id)).toEqual(["session_idle", "session_ended"]);
  });

  it("end at the absolute lifetime however busy they are", async () => {
    const user = await createUser();
    const claims = await signIn(user);
    await age(claims.sessionId, "created_at", 8 * 3600 - 60);
    expect(await checkUserSession(user.id, claims.sessionId, LIMITS)).toBeNull();
    await age(claims.sessionId, "created_at", 8 * 3600 + 1);
    expect(await checkUserSession(user.id, claims.sessionId, LIMITS)).toBe("session_expired");
  });

  it("follow the configured limits", async () => {
    const user = await createUser();
    const claims = await signIn(user);
    await age(claims.sessionId, "last_seen_at", 6 * 60);
    expect(await checkUserSession(user.id, claims.sessionId, { ...LIMITS, idleSeconds: 5 * 60 })).toBe("session_idle");
  });

  it("record use at most once a minute", async () => {
    const user = await createUser();
    const claims = await signIn(user);
    const lastSeen = async () =>
      (await db.userSession.findUniqueOrThrow({ where: { id: claims.sessionId } })).lastSeenAt;
    await age(claims.sessionId, "last_seen_at", 30);
    const before = await lastSeen();
    await loadSessionActor(claims, null);
    expect(await lastSeen()).toEqual(before);

    await age(claims.sessionId, "last_seen_at", 61);
    await loadSessionActor(claims, null);
    expect((await lastSeen()).getTime()).toBeGreaterThan(Date.now() - 10_000);
  });

  it("end one browser's session at sign-out, and only that one", async () => {
    const user = await createUser();
    const here = await signIn(user);
    const elsewhere = await signIn(user);
    const stranger = await createUser();

    await endUserSession({ userId: stranger.id, sessionId: here.sessionId }, null);
    expect(await loadSessionActor(here, null)).not.toBeNull();

    await endUserSession({ userId: user.id, sessionId: here.sessionId }, null);
    expect(await loadSessionActor(here, null)).toBeNull();
    expect(await loadSessionActor(elsewhere, null)).not.toBeNull();
    expect(await db.auditEntry.count({ where: { entityId: user.id, action: "auth.sign_out" } })).toBe(1);
  });

  it("all end when the user signs out everywhere, and new sign-ins work", async () => {
    const user = await createUser({ role: "PARTNER" });
    const sessions = [await signIn(user), await signIn(user)];

    expect(await signOutEverywhere(actorFor(user))).toEqual({ ended: 2 });

    for (const claims of sessions) expect(await loadSessionActor(claims, null)).toBeNull();
    expect(await rejections(user.id)).toEqual(["stale_session", "stale_session"]);
    const again = await signIn(user);
    expect(again.sessionVersion).toBe(user.sessionVersion + 1);
    expect(await loadSessionActor(again, null)).not.toBeNull();
    const audit = await db.auditEntry.findMany({ where: { entityId: user.id, action: "auth.sign_out_everywhere" } });
    expect(audit).toEqual([expect.objectContaining({ actorId: user.id, details: { ended: 2 } })]);
  });

  it("are deleted once older than the absolute lifetime and a day, ended or not", async () => {
    const user = await createUser({ role: "EDITOR" });
    const old = await db.userSession.create({
      data: { userId: user.id, createdAt: new Date(Date.now() - 3 * 86_400_000), lastSeenAt: new Date() },
    });
    const fresh = await db.userSession.create({ data: { userId: user.id } });
    await pruneUserSessions({ idleSeconds: 1800, absoluteSeconds: 8 * 3600 });
    const left = await db.userSession.findMany({ where: { userId: user.id }, select: { id: true } });
    expect(left.map((s) => s.id)).toEqual([fresh.id]);
    expect(left.map((s) => s.id)).not.toContain(old.id);
  });
});
