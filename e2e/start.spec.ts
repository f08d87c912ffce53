import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { enrolTwoFactor, expect, signIn, test } from "./fixtures/auth";

// The README's promise: with no DATABASE_URL, `npm start` serves Passage on the embedded database
// with demo accounts, and the data survives a restart.

const PORT = 3200;
const base = `http://127.0.0.1:${PORT}`;
test.use({ baseURL: base });

function start(dataDir: string, extra: Record<string, string | undefined> = {}): ChildProcess {
  const env: Record<string, string | undefined> = {
    ...process.env,
    PASSAGE_DATA_DIR: dataDir,
    PORT: String(PORT),
    NEXTAUTH_URL: base,
  };
  delete env.DATABASE_URL;
  delete env.NEXTAUTH_SECRET;
  Object.assign(env, extra);
  return spawn("npm", ["start"], { env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"], detached: true });
}

/** Stops the whole process group and waits until every member (npm, tsx, next) has exited. */
async function stop(child: ChildProcess) {
  const alive = () => {
    try {
      process.kill(-child.pid!, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (alive()) process.kill(-child.pid!, "SIGTERM");
  for (let i = 0; i < 100 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
}

async function waitForHealth(child: ChildProcess, output: string[]) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output.join("")}`);
    try {
      const response = await fetch(`${base}/api/health`);
      if (response.ok) return response.json();
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`npm start did not become healthy:\n${output.join("")}`);
}

test("npm start runs Passage on the embedded database with demo accounts", async ({ page }) => {
  test.setTimeout(300_000);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "passage-start-"));
  const output: string[] = [];
  let child = start(dataDir);
  child.stdout!.on("data", (d) => output.push(String(d)));
  child.stderr!.on("data", (d) => output.push(String(d)));
  try {
    expect(await waitForHealth(child, output)).toEqual({ status: "ok", db: "ok" });
    const accounts = await readFile(path.join(dataDir, "demo-accounts.txt"), "utf8");
    expect((await stat(path.join(dataDir, "demo-accounts.txt"))).mode & 0o077).toBe(0);
    const admin = accounts.match(/^ADMIN\s+(\S+)\s+(\S+)$/m);
    expect(admin, accounts).not.toBeNull();
    expect(output.join("")).toContain(admin![2]); // printed once at first start

    expect((await fetch(`${base}/cases`, { redirect: "manual" })).headers.get("location")).toContain("/login");

    // The command-line tools reach the embedded database through the running server's port.
    const created = spawnSync(
      "npm",
      ["run", "-s", "user:create", "--", "--email", "cli-made@e2e.passage.test", "--role", "VIEWER"],
      {
        env: { ...process.env, PASSAGE_DATA_DIR: dataDir, DATABASE_URL: "" } as NodeJS.ProcessEnv,
        input: "a passphrase typed on the command line\n",
        encoding: "utf8",
      },
    );
    expect(created.status, created.stderr).toBe(0);
    expect(created.stdout).toContain("Created VIEWER cli-made@e2e.passage.test");
    expect((await fetch(`${base}/api/v1/stats/tallies`)).status).toBe(401);

    await stop(child);
    output.length = 0;
    child = start(dataDir);
    child.stdout!.on("data", (d) => output.push(String(d)));
    child.stderr!.on("data", (d) => output.push(String(d)));
    await waitForHealth(child, output);
    expect(output.join("")).not.toContain(admin![2]); // not printed again

    // The first administrator signs in with the printed password and sets up two-factor at once.
    expect(accounts).toContain("two-factor");
    await signIn(page, { email: admin![1]!, password: admin![2]! }, { enrol: false });
    await expect(page).toHaveURL(/\/account\/two-factor$/);
    await enrolTwoFactor(page);
    await expect(page.getByTestId("current-role")).toHaveText("Administrator");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await signIn(page, { email: "cli-made@e2e.passage.test", password: "a passphrase typed on the command line" });
    await expect(page.getByTestId("current-role")).toHaveText("Viewer");
  } finally {
    await stop(child);
    await rm(dataDir, { recursive: true, force: true });
  }
});

test("npm start refuses a real database without a strong NEXTAUTH_SECRET", async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "passage-start-"));
  try {
    for (const secret of [undefined, "too-short-secret"]) {
      const child = start(dataDir, {
        DATABASE_URL: "postgresql://postgres@127.0.0.1:1/never-reached",
        NEXTAUTH_SECRET: secret,
      });
      const output: string[] = [];
      child.stderr!.on("data", (d) => output.push(String(d)));
      const code = await new Promise((resolve) => child.once("exit", resolve));
      expect(code).not.toBe(0);
      expect(output.join("")).toMatch(/NEXTAUTH_SECRET is (not set|shorter than 32 bytes)/);
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
