import { openDatabase, type Database } from "../database/embedded";
import { migrate } from "../database/migrations";

/**
 * The database with every migration applied, as `npm start` would leave it, and DATABASE_URL set
 * for the data layer (import `lib/data` only after this resolves).
 */
export async function openReadyDatabase(): Promise<Database> {
  const database = await openDatabase();
  try {
    await migrate(database.url, { log: (line) => console.error(`[passage] ${line}`) });
  } catch (error) {
    await database.close();
    throw error;
  }
  process.env.DATABASE_URL = database.url;
  return database;
}
