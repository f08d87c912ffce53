import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { ShareProfile } from "@/lib/domain/share";
import { createCase, createEvent, day } from "@/lib/testing/case-factories";
import { actorFor, createOrganisation, createUser, uniqueToken } from "@/lib/testing/factories";
import { createAttribution, createSource } from "@/lib/testing/source-factories";
import { AccessDeniedError, NotFoundError } from "./errors";
import { getSharedCase, listSharedCases } from "./partner-cases";
import { revokeShare, shareCases } from "./shares";

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** A case whose every forbidden field holds its own canary, with one public and one confidential source. */
async function canaryCase() {
  const token = uniqueToken();
  const canary = {
    name: `CANARY-NAME-${token}`,
    alias: `CANARY-ALIAS-${token}`,
    contact: `CANARY-CONTACT-${token}`,
    notes: `CANARY-NOTES-${token}`,
    place: `CANARY-PLACE-${token}`,
    facility: `CANARY-FACILITY-${token}`,
    confidential: `CANARY-CONFIDENTIAL-${token}`,
    description: `Public description ${token}`,
    publicSource: `Public report ${token}`,
  };
  const recorder = await createUser({ role: "EDITOR" });
  const record = await createCase({
    fullName: canary.name,
    aliases: [canary.alias],
    contact: canary.contact,
    notes: canary.notes,
    birthYear: 1987,
    sex: "F",
    ageGroup: "ADULT",
    consentToShare: true,
    consentRecordedById: recorder.id,
    consentRecordedAt: new Date(),
  });
  const event = await createEvent({
    participantIds: [record.id],
    occurredFrom: day("2016-03-27"),
    occurredTo: day("2016-03-27"),
    precision: "DAY",
    place: canary.place,
    facility: canary.facility,
    description: canary.description,
  });
  await createAttribution(event.id, (await createSource({ title: canary.publicSource })).id);
  await createAttribution(event.id, (await createSource({ title: canary.confidential, confidential: true })).id);
  const forbidden = [
    canary.name,
    canary.alias,
    canary.contact,
    canary.notes,
    canary.place,
    canary.facility,
    canary.confidential,
    record.id,
    record.ref,
    event.id,
    "1987",
    "2016-03-27",
  ];
  return { record, canary, forbidden };
}

async function sharedWithPartner(profile: ShareProfile) {
  const editor = actorFor(await createUser({ role: "EDITOR" }));
  const organisation = await createOrganisation();
  const partner = actorFor(await createUser({ role: "PARTNER", organisationId: organisation.id }));
  const fixture = await canaryCase();
  await shareCases(editor, {
    caseIds: [fixture.record.id],
    organisationId: organisation.id,
    profile,
    expiresOn: inDays(30),
  });
  const grant = await db.shareGrant.findFirstOrThrow({ where: { caseId: fixture.record.id } });
  return { ...fixture, editor, organisation, partner, grant };
}

describe("a partner's view of a shared case", () => {
  it("SUMMARY shows sex, age group, status and month-level events, and no forbidden value", async () => {
    const { partner, grant, forbidden, canary } = await sharedWithPartner("SUMMARY");
    const list = await listSharedCases(partner);
    expect(list.rows).toEqual([
      {
        shareRef: grant.shareRef,
        profile: "SUMMARY",
        expiresOn: inDays(30),
        sex: "F",
        ageGroup: "ADULT",
        status: "IN_CUSTODY",
      },
    ]);
    const shared = await getSharedCase(partner, grant.shareRef);
    expect(shared.events).toHaveLength(1);
    expect(shared.events[0]).toMatchObject({
      type: "APPREHENSION",
      date: { from: "2016-03-01", to: "2016-03-31", precision: "MONTH" },
      province: "JILIN",
      identifiedCount: 1,
    });
    const text = JSON.stringify([list, shared]);
    for (const value of [...forbidden, canary.description, canary.publicSource]) expect(text).not.toContain(value);
  });

  it("DETAILED adds descriptions and public sources, never confidential ones", async () => {
    const { partner, grant, forbidden, canary } = await sharedWithPartner("DETAILED");
    const shared = await getSharedCase(partner, grant.shareRef);
    expect(shared.events[0]!.description).toBe(canary.description);
    expect(shared.events[0]!.sources!.map((s) => s.title)).toEqual([canary.publicSource]);
    const text = JSON.stringify(shared);
    for (const value of forbidden) expect(text).not.toContain(value);
  });

  it("audits every read with the grant, never the case's identity", async () => {
    const { partner, grant } = await sharedWithPartner("SUMMARY");
    await getSharedCase(partner, grant.shareRef);
    const entry = await db.auditEntry.findFirstOrThrow({
      where: { actorId: partner.id, action: "partner.case.read", outcome: "SUCCESS" },
    });
    expect(entry.entityId).toBe(grant.id);
  });
});

describe("what a partner cannot reach", () => {
  it("expired, revoked and other organisations' grants answer not found, alike and audited", async () => {
    const { partner, grant, editor } = await sharedWithPartner("SUMMARY");
    const other = await sharedWithPartner("SUMMARY");
    const refused = async (ref: string) => {
      await expect(getSharedCase(partner, ref)).rejects.toBeInstanceOf(NotFoundError);
    };
    await refused(other.grant.shareRef);
    await refused(other.record.id);
    await refused(other.record.ref);
    await refused("SH-000000-000000-000000-000000");
    await db.shareGrant.update({ where: { id: grant.id }, data: { expiresOn: day(inDays(-1)) } });
    await refused(grant.shareRef);
    expect((await listSharedCases(partner)).rows).toEqual([]);
    await db.shareGrant.update({ where: { id: grant.id }, data: { expiresOn: day(inDays(1)) } });
    await expect(getSharedCase(partner, grant.shareRef)).resolves.toMatchObject({ shareRef: grant.shareRef });
    await revokeShare(editor, grant.id);
    await refused(grant.shareRef);
    const denied = await db.auditEntry.count({
      where: { actorId: partner.id, action: "partner.case.read", outcome: "DENIED" },
    });
    expect(denied).toBe(6);
  });

  it("a deactivated organisation, a deleted case or withdrawn consent hides the case at once", async () => {
    const first = await sharedWithPartner("SUMMARY");
    await db.partnerOrganisation.update({ where: { id: first.organisation.id }, data: { active: false } });
    await expect(getSharedCase(first.partner, first.grant.shareRef)).rejects.toBeInstanceOf(NotFoundError);
    const second = await sharedWithPartner("SUMMARY");
    await db.case.update({ where: { id: second.record.id }, data: { deletedAt: new Date() } });
    await expect(getSharedCase(second.partner, second.grant.shareRef)).rejects.toBeInstanceOf(NotFoundError);
    const third = await sharedWithPartner("SUMMARY");
    await db.case.update({
      where: { id: third.record.id },
      data: { consentToShare: false, consentRecordedById: null, consentRecordedAt: null },
    });
    await expect(getSharedCase(third.partner, third.grant.shareRef)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("staff cannot use the partner queries", async () => {
    const { grant } = await sharedWithPartner("SUMMARY");
    const admin = actorFor(await createUser({ role: "ADMIN" }));
    await expect(getSharedCase(admin, grant.shareRef)).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(listSharedCases(admin)).rejects.toBeInstanceOf(AccessDeniedError);
  });
});
