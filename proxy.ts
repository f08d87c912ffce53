import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";

// A convenience, not a security boundary (STYLE.md rule 8): it sends signed-out visitors to the
// sign-in page and answers signed-out API calls with 401. Pages, actions and the data layer check
// the actor themselves on every request.

const PUBLIC_PATHS = ["/login", "/api/auth", "/api/health"];

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
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
