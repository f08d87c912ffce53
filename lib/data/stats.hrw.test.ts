import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  canCreateDatabases,
  createScratchDatabase,
  NO_SCRATCH_DATABASES,
  type ScratchDatabase,
} from "@/lib/testing/databases";

// DESIGN.md §2's worked example end to end: HRW's "41 people apprehended in July and August 2017"
// imported as a CSV row, then tallied. Its dates are the design's own, so they would mix with the
// 2017 events other test files make in the shared database: this file owns a scratch database.
// `lib/db` binds to DATABASE_URL when first used and Vitest gives each file its own module
// registry, so DATABASE_URL is pointed at the scratch database *before* the data layer is imported
// (dynamically, below); nothing here imports `lib/db` or a module using it statically.

type DbModule = typeof import("@/lib/db");

let database: ScratchDatabase;
let db: DbModule["db"];
let importCsv: (typeof import("./import"))["importCsv"];
let getTallies: (typeof import("./stats"))["getTallies"];
let csv: typeof import("@/lib/testing/import-factories");
let factories: typeof import("@/lib/testing/factories");

describe.skipIf(!canCreateDatabases)(
  `HRW's 41 people in July and August 2017 (${canCreateDatabases ? "own database" : NO_SCRATCH_DATABASES})`,
  () => {
    beforeAll(async () => {
      if ((globalThis as { prisma?: unknown }).prisma) {
        throw new Error("A Prisma client already exists in this worker: it would not use the scratch database.");
      }
      database = await createScratchDatabase({ migrate: true });
      process.env.DATABASE_URL = database.url;
      ({ db } = await import("@/lib/db"));
      ({ importCsv } = await import("./import"));
      ({ getTallies } = await import("./stats"));
      csv = await import("@/lib/testing/import-factories");
      factories = await import("@/lib/testing/factories");
      const rows = await db.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`;
      expect(rows[0]?.name).toBe(database.name);
    });

    afterAll(async () => {
      await db?.$disconnect();
      await database?.drop();
    });

    it("gives July 0–41, August 0–41 and July–August 41–41, however many sources report it", async () => {
      const editor = factories.actorFor(await factories.createUser({ role: "EDITOR" }));
      const viewer = factories.actorFor(await factories.createUser({ role: "VIEWER" }));
      const eventRef = csv.uniqueEventRef();
      const row = {
        event_ref: eventRef,
        event_type: "APPREHENSION",
        date: "2017-07",
        date_to: "2017-08",
        country: "CN",
        people_low: "41",
      };
      const run = (source: Record<string, string>) =>
        importCsv(editor, { bytes: csv.csvFile([{ ...row, ...source }]), fileName: "hrw.csv", dryRun: false });
      const tallies = async () => ({
        july: (await getTallies(viewer, { from: "2017-07", to: "2017-07", type: "APPREHENSION" })).total,
        august: (await getTallies(viewer, { from: "2017-08", to: "2017-08", type: "APPREHENSION" })).total,
        both: await getTallies(viewer, { from: "2017-07", to: "2017-08", type: "APPREHENSION", by: "month" }),
      });

      expect(await run(csv.uniqueSource({ source_title: "Human Rights Watch report" }))).toMatchObject({ ok: true });
      const first = await tallies();

      expect(first.july).toEqual({ low: 0, high: 41, open: false });
      expect(first.august).toEqual({ low: 0, high: 41, open: false });
      expect(first.both).toEqual({
        from: "2017-07",
        to: "2017-08",
        type: "APPREHENSION",
        total: { low: 41, high: 41, open: false },
        rows: [
          { key: "2017-07", low: 0, high: 41, open: false, spanning: 41 },
          { key: "2017-08", low: 0, high: 41, open: false, spanning: 41 },
        ],
      });

      // A second source reporting the same event is one more attribution, never a second event.
      const second = await run(csv.uniqueSource({ source_title: "Newspaper article on the HRW report" }));
      expect(second).toMatchObject({
        ok: true,
        summary: { events: { created: 0, unchanged: 1 }, attributions: { created: 1 } },
      });
      expect(await db.attribution.count({ where: { event: { ref: eventRef } } })).toBe(2);
      expect(await tallies()).toEqual(first);
    });
  },
);
