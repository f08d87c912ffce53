import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { recordAudit } from "@/lib/data/audit";
import { authorize } from "@/lib/data/authorize";
import { AccessDeniedError } from "@/lib/data/errors";
import type { Permission } from "@/lib/domain/policy";
import { loadSessionActor } from "@/lib/data/sessions";
import type { Actor } from "@/lib/domain/actor";
import { authOptions } from "./options";
import { requestOrigin } from "./origin";

/**
 * The signed-in user, re-read from the database once per request (JWTs cannot be revoked, so the
 * database decides). Null when signed out, deactivated, or holding a stale session.
 */
export const getCurrentActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) return null;
  return loadSessionActor(session.user, await requestOrigin());
});

/** For pages: the actor, or a redirect to sign-in that returns here afterwards. */
export async function requireActor(): Promise<Actor> {
  const actor = await getCurrentActor();
  if (actor) return actor;
  const here = (await headers()).get("x-passage-path");
  redirect(here ? `/login?callbackUrl=${encodeURIComponent(here)}` : "/login");
}

/** For staff pages: partners are sent to their portal, and the attempt is audited. */
export async function requireStaff(): Promise<Actor> {
  const actor = await requireActor();
  if (actor.role !== "PARTNER") return actor;
  const path = (await headers()).get("x-passage-path") ?? undefined;
  await recordAudit({
    actor,
    action: "page.staff",
    outcome: "DENIED",
    details: path ? { path: path.slice(0, 200) } : {},
  });
  redirect("/partner");
}

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
