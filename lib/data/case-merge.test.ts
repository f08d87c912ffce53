import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createCase, createEvent, day } from "@/lib/testing/case-factories";
import { actorFor, createUser, uniqueToken } from "@/lib/testing/factories";
import { findDuplicateCandidates } from "./case-duplicates";
import { mergeCases } from "./case-merge";
import { AccessDeniedError, ConflictError } from "./errors";

async function actor(role: "ADMIN" | "EDITOR" | "RESEARCHER" | "VIEWER") {
  return actorFor(await createUser({ role }));
}

describe("possible duplicates", () => {
  it("suggests a case with a similar name, compatible sex and birth year, and ranks overlapping events higher", async () => {
    const token = uniqueToken();
    const target = await createCase({ fullName: `Ri Sun-hee ${token}`, sex: "F", birthYear: 1991 });
    const close = await createCase({ fullName: `Ri Sunhee ${token}`, sex: "F", birthYear: 1991 });
    const wrongSex = await createCase({ fullName: `Ri Sun-hee ${token}`, sex: "M" });
    const farYear = await createCase({ fullName: `Ri Sun-hee ${token}`, sex: "F", birthYear: 1970 });
    await createEvent({
      participantIds: [target.id],
      occurredFrom: day("2019-03-01"),
      occurredTo: day("2019-03-31"),
      precision: "MONTH",
    });
    await createEvent({ participantIds: [close.id], occurredFrom: day("2019-03-10"), occurredTo: day("2019-03-10") });

    const candidates = await findDuplicateCandidates(await actor("EDITOR"), target.id);
    const ids = candidates.map((c) => c.id);
    expect(ids).toContain(close.id);
    expect(ids).not.toContain(wrongSex.id);
    expect(ids).not.toContain(farYear.id);
    const found = candidates.find((c) => c.id === close.id)!;
    expect(found.sameBirthYear).toBe(true);
    expect(found.overlappingEvents).toBe(1);
  });

  it("is for roles that may merge", async () => {
    const target = await createCase({ fullName: `Someone ${uniqueToken()}` });
    await expect(findDuplicateCandidates(await actor("RESEARCHER"), target.id)).rejects.toBeInstanceOf(
      AccessDeniedError,
    );
  });
});

describe("merging", () => {
  it("moves events, keeps one participation per event, fills blanks and never counts the person twice", async () => {
    const token = uniqueToken();
    const survivor = await createCase({ fullName: `Choe Myong ${token}`, sex: "UNKNOWN" });
    const duplicate = await createCase({
      fullName: `Choi Myung ${token}`,
      sex: "M",
      birthYear: 1980,
      aliases: ["Myung"],
    });
    const shared = await createEvent({ participantIds: [survivor.id, duplicate.id] });
    const own = await createEvent({
      type: "REPATRIATION",
      occurredFrom: day("2018-01-01"),
      occurredTo: day("2018-12-31"),
      precision: "YEAR",
      participantIds: [duplicate.id],
    });
    const editor = await actor("EDITOR");

    await mergeCases(editor, {
      survivorId: survivor.id,
      duplicateId: duplicate.id,
      survivorVersion: 1,
      duplicateVersion: 1,
    });

    const participants = await db.eventParticipant.findMany({ where: { eventId: { in: [shared.id, own.id] } } });
    expect(participants.map((p) => p.caseId).sort()).toEqual([survivor.id, survivor.id]);
    const after = await db.case.findUniqueOrThrow({ where: { id: survivor.id } });
    expect(after).toMatchObject({ sex: "M", birthYear: 1980, status: "REPATRIATED", version: 2 });
    expect(after.aliases).toEqual(expect.arrayContaining([`Choi Myung ${token}`, "Myung"]));
    expect(await db.case.findUniqueOrThrow({ where: { id: duplicate.id } })).toMatchObject({
      mergedIntoId: survivor.id,
      status: "UNKNOWN",
    });
    const audits = await db.auditEntry.findMany({
      where: { action: "case.merge", entityId: { in: [survivor.id, duplicate.id] } },
    });
    expect(audits).toHaveLength(2);
    expect(JSON.stringify(audits.map((a) => a.details))).not.toContain("Choi");
  });

  it("refuses when either case changed since the user looked, and writes nothing", async () => {
    const survivor = await createCase({ fullName: `A ${uniqueToken()}` });
    const duplicate = await createCase({ fullName: `B ${uniqueToken()}`, version: 3 });
    await expect(
      mergeCases(await actor("ADMIN"), {
        survivorId: survivor.id,
        duplicateId: duplicate.id,
        survivorVersion: 1,
        duplicateVersion: 2,
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await db.case.findUniqueOrThrow({ where: { id: duplicate.id } })).mergedIntoId).toBeNull();
  });

  it("is refused to researchers, with an audited refusal", async () => {
    const researcher = await actor("RESEARCHER");
    const [a, b] = [await createCase(), await createCase()];
    await expect(
      mergeCases(researcher, { survivorId: a.id, duplicateId: b.id, survivorVersion: 1, duplicateVersion: 1 }),
    ).rejects.toBeInstanceOf(AccessDeniedError);
    expect(
      await db.auditEntry.count({ where: { actorId: researcher.id, action: "case.merge", outcome: "DENIED" } }),
    ).toBe(1);
  });
});
