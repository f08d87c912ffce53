import { createHash } from "node:crypto";

// Sign-in throttling rules (issue 6). Pure: lib/data/sessions.ts counts failures in PostgreSQL and
// asks `throttledBy` whether to refuse. The windows slide, so the cooling period is simply the
// time until enough failures fall out of the window; refused attempts count as failures too, so an
// account under attack stays locked until the attack has paused for a whole window.

export const ACCOUNT_LIMIT = 10;
export const ACCOUNT_WINDOW_SECONDS = 15 * 60;
export const IP_LIMIT = 100;
export const IP_WINDOW_SECONDS = 24 * 3600;
/** How long attempts are kept: longer than either window, so pruning never lifts a lock. */
export const ATTEMPT_RETENTION_SECONDS = 2 * 24 * 3600;

/** Larger values are almost certainly typos, and would disable throttling in practice. */
const MAX_LIMIT = 100_000;

export interface SignInLimits {
  accountLimit: number;
  accountWindowSeconds: number;
  ipLimit: number;
  ipWindowSeconds: number;
}

/** A whole number from 1 to 100,000, or the fallback: a bad setting must not switch throttling off. */
export function parseLimit(raw: string | undefined, fallback: number): number {
  const value = raw?.trim() ?? "";
  if (!/^\d{1,6}$/.test(value)) return fallback;
  const n = Number(value);
  return n >= 1 && n <= MAX_LIMIT ? n : fallback;
}

/** The limits in force: the defaults above, or PASSAGE_SIGNIN_ACCOUNT_LIMIT / PASSAGE_SIGNIN_IP_LIMIT. */
export function signInLimits(env: Record<string, string | undefined> = process.env): SignInLimits {
  return {
    accountLimit: parseLimit(env.PASSAGE_SIGNIN_ACCOUNT_LIMIT, ACCOUNT_LIMIT),
    accountWindowSeconds: ACCOUNT_WINDOW_SECONDS,
    ipLimit: parseLimit(env.PASSAGE_SIGNIN_IP_LIMIT, IP_LIMIT),
    ipWindowSeconds: IP_WINDOW_SECONDS,
  };
}

export interface FailureCounts {
  /** Failures for this email within the account window. */
  account: number;
  /** Failures from this address within the IP window (0 when the address is unknown). */
  ip: number;
}

export type ThrottleScope = "account" | "ip";

/** Which limit refuses this attempt, if any: a count at or above its limit does. */
export function throttledBy(counts: FailureCounts, limits: SignInLimits): ThrottleScope | null {
  if (counts.account >= limits.accountLimit) return "account";
  if (counts.ip >= limits.ipLimit) return "ip";
  return null;
}

/**
 * What sign_in_attempts stores instead of the email: sha256 hex of the trimmed, lower-cased email.
 * It is a pseudonym, not anonymity: anyone holding a guess can hash it and compare.
 */
export function hashSignInEmail(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex");
}
