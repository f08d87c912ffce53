import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { isSuppressed } from "@/lib/domain/suppression";
import { createCase, createEvent, day } from "@/lib/testing/case-factories";
import { actorFor, createOrganisation, createUser } from "@/lib/testing/factories";
import { AccessDeniedError, RuleViolationError } from "./errors";
import { getSharedTallies } from "./partner-stats";
import { shareCases } from "./shares";

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** An organisation with `shared` consented cases shared with it, each apprehended once in `province`. */
async function organisationWithCases(groups: { province: string; count: number; sex?: "F" | "M" }[]) {
  const editor = actorFor(await createUser({ role: "EDITOR" }));
  const organisation = await createOrganisation();
  const partner = actorFor(await createUser({ role: "PARTNER", organisationId: organisation.id }));
  const caseIds: string[] = [];
  for (const group of groups) {
    for (let i = 0; i < group.count; i += 1) {
      const record = await createCase({
        sex: group.sex ?? "F",
        consentToShare: true,
        consentRecordedById: editor.id,
        consentRecordedAt: new Date(),
      });
      // Crowds known only by number belong to nobody's case: partners never count them.
      await createEvent({
        participantIds: [record.id],
        province: group.province,
        occurredFrom: day("2031-05-10"),
        occurredTo: day("2031-05-10"),
        unidentifiedLow: 40,
        unidentifiedHigh: 60,
      });
      caseIds.push(record.id);
    }
  }
  await shareCases(editor, { caseIds, organisationId: organisation.id, profile: "SUMMARY", expiresOn: inDays(30) });
  return { partner, organisation, caseIds };
}

const query = { from: "2031-05", to: "2031-05", type: "APPREHENSION" as const };

describe("partner tallies", () => {
  it("count the organisation's shared people only, and hide small cells so they cannot be worked out", async () => {
    const { partner } = await organisationWithCases([
      { province: "JILIN", count: 7 },
      { province: "LIAONING", count: 2 },
      { province: "YUNNAN", count: 1, sex: "M" },
    ]);
    await organisationWithCases([{ province: "JILIN", count: 3 }]);
    const tallies = await getSharedTallies(partner, query);
    expect(tallies.total).toEqual({ low: 10, high: 10, open: false });
    const provinces = Object.fromEntries(tallies.breakdowns.province.map((row) => [row.key, row]));
    expect(provinces.JILIN).toMatchObject({ low: 7, high: 7 });
    expect(isSuppressed(provinces.LIAONING!.low)).toBe(true);
    expect(isSuppressed(provinces.YUNNAN!.high)).toBe(true);
    const sexes = Object.fromEntries(tallies.breakdowns.sex.map((row) => [row.key, row]));
    expect(isSuppressed(sexes.M!.high)).toBe(true);
    // One hidden cell next to a shown total would give itself away: F must be hidden as its complement.
    expect(isSuppressed(sexes.F!.high)).toBe(true);
    const audited = await db.auditEntry.count({ where: { actorId: partner.id, action: "partner.stats" } });
    expect(audited).toBe(1);
  });

  it("count an event lying wholly inside the period in both bounds, and one overlapping it in the high only", async () => {
    const { partner, caseIds } = await organisationWithCases([{ province: "JILIN", count: 6 }]);
    const event = (from: string, to: string, more: { type?: "DETENTION"; deletedAt?: Date; province?: null } = {}) =>
      createEvent({
        participantIds: caseIds,
        occurredFrom: day(from),
        occurredTo: day(to),
        precision: "RANGE",
        ...more,
      });
    await event("2031-05-01", "2031-05-01"); // the period's first day
    await event("2031-05-31", "2031-05-31"); // its last day
    await event("2031-04-20", "2031-05-05"); // begins before it
    await event("2031-05-28", "2031-06-02"); // ends after it
    await event("2031-06-01", "2031-06-01"); // after it
    await event("2031-04-01", "2031-04-30"); // before it
    await event("2031-05-15", "2031-05-15", { type: "DETENTION" });
    await event("2031-05-16", "2031-05-16", { deletedAt: new Date() });
    await event("2031-05-20", "2031-05-20", { province: null });
    const tallies = await getSharedTallies(partner, query);
    // The case's own apprehension on 10 May, the first and last days and the 20th: 4 × 6 inside;
    // the two overlaps add 2 × 6 to the high.
    expect(tallies.total).toEqual({ low: 24, high: 36, open: false });
    expect(tallies.breakdowns.province).toEqual([
      { key: "JILIN", low: 18, high: 30, open: false },
      { key: "UNKNOWN", low: 6, high: 6, open: false },
    ]);

    // A shared case merged into another is no longer the organisation's to count.
    const survivor = await createCase();
    await db.case.update({ where: { id: caseIds[0] }, data: { mergedIntoId: survivor.id } });
    expect((await getSharedTallies(partner, query)).total).toEqual({ low: 20, high: 30, open: false });
  });

  it("hide everything when the total itself is small", async () => {
    const { partner } = await organisationWithCases([{ province: "JILIN", count: 3 }]);
    const tallies = await getSharedTallies(partner, query);
    expect(isSuppressed(tallies.total.low)).toBe(true);
    expect(tallies.breakdowns.province.every((row) => isSuppressed(row.high))).toBe(true);
  });

  it("stop counting a case the moment its grant is revoked", async () => {
    const { partner, caseIds } = await organisationWithCases([{ province: "JILIN", count: 6 }]);
    await db.shareGrant.updateMany({ where: { caseId: caseIds[0] }, data: { revokedAt: new Date() } });
    expect((await getSharedTallies(partner, query)).total).toEqual({ low: 5, high: 5, open: false });
  });

  it("have no monthly series, and are for partners only", async () => {
    const { partner } = await organisationWithCases([{ province: "JILIN", count: 1 }]);
    await expect(getSharedTallies(partner, { ...query, by: "month" })).rejects.toBeInstanceOf(RuleViolationError);
    const viewer = actorFor(await createUser({ role: "VIEWER" }));
    await expect(getSharedTallies(viewer, query)).rejects.toBeInstanceOf(AccessDeniedError);
  });
});
