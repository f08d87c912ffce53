import { describe, expect, it } from "vitest";
import { generateTotpSecret, groupSecret, matchTotpStep, totpCode, totpStep, totpUri } from "./totp";

// RFC 6238 appendix B: the SHA-1 secret "12345678901234567890", at 59 s, gives 94287082 (8 digits);
// six digits are its last six.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

describe("totp", () => {
  it("computes the RFC 6238 test vector", () => {
    expect(totpCode(RFC_SECRET, 59_000)).toBe("287082");
    expect(totpStep(59_000)).toBe(1);
  });

  it("accepts the current step and the one before, and nothing older or newer", () => {
    const now = 1_800_000_015_000;
    const step = totpStep(now);
    expect(matchTotpStep(RFC_SECRET, totpCode(RFC_SECRET, now), now)).toBe(step);
    expect(matchTotpStep(RFC_SECRET, totpCode(RFC_SECRET, now - 30_000), now)).toBe(step - 1);
    expect(matchTotpStep(RFC_SECRET, totpCode(RFC_SECRET, now - 60_000), now)).toBeNull();
    expect(matchTotpStep(RFC_SECRET, totpCode(RFC_SECRET, now + 30_000), now)).toBeNull();
  });

  it("refuses anything that is not six digits", () => {
    const now = Date.now();
    const code = totpCode(RFC_SECRET, now);
    for (const token of ["", "12345", `${code}0`, ` ${code}`, "abcdef"]) {
      expect(matchTotpStep(RFC_SECRET, token, now)).toBeNull();
    }
  });

  it("makes 160-bit secrets and an otpauth URI that authenticator apps read", () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(generateTotpSecret()).not.toBe(secret);
    const uri = new URL(totpUri(secret, "admin@example.org"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("secret")).toBe(secret);
    expect(uri.searchParams.get("issuer")).toBe("Passage");
    expect(uri.searchParams.get("digits")).toBe("6");
    expect(uri.searchParams.get("period")).toBe("30");
  });

  it("groups a secret in fours for typing", () => {
    expect(groupSecret("ABCDEFGHIJ")).toBe("ABCD EFGH IJ");
  });
});
