import { spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import type { APIResponse } from "@playwright/test";
import { E2E_PORT } from "../playwright.config";
import { expect, test } from "./fixtures/auth";

// HTTP hardening (issue #6 item 5, and body limits from item 7): the headers on pages, API and RSC
// responses, the per-request CSP nonce, HSTS only over HTTPS, 413 for oversized bodies, and
// error answers that say nothing about the server.

function directives(csp: string | undefined): Map<string, string[]> {
  expect(csp, "Content-Security-Policy header").toBeTruthy();
  return new Map(
    csp!
      .split(";")
      .map((d) => d.trim().split(/\s+/) as [string, ...string[]])
      .map(([k, ...v]) => [k, v]),
  );
}

function expectHardened(response: APIResponse | { headers(): Record<string, string> }) {
  const headers = response.headers();
  const csp = directives(headers["content-security-policy"]);
  expect(csp.get("script-src")).not.toContain("'unsafe-eval'");
  expect(csp.get("script-src")).not.toContain("'unsafe-inline'");
  expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
  expect(csp.get("object-src")).toEqual(["'none'"]);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["cache-control"]).toContain("no-store");
  expect(headers["strict-transport-security"]).toBeUndefined();
  return csp;
}

function nonceOf(csp: Map<string, string[]>): string {
  const source = csp.get("script-src")!.find((s) => s.startsWith("'nonce-"));
  expect(source).toBeDefined();
  return source!.slice("'nonce-".length, -1);
}

test("a page carries a fresh CSP nonce that every script tag bears, and the chart renders under it", async ({
  page,
  signedInAs,
}) => {
  await signedInAs("VIEWER");
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  const response = await page.goto("/stats");
  const nonce = nonceOf(expectHardened(response!));
  const chart = page.getByRole("region", { name: "People per month" });
  await expect(chart.getByRole("img", { name: /^Chart of people per month/ })).toBeVisible();
  await expect(chart.locator("svg.recharts-surface").first()).toBeVisible();
  expect(violations).toEqual([]);

  const again = await page.request.get("/stats");
  const html = await again.text();
  const secondNonce = nonceOf(expectHardened(again));
  expect(secondNonce).not.toBe(nonce);
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${secondNonce}"`);
});

test("API and RSC responses carry the same headers and are never cached", async ({ page, signedInAs }) => {
  expectHardened(await page.request.get("/api/health"));
  expectHardened(await page.request.get("/api/v1/stats/tallies?from=2017-01&to=2017-02&type=APPREHENSION"));
  await signedInAs("EDITOR");
  const api = await page.request.get("/api/v1/stats/tallies?from=2017-01&to=2017-02&type=APPREHENSION");
  expect(api.status()).toBe(200);
  expectHardened(api);
  const rsc = await page.request.get("/cases", { headers: { RSC: "1" } });
  expect(rsc.status()).toBe(200);
  expect(rsc.headers()["content-type"]).toContain("text/x-component");
  expectHardened(rsc);
  expectHardened(await page.request.get("/login", { maxRedirects: 0 }));
});

test("pages holding names are never compressed, so their size cannot leak them (BREACH)", async ({
  page,
  signedInAs,
}) => {
  await signedInAs("EDITOR");
  for (const path of ["/cases?q=reflected", "/cases/new"]) {
    const response = await page.request.get(path, { headers: { "Accept-Encoding": "gzip, deflate, br" } });
    expect(response.status()).toBe(200);
    expect(response.headers()["content-encoding"], path).toBeUndefined();
  }
});

test("HSTS is sent only when the request came over HTTPS", async ({ request }) => {
  expect((await request.get("/login")).headers()["strict-transport-security"]).toBeUndefined();
  const https = await request.get("/login", { headers: { "X-Forwarded-Proto": "https" } });
  expect(https.headers()["strict-transport-security"]).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
  expect(https.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
});

/** POSTs `size` bytes without a Content-Length (Transfer-Encoding: chunked), in 64 KiB chunks. */
function postChunked(path: string, size: number, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: E2E_PORT,
        path,
        method: "POST",
        headers: { "Content-Type": "text/plain", ...headers },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode!);
      },
    );
    req.on("error", (error) => (/EPIPE|ECONNRESET/.test(String(error)) ? undefined : reject(error)));
    const chunk = Buffer.alloc(64 * 1024, "a");
    for (let sent = 0; sent < size; sent += chunk.length) req.write(chunk);
    req.end();
  });
}

test("oversized request bodies are refused with 413, declared or chunked", async ({ request }) => {
  const twoMiB = Buffer.alloc(2 * 1024 * 1024, "a");
  const declared = await request.post("/api/auth/callback/credentials", {
    data: twoMiB,
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
  expect(declared.status()).toBe(413);
  expectHardened(declared);
  expect(await declared.json()).toEqual({ error: "Request body too large" });
  expect(await postChunked("/api/auth/callback/credentials", 2 * 1024 * 1024)).toBe(413);
  // A server-action call to any page but the import gets the small limit too.
  expect(await postChunked("/cases", 2 * 1024 * 1024, { "Next-Action": "0".repeat(42) })).toBe(413);
  // The import page's server actions are gone: a 2 MiB action call there is refused too.
  expect(await postChunked("/import", 2 * 1024 * 1024, { "Next-Action": "0".repeat(42) })).toBe(413);
  // The import route's limit fits a 20 MiB file, and no more.
  expect(await postChunked("/api/v1/import", 23 * 1024 * 1024)).toBe(413);
  // Under the limit, the body goes on (to the sign-in endpoint's own answer, not 413).
  const small = await request.post("/api/auth/callback/credentials", { form: { email: "x@example.org" } });
  expect(small.status()).not.toBe(413);
});

test("error answers are generic: no stack, SQL or path", async ({ page, signedInAs }) => {
  await signedInAs("EDITOR");
  const missing = await page.goto("/cases/00000000-0000-0000-0000-000000000000");
  expect(missing!.status()).toBe(404);
  expectHardened(missing!);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  const notARoute = await page.request.get("/no/such/page");
  expect(notARoute.status()).toBe(404);
  const bad = await page.request.get("/api/v1/stats/tallies?from=2017-13&to=x&type=NOPE");
  expect(bad.status()).toBe(400);
  expect(Object.keys(await bad.json())).toEqual(["error"]);
  for (const body of [await missing!.text(), await notARoute.text(), await bad.text()]) {
    for (const leak of [/node_modules/, /\/work\//, /\bat .+:\d+:\d+\)/, /\bSELECT\b[^<]*\bFROM\b/, /PrismaClient/]) {
      expect(body).not.toMatch(leak);
    }
  }
});

test("a bare `next start` refuses to serve without a strong NEXTAUTH_SECRET", async () => {
  const next = path.join(process.cwd(), "node_modules", ".bin", "next");
  for (const secret of [undefined, "x".repeat(48)]) {
    const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXTAUTH_SECRET: secret };
    if (secret === undefined) delete env.NEXTAUTH_SECRET;
    const child = spawn(next, ["start", "--port", String(E2E_PORT + 79), "--hostname", "127.0.0.1"], { env });
    let output = "";
    child.stderr.on("data", (d) => (output += String(d)));
    const code = await new Promise((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    expect(output).toMatch(/Refusing to start: NEXTAUTH_SECRET (is not set|has fewer than 8 distinct characters)/);
  }
});
