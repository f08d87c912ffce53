import { mkdir, readFile, rm, writeFile, open } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { keepClientBatchesTogether } from "./pglite-queue";

/** Where the embedded database, the generated secret and the demo accounts live. Git-ignored. */
export function dataDir(): string {
  return path.resolve(process.env.PASSAGE_DATA_DIR ?? path.join(process.cwd(), ".data"));
}

const lockFile = () => path.join(dataDir(), "embedded.json");

interface EmbeddedLock {
  pid: number;
  port: number | null;
}

export interface Database {
  url: string;
  embedded: boolean;
  /** Stops the embedded server this process started; a no-op otherwise. */
  close(): Promise<void>;
}

function embeddedUrl(port: number) {
  return `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function canConnect(port: number) {
  return new Promise<boolean>((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function readLock(): Promise<EmbeddedLock | null> {
  try {
    return JSON.parse(await readFile(lockFile(), "utf8")) as EmbeddedLock;
  } catch {
    return null;
  }
}

/**
 * The database every entry point uses: `DATABASE_URL` when set; otherwise the embedded PGlite
 * database in `.data/`, reached through the process already serving it (so the command-line tools
 * work while `npm start` runs) or served by this process for as long as it needs it.
 * PGlite allows one process per data folder, so the lock file decides who serves it.
 */
export async function openDatabase(): Promise<Database> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, embedded: false, close: async () => {} };
  }
  await mkdir(dataDir(), { recursive: true, mode: 0o700 });
  for (let attempt = 0; attempt < 100; attempt++) {
    const lock = await readLock();
    if (lock && isAlive(lock.pid) && lock.pid !== process.pid) {
      if (lock.port && (await canConnect(lock.port))) {
        return { url: embeddedUrl(lock.port), embedded: true, close: async () => {} };
      }
      await new Promise((r) => setTimeout(r, 200)); // the owner is still starting
      continue;
    }
    if (lock) await rm(lockFile(), { force: true }); // left behind by a process that died
    try {
      const handle = await open(lockFile(), "wx", 0o600);
      await handle.writeFile(JSON.stringify({ pid: process.pid, port: null } satisfies EmbeddedLock));
      await handle.close();
    } catch {
      continue; // another process took the lock first
    }
    return serveEmbedded();
  }
  throw new Error(`The embedded database in ${dataDir()} is locked by another process that does not answer.`);
}

/**
 * Serves a PGlite database over the Postgres wire protocol on a free local port, so the same
 * adapter-pg code path serves it and real PostgreSQL. In memory when `directory` is omitted.
 */
export async function servePglite(directory?: string): Promise<{ url: string; stop(): Promise<void> }> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { btree_gist } = await import("@electric-sql/pglite/contrib/btree_gist");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  const db = await PGlite.create(directory, { extensions: { pg_trgm, btree_gist } });
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 32 });
  keepClientBatchesTogether(server);
  await server.start();
  const port = Number(server.getServerConn().split(":").pop());
  return {
    url: embeddedUrl(port),
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}

async function serveEmbedded(): Promise<Database> {
  try {
    const served = await servePglite(path.join(dataDir(), "pgdata"));
    const port = Number(new URL(served.url).port);
    await writeFile(lockFile(), JSON.stringify({ pid: process.pid, port } satisfies EmbeddedLock), { mode: 0o600 });
    let closed = false;
    return {
      url: served.url,
      embedded: true,
      close: async () => {
        if (closed) return;
        closed = true;
        await served.stop();
        await rm(lockFile(), { force: true });
      },
    };
  } catch (error) {
    await rm(lockFile(), { force: true });
    throw error;
  }
}
