import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkActionsKey, checkAuthSecret, checkProductionConfig } from "./startup";

const strong = randomBytes(48).toString("base64");
const aesKey = randomBytes(32).toString("base64");

describe("checkAuthSecret", () => {
  it("refuses a missing, short or repetitive secret", () => {
    expect(checkAuthSecret(undefined)).toMatch(/NEXTAUTH_SECRET is not set/);
    expect(checkAuthSecret("")).toMatch(/NEXTAUTH_SECRET is not set/);
    expect(checkAuthSecret("too-short-secret")).toMatch(/shorter than 32 bytes/);
    expect(checkAuthSecret("a".repeat(64))).toMatch(/fewer than 8 distinct/);
    expect(checkAuthSecret("abcabcabc".repeat(8))).toMatch(/fewer than 8 distinct/);
    expect(checkAuthSecret(strong)).toBeNull();
  });
});

describe("checkActionsKey", () => {
  it("needs no key for a single instance", () => {
    expect(checkActionsKey(undefined, undefined)).toBeNull();
    expect(checkActionsKey("1", undefined)).toBeNull();
  });

  it("needs a base64 AES key when several instances run", () => {
    expect(checkActionsKey("3", undefined)).toMatch(/NEXT_SERVER_ACTIONS_ENCRYPTION_KEY is not set/);
    expect(checkActionsKey("2", "not a key")).toMatch(/not a base64 AES key/);
    expect(checkActionsKey("2", randomBytes(20).toString("base64"))).toMatch(/not a base64 AES key/);
    expect(checkActionsKey("2", aesKey)).toBeNull();
    expect(checkActionsKey("2", randomBytes(16).toString("base64"))).toBeNull();
  });

  it("refuses a PASSAGE_INSTANCES that is not a count", () => {
    expect(checkActionsKey("two", aesKey)).toMatch(/PASSAGE_INSTANCES/);
    expect(checkActionsKey("0", aesKey)).toMatch(/PASSAGE_INSTANCES/);
  });
});

describe("checkProductionConfig", () => {
  it("lists every problem at once", () => {
    expect(checkProductionConfig({ PASSAGE_INSTANCES: "2" })).toHaveLength(2);
    expect(checkProductionConfig({ NEXTAUTH_SECRET: strong })).toEqual([]);
    expect(
      checkProductionConfig({
        NEXTAUTH_SECRET: strong,
        PASSAGE_INSTANCES: "2",
        NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: aesKey,
      }),
    ).toEqual([]);
  });
});
