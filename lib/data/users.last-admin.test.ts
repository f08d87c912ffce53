import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  canCreateDatabases,
  createScratchDatabase,
  NO_SCRATCH_DATABASES,
  type ScratchDatabase,
} from "@/lib/testing/databases";
import { RuleViolationError } from "./errors";

// "The last active admin cannot be demoted or deactivated" can only be tested where the test knows
// every admin there is. The shared test database cannot give that: other files create admins in
// parallel, and deactivating their admins would break them. So this file owns a scratch database.
// Vitest gives each test file its own module registry, and `lib/db` reads DATABASE_URL when first
// imported: pointing DATABASE_URL at the scratch database *before* importing the data layer
// (dynamically, below) binds this file's Prisma client to it. Nothing here may import `lib/db`,
// `lib/data/users` or the factories statically; `current_database()` is checked to be sure.

type Users = typeof import("./users");
type Factories = typeof import("@/lib/testing/factories");
type DbModule = typeof import("@/lib/db");

let database: ScratchDatabase;
let users: Users;
let factories: Factories;
let db: DbModule["db"];

describe.skipIf(!canCreateDatabases)(
  `the last active admin (${canCreateDatabases ? "own database" : NO_SCRATCH_DATABASES})`,
  () => {
    beforeAll(async () => {
      if ((globalThis as { prisma?: unknown }).prisma) {
        throw new Error("A Prisma client already exists in this worker: it would not use the scratch database.");
      }
      database = await createScratchDatabase({ migrate: true });
      process.env.DATABASE_URL = database.url;
      ({ db } = await import("@/lib/db"));
      users = await import("./users");
      factories = await import("@/lib/testing/factories");
      const rows = await db.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`;
      expect(rows[0]?.name).toBe(database.name);
    });

    afterAll(async () => {
      await db?.$disconnect();
      await database?.drop();
    });

    // Tests in one file run one after another, and this database is ours alone: each test starts
    // with no active admin and creates the ones it needs.
    beforeEach(async () => {
      await db.user.updateMany({ where: { role: "ADMIN", active: true }, data: { active: false } });
    });

    const roleOf = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id } })).role;
    const activeAdmins = () => db.user.count({ where: { role: "ADMIN", active: true } });

    async function ruleViolation(promise: Promise<unknown>) {
      const error = await promise.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RuleViolationError);
      return (error as RuleViolationError).fieldErrors;
    }

    it("cannot be demoted, even by itself", async () => {
      const admin = await factories.createUser({ role: "ADMIN" });

      const errors = await ruleViolation(
        users.changeUserRole(factories.actorFor(admin), { userId: admin.id, role: "EDITOR", organisationId: null }),
      );

      expect(errors).toEqual({ role: ["lastAdmin"] });
      expect(await db.user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({
        role: "ADMIN",
        sessionVersion: admin.sessionVersion,
      });
    });

    it("cannot be deactivated", async () => {
      const admin = await factories.createUser({ role: "ADMIN" });

      const errors = await ruleViolation(
        users.setUserActive(factories.actorFor(admin), { userId: admin.id, active: false }),
      );

      expect(errors).toEqual({ active: ["lastAdmin"] });
      expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).active).toBe(true);
    });

    it("is counted among active admins only", async () => {
      const admin = await factories.createUser({ role: "ADMIN" });
      await factories.createUser({ role: "ADMIN", active: false });

      expect(
        await ruleViolation(users.setUserActive(factories.actorFor(admin), { userId: admin.id, active: false })),
      ).toEqual({
        active: ["lastAdmin"],
      });
    });

    it("can step down once another admin exists, and then that one is the last", async () => {
      const first = await factories.createUser({ role: "ADMIN" });
      const second = await factories.createUser({ role: "ADMIN" });

      await users.changeUserRole(factories.actorFor(first), { userId: first.id, role: "EDITOR", organisationId: null });
      expect(await roleOf(first.id)).toBe("EDITOR");

      expect(
        await ruleViolation(
          users.changeUserRole(factories.actorFor(second), { userId: second.id, role: "VIEWER", organisationId: null }),
        ),
      ).toEqual({ role: ["lastAdmin"] });
    });

    it("survives two admins demoting each other at the same moment", async () => {
      for (let round = 0; round < 5; round++) {
        await db.user.updateMany({ where: { role: "ADMIN", active: true }, data: { active: false } });
        const a = await factories.createUser({ role: "ADMIN" });
        const b = await factories.createUser({ role: "ADMIN" });

        const results = await Promise.allSettled([
          users.changeUserRole(factories.actorFor(a), { userId: b.id, role: "EDITOR", organisationId: null }),
          users.changeUserRole(factories.actorFor(b), { userId: a.id, role: "EDITOR", organisationId: null }),
        ]);

        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        const [rejected] = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
        expect(rejected!.reason).toBeInstanceOf(RuleViolationError);
        expect((rejected!.reason as RuleViolationError).fieldErrors).toEqual({ role: ["lastAdmin"] });
        expect(await activeAdmins()).toBe(1);
      }
    });

    it("survives two admins deactivating each other at the same moment", async () => {
      const a = await factories.createUser({ role: "ADMIN" });
      const b = await factories.createUser({ role: "ADMIN" });

      const results = await Promise.allSettled([
        users.setUserActive(factories.actorFor(a), { userId: b.id, active: false }),
        users.setUserActive(factories.actorFor(b), { userId: a.id, active: false }),
      ]);

      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect(await activeAdmins()).toBe(1);
    });
  },
);
