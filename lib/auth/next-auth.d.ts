import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    id: string;
    sessionVersion: number;
    sessionId: string;
  }
  interface Session {
    user: { id: string; sessionVersion: number; sessionId?: string };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sv?: number;
    /** The user_sessions row of this sign-in. */
    sid?: string;
  }
}
