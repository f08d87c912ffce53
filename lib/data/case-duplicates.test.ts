import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createCase } from "@/lib/testing/case-factories";
import { actorFor, createUser, uniqueToken } from "@/lib/testing/factories";
import { DUPLICATE_REVIEW_WINDOW, listDuplicatePairs } from "./case-duplicates";
import { encodeCursor } from "./case-list-sql";
import { AccessDeniedError } from "./errors";

// The review pages through cases by their last update. Other test files write cases as the tests
// run, so these are dated in 2000 and the review starts from a cursor at the end of that year,
// as if every case updated since had been reviewed on earlier pages.
const END_OF_2000 = encodeCursor(["2001-01-01T00:00:00.000Z", "ffffffff-ffff-ffff-ffff-ffffffffffff"]);
const at = (iso: string) => new Date(`${iso}Z`);

describe("duplicates review", () => {
  it("shows the pairs of one window of recently updated cases, each pair once, and pages to earlier cases", async () => {
    const token = uniqueToken();
    const twin = (name: string, updated: string) =>
      createCase({ fullName: `${name} ${token}`, sex: "F", birthYear: 1990, updatedAt: at(updated) });
    // Both in the first window: each finds the other, and the pair is listed once.
    const a1 = await twin("Ri Sun-hee", "2000-12-31T23:59:30");
    const a2 = await twin("Ri Sunhee", "2000-12-31T23:59:29");
    // In the first window, its twin updated long before: found all the same.
    const b1 = await twin("Kim Young-ho", "2000-12-31T23:59:28");
    const b2 = await twin("Kim Youngho", "1999-06-01T00:00:00");
    for (let i = 0; i < DUPLICATE_REVIEW_WINDOW - 3; i++) {
      await createCase({ fullName: uniqueToken(), updatedAt: at(`2000-12-31T23:58:${String(i).padStart(2, "0")}`) });
    }
    // Past the first window.
    const c1 = await twin("Pak Chol-su", "2000-12-30T00:00:00");
    const c2 = await twin("Pak Cholsu", "2000-12-29T00:00:00");
    const editor = actorFor(await createUser({ role: "EDITOR" }));

    const first = await listDuplicatePairs(editor, { after: END_OF_2000 });
    const pairsOf = (page: typeof first) => page.pairs.map(({ a, b }) => [a.id, b.id].sort().join());
    const pair = (x: { id: string }, y: { id: string }) => [x.id, y.id].sort().join();
    expect(first.checked).toBe(DUPLICATE_REVIEW_WINDOW);
    expect(pairsOf(first).filter((p) => p === pair(a1, a2))).toHaveLength(1);
    expect(pairsOf(first)).toContain(pair(b1, b2));
    expect(pairsOf(first)).not.toContain(pair(c1, c2));
    expect(first.next).not.toBeNull();

    const second = await listDuplicatePairs(editor, { after: first.next! });
    expect(pairsOf(second)).toContain(pair(c1, c2));
    expect(pairsOf(second)).not.toContain(pair(a1, a2));
    expect(second.next).toBeNull();

    // The names shown are an identity read (DESIGN.md §5).
    const audit = await db.auditEntry.findFirst({
      where: { actorId: editor.id, action: "case.duplicates", outcome: "SUCCESS" },
      orderBy: { createdAt: "asc" },
    });
    expect(audit?.details).toMatchObject({ identities: true });
    expect((audit?.details as { caseIds: string[] }).caseIds).toEqual(
      expect.arrayContaining([a1.id, a2.id, b1.id, b2.id]),
    );
  });

  it("is for roles that may merge, and the refusal is audited", async () => {
    const researcher = actorFor(await createUser({ role: "RESEARCHER" }));
    await expect(listDuplicatePairs(researcher)).rejects.toBeInstanceOf(AccessDeniedError);
    expect(
      await db.auditEntry.count({ where: { actorId: researcher.id, action: "case.duplicates", outcome: "DENIED" } }),
    ).toBe(1);
  });
});
