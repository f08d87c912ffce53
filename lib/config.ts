/** Settings read from the environment. The checks that make a bad deployment refuse to start: lib/security/startup.ts. */

export const SESSION_MAX_AGE_SECONDS = Number(process.env.PASSAGE_SESSION_HOURS ?? 8) * 3600;
