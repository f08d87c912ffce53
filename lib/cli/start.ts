import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { openDatabase } from "../database/embedded";
import { migrate } from "../database/migrations";
import { checkProductionConfig } from "../security/startup";
import { embeddedSecret, seedDemo } from "./demo";

/**
 * `npm start`: the database (embedded unless DATABASE_URL is set), pending migrations, the demo
 * accounts on a first embedded start, a production build if there is none, then `next start`.
 */
async function main() {
  const database = await openDatabase();
  let child: ReturnType<typeof spawn> | undefined;
  let stopping: Promise<void> | undefined;
  // Runs once, whichever comes first (a signal or the server exiting): the embedded database
  // must be closed cleanly before the process ends, or its files are left mid-write.
  const shutdown = (code: number) =>
    (stopping ??= (async () => {
      child?.kill("SIGTERM");
      await database.close();
      process.exit(code);
    })());
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  try {
    const secret = process.env.NEXTAUTH_SECRET ?? (database.embedded ? await embeddedSecret() : undefined);
    // The same check `next start` repeats in instrumentation.ts; failing here first saves a build.
    const problems = checkProductionConfig({ ...process.env, NEXTAUTH_SECRET: secret });
    if (problems.length) throw new StartError(problems.join("\n[passage] "));

    const applied = await migrate(database.url, { log: (line) => console.log(`[passage] ${line}`) });
    if (applied.length) console.log(`[passage] ${applied.length} migration(s) applied.`);

    const port = process.env.PORT ?? "3000";
    const host = process.env.HOST ?? "127.0.0.1";
    const url = process.env.NEXTAUTH_URL ?? `http://localhost:${port}`;
    const env = {
      ...process.env,
      DATABASE_URL: database.url,
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: url,
      NEXT_TELEMETRY_DISABLED: "1",
    };

    if (database.embedded) await seedDemo(database.url, url);

    if (!existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) {
      console.log("[passage] No production build yet: building (this takes a minute or two)…");
      await run(["build"], env);
    }
    console.log(
      `[passage] Serving on ${url} (${database.embedded ? "embedded database in .data/" : "PostgreSQL from DATABASE_URL"}).`,
    );
    child = spawn(nextBin(), ["start", "--port", port, "--hostname", host], { env, stdio: "inherit" });
    child.on("exit", (code) => void shutdown(code ?? 1));
  } catch (error) {
    console.error(error instanceof StartError ? `[passage] ${error.message}` : error);
    await shutdown(1);
  }
}

class StartError extends Error {}

function nextBin() {
  return path.join(process.cwd(), "node_modules", ".bin", "next");
}

function run(args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<void>((resolve, reject) => {
    const build = spawn(nextBin(), args, { env, stdio: "inherit" });
    build.on("exit", (code) => (code === 0 ? resolve() : reject(new StartError(`next ${args.join(" ")} failed.`))));
  });
}

void main();
