import { randomBytes, randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { hashSignInEmail } from "@/lib/auth/throttle-policy";
import { db } from "@/lib/db";
import { createUser, type TestUser } from "@/lib/testing/factories";
import { pruneSignInAttempts, verifyCredentials } from "./sessions";

// The real verifyPassword, watched: the timing test checks that every path hashes exactly once.
vi.mock("@/lib/auth/password", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/auth/password")>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});

// Every test signs in from an address of its own (random, in the documentation prefix 2001:db8::/32)
// and with accounts of its own, so address and account counts never leak between parallel tests.
const newIp = () => `2001:db8:${randomBytes(6).toString("hex").match(/.{4}/g)!.join(":")}::1`;
const unknownEmail = () => `nobody-${randomUUID()}@passage.test`;

const auditFrom = (ip: string) =>
  db.auditEntry.findMany({ where: { ip, action: "auth.sign_in" }, orderBy: { id: "asc" } });

/** Failed attempts written straight into the table, `ageSeconds` old: faster than hashing each. */
async function insertFailures(count: number, where: { email?: string; ip?: string | null; ageSeconds?: number }) {
  const age = where.ageSeconds ?? 0;
  const hash = where.email ? hashSignInEmail(where.email) : null;
  await db.$executeRaw`
    INSERT INTO "sign_in_attempts" ("email_hash", "ip", "succeeded", "created_at")
    SELECT coalesce(${hash}::text, md5(random()::text || n::text)), ${where.ip ?? null}::text, false,
           now() - ${age}::int * interval '1 second'
      FROM generate_series(1, ${count}::int) AS n`;
}

const rightPassword = (user: TestUser) => ({ email: user.email, password: user.password });
const wrongPassword = (user: TestUser) => ({ email: user.email, password: "not the password at all" });

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("sign-in throttling", () => {
  it("refuses the right password after 10 wrong ones, audited as throttled; other accounts on the address still sign in", async () => {
    const user = await createUser();
    const other = await createUser();
    const ip = newIp();

    for (let i = 0; i < 10; i++) expect(await verifyCredentials(wrongPassword(user), ip)).toBeNull();
    expect(await verifyCredentials(rightPassword(user), ip)).toBeNull();
    expect(await verifyCredentials(rightPassword(other), ip)).toMatchObject({ id: other.id, sessionVersion: 1 });

    const audit = await auditFrom(ip);
    expect(audit.map((e) => e.details)).toEqual([
      ...Array.from({ length: 10 }, () => ({ reason: "wrong_password" })),
      { reason: "throttled", scope: "account" },
      {},
    ]);
    expect(audit[10]).toMatchObject({ outcome: "FAILURE", entityType: "user", entityId: user.id });
  });

  it("counts only failures within the last 15 minutes, from the 10th on", async () => {
    const user = await createUser();
    await insertFailures(9, { email: user.email });
    await insertFailures(50, { email: user.email, ageSeconds: 16 * 60 });

    expect(await verifyCredentials(rightPassword(user), newIp())).not.toBeNull();

    await insertFailures(1, { email: user.email });
    expect(await verifyCredentials(rightPassword(user), newIp())).toBeNull();
  });

  it("counts an account's failures whatever the case of the email and the address", async () => {
    const user = await createUser();
    for (let i = 0; i < 10; i++) {
      await verifyCredentials({ email: ` ${user.email.toUpperCase()}`, password: "wrong, wrong, wrong" }, newIp());
    }
    expect(await verifyCredentials(rightPassword(user), newIp())).toBeNull();
  });

  it("does not clear earlier failures on success", async () => {
    const user = await createUser();
    await insertFailures(5, { email: user.email });
    expect(await verifyCredentials(rightPassword(user), newIp())).not.toBeNull();
    await insertFailures(5, { email: user.email });

    expect(await verifyCredentials(rightPassword(user), newIp())).toBeNull();
  });

  it("refuses an address after 100 failures in a day, whatever the account, but not another address", async () => {
    const user = await createUser();
    const ip = newIp();
    await insertFailures(99, { ip });
    await insertFailures(100, { ip, ageSeconds: 25 * 3600 });
    expect(await verifyCredentials({ email: unknownEmail(), password: "a guess at a password" }, ip)).toBeNull();

    expect(await verifyCredentials(rightPassword(user), ip)).toBeNull();
    expect(await verifyCredentials(rightPassword(user), newIp())).toMatchObject({ id: user.id, sessionVersion: 1 });
    expect((await auditFrom(ip)).map((e) => e.details)).toEqual([
      { reason: "unknown_account" },
      { reason: "throttled", scope: "ip" },
    ]);
  });

  it("takes its limits from PASSAGE_SIGNIN_ACCOUNT_LIMIT and PASSAGE_SIGNIN_IP_LIMIT", async () => {
    vi.stubEnv("PASSAGE_SIGNIN_ACCOUNT_LIMIT", "3");
    vi.stubEnv("PASSAGE_SIGNIN_IP_LIMIT", "5");
    const user = await createUser();
    await insertFailures(3, { email: user.email });
    expect(await verifyCredentials(rightPassword(user), newIp())).toBeNull();

    const another = await createUser();
    const ip = newIp();
    await insertFailures(5, { ip });
    expect(await verifyCredentials(rightPassword(another), ip)).toBeNull();
    expect(await verifyCredentials(rightPassword(another), newIp())).not.toBeNull();
  });

  it("records every attempt, without the email", async () => {
    const user = await createUser();
    const unknown = unknownEmail();
    const ip = newIp();

    await verifyCredentials(rightPassword(user), ip);
    await verifyCredentials(wrongPassword(user), ip);
    await verifyCredentials({ email: unknown, password: "a guess at a password" }, ip);
    await verifyCredentials({ email: user.email, password: "x".repeat(10 * 1024) }, ip);

    const attempts = await db.signInAttempt.findMany({ where: { ip }, orderBy: { id: "asc" } });
    expect(attempts.map((a) => [a.emailHash, a.succeeded])).toEqual([
      [hashSignInEmail(user.email), true],
      [hashSignInEmail(user.email), false],
      [hashSignInEmail(unknown), false],
      [hashSignInEmail(user.email), false],
    ]);
    expect(await auditFrom(ip)).toHaveLength(4);
    for (const email of [user.email, unknown]) {
      const [{ n }] = await db.$queryRaw<[{ n: number }]>`
        SELECT count(*)::int AS n FROM "sign_in_attempts" t WHERE strpos(lower(row_to_json(t)::text), ${email}) > 0`;
      expect(n).toBe(0);
    }
  });

  // Each path must hash exactly once (checked exactly), so their times should be close (checked
  // coarsely: the median of a few calls, within a generous factor, because other test files hash
  // passwords on the same machine at the same time). A path that skipped the hash would be caught
  // by the first check; one that answered before touching the database, by both.
  it("answers unknown emails, wrong passwords and throttled accounts alike, in similar time", async () => {
    const user = await createUser();
    const locked = await createUser();
    await insertFailures(10, { email: locked.email });
    const paths = {
      unknown: () => verifyCredentials({ email: unknownEmail(), password: "a guess at a password" }, newIp()),
      wrong: () => verifyCredentials(wrongPassword(user), newIp()),
      throttled: () => verifyCredentials(rightPassword(locked), newIp()),
    };
    const hashed = { unknown: null, wrong: user.passwordHash, throttled: null };
    const times: Record<keyof typeof paths, number[]> = { unknown: [], wrong: [], throttled: [] };
    for (const run of Object.values(paths)) await run(); // warm up the dummy hash and the connections
    // Interleaved, so that a burst of load elsewhere slows every path alike.
    for (let round = 0; round < 7; round++) {
      for (const name of ["unknown", "wrong", "throttled"] as const) {
        vi.mocked(verifyPassword).mockClear();
        const started = performance.now();
        expect(await paths[name]()).toBeNull();
        times[name].push(performance.now() - started);
        expect(vi.mocked(verifyPassword).mock.calls.map(([stored]) => stored)).toEqual([hashed[name]]);
      }
    }
    const medians = Object.values(times).map((t) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)]!);
    expect(Math.max(...medians) / Math.min(...medians)).toBeLessThan(3);
  });
});

describe("pruneSignInAttempts", () => {
  it("deletes attempts older than two days and keeps the rest", async () => {
    const ip = newIp();
    await insertFailures(3, { ip, ageSeconds: 49 * 3600 });
    await insertFailures(2, { ip, ageSeconds: 47 * 3600 });

    expect(await pruneSignInAttempts()).toBeGreaterThanOrEqual(3);
    expect(await db.signInAttempt.count({ where: { ip } })).toBe(2);
  });
});
