import { randomBytes } from "node:crypto";
import pg from "pg";
import { servePglite } from "../database/embedded";
import { migrate } from "../database/migrations";

/** Set by the global setup when tests run against a real PostgreSQL server (not the embedded one). */
export const testServerUrl = process.env.PASSAGE_TEST_SERVER_URL;

/** For `it.skipIf(!canCreateDatabases)`: the embedded PGlite server holds a single database. */
export const canCreateDatabases = Boolean(testServerUrl);
export const NO_SCRATCH_DATABASES =
  "needs a real PostgreSQL server to create scratch databases: run with DATABASE_URL set";

export interface ScratchDatabase {
  name: string;
  url: string;
  /** Drops the database, ending any connection still open to it. */
  drop(): Promise<void>;
}

/** Runs `fn` with a fresh `pg` client connected to `url`, and always closes it. */
export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The URL of database `name` on the server that `serverUrl` points to. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates an empty database named `<prefix>_<random hex>` on the server at `serverUrl`. */
export async function createDatabase(serverUrl: string, prefix = "passage_scratch"): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  // Identifiers cannot be bound as parameters; the name is ours and matches [a-z0-9_]+.
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  return {
    name,
    url: databaseUrl(serverUrl, name),
    drop: async () => {
      await withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

export interface TestDatabase {
  url: string;
  /** The server it was created on, which can hold further databases; null for the embedded one. */
  serverUrl: string | null;
  /** Drops the database, or stops the embedded server. */
  drop(): Promise<void>;
}

/**
 * An empty database for one test run (Vitest's or Playwright's global setup): `passage_<label>_<hex>`
 * on the server DATABASE_URL names, or, when it is unset, an in-memory PGlite server like the one
 * `npm start` embeds (a single database, gone when dropped).
 */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const database = await createDatabase(serverUrl, `passage_${label}`);
    return { url: database.url, serverUrl, drop: database.drop };
  }
  const served = await servePglite();
  return { url: served.url, serverUrl: null, drop: served.stop };
}

/**
 * A database of the test's own on the test server, empty or (with `migrate: true`) fully migrated.
 * Throws when the tests run on the embedded server: guard callers with `canCreateDatabases`.
 */
export async function createScratchDatabase(options: { migrate?: boolean } = {}): Promise<ScratchDatabase> {
  if (!testServerUrl) throw new Error(`Cannot create a scratch database: ${NO_SCRATCH_DATABASES}.`);
  const database = await createDatabase(testServerUrl);
  if (options.migrate) {
    try {
      await migrate(database.url);
    } catch (error) {
      await database.drop();
      throw error;
    }
  }
  return database;
}
