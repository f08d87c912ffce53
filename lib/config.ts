/** Settings read from the environment, with the checks that make a bad deployment refuse to start. */

export const SESSION_MAX_AGE_SECONDS = Number(process.env.PASSAGE_SESSION_HOURS ?? 8) * 3600;

/** The secret that signs session tokens: at least 32 bytes, or Passage will not start. */
export function checkAuthSecret(secret = process.env.NEXTAUTH_SECRET): string | null {
  if (!secret) return "NEXTAUTH_SECRET is not set. Generate one with `openssl rand -base64 48`.";
  if (Buffer.byteLength(secret, "utf8") < 32) {
    return "NEXTAUTH_SECRET is shorter than 32 bytes. Generate one with `openssl rand -base64 48`.";
  }
  return null;
}
