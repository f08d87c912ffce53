import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { latestExpiry, utcToday } from "@/lib/domain/share";
import type { Role } from "@/lib/domain/policy";
import { createCase } from "@/lib/testing/case-factories";
import { actorFor, createOrganisation, createUser } from "@/lib/testing/factories";
import { updateCase } from "./case-mutations";
import { AccessDeniedError, NotFoundError, RuleViolationError } from "./errors";
import { listShares } from "./share-list";
import { revokeShare, shareCases } from "./shares";

const actor = async (role: Role) => actorFor(await createUser({ role }));
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function consentedCase() {
  const recorder = await createUser({ role: "EDITOR" });
  return createCase({ consentToShare: true, consentRecordedById: recorder.id, consentRecordedAt: new Date() });
}

async function auditRows(entityId: string) {
  return db.auditEntry.findMany({ where: { entityType: "share", entityId }, orderBy: { id: "asc" } });
}

describe("sharing cases", () => {
  it("grants consented cases under a profile, with an opaque reference, and audits each grant", async () => {
    const editor = await actor("EDITOR");
    const organisation = await createOrganisation();
    const [a, b] = [await consentedCase(), await consentedCase()];
    const outcome = await shareCases(editor, {
      caseIds: [a.id, b.id],
      organisationId: organisation.id,
      profile: "SUMMARY",
      expiresOn: inDays(30),
    });
    expect(outcome).toEqual({ granted: 2, renewed: 0, refused: [] });
    const { rows } = await listShares(editor, { organisationId: organisation.id });
    expect(rows.map((r) => r.case.id).sort()).toEqual([a.id, b.id].sort());
    for (const row of rows) {
      expect(row.shareRef).toMatch(/^SH-/);
      expect(row.shareRef).not.toContain(row.case.id);
      expect(row.status).toBe("ACTIVE");
      expect((await auditRows(row.id)).map((e) => e.action)).toEqual(["share.grant"]);
    }
  });

  it("refuses the whole selection when one case has no recorded consent, and writes nothing", async () => {
    const editor = await actor("EDITOR");
    const organisation = await createOrganisation();
    const ok = await consentedCase();
    const noConsent = await createCase();
    const outcome = await shareCases(editor, {
      caseIds: [ok.id, noConsent.id],
      organisationId: organisation.id,
      profile: "SUMMARY",
      expiresOn: inDays(30),
    });
    expect(outcome.granted).toBe(0);
    expect(outcome.refused).toEqual([{ caseId: noConsent.id, ref: noConsent.ref, reason: "noConsent" }]);
    expect(await db.shareGrant.count({ where: { organisationId: organisation.id } })).toBe(0);
  });

  it("renews a grant in force instead of adding a second one, keeping its reference", async () => {
    const editor = await actor("ADMIN");
    const organisation = await createOrganisation();
    const shared = await consentedCase();
    const input = { caseIds: [shared.id], organisationId: organisation.id, expiresOn: inDays(10) };
    await shareCases(editor, { ...input, profile: "SUMMARY" });
    const before = await db.shareGrant.findFirstOrThrow({ where: { caseId: shared.id } });
    const outcome = await shareCases(editor, { ...input, profile: "DETAILED", expiresOn: inDays(90) });
    expect(outcome).toEqual({ granted: 0, renewed: 1, refused: [] });
    const after = await db.shareGrant.findMany({ where: { caseId: shared.id } });
    expect(after).toHaveLength(1);
    expect(after[0]!.shareRef).toBe(before.shareRef);
    expect(after[0]!.profile).toBe("DETAILED");
  });

  it("requires an expiry from today to one year ahead, and an active organisation", async () => {
    const editor = await actor("EDITOR");
    const shared = await consentedCase();
    const organisation = await createOrganisation();
    const share = (expiresOn: string, organisationId = organisation.id) =>
      shareCases(editor, { caseIds: [shared.id], organisationId, profile: "SUMMARY", expiresOn });
    await expect(share("")).rejects.toBeInstanceOf(RuleViolationError);
    await expect(share(inDays(-1))).rejects.toBeInstanceOf(RuleViolationError);
    const tooFar = new Date(`${latestExpiry(utcToday())}T00:00:00Z`);
    tooFar.setUTCDate(tooFar.getUTCDate() + 1);
    await expect(share(tooFar.toISOString().slice(0, 10))).rejects.toBeInstanceOf(RuleViolationError);
    const inactive = await createOrganisation({ active: false });
    await expect(share(inDays(5), inactive.id)).rejects.toBeInstanceOf(RuleViolationError);
    expect(await db.shareGrant.count({ where: { caseId: shared.id } })).toBe(0);
    await expect(share(latestExpiry(utcToday()))).resolves.toMatchObject({ granted: 1 });
  });

  it("is refused for researchers, viewers and partners, with an audited refusal", async () => {
    const organisation = await createOrganisation();
    const shared = await consentedCase();
    for (const role of ["RESEARCHER", "VIEWER", "PARTNER"] as const) {
      const who = await actor(role);
      await expect(
        shareCases(who, {
          caseIds: [shared.id],
          organisationId: organisation.id,
          profile: "SUMMARY",
          expiresOn: inDays(3),
        }),
      ).rejects.toBeInstanceOf(AccessDeniedError);
      await expect(listShares(who, {})).rejects.toBeInstanceOf(AccessDeniedError);
      const denied = await db.auditEntry.count({
        where: { actorId: who.id, action: "share.grant", outcome: "DENIED" },
      });
      expect(denied).toBe(1);
    }
    expect(await db.shareGrant.count({ where: { caseId: shared.id } })).toBe(0);
  });
});

describe("ending grants", () => {
  it("revokes a grant once; revoking again is not found", async () => {
    const editor = await actor("EDITOR");
    const organisation = await createOrganisation();
    const shared = await consentedCase();
    await shareCases(editor, {
      caseIds: [shared.id],
      organisationId: organisation.id,
      profile: "SUMMARY",
      expiresOn: inDays(5),
    });
    const grant = await db.shareGrant.findFirstOrThrow({ where: { caseId: shared.id } });
    await revokeShare(editor, grant.id);
    await expect(revokeShare(editor, grant.id)).rejects.toBeInstanceOf(NotFoundError);
    const { rows } = await listShares(editor, { caseId: shared.id, status: "REVOKED" });
    expect(rows.map((r) => r.id)).toEqual([grant.id]);
    expect((await auditRows(grant.id)).map((e) => e.action)).toEqual(["share.grant", "share.revoke"]);
    await expect(revokeShare(await actor("RESEARCHER"), grant.id)).rejects.toBeInstanceOf(AccessDeniedError);
  });

  it("ends every grant of a case whose consent is withdrawn", async () => {
    const editor = await actor("EDITOR");
    const shared = await consentedCase();
    for (const organisation of [await createOrganisation(), await createOrganisation()]) {
      await shareCases(editor, {
        caseIds: [shared.id],
        organisationId: organisation.id,
        profile: "SUMMARY",
        expiresOn: inDays(5),
      });
    }
    await updateCase(editor, {
      id: shared.id,
      version: shared.version,
      fullName: null,
      aliases: [],
      contact: null,
      notes: null,
      sex: shared.sex,
      birthYear: null,
      ageGroup: shared.ageGroup,
      originProvince: null,
      pregnant: false,
      medicalNeeds: false,
      frail: false,
      consentToShare: false,
    });
    const grants = await db.shareGrant.findMany({ where: { caseId: shared.id } });
    expect(grants).toHaveLength(2);
    expect(grants.every((g) => g.revokedAt !== null)).toBe(true);
  });

  it("lists by status: expired grants are told apart from active ones", async () => {
    const editor = await actor("EDITOR");
    const organisation = await createOrganisation();
    const [live, old] = [await consentedCase(), await consentedCase()];
    await shareCases(editor, {
      caseIds: [live.id, old.id],
      organisationId: organisation.id,
      profile: "SUMMARY",
      expiresOn: inDays(5),
    });
    await db.shareGrant.updateMany({
      where: { caseId: old.id },
      data: { expiresOn: new Date(`${inDays(-2)}T00:00:00Z`) },
    });
    const active = await listShares(editor, { organisationId: organisation.id, status: "ACTIVE" });
    const expired = await listShares(editor, { organisationId: organisation.id, status: "EXPIRED" });
    expect(active.rows.map((r) => r.case.id)).toEqual([live.id]);
    expect(expired.rows.map((r) => r.case.id)).toEqual([old.id]);
  });
});
