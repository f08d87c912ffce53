import type { APIRequestContext, Browser, BrowserContext } from "@playwright/test";
import { expect, test } from "./fixtures/auth";
import { ACTIONS, CALLERS, ROUTES, type Caller, type RouteRule } from "./fixtures/access-matrix";
import {
  actionsInSource,
  fixtureIds,
  organisationOf,
  routesInApp,
  serverActions,
  signInFully,
  type FixtureIds,
} from "./fixtures/attack";
import { createUser } from "./fixtures/factories";
import { parseActionInput, type ActionName } from "../lib/validation/action-inputs";
import { E2E_PORT } from "../playwright.config";

/**
 * An input no action's schema accepts, sent by the callers an action lets in: the proxy refuses it
 * with a 422, so the matrix writes nothing. (Those it must refuse get a fitting input instead, to
 * show the action itself refuses them, before it uses the input.)
 */
const UNFIT = { matrixProbe: "no action takes this field" };

/** What a browser on Passage's own pages sends as Origin (route handlers that take posts check it). */
const ORIGIN = `http://127.0.0.1:${E2E_PORT}`;

// Every page, route handler and server action, called signed out and as every role (DESIGN.md §3,
// issue 6 item 6). The expectations come from e2e/fixtures/access-matrix.ts; a route or action that
// has no entry there fails the first test, by name.

test("every page, route handler and server action has an entry in the access matrix", () => {
  const unmappedRoutes = routesInApp().filter((route) => !(route in ROUTES));
  const names = new Set([...serverActions().map((a) => a.name), ...actionsInSource()]);
  const unmappedActions = [...names].filter((name) => !(name in ACTIONS));
  expect({ unmappedRoutes, unmappedActions }, "add these to e2e/fixtures/access-matrix.ts").toEqual({
    unmappedRoutes: [],
    unmappedActions: [],
  });
});

const callers = new Map<Caller, { context: BrowserContext; request: APIRequestContext }>();
let ids: FixtureIds;
let partnerOrganisationId: string | undefined;

async function signedInContext(browser: Browser, caller: Caller) {
  const context = await browser.newContext();
  if (caller !== "SIGNED_OUT") {
    const page = await context.newPage();
    const user = await createUser(caller);
    if (caller === "PARTNER") partnerOrganisationId = await organisationOf(user.id);
    await signInFully(page, user);
    await page.close();
  }
  return { context, request: context.request };
}

test.describe("every caller", () => {
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(120_000);
    for (const caller of CALLERS) callers.set(caller, await signedInContext(browser, caller));
    ids = await fixtureIds(partnerOrganisationId!);
  });

  test.afterAll(async () => {
    for (const { context } of callers.values()) await context.close();
  });

  const fill = (url: string) => url.replace(/\{(\w+)\}/g, (_, key: keyof FixtureIds) => ids[key]);

  /** What a response amounts to: ok, login, notFound, redirect:<path>, or status:<n>. */
  function outcome(status: number, location: string | undefined, body: string): string {
    if (status >= 300 && status < 400 && location) {
      const target = new URL(location, "http://x").pathname;
      return target === "/login" ? "login" : `redirect:${target}`;
    }
    // RSC answers carry redirects and not-found as an error digest in a 200 flight payload.
    const digest = /NEXT_REDIRECT;(?:push|replace);([^;"]+);/.exec(body);
    if (digest) return new URL(digest[1]!, "http://x").pathname === "/login" ? "login" : `redirect:${digest[1]}`;
    if (status === 404 || /NEXT_HTTP_ERROR_FALLBACK;404/.test(body)) return "notFound";
    if (status === 200) return "ok";
    return `status:${status}`;
  }

  /** The outcomes DESIGN.md §3 allows for one caller of one route. */
  function expected(rule: RouteRule, caller: Caller): (got: string) => boolean {
    const allowed = caller !== "SIGNED_OUT" && rule.allowed.includes(caller);
    switch (rule.kind) {
      case "staff":
        if (caller === "SIGNED_OUT") return (got) => got === "login";
        if (caller === "PARTNER") return (got) => got === "redirect:/partner" || got === "notFound";
        return allowed ? (got) => got === "ok" : (got) => got === "notFound";
      case "partner":
        if (caller === "SIGNED_OUT") return (got) => got === "login";
        return allowed
          ? (got) => got === "ok"
          : (got) => got.startsWith("redirect:") && !got.startsWith("redirect:/partner");
      case "account":
        if (caller === "SIGNED_OUT") return (got) => got === "login";
        return (got) => got === "ok" || got.startsWith("redirect:/account");
      case "public":
        return caller === "SIGNED_OUT" ? (got) => got === "ok" : (got) => got === "ok" || got.startsWith("redirect:");
      case "api":
        // Outside /api/ the proxy treats a route handler like a page: a redirect to sign-in will do.
        if (caller === "SIGNED_OUT")
          return (got) => got === "status:401" || (!rule.url.startsWith("/api/") && got === "login");
        if (allowed && "method" in rule && rule.method === "POST") return (got) => got === "status:400";
        return allowed
          ? (got) => got === "ok" || /^status:20\d$/.test(got)
          : (got) => /^(status:403|notFound)$/.test(got);
      case "publicApi":
        return (got) => got === "ok";
    }
  }

  /**
   * GET without following redirects, except the one Next answers an RSC request with when its `_rsc`
   * cache-busting parameter does not match the request's router headers (same path, fresh `_rsc`).
   */
  async function getFollowingRsc(request: APIRequestContext, url: string, headers: Record<string, string>) {
    const response = await request.get(url, { headers, maxRedirects: 0 });
    const location = response.headers().location;
    if (!headers.RSC || response.status() < 300 || response.status() >= 400 || !location) return response;
    const target = new URL(location, "http://x");
    if (target.pathname !== new URL(url, "http://x").pathname || !target.searchParams.has("_rsc")) return response;
    return request.get(target.pathname + target.search, { headers, maxRedirects: 0 });
  }

  const PAGE_VARIANTS: Record<string, (url: string) => { url: string; headers: Record<string, string> }> = {
    plain: (url) => ({ url, headers: {} }),
    rsc: (url) => ({ url, headers: { RSC: "1" } }),
    prefetch: (url) => ({
      url: `${url}${url.includes("?") ? "&" : "?"}_rsc=x`,
      headers: { RSC: "1", "Next-Router-Prefetch": "1" },
    }),
  };

  /** The `.rsc` path form of a URL (`/cases.rsc`, `/index.rsc` for the root), which flight caches use. */
  const rscSuffix = (url: string) => {
    const [pathname, query] = url.split("?");
    const path = pathname === "/" ? "/index" : pathname;
    return { url: `${path}.rsc${query ? `?${query}` : ""}`, headers: { RSC: "1" } };
  };

  test("pages and route handlers answer every caller as DESIGN.md §3 says", async () => {
    test.setTimeout(180_000);
    const present = new Set(routesInApp());
    const failures: string[] = [];
    for (const [, rule] of Object.entries(ROUTES).filter(([route]) => present.has(route))) {
      const variants = rule.kind === "api" || rule.kind === "publicApi" ? ["plain"] : Object.keys(PAGE_VARIANTS);
      await Promise.all(
        CALLERS.flatMap((caller) =>
          variants.map(async (variant) => {
            const call = PAGE_VARIANTS[variant]!(fill(rule.url));
            const request = callers.get(caller)!.request;
            const response =
              "method" in rule && rule.method === "POST"
                ? await request.post(call.url, { headers: { Origin: ORIGIN }, multipart: {}, maxRedirects: 0 })
                : await getFollowingRsc(request, call.url, call.headers);
            const body = await response.text();
            const seen = outcome(response.status(), response.headers().location, body);
            // A prefetch of a dynamic page answers the route tree alone: no element, so no data.
            const got = variant === "prefetch" && seen === "ok" && !body.includes('["$"') ? "treeOnly" : seen;
            if (got !== "treeOnly" && !expected(rule, caller)(got))
              failures.push(
                `${caller} ${"method" in rule && rule.method ? rule.method : "GET"} ${call.url} [${variant}] → ${got} (${body.length} bytes: ${body.slice(0, 200)})`,
              );
            const identityBlind = caller === "SIGNED_OUT" || caller === "VIEWER" || caller === "PARTNER";
            if (identityBlind && body.includes(ids.canaryName))
              failures.push(`${caller} GET ${call.url} leaked a name`);
          }),
        ),
      );
    }
    expect(failures, "callers answered against DESIGN.md §3").toEqual([]);
  });

  test("server actions POSTed directly refuse every caller DESIGN.md §3 refuses, even with an input that fits", async () => {
    test.setTimeout(120_000);
    const failures: string[] = [];
    for (const action of serverActions().filter((a) => a.name in ACTIONS)) {
      const { allowed, input } = ACTIONS[action.name]!;
      expect(parseActionInput(action.name as ActionName, input).ok, `ACTIONS.${action.name}.input must fit`).toBe(true);
      expect(parseActionInput(action.name as ActionName, UNFIT), `${action.name} takes the probe`).toMatchObject({
        ok: false,
        tampered: true,
      });
      await Promise.all(
        CALLERS.map(async (caller) => {
          const mayCall = caller !== "SIGNED_OUT" && allowed.includes(caller);
          const response = await callers.get(caller)!.request.post(fill(action.path), {
            headers: {
              "Next-Action": action.id,
              "Content-Type": "text/plain;charset=UTF-8",
              Accept: "text/x-component",
            },
            data: JSON.stringify([mayCall ? UNFIT : input]),
            maxRedirects: 0,
          });
          const body = await response.text();
          const error = /"error":"(\w+)"/.exec(body)?.[1] ?? `status:${response.status()}`;
          const signInRedirect = outcome(response.status(), response.headers().location, "") === "login";
          const ok =
            caller === "SIGNED_OUT"
              ? error === "unauthenticated" || signInRedirect
              : mayCall
                ? response.status() === 422
                : error === "forbidden";
          if (!ok) failures.push(`${caller} → ${action.name} (POST ${fill(action.path)}) → ${error}`);
        }),
      );
    }
    expect(failures, "direct action calls answered against DESIGN.md §3").toEqual([]);
  });

  test("a spoofed x-middleware-subrequest header lets no signed-out caller in (CVE-2025-29927)", async ({
    request,
  }) => {
    const failures: string[] = [];
    const spoofs = [
      "middleware:middleware:middleware:middleware:middleware",
      "proxy:proxy:proxy:proxy:proxy",
      "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware",
      "src/proxy:src/proxy:src/proxy:src/proxy:src/proxy",
    ];
    const protectedRoutes = Object.values(ROUTES).filter((r) => r.kind !== "public" && r.kind !== "publicApi");
    for (const spoof of spoofs) {
      for (const rule of protectedRoutes) {
        for (const [variant, make] of Object.entries({ ...PAGE_VARIANTS, rscSuffix })) {
          const call = make(fill(rule.url));
          const response = await getFollowingRsc(request, call.url, {
            ...call.headers,
            "x-middleware-subrequest": spoof,
          });
          const got = outcome(response.status(), response.headers().location, await response.text());
          const refused = rule.kind === "api" && rule.url.startsWith("/api/") ? got === "status:401" : got === "login";
          if (!refused) failures.push(`${spoof} GET ${call.url} [${variant}] → ${got}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
