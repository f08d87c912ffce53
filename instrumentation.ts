/**
 * Runs once when a Next.js server boots. A production server (`next start`, whether through
 * `npm start` or by hand) refuses to serve with a weak or missing secret: see lib/security/startup.ts.
 * Its logs then carry error classes and codes, never messages that could quote a person's name.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NODE_ENV === "production") {
    const { exitOnUnsafeConfig } = await import("./lib/security/startup");
    exitOnUnsafeConfig();
    const { redactConsoleErrors } = await import("./lib/security/log");
    redactConsoleErrors();
  }
}
