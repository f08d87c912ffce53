import pg from "pg";
import { migrate } from "../database/migrations";
import { createTestDatabase } from "./databases";

/**
 * Gives the test run a migrated database of its own and points DATABASE_URL at it; the workers,
 * started after this runs, inherit the environment.
 * - DATABASE_URL set: it names a PostgreSQL server. A `passage_test_<hex>` database is created
 *   there and dropped afterwards; the server's URL goes to PASSAGE_TEST_SERVER_URL for tests that
 *   create scratch databases of their own (`createScratchDatabase`).
 * - DATABASE_URL unset: an in-memory PGlite server, as `npm start` would embed; scratch-database
 *   tests skip.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const original = process.env.DATABASE_URL;
  const database = await createTestDatabase("test");
  try {
    await migrate(database.url);
    await createTestSequences(database.url);
  } catch (error) {
    await database.drop();
    throw error;
  }
  process.env.DATABASE_URL = database.url;
  if (database.serverUrl) process.env.PASSAGE_TEST_SERVER_URL = database.serverUrl;
  else delete process.env.PASSAGE_TEST_SERVER_URL;
  return async () => {
    if (original) process.env.DATABASE_URL = original;
    else delete process.env.DATABASE_URL;
    delete process.env.PASSAGE_TEST_SERVER_URL;
    await database.drop();
  };
}

/** Test-only counters the workers share (lib/testing/event-inputs.ts ownYear); not in any migration. */
async function createTestSequences(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("CREATE SEQUENCE test_event_years START 2300 MAXVALUE 9000");
  } finally {
    await client.end();
  }
}
