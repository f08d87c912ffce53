import { describe, expect, it } from "vitest";
import { generateRecoveryCodes, hashRecoveryCode, normaliseRecoveryCode } from "./recovery-codes";

describe("recovery codes", () => {
  it("makes ten distinct grouped codes of 80 bits", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  });

  it("reads a code however it is typed", () => {
    const [code] = generateRecoveryCodes(1);
    const hash = hashRecoveryCode(code!);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode(code!.toLowerCase().replace(/-/g, " "))).toBe(hash);
    expect(normaliseRecoveryCode("abcd-efgh-ijkl-mnop")).toBe("ABCDEFGH1JK1MN0P");
  });

  it("refuses what cannot be a code", () => {
    for (const typed of ["", "123456", "ABCD-EFGH-JKMN", "ABCD-EFGH-JKMN-PQRU"]) {
      expect(hashRecoveryCode(typed)).toBeNull();
    }
  });
});
