import { describe, expect, it } from "vitest";
import { arrivedOverHttps, contentSecurityPolicy, createNonce, securityHeaders } from "./headers";

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/) as [string, ...string[]])
      .map(([k, ...v]) => [k, v]),
  );
}

describe("createNonce", () => {
  it("is fresh every time and in the form Next.js reads back", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe("contentSecurityPolicy", () => {
  it("allows scripts only with the nonce, never unsafe-eval or unsafe-inline in production", () => {
    const csp = directives(contentSecurityPolicy({ nonce: "abc=", https: false, dev: false }));
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-abc='", "'strict-dynamic'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'none'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("style-src")).not.toContain("'nonce-abc='"); // a nonce would switch 'unsafe-inline' off
    expect(csp.has("upgrade-insecure-requests")).toBe(false);
  });

  it("adds unsafe-eval only for the dev server, and upgrades requests only over HTTPS", () => {
    expect(directives(contentSecurityPolicy({ nonce: "n", https: false, dev: true })).get("script-src")).toContain(
      "'unsafe-eval'",
    );
    expect(
      directives(contentSecurityPolicy({ nonce: "n", https: true, dev: false })).has("upgrade-insecure-requests"),
    ).toBe(true);
  });
});

describe("securityHeaders", () => {
  it("sends HSTS only over HTTPS, and no-store always", () => {
    const plain = securityHeaders({ nonce: "n", https: false, dev: false });
    expect(plain["Strict-Transport-Security"]).toBeUndefined();
    expect(plain["Cache-Control"]).toBe("no-store");
    expect(plain["X-Content-Type-Options"]).toBe("nosniff");
    expect(plain["Referrer-Policy"]).toBe("no-referrer");
    expect(plain["X-Frame-Options"]).toBe("DENY");
    expect(securityHeaders({ nonce: "n", https: true, dev: false })["Strict-Transport-Security"]).toMatch(
      /^max-age=\d{8,}/,
    );
  });
});

describe("arrivedOverHttps", () => {
  it("trusts the URL or the first X-Forwarded-Proto hop", () => {
    expect(arrivedOverHttps(new URL("https://passage.example/"), null)).toBe(true);
    expect(arrivedOverHttps(new URL("http://127.0.0.1:3000/"), "https")).toBe(true);
    expect(arrivedOverHttps(new URL("http://127.0.0.1:3000/"), "HTTPS, http")).toBe(true);
    expect(arrivedOverHttps(new URL("http://127.0.0.1:3000/"), "http, https")).toBe(false);
    expect(arrivedOverHttps(new URL("http://127.0.0.1:3000/"), null)).toBe(false);
  });
});
