import type { Role } from "./policy";

/**
 * Who is acting, as every `lib/data` function receives it. A web actor is re-read from the
 * database on every request; a command-line actor is a user named with `--as`, or the system
 * itself for bootstrap commands such as `user:create` (then `id` is null).
 */
export interface Actor {
  id: string | null;
  role: Role;
  organisationId: string | null;
  name: string;
  email: string | null;
  /** Where the request came from, for the audit trail: an IP address or "cli". */
  origin: string | null;
}

export function systemActor(): Actor {
  return { id: null, role: "ADMIN", organisationId: null, name: "system", email: null, origin: "cli" };
}

/** The actor for a user row read by the data layer, acting from `origin`. */
export function actorFromUser(
  user: { id: string; role: Role; organisationId: string | null; name: string; email: string },
  origin: string | null,
): Actor {
  return {
    id: user.id,
    role: user.role,
    organisationId: user.organisationId,
    name: user.name,
    email: user.email,
    origin,
  };
}

/** Why a user may not act at all (deactivated, or their partner organisation is), or null. */
export function inactiveReason(user: { active: boolean; organisation: { active: boolean } | null } | null) {
  if (!user) return "unknown_account";
  if (!user.active) return "inactive";
  if (user.organisation?.active === false) return "organisation_inactive";
  return null;
}
