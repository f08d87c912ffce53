import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/config";
import { verifyCredentials } from "@/lib/data/sessions";
import { endUserSession } from "@/lib/data/user-sessions";
import { originFrom, requestOrigin } from "./origin";

/**
 * What `signIn()` reports as `error` when the password was right but the account needs a code: the
 * sign-in form then asks for one and sends all three again. next-auth passes a thrown error's
 * message through; every other failure is its generic "CredentialsSignin".
 */
export const CODE_REQUIRED_ERROR = "CodeRequired";

export const authOptions: AuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Passage",
      credentials: { email: { type: "email" }, password: { type: "password" }, code: { type: "text" } },
      async authorize(credentials, req) {
        const forwarded = req?.headers?.["x-forwarded-for"] as string | undefined;
        const result = await verifyCredentials(
          { email: credentials?.email, password: credentials?.password, code: credentials?.code },
          originFrom(forwarded),
        );
        if (result && "codeRequired" in result) throw new Error(CODE_REQUIRED_ERROR);
        return result ? { id: result.id, sessionVersion: result.sessionVersion, sessionId: result.sessionId } : null;
      },
    }),
  ],
  callbacks: {
    // The token carries only the user's id, session version and session id; the rest is re-read per request.
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sv = user.sessionVersion;
        token.sid = user.sessionId;
      }
      return { sub: token.sub, sv: token.sv, sid: token.sid, iat: token.iat, exp: token.exp, jti: token.jti };
    },
    session({ session, token }) {
      return {
        expires: session.expires,
        user: { id: token.sub ?? "", sessionVersion: token.sv ?? 0, sessionId: token.sid },
      };
    },
  },
  events: {
    // Signing out ends this browser's session in the database too, not only its cookie.
    async signOut({ token }) {
      if (!token?.sub) return;
      await endUserSession({ userId: token.sub, sessionId: token.sid }, await requestOrigin().catch(() => null));
    },
  },
};
