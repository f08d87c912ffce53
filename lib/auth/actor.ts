import "server-only";
import { getToken } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { recordAudit } from "@/lib/data/audit";
import { authorize } from "@/lib/data/authorize";
import { AccessDeniedError } from "@/lib/data/errors";
import type { Permission } from "@/lib/domain/policy";
import { loadSessionActor, type SessionState, type SessionUser } from "@/lib/data/sessions";
import type { Actor } from "@/lib/domain/actor";
import { authOptions } from "./options";
import { requestOrigin } from "./origin";

/**
 * The session's actor, re-read from the database once per request (JWTs cannot be revoked, so the
 * database decides), with whether they must still enrol in two-factor. Null when signed out,
 * deactivated, or holding a stale, ended, idle or expired session.
 */
export const getSessionState = cache(async (): Promise<SessionState | null> => {
  const claims = await sessionClaims();
  return claims ? loadSessionActor(claims, await requestOrigin()) : null;
});

/**
 * The claims of the request's session cookie, decrypted and checked (integrity, expiry) as
 * next-auth's own session read does, or null. Unlike `getServerSession`, it does not also issue a
 * refreshed token, which a server component could not send anyway. The cookie only: no bearer header.
 */
async function sessionClaims(): Promise<SessionUser | null> {
  const request = { cookies: await cookies(), headers: {} };
  const token = await getToken({
    req: request as unknown as Parameters<typeof getToken>[0]["req"],
    secret: authOptions.secret,
  });
  if (!token?.sub) return null;
  return { id: token.sub, sessionVersion: token.sv ?? 0, sessionId: token.sid };
}

/**
 * The signed-in user, or null. A user whose role requires two-factor and who has not enrolled gets
 * null too (audited): route handlers and every server action of `defineAction` refuse them, so
 * enrolment cannot be skipped by calling anything directly. Only the account pages and actions
 * (`requireAccountActor`, `defineAccountAction`) accept them.
 */
export const getCurrentActor = cache(async (): Promise<Actor | null> => {
  const state = await getSessionState();
  if (!state) return null;
  if (!state.twoFactorEnrolmentRequired) return state.actor;
  await recordAudit({
    actor: state.actor,
    action: "auth.two_factor.enrolment_required",
    outcome: "DENIED",
    entityType: "user",
    entityId: state.actor.id ?? undefined,
  });
  return null;
});

async function signInRedirect(): Promise<never> {
  const here = (await headers()).get("x-passage-path");
  redirect(here ? `/login?callbackUrl=${encodeURIComponent(here)}` : "/login");
}

/** Where a user who must enrol in two-factor is sent, whatever they asked for. */
export const TWO_FACTOR_ENROLMENT_PATH = "/account/two-factor";

/** For pages: the actor, or a redirect to sign-in (returning here), or to two-factor enrolment. */
export async function requireActor(): Promise<Actor> {
  const state = await getSessionState();
  if (!state) return signInRedirect();
  if (state.twoFactorEnrolmentRequired) redirect(TWO_FACTOR_ENROLMENT_PATH);
  return state.actor;
}

/** For the account pages, which any signed-in user may open, including one who must still enrol. */
export async function requireAccountActor(): Promise<SessionState> {
  return (await getSessionState()) ?? signInRedirect();
}

/** For staff pages: partners are sent to their portal, and the attempt is audited. */
export async function requireStaff(): Promise<Actor> {
  const actor = await requireActor();
  if (actor.role !== "PARTNER") return actor;
  await recordStaffPageRefusal(actor);
  redirect("/partner");
}

/** One audit row per refused request, though the layout and the page both ask (cached per request). */
const recordStaffPageRefusal = cache(async (actor: Actor): Promise<void> => {
  const path = (await headers()).get("x-passage-path") ?? undefined;
  await recordAudit({
    actor,
    action: "page.staff",
    outcome: "DENIED",
    details: path ? { path: path.slice(0, 200) } : {},
  });
});

/** For the partner portal: staff are sent to their own screens. */
export async function requirePartner(): Promise<Actor> {
  const actor = await requireActor();
  if (actor.role !== "PARTNER") redirect("/");
  return actor;
}

/** For pages that only some roles may open: the refusal is audited and looks like a missing page. */
export async function requirePermission(actor: Actor, permission: Permission, action: string): Promise<void> {
  try {
    await authorize(actor, permission, { action });
  } catch (error) {
    if (error instanceof AccessDeniedError) notFound();
    throw error;
  }
}
