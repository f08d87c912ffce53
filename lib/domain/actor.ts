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
