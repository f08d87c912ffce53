import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { bodyLimitFor, declaredLengthExceeds, streamExceeds } from "./lib/security/body-limit";
import { arrivedOverHttps, contentSecurityPolicy, createNonce, securityHeaders } from "./lib/security/headers";

// A convenience, not a security boundary (STYLE.md rule 8): it sends signed-out visitors to the
// sign-in page, answers signed-out API calls with 401, oversized bodies with 413 and malformed
// action calls with 400, and puts the security headers on every answer. Pages, actions and the
// data layer check the actor themselves on every request.

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
 * A server-action call whose body is not even well-formed is answered 400 here, instead of
 * surfacing as a 500 from React's decoder. (Well-formed calls with wrong values are refused by the
 * action's zod schema with an `invalid` result; nothing is written either way.)
 */
async function malformedActionCall(request: NextRequest): Promise<boolean> {
  if (request.method !== "POST" || !request.headers.has("next-action")) return false;
  if (!(request.headers.get("content-type") ?? "").startsWith("text/plain")) return false;
  try {
    JSON.parse(await request.clone().text());
    return false;
  } catch {
    return true;
  }
}

async function route(request: NextRequest, forwarded: Headers): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  if (await oversizedBody(request)) {
    return NextResponse.json({ error: "Request body too large" }, { status: 413 });
  }
  if (await malformedActionCall(request)) {
    return NextResponse.json({ error: "Malformed request" }, { status: 400 });
  }
  if (PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`))) {
    return NextResponse.next({ request: { headers: forwarded } });
  }
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  if (token) return NextResponse.next({ request: { headers: forwarded } });
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
