import { headers } from "next/headers";

/**
 * The client address for the audit trail. `next start` (or the reverse proxy in front of it)
 * appends the peer address to X-Forwarded-For, so the last entry is the one a client cannot forge.
 */
export function originFrom(forwardedFor: string | null | undefined): string | null {
  const last = forwardedFor?.split(",").pop()?.trim();
  return last ? last.slice(0, 64) : null;
}

export async function requestOrigin(): Promise<string | null> {
  return originFrom((await headers()).get("x-forwarded-for"));
}
