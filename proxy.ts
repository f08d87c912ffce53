import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { isFormPostToPage, MALFORMED, refuseActionCall } from "./lib/security/action-body";
import { actionNameFor } from "./lib/security/action-manifest";
import { bodyLimitFor, declaredLengthExceeds, streamExceeds } from "./lib/security/body-limit";
import { arrivedOverHttps, contentSecurityPolicy, createNonce, securityHeaders } from "./lib/security/headers";

// A convenience, not a security boundary (STYLE.md rule 8): it sends signed-out visitors to the
// sign-in page, answers signed-out API calls with 401 and oversized bodies with 413, refuses
// server-action calls that Passage's pages would never send with 400 and input of a shape no form
// sends (wrong types, unknown fields) with 422 (lib/security/action-body.ts), and puts the
// security headers on every answer. Pages, actions and the data layer check the actor and the input themselves on every
// request: each action's wrapper parses its input with the same schema again.

const PUBLIC_PATHS = ["/login", "/api/auth", "/api/health"];

/**
 * A body over its route's limit (lib/security/body-limit.ts) is refused before anything reads it.
 * A chunked body declares no length, so it is counted; Next buffers at most
 * `proxyClientMaxBodySize` of it for the proxy, which is set above every limit so the count still
 * shows an oversized body as oversized.
 */
async function oversizedBody(request: NextRequest): Promise<boolean> {
  const limit = bodyLimitFor({
    method: request.method,
    pathname: request.nextUrl.pathname,
    isAction: request.headers.has("next-action"),
  });
  const declared = request.headers.get("content-length");
  if (declared !== null) return declaredLengthExceeds(declared, limit);
  return request.body ? streamExceeds(request.clone().body!, limit) : false;
}

/**
 * A post that is not what Passage's pages send to server actions, or whose input has the wrong shape.
 * `checkInput` is false on public paths: a caller who may be signed out learns nothing there about
 * which ids are actions or what they take (only the shape, which is React's, is checked).
 */
async function refusedActionPost(request: NextRequest, checkInput: boolean): Promise<NextResponse | null> {
  const { method, nextUrl } = request;
  const contentType = request.headers.get("content-type");
  const id = request.headers.get("next-action");
  if (isFormPostToPage({ method, pathname: nextUrl.pathname, contentType, isAction: id !== null })) {
    return NextResponse.json(MALFORMED.body, { status: MALFORMED.status });
  }
  if (method !== "POST" || id === null) return null;
  const body = await request.clone().text();
  const refusal = refuseActionCall({ contentType, body, action: checkInput ? actionNameFor(id) : undefined });
  return refusal && NextResponse.json(refusal.body, { status: refusal.status });
}

async function route(request: NextRequest, forwarded: Headers): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  if (await oversizedBody(request)) {
    return NextResponse.json({ error: "Request body too large" }, { status: 413 });
  }
  if (PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`))) {
    return (await refusedActionPost(request, false)) ?? NextResponse.next({ request: { headers: forwarded } });
  }
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  if (token) {
    return (await refusedActionPost(request, true)) ?? NextResponse.next({ request: { headers: forwarded } });
  }
  if (pathname.startsWith("/api/")) {
    return NextResponse.json({ error: "Sign in required" }, { status: 401 });
  }
  const login = new URL("/login", request.url);
  login.searchParams.set("callbackUrl", pathname + search);
  return NextResponse.redirect(login);
}

export async function proxy(request: NextRequest) {
  const options = {
    nonce: createNonce(),
    https: arrivedOverHttps(request.nextUrl, request.headers.get("x-forwarded-proto")),
    dev: process.env.NODE_ENV === "development",
  };
  // Next.js reads the nonce back from the request's CSP header and puts it on its own scripts.
  const forwarded = new Headers(request.headers);
  forwarded.set("x-passage-path", request.nextUrl.pathname + request.nextUrl.search);
  forwarded.set("x-nonce", options.nonce);
  forwarded.set("content-security-policy", contentSecurityPolicy(options));
  const response = await route(request, forwarded);
  for (const [name, value] of Object.entries(securityHeaders(options))) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
