import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { migrate } from "../lib/database/migrations";
import { createTestDatabase } from "../lib/testing/databases";
import { E2E_PORT } from "../playwright.config";

/**
 * Builds the app, creates and migrates a database of its own (on DATABASE_URL's server, or an
 * in-memory embedded one), and serves the production build against it. Returns the teardown.
 */
export default async function globalSetup() {
  const database = await createTestDatabase("e2e");
  await migrate(database.url);
  const env = {
    ...process.env,
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: randomBytes(48).toString("base64url"),
    NEXTAUTH_URL: `http://127.0.0.1:${E2E_PORT}`,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const next = path.join(process.cwd(), "node_modules", ".bin", "next");
  if (!process.env.PASSAGE_E2E_SKIP_BUILD) {
    const build = spawnSync(next, ["build"], { env, stdio: "inherit" });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const server: ChildProcess = spawn(next, ["start", "--port", String(E2E_PORT), "--hostname", "127.0.0.1"], {
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  await waitForHealth(`http://127.0.0.1:${E2E_PORT}/api/health`, server);
  process.env.PASSAGE_E2E_DATABASE_URL = database.url;

  return async () => {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
    await database.drop();
  };
}

async function waitForHealth(url: string, server: ChildProcess) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within 60 s`);
}
