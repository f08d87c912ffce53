/**
 * The role matrix of DESIGN.md §3, in one place. The data layer asks `can()` on every call;
 * the UI asks it only to decide what to show.
 */
export const ROLES = ["ADMIN", "EDITOR", "RESEARCHER", "VIEWER", "PARTNER"] as const;
export type Role = (typeof ROLES)[number];

export const STAFF_ROLES = ["ADMIN", "EDITOR", "RESEARCHER", "VIEWER"] as const satisfies readonly Role[];

const matrix = {
  /** Names, aliases, contact and notes. */
  "case.identity.read": ["ADMIN", "EDITOR", "RESEARCHER"],
  /** All cases, identities redacted unless the actor also has case.identity.read. */
  "case.read": ["ADMIN", "EDITOR", "RESEARCHER", "VIEWER"],
  /** Only the cases shared with the actor's organisation, through a grant's profile. */
  "case.read.shared": ["PARTNER"],
  "case.write": ["ADMIN", "EDITOR", "RESEARCHER"],
  "case.delete": ["ADMIN", "EDITOR"],
  "case.merge": ["ADMIN", "EDITOR"],
  /** Bring back a soft-deleted record. */
  "case.restore": ["ADMIN"],
  "stats.read": ["ADMIN", "EDITOR", "RESEARCHER", "VIEWER"],
  /** Suppressed totals over the organisation's shared cases. */
  "stats.read.shared": ["PARTNER"],
  "export.records": ["ADMIN", "EDITOR"],
  "export.aggregates": ["ADMIN", "EDITOR", "VIEWER"],
  "share.manage": ["ADMIN", "EDITOR"],
  "user.manage": ["ADMIN"],
  "organisation.manage": ["ADMIN"],
  "audit.read": ["ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof matrix;
export const PERMISSIONS = Object.keys(matrix) as Permission[];

export function can(role: Role, permission: Permission): boolean {
  return (matrix[permission] as readonly Role[]).includes(role);
}

export function isStaff(role: Role): boolean {
  return role !== "PARTNER";
}
