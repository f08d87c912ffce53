import { createHash } from "node:crypto";
import { appendFile, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  canCreateDatabases,
  createScratchDatabase,
  NO_SCRATCH_DATABASES,
  withClient,
  type ScratchDatabase,
} from "@/lib/testing/databases";
import { migrate, MigrationError, MIGRATIONS_DIR } from "./migrations";

// Each test migrates a database of its own, so they can run in any order and next to other files.

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function scratch(): Promise<ScratchDatabase> {
  const database = await createScratchDatabase();
  cleanups.push(database.drop);
  return database;
}

/** A copy of prisma/migrations that a test may edit. */
async function copyOfMigrations(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "passage-migrations-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

async function migrationNames(): Promise<string[]> {
  const entries = await readdir(MIGRATIONS_DIR, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

interface RecordedMigration {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
}

function recorded(url: string): Promise<RecordedMigration[]> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<RecordedMigration>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count
         FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    return rows;
  });
}

function tableExists(url: string, table: string): Promise<boolean> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ found: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS found`, [table]);
    return rows[0]!.found;
  });
}

describe.skipIf(!canCreateDatabases)(
  `migrate() (${canCreateDatabases ? "scratch databases" : NO_SCRATCH_DATABASES})`,
  () => {
    it("applies every migration and records it as prisma migrate deploy does", async () => {
      const { url } = await scratch();
      const names = await migrationNames();
      expect(names.length).toBeGreaterThan(0);

      expect(await migrate(url)).toEqual(names);

      const rows = await recorded(url);
      expect(rows.map((r) => r.migration_name)).toEqual(names);
      for (const row of rows) {
        const bytes = await readFile(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
        expect(row.checksum).toBe(createHash("sha256").update(bytes).digest("hex"));
        expect(row.applied_steps_count).toBe(1);
        expect(row.finished_at).toBeInstanceOf(Date);
        expect(row.rolled_back_at).toBeNull();
      }
      expect(await tableExists(url, "users")).toBe(true);
    });

    it("applies nothing on a second run", async () => {
      const { url } = await scratch();
      await migrate(url);
      const before = await recorded(url);

      expect(await migrate(url)).toEqual([]);
      expect(await recorded(url)).toEqual(before);
    });

    it("refuses to go on when an applied migration file has changed, naming the file", async () => {
      const { url } = await scratch();
      const dir = await copyOfMigrations();
      await migrate(url, { dir });
      const [first] = await migrationNames();
      await appendFile(path.join(dir, first!, "migration.sql"), "\n-- edited after it was applied\n");

      const error = await migrate(url, { dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as Error).message).toContain(path.join(first!, "migration.sql"));
      expect((error as Error).message).toMatch(/changed since it was applied/);
    });

    it("rolls a failing migration back completely and records nothing, so a fixed file applies later", async () => {
      const { url } = await scratch();
      const dir = await copyOfMigrations();
      const broken = "29991231000000_broken";
      const file = path.join(dir, broken, "migration.sql");
      await mkdir(path.dirname(file));
      await writeFile(file, `CREATE TABLE "broken_probe" ("id" INTEGER);\nSELECT 1 / 0;\n`);

      const error = await migrate(url, { dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as Error).message).toContain(broken);
      expect(await tableExists(url, "broken_probe")).toBe(false);
      expect((await recorded(url)).map((r) => r.migration_name)).toEqual(await migrationNames());

      await writeFile(file, `CREATE TABLE "broken_probe" ("id" INTEGER);\n`);
      expect(await migrate(url, { dir })).toEqual([broken]);
      expect(await tableExists(url, "broken_probe")).toBe(true);
    });

    it("refuses to go on after a migration that started and never finished", async () => {
      const { url } = await scratch();
      await migrate(url);
      const [first] = await migrationNames();
      await withClient(url, (client) =>
        client.query(`UPDATE "_prisma_migrations" SET finished_at = NULL WHERE migration_name = $1`, [first]),
      );

      await expect(migrate(url)).rejects.toThrow(MigrationError);
      await expect(migrate(url)).rejects.toThrow(first!);
    });

    it("warns about a recorded migration that has no file", async () => {
      const { url } = await scratch();
      const dir = await copyOfMigrations();
      await mkdir(path.join(dir, "29991231000000_elsewhere"));
      await writeFile(path.join(dir, "29991231000000_elsewhere", "migration.sql"), "SELECT 1;\n");
      await migrate(url, { dir });
      await rm(path.join(dir, "29991231000000_elsewhere"), { recursive: true });

      const lines: string[] = [];
      expect(await migrate(url, { dir, log: (line) => lines.push(line) })).toEqual([]);
      expect(lines).toEqual([expect.stringContaining("29991231000000_elsewhere")]);
    });

    it("lets two concurrent runs on a fresh database apply each migration exactly once", async () => {
      const { url } = await scratch();
      const names = await migrationNames();

      const [a, b] = await Promise.all([migrate(url), migrate(url)]);

      expect([...a, ...b].sort()).toEqual(names);
      expect((await recorded(url)).map((r) => r.migration_name)).toEqual(names);
    });
  },
);
