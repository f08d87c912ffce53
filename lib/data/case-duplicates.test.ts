import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createCase } from "@/lib/testing/case-factories";
import { actorFor, createUser, uniqueToken } from "@/lib/testing/factories";
import { DUPLICATE_REVIEW_WINDOW, findDuplicateCandidates, listDuplicatePairs } from "./case-duplicates";
import { encodeCursor } from "./case-keyset";
import { AccessDeniedError } from "./errors";

// The review pages through cases by their last update. Other test files write cases as the tests
// run, so this test dates its cases on a day of its own, centuries ago, and starts the review from
// a cursor at the end of that day, as if every case updated since had been reviewed on earlier pages.
const DAY_MS = 86_400_000;
const ownDay = () => new Date(Date.UTC(1200, 0, 1) + Math.floor(Math.random() * 250_000) * DAY_MS);

describe("duplicates review", () => {
  it("shows the pairs of one window of recently updated cases, each pair once, and pages to earlier cases", async () => {
    const day = ownDay();
    const at = (secondsBeforeMidnight: number) => new Date(day.getTime() + DAY_MS - secondsBeforeMidnight * 1000);
    // Two spellings of one name, each pair with a token of its own (a shared one would make every
    // name here alike), updated the given seconds before the day's end.
    const twins = async ([first, second]: [string, string], [firstAt, secondAt]: [number, number]) => {
      const token = uniqueToken();
      const twin = (name: string, updated: number) =>
        createCase({ fullName: `${name} ${token}`, sex: "F", birthYear: 1990, updatedAt: at(updated) });
      return [await twin(first, firstAt), await twin(second, secondAt)] as const;
    };
    // Both in the first window: each finds the other, and the pair is listed once.
    const [a1, a2] = await twins(["Ri Sun-hee", "Ri Sunhee"], [1, 2]);
    // In the first window, its twin updated long before (the previous day): found all the same.
    const [b1, b2] = await twins(["Kim Young-ho", "Kim Youngho"], [3, DAY_MS / 1000 + 60]);
    for (let i = 0; i < DUPLICATE_REVIEW_WINDOW - 3; i++) {
      await createCase({ fullName: uniqueToken(), updatedAt: at(10 + i) });
    }
    // Past the first window.
    const [c1, c2] = await twins(["Pak Chol-su", "Pak Cholsu"], [3600, 3601]);
    const editor = actorFor(await createUser({ role: "EDITOR" }));

    const endOfDay = encodeCursor([
      new Date(day.getTime() + DAY_MS).toISOString(),
      "ffffffff-ffff-ffff-ffff-ffffffffffff",
    ]);
    const first = await listDuplicatePairs(editor, { after: endOfDay });
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

    // The names shown are an identity read (DESIGN.md §5), each page's of its own cases.
    const audits = await db.auditEntry.findMany({ where: { actorId: editor.id, action: "case.duplicates" } });
    const auditedOn = (shown: { id: string }) =>
      audits.find((entry) => (entry.details as { caseIds: string[] }).caseIds.includes(shown.id))?.details;
    expect(auditedOn(a1)).toMatchObject({ identities: true, caseIds: expect.arrayContaining([a2.id, b1.id, b2.id]) });
    expect((auditedOn(a1) as { caseIds: string[] }).caseIds).not.toContain(c1.id);
    expect(auditedOn(c1)).toMatchObject({ identities: true, caseIds: expect.arrayContaining([c2.id]) });
  });

  it("finds a case by an alias close to the name, whatever its recorded name, and says which alias", async () => {
    const token = uniqueToken();
    const target = await createCase({ fullName: `Ri Chol-ho ${token}`, sex: "M" });
    // Recorded under another romanisation. The alias is about as like the target's name (0.48) as
    // the recorded name is unlike it: the alias index must look below pg_trgm's default (0.6).
    const alias = `Lee Chol-ho ${token.slice(0, 6)}`;
    const known = await createCase({
      fullName: `Lee Cheol-ho ${uniqueToken()}`,
      aliases: ["Cheol-ho", alias, "Lee C."],
      sex: "M",
    });
    const [found] = await findDuplicateCandidates(actorFor(await createUser({ role: "EDITOR" })), target.id);
    expect(found).toMatchObject({ id: known.id, matchedAlias: alias });
    expect(found!.nameScore).toBeGreaterThanOrEqual(0.4);
  });

  it("is for roles that may merge, and the refusal is audited", async () => {
    const researcher = actorFor(await createUser({ role: "RESEARCHER" }));
    await expect(listDuplicatePairs(researcher)).rejects.toBeInstanceOf(AccessDeniedError);
    expect(
      await db.auditEntry.count({ where: { actorId: researcher.id, action: "case.duplicates", outcome: "DENIED" } }),
    ).toBe(1);
  });
});
