import { openDatabase } from "../database/embedded";
import { migrate } from "../database/migrations";

/** A refusal the user can act on: printed as is, without a stack, and the command exits 1. */
export class UsageError extends Error {}

/**
 * Runs a command-line tool's body against the database with every migration applied, as
 * `npm start` would leave it, with DATABASE_URL set for the data layer (so `lib/data` must be
 * imported inside `body`, not before), and always closes what it opened.
 */
export async function withReadyDatabase<T>(body: () => Promise<T>): Promise<T> {
  const database = await openDatabase();
  try {
    await migrate(database.url, { log: (line) => console.error(`[passage] ${line}`) });
    process.env.DATABASE_URL = database.url;
    return await body();
  } finally {
    if (process.env.DATABASE_URL === database.url) {
      const { db } = await import("../db");
      await db.$disconnect();
    }
    await database.close();
  }
}

/** Runs a command's main function: usage errors print their message, anything else its stack. */
export function runCommand(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof UsageError ? error.message : error);
    process.exit(1);
  });
}
