import { describe, expect, it } from "vitest";
import { expiryProblem, generateShareRef, isShareRef, latestExpiry, shareStatus, utcToday } from "./share";

describe("share references", () => {
  it("are well-formed, unguessable and never repeat", () => {
    const refs = new Set(Array.from({ length: 2000 }, generateShareRef));
    expect(refs.size).toBe(2000);
    for (const ref of refs) expect(isShareRef(ref)).toBe(true);
    expect([...refs].some((ref) => /[ILOU]/.test(ref))).toBe(false);
  });

  it("refuses anything else, including internal ids and case refs", () => {
    for (const value of ["", "C-2017-0041", "0b6f5c2e-4a51-4c8e-9d8e-2b7c1e5a9f00", "sh-AAAAAA-AAAAAA-AAAAAA-AAAAAA"]) {
      expect(isShareRef(value)).toBe(false);
    }
    expect(isShareRef("SH-AAAAAA-AAAAAA-AAAAAA-AAAAAA\n")).toBe(false);
  });
});

describe("expiry", () => {
  it("is required to be a real date from today to a year ahead", () => {
    expect(expiryProblem("2026-11-23", "2026-11-23")).toBeNull();
    expect(expiryProblem("2027-11-23", "2026-11-23")).toBeNull();
    expect(expiryProblem("2027-11-24", "2026-11-23")).toBe("shareExpiryTooFar");
    expect(expiryProblem("2026-11-22", "2026-11-23")).toBe("shareExpiryPast");
    expect(expiryProblem("2027-02-30", "2026-11-23")).toBe("invalidDate");
    expect(expiryProblem("next year", "2026-11-23")).toBe("invalidDate");
  });

  it("a year from a leap day ends on 28 February", () => {
    expect(latestExpiry("2028-02-29")).toBe("2029-03-01");
    expect(expiryProblem("2029-02-28", "2028-02-29")).toBeNull();
  });

  it("reads today in UTC", () => {
    expect(utcToday(new Date("2026-11-23T23:59:59-05:00"))).toBe("2026-11-24");
  });
});

describe("status", () => {
  it("is revoked, expired after the expiry day, or active through it", () => {
    expect(shareStatus({ revokedAt: new Date(), expiresOn: "2027-01-01" }, "2026-11-23")).toBe("REVOKED");
    expect(shareStatus({ revokedAt: null, expiresOn: "2026-11-22" }, "2026-11-23")).toBe("EXPIRED");
    expect(shareStatus({ revokedAt: null, expiresOn: "2026-11-23" }, "2026-11-23")).toBe("ACTIVE");
  });
});
