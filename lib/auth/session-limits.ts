/** How long a session may go unused, and how long it may last at all (README: configuration). */
export interface SessionLimits {
  idleSeconds: number;
  absoluteSeconds: number;
}

/** last_seen_at is written at most this often, so that browsing is not one write per request. */
export const LAST_SEEN_RESOLUTION_SECONDS = 60;

function positive(value: string | undefined, fallback: number): number {
  const number = Number(value);
  return value && Number.isFinite(number) && number > 0 ? number : fallback;
}

/** PASSAGE_SESSION_IDLE_MINUTES (30) and PASSAGE_SESSION_HOURS (8), read on each call. */
export function sessionLimits(env: Record<string, string | undefined> = process.env): SessionLimits {
  return {
    idleSeconds: Math.round(positive(env.PASSAGE_SESSION_IDLE_MINUTES, 30) * 60),
    absoluteSeconds: Math.round(positive(env.PASSAGE_SESSION_HOURS, 8) * 3600),
  };
}
