import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/domain/actor";
import type { Role } from "@/lib/domain/policy";
import { createCase } from "@/lib/testing/case-factories";
import { asRole, refusal, uniqueToken } from "@/lib/testing/factories";
import { settled } from "@/lib/testing/case-list";
import { caseListQuerySchema } from "@/lib/validation/case-list";
import { CASE_PAGE_SIZE, exportCases, listCases } from "./case-list";
import { AccessDeniedError, RuleViolationError } from "./errors";

// The cases list as a download (DESIGN.md §3 "export (CSV)": ADMIN and EDITOR). Each test tags its
// cases with a unique alias token and searches for it, so other tests' cases never show up.

const query = (values: Record<string, string>) => caseListQuerySchema.parse(values);

const exportsOf = (actor: Actor) =>
  db.auditEntry.findMany({ where: { actorId: actor.id!, action: "export.cases" }, orderBy: { id: "asc" } });

describe("exportCases", () => {
  it.each<Role>(["ADMIN", "EDITOR"])(
    "gives %s every case the filters select, past one page, with names, and audits which",
    async (role) => {
      const actor = await asRole(role);
      const q = uniqueToken();
      const women = await Promise.all(
        Array.from({ length: CASE_PAGE_SIZE + 2 }, (_, i) =>
          createCase({ aliases: [q], fullName: `Person ${i}`, sex: "F", originProvince: "RYANGGANG" }),
        ),
      );
      await createCase({ aliases: [q], sex: "M" });

      // The cursor of the page being looked at (page two) does not shorten the download.
      const filters = { q, sex: "F", sort: "-ref" };
      const after = (await settled(listCases(actor, query(filters)))).next!;
      expect(after).toEqual(expect.any(String));
      const { rows, identities } = await exportCases(actor, { query: query({ ...filters, after }) });
      expect(identities).toBe(true);

      expect(rows.map((row) => row.ref)).toEqual(women.map((c) => c.ref).sort((a, b) => (a < b ? 1 : -1)));
      expect(rows[0]).toEqual({
        id: expect.any(String),
        ref: expect.any(String),
        fullName: expect.stringMatching(/^Person \d+$/),
        sex: "F",
        ageGroup: expect.any(String),
        status: expect.any(String),
        originProvince: "RYANGGANG",
        updatedAt: expect.any(Date),
      });
      const [entry] = await exportsOf(actor);
      expect(entry).toMatchObject({ outcome: "SUCCESS", entityType: "case" });
      // Codes only: the search text (it may be a name) is not kept, only that there was one.
      expect(entry!.details).toEqual({
        sex: "F",
        sort: "-ref",
        search: true,
        identities: true,
        count: women.length,
        caseIds: rows.map((row) => row.id),
      });
    },
  );

  it.each<Role>(["RESEARCHER", "VIEWER", "PARTNER"])("refuses %s and audits the refusal", async (role) => {
    const actor = await asRole(role);
    const q = uniqueToken();
    await createCase({ aliases: [q] });

    expect(await refusal(exportCases(actor, { query: query({ q }) }))).toBeInstanceOf(AccessDeniedError);
    expect(await exportsOf(actor)).toEqual([
      expect.objectContaining({ outcome: "DENIED", details: { permission: "export.records" } }),
    ]);
  });

  it("refuses a selection over the limit, and records no export", async () => {
    const actor = await asRole("EDITOR");
    const q = uniqueToken();
    for (let i = 0; i < 3; i++) await createCase({ aliases: [q] });

    expect(await refusal(exportCases(actor, { query: query({ q }), limit: 2 }))).toBeInstanceOf(RuleViolationError);
    expect(await exportsOf(actor)).toEqual([]);
    expect((await exportCases(actor, { query: query({ q }), limit: 3 })).rows).toHaveLength(3);
  });
});
