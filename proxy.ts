import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";

// A convenience, not a security boundary (STYLE.md rule 8): it sends signed-out visitors to the
// sign-in page, answers signed-out API calls with 401 and malformed action calls with 400. Pages, actions and the data layer check
// the actor themselves on every request.

const PUBLIC_PATHS = ["/login", "/api/auth", "/api/health"];

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

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (await malformedActionCall(request)) {
    return NextResponse.json({ error: "Malformed request" }, { status: 400 });
  }
  const forwarded = new Headers(request.headers);
  forwarded.set("x-passage-path", pathname + search);
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

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
