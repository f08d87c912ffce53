import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  ACCOUNT_LIMIT,
  ACCOUNT_WINDOW_SECONDS,
  ATTEMPT_RETENTION_SECONDS,
  IP_LIMIT,
  IP_WINDOW_SECONDS,
  hashSignInEmail,
  parseLimit,
  signInLimits,
  throttledBy,
} from "./throttle-policy";

describe("signInLimits", () => {
  it("defaults to 10 failures in 15 minutes per account and 100 in a day per address", () => {
    expect(signInLimits({})).toEqual({
      accountLimit: 10,
      accountWindowSeconds: 900,
      ipLimit: 100,
      ipWindowSeconds: 86_400,
    });
  });

  it("reads both limits from the environment", () => {
    expect(signInLimits({ PASSAGE_SIGNIN_ACCOUNT_LIMIT: "5", PASSAGE_SIGNIN_IP_LIMIT: " 1000 " })).toMatchObject({
      accountLimit: 5,
      ipLimit: 1000,
    });
  });

  it("keeps pruned attempts out of every window", () => {
    expect(ATTEMPT_RETENTION_SECONDS).toBeGreaterThan(Math.max(ACCOUNT_WINDOW_SECONDS, IP_WINDOW_SECONDS));
  });
});

describe("parseLimit", () => {
  it.each(["", " ", "0", "-5", "1.5", "1e3", "0x10", "ten", "100001", "9999999", "12abc"])(
    "falls back on %j rather than disabling throttling",
    (raw) => {
      expect(parseLimit(raw, 7)).toBe(7);
    },
  );

  it("falls back when unset", () => {
    expect(parseLimit(undefined, 7)).toBe(7);
  });

  it.each([
    ["1", 1],
    ["25", 25],
    ["0100", 100],
    ["100000", 100_000],
  ])("accepts %j", (raw, expected) => {
    expect(parseLimit(raw, 7)).toBe(expected);
  });
});

describe("throttledBy", () => {
  const limits = signInLimits({});

  it("lets attempts through below both limits", () => {
    expect(throttledBy({ account: ACCOUNT_LIMIT - 1, ip: IP_LIMIT - 1 }, limits)).toBeNull();
  });

  it("refuses from the limit on: the 10th failure locks the 11th attempt", () => {
    expect(throttledBy({ account: ACCOUNT_LIMIT, ip: 0 }, limits)).toBe("account");
    expect(throttledBy({ account: 0, ip: IP_LIMIT }, limits)).toBe("ip");
    expect(throttledBy({ account: ACCOUNT_LIMIT + 50, ip: IP_LIMIT + 50 }, limits)).toBe("account");
  });
});

describe("hashSignInEmail", () => {
  it("hashes the trimmed, lower-cased email, so case and spaces do not split the count", () => {
    const expected = createHash("sha256").update("kim@example.org").digest("hex");
    expect(hashSignInEmail(" Kim@Example.ORG ")).toBe(expected);
    expect(hashSignInEmail("kim@example.org")).toMatch(/^[0-9a-f]{64}$/);
  });
});
