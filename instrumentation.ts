/**
 * Runs once when a Next.js server boots. A production server (`next start`, whether through
 * `npm start` or by hand) refuses to serve with a weak or missing secret: see lib/security/startup.ts.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NODE_ENV === "production") {
    const { exitOnUnsafeConfig } = await import("./lib/security/startup");
    exitOnUnsafeConfig();
  }
}
