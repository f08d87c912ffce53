import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createCase } from "@/lib/testing/case-factories";
import { actorFor, createUser, uniqueToken } from "@/lib/testing/factories";
import { settled } from "@/lib/testing/case-list";
import { caseListQuerySchema } from "@/lib/validation/case-list";
import { CASE_COUNT_CAP, CASE_PAGE_SIZE, listCases } from "./case-list";

// A text search reads its matches once for both the page and the count (lib/data/case-list.ts
// searchedPage). These are the cases where that one read is not enough.

const researcher = async () => actorFor(await createUser({ role: "RESEARCHER" }));
const list = async (query: Record<string, string>) =>
  settled(listCases(await researcher(), caseListQuerySchema.parse(query)));

describe("listCases text search", () => {
  it("beyond the count cap, still shows the first cases in sort order, not the first ones found", async () => {
    const token = uniqueToken();
    const extra = 80;
    // Stored in descending ref order, so that the cases read first are the last ones by ref: a page
    // taken from the first CASE_COUNT_CAP + 1 matches would miss the smallest refs.
    await db.$executeRaw`
      INSERT INTO cases (ref, aliases)
      SELECT 'T-' || ${token} || '-' || lpad(n::text, 6, '0'), ARRAY[${token}]
      FROM generate_series(${CASE_COUNT_CAP + extra}::int, 1, -1) AS n`;
    try {
      const page = await list({ q: token, sort: "ref" });
      expect(page.totalCapped).toBe(true);
      expect(page.total).toBe(CASE_COUNT_CAP);
      const expected = Array.from({ length: CASE_PAGE_SIZE }, (_, i) => `T-${token}-${String(i + 1).padStart(6, "0")}`);
      expect(page.rows.map((r) => r.ref)).toEqual(expected);
      expect(page.next).not.toBeNull();
      const second = await list({ q: token, sort: "ref", after: page.next! });
      expect(second.rows[0]?.ref).toBe(`T-${token}-${String(CASE_PAGE_SIZE + 1).padStart(6, "0")}`);
    } finally {
      await db.$executeRaw`DELETE FROM cases WHERE ref LIKE ${`T-${token}-%`}`;
    }
  }, 60_000);

  it("counts the matches on a page after the last one, which has no rows to carry the count", async () => {
    const token = uniqueToken();
    const seeded = await Promise.all(
      Array.from({ length: CASE_PAGE_SIZE + 1 }, () => createCase({ aliases: [token] })),
    );
    const first = await list({ q: token, sort: "ref" });
    expect(first).toMatchObject({ total: seeded.length, totalCapped: false });
    const second = await list({ q: token, sort: "ref", after: first.next! });
    expect(second).toMatchObject({ total: seeded.length, next: null });
    expect(second.rows).toHaveLength(1);
    const last = second.rows[0]!;
    const cursor = Buffer.from(JSON.stringify([last.ref, last.id])).toString("base64url");
    expect(await list({ q: token, sort: "ref", after: cursor })).toEqual({
      rows: [],
      total: seeded.length,
      totalCapped: false,
      next: null,
    });
    expect(await list({ q: `${token}-none` })).toEqual({ rows: [], total: 0, totalCapped: false, next: null });
  });
});
