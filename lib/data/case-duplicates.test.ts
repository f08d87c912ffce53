import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createCase } from "@/lib/testing/case-factories";
import { actorFor, createUser, uniqueToken } from "@/lib/testing/factories";
import { DUPLICATE_REVIEW_WINDOW, findDuplicateCandidates, listDuplicatePairs } from "./case-duplicates";
import { encodeCursor } from "./case-keyset";
import { AccessDeniedError } from "./errors";

// The review pages through cases by their last update. Other test files write cases as the tests
// run, so these are dated in 2000 and the review starts from a cursor at the end of that year,
// as if every case updated since had been reviewed on earlier pages. (So the test expects a fresh
// database, as `npm test` makes: run twice on one, its second page would hold the first run's cases.)
const END_OF_2000 = encodeCursor(["2001-01-01T00:00:00.000Z", "ffffffff-ffff-ffff-ffff-ffffffffffff"]);
const at = (iso: string) => new Date(`${iso}Z`);

describe("duplicates review", () => {
  it("shows the pairs of one window of recently updated cases, each pair once, and pages to earlier cases", async () => {
    // Two spellings of one name, each pair with a token of its own (a shared one would make every
    // name here alike), updated at the two times given.
    const twins = async ([first, second]: [string, string], [firstAt, secondAt]: [string, string]) => {
      const token = uniqueToken();
      const twin = (name: string, updated: string) =>
        createCase({ fullName: `${name} ${token}`, sex: "F", birthYear: 1990, updatedAt: at(updated) });
      return [await twin(first, firstAt), await twin(second, secondAt)] as const;
    };
    // Both in the first window: each finds the other, and the pair is listed once.
    const [a1, a2] = await twins(["Ri Sun-hee", "Ri Sunhee"], ["2000-12-31T23:59:30", "2000-12-31T23:59:29"]);
    // In the first window, its twin updated long before: found all the same.
    const [b1, b2] = await twins(["Kim Young-ho", "Kim Youngho"], ["2000-12-31T23:59:28", "1999-06-01T00:00:00"]);
    for (let i = 0; i < DUPLICATE_REVIEW_WINDOW - 3; i++) {
      await createCase({ fullName: uniqueToken(), updatedAt: at(`2000-12-31T23:58:${String(i).padStart(2, "0")}`) });
    }
    // Past the first window.
    const [c1, c2] = await twins(["Pak Chol-su", "Pak Cholsu"], ["2000-12-30T00:00:00", "2000-12-29T00:00:00"]);
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
    const audited = (audit?.details as { caseIds: string[] }).caseIds;
    expect(audited).toEqual(expect.arrayContaining([a1.id, a2.id, b1.id, b2.id]));
    expect(audited).not.toContain(c1.id);
  });

  it("finds a case by an alias, whatever its recorded name", async () => {
    const token = uniqueToken();
    const target = await createCase({ fullName: `Ri Chol-ho ${token}`, sex: "M" });
    // Recorded under another romanisation, with the target's as an alias among others.
    const known = await createCase({
      fullName: `Lee Cheol-ho ${uniqueToken()}`,
      aliases: ["Cheol-ho", `Ri Chol-ho ${token}`, "Lee C."],
      sex: "M",
    });
    const candidates = await findDuplicateCandidates(actorFor(await createUser({ role: "EDITOR" })), target.id);
    expect(candidates[0]).toMatchObject({ id: known.id, nameScore: 1 });
  });

  it("is for roles that may merge, and the refusal is audited", async () => {
    const researcher = actorFor(await createUser({ role: "RESEARCHER" }));
    await expect(listDuplicatePairs(researcher)).rejects.toBeInstanceOf(AccessDeniedError);
    expect(
      await db.auditEntry.count({ where: { actorId: researcher.id, action: "case.duplicates", outcome: "DENIED" } }),
    ).toBe(1);
  });
});
