/**
 * Share grants (DESIGN.md §4): profiles, opaque share references, expiry rules and status.
 * What each profile may show is decided by the partner queries in lib/data/partner-cases.ts, which
 * select only these fields; this module holds the rules that do not need the database.
 */

export const SHARE_PROFILE = ["SUMMARY", "DETAILED"] as const;
export type ShareProfile = (typeof SHARE_PROFILE)[number];

export const SHARE_STATUS = ["ACTIVE", "EXPIRED", "REVOKED"] as const;
export type ShareStatus = (typeof SHARE_STATUS)[number];

/** A grant may run for at most a year; the partner must then be granted access again. */
export const MAX_SHARE_DAYS = 366;

/** Crockford's base-32 alphabet: no I, L, O or U, so references read aloud or retyped survive. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const GROUPS = 4;
const GROUP_LENGTH = 6;

/** `SH-` and four groups of six: 120 random bits, unguessable and unrelated to any internal id. */
export const SHARE_REF_PATTERN = /^SH-[0-9A-Z]{6}-[0-9A-Z]{6}-[0-9A-Z]{6}-[0-9A-Z]{6}$/;

export function generateShareRef(): string {
  // 256 is a multiple of 32, so `byte & 31` picks every letter with the same chance.
  const bytes = crypto.getRandomValues(new Uint8Array(GROUPS * GROUP_LENGTH));
  const letters = [...bytes].map((byte) => ALPHABET[byte & 31]).join("");
  const groups = Array.from({ length: GROUPS }, (_, i) => letters.slice(i * GROUP_LENGTH, (i + 1) * GROUP_LENGTH));
  return `SH-${groups.join("-")}`;
}

export function isShareRef(value: string): boolean {
  return SHARE_REF_PATTERN.test(value);
}

/** Today's date in UTC as YYYY-MM-DD: grants end at the end of their expiry day, UTC. */
export function utcToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The last expiry date a grant made on `today` may have. */
export function latestExpiry(today: string): string {
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() + 1);
  return date.toISOString().slice(0, 10);
}

/**
 * Why an expiry date is refused, as a `validation` catalogue key, or null: it must be a real
 * calendar date from today to one year ahead.
 */
export function expiryProblem(expiresOn: string, today: string): string | null {
  const parsed = new Date(`${expiresOn}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(expiresOn) || Number.isNaN(parsed.getTime())) return "invalidDate";
  if (parsed.toISOString().slice(0, 10) !== expiresOn) return "invalidDate";
  if (expiresOn < today) return "shareExpiryPast";
  if (expiresOn > latestExpiry(today)) return "shareExpiryTooFar";
  return null;
}

export function shareStatus(grant: { revokedAt: Date | null; expiresOn: string }, today: string): ShareStatus {
  if (grant.revokedAt) return "REVOKED";
  return grant.expiresOn < today ? "EXPIRED" : "ACTIVE";
}
