import { describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "./secret-box";

const KEY = "a test key that is at least thirty-two bytes long";
const OTHER_KEY = "another test key, also at least thirty-two bytes";

describe("secret box", () => {
  it("seals and opens, with a fresh IV each time", () => {
    const sealed = sealSecret("JBSWY3DPEHPK3PXP", "user-1", KEY);
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(sealSecret("JBSWY3DPEHPK3PXP", "user-1", KEY)).not.toBe(sealed);
    expect(openSecret(sealed, "user-1", KEY)).toBe("JBSWY3DPEHPK3PXP");
  });

  it("does not open for another user, under another key, or once altered", () => {
    const sealed = sealSecret("JBSWY3DPEHPK3PXP", "user-1", KEY);
    expect(openSecret(sealed, "user-2", KEY)).toBeNull();
    expect(openSecret(sealed, "user-1", OTHER_KEY)).toBeNull();
    const [version, iv, ciphertext, tag] = sealed.split(".");
    const flipped = Buffer.from(ciphertext!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(openSecret([version, iv, flipped.toString("base64url"), tag].join("."), "user-1", KEY)).toBeNull();
    expect(openSecret("not sealed at all", "user-1", KEY)).toBeNull();
  });

  it("refuses to seal without a key of at least 32 bytes", () => {
    expect(() => sealSecret("x", "user-1", "short")).toThrow(/32 bytes/);
  });
});
