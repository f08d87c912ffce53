/**
 * The configuration a production server refuses to start without. Called by `npm start`
 * (lib/cli/start.ts) before anything else, and by instrumentation.ts when `next start` boots, so a
 * server started by hand refuses too.
 */

const GENERATE_SECRET = "Generate one with `openssl rand -base64 48`.";

/** Problems with NEXTAUTH_SECRET, which signs every session token; null when it is strong. */
export function checkAuthSecret(secret: string | undefined): string | null {
  if (!secret) return `NEXTAUTH_SECRET is not set. ${GENERATE_SECRET}`;
  if (Buffer.byteLength(secret, "utf8") < 32) return `NEXTAUTH_SECRET is shorter than 32 bytes. ${GENERATE_SECRET}`;
  // A long run of one character, or a short word repeated, passes the length test and is no secret.
  if (new Set(secret).size < 8) return `NEXTAUTH_SECRET has fewer than 8 distinct characters. ${GENERATE_SECRET}`;
  return null;
}

/**
 * With several app servers behind a load balancer (PASSAGE_INSTANCES > 1), each build would
 * otherwise get its own key for server-action payloads, and actions would fail on every other
 * instance. Next.js takes a base64 AES key of 16, 24 or 32 bytes.
 */
export function checkActionsKey(instances: string | undefined, key: string | undefined): string | null {
  const count = instances === undefined || instances.trim() === "" ? 1 : Number(instances);
  if (!Number.isInteger(count) || count < 1) return "PASSAGE_INSTANCES must be a whole number of 1 or more.";
  if (count === 1) return null;
  const generate = "Generate one with `openssl rand -base64 32` and give the same value to every build and instance.";
  if (!key) return `NEXT_SERVER_ACTIONS_ENCRYPTION_KEY is not set, and PASSAGE_INSTANCES is ${count}. ${generate}`;
  const bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(key) ? Buffer.from(key, "base64").length : 0;
  if (![16, 24, 32].includes(bytes)) {
    return `NEXT_SERVER_ACTIONS_ENCRYPTION_KEY is not a base64 AES key of 16, 24 or 32 bytes. ${generate}`;
  }
  return null;
}

/** Every problem with the production configuration in `env`; empty when the server may start. */
export function checkProductionConfig(env: Record<string, string | undefined>): string[] {
  return [
    checkAuthSecret(env.NEXTAUTH_SECRET),
    checkActionsKey(env.PASSAGE_INSTANCES, env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY),
  ].filter((problem): problem is string => problem !== null);
}

/** For a server booting: logs every problem and ends the process before it serves a request. */
export function exitOnUnsafeConfig(env: Record<string, string | undefined> = process.env): void {
  const problems = checkProductionConfig(env);
  if (problems.length === 0) return;
  for (const problem of problems) console.error(`[passage] Refusing to start: ${problem}`);
  process.exit(1);
}
