import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createCase, createEvent as seedEvent, day } from "@/lib/testing/case-factories";
import { uniqueToken } from "@/lib/testing/factories";
import { eventListQuerySchema } from "@/lib/validation/event-list";
import { deleteCase, restoreCase } from "./case-mutations";
import { AccessDeniedError, ConflictError, RuleViolationError } from "./errors";
import { listEvents } from "./event-list";
import { createEvent, deleteEvent, updateEvent } from "./event-mutations";
import { getEvent, listCaseTimeline } from "./events";
import { eventInput, inYear, ownYear, update } from "@/lib/testing/event-inputs";
import { asRole, refusal } from "@/lib/testing/factories";

const statusOf = async (id: string) =>
  (await db.case.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;

describe("createEvent", () => {
  it("creates an event with participants and an unidentified range, and the statuses follow", async () => {
    const actor = await asRole("RESEARCHER");
    const [a, b] = await Promise.all([createCase(), createCase()]);
    const created = await createEvent(
      actor,
      eventInput({ date: "2017-07..2017-08", people: "500-600", participantIds: [a.id, b.id, a.id], place: "Tumen" }),
    );
    const row = await db.event.findUniqueOrThrow({ where: { id: created.id }, include: { participants: true } });
    expect(row).toMatchObject({
      type: "APPREHENSION",
      occurredFrom: day("2017-07-01"),
      occurredTo: day("2017-08-31"),
      precision: "RANGE",
      country: "CN",
      province: "JILIN",
      place: "Tumen",
      unidentifiedLow: 500,
      unidentifiedHigh: 600,
      countApproximate: false,
      createdById: actor.id,
      version: 1,
    });
    expect(row.participants.map((p) => p.caseId).sort()).toEqual([a.id, b.id].sort());
    expect(await statusOf(a.id)).toBe("IN_CUSTODY");
    expect(await statusOf(b.id)).toBe("IN_CUSTODY");
    const [audit] = await db.auditEntry.findMany({ where: { entityId: created.id, action: "event.create" } });
    expect(audit).toMatchObject({ outcome: "SUCCESS", actorId: actor.id });
    expect((audit!.details as { caseIds: string[] }).caseIds.sort()).toEqual([a.id, b.id].sort());
  });

  it("stores an open count (at least 41) with no high bound", async () => {
    const actor = await asRole("EDITOR");
    const created = await createEvent(actor, eventInput({ people: "at least 41" }));
    expect(await db.event.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({
      unidentifiedLow: 41,
      unidentifiedHigh: null,
    });
  });

  it.each([
    ["deleted", { deletedAt: new Date() }],
    ["merged", {}],
  ] as const)("refuses a participant that is %s, writing nothing", async (kind, overrides) => {
    const actor = await asRole("EDITOR");
    const live = await createCase();
    const other = await createCase(overrides);
    if (kind === "merged") await db.case.update({ where: { id: other.id }, data: { mergedIntoId: live.id } });
    const description = `refused ${uniqueToken()}`;
    const error = await refusal(createEvent(actor, eventInput({ participantIds: [live.id, other.id], description })));
    expect(error).toBeInstanceOf(RuleViolationError);
    expect((error as RuleViolationError).fieldErrors).toEqual({ participantIds: ["participantInvalid"] });
    expect(await db.event.count({ where: { description } })).toBe(0);
    expect(await statusOf(live.id)).toBe("UNKNOWN");
  });

  it("refuses a participant that does not exist", async () => {
    const actor = await asRole("EDITOR");
    const error = await refusal(createEvent(actor, eventInput({ participantIds: [crypto.randomUUID()] })));
    expect(error).toBeInstanceOf(RuleViolationError);
  });
});

describe("updateEvent", () => {
  it("adds and removes participants, and both cases' statuses follow", async () => {
    const actor = await asRole("RESEARCHER");
    const [a, b] = await Promise.all([createCase(), createCase()]);
    const created = await createEvent(actor, eventInput({ participantIds: [a.id] }));
    expect(await statusOf(a.id)).toBe("IN_CUSTODY");

    expect(await updateEvent(actor, update(created.id, 1, { participantIds: [b.id] }))).toEqual({ version: 2 });
    expect(await statusOf(a.id)).toBe("UNKNOWN");
    expect(await statusOf(b.id)).toBe("IN_CUSTODY");
    const [audit] = await db.auditEntry.findMany({ where: { entityId: created.id, action: "event.update" } });
    expect(audit?.details).toEqual({ addedCaseIds: [b.id], removedCaseIds: [a.id] });

    await updateEvent(actor, update(created.id, 2, { type: "REPATRIATION", participantIds: [a.id, b.id] }));
    expect(await statusOf(a.id)).toBe("REPATRIATED");
    expect(await statusOf(b.id)).toBe("REPATRIATED");
    const participants = await db.eventParticipant.findMany({ where: { eventId: created.id } });
    expect(participants.map((p) => p.caseId).sort()).toEqual([a.id, b.id].sort());
  });

  it("refuses a stale version with the current values, overwriting nothing", async () => {
    const [first, second] = await Promise.all([asRole("RESEARCHER"), asRole("EDITOR")]);
    const created = await createEvent(first, eventInput({ place: "Tumen" }));
    await updateEvent(first, update(created.id, 1, { place: "Yanji" }));

    const error = await refusal(updateEvent(second, update(created.id, 1, { place: "Hunchun" })));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).current).toMatchObject({ version: 2, place: "Yanji" });
    expect(await db.event.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({
      place: "Yanji",
      version: 2,
    });
  });

  // Regression (lib/data/event-mutations.ts updateEvent, the `removed` list): getEvent hides participants
  // whose case is soft-deleted, so the edit form sends them back missing and updateEvent deletes
  // their participation rows. Deleting a case is meant to be undone by an admin's restore, but after
  // any unrelated edit of the event (here, its place) the restored case has lost that event and its
  // status. Fix: only remove participants that are live cases (leave deleted cases' rows alone).
  it("keeps a soft-deleted participant through an edit, so a restore brings the case back whole", async () => {
    const [editor, admin] = await Promise.all([asRole("EDITOR"), asRole("ADMIN")]);
    const [kept, deleted] = await Promise.all([createCase(), createCase()]);
    const created = await createEvent(editor, eventInput({ participantIds: [kept.id, deleted.id] }));
    await deleteCase(editor, { id: deleted.id, version: 1 });

    // What the event page's edit form starts from, and sends back with a new place.
    const shown = await getEvent(editor, created.id);
    expect(shown.participants.map((p) => p.id)).toEqual([kept.id]);
    await updateEvent(editor, update(created.id, shown.version, { place: "Yanji", participantIds: [kept.id] }));

    await restoreCase(admin, { id: deleted.id });
    expect((await listCaseTimeline(admin, deleted.id)).map((e) => e.id)).toEqual([created.id]);
    expect(await statusOf(deleted.id)).toBe("IN_CUSTODY");
  });

  it("refuses a viewer, with a DENIED audit", async () => {
    const viewer = await asRole("VIEWER");
    const event = await seedEvent();
    expect(await refusal(updateEvent(viewer, update(event.id, 1)))).toBeInstanceOf(AccessDeniedError);
    expect(
      await db.auditEntry.count({ where: { actorId: viewer.id, action: "event.update", outcome: "DENIED" } }),
    ).toBe(1);
  });
});

describe("deleteEvent", () => {
  it("deletes softly: the event leaves the timeline and the list, and the status is recomputed", async () => {
    const editor = await asRole("EDITOR");
    const year = await ownYear();
    const person = await createCase();
    const kept = await seedEvent({
      occurredFrom: day(`${year}-03-01`),
      occurredTo: day(`${year}-03-01`),
      participantIds: [person.id],
    });
    const doomed = await seedEvent({
      type: "REPATRIATION",
      occurredFrom: day(`${year}-05-01`),
      occurredTo: day(`${year}-05-01`),
      participantIds: [person.id],
    });
    expect(await statusOf(person.id)).toBe("REPATRIATED");
    expect((await listCaseTimeline(editor, person.id)).map((e) => e.id)).toEqual([kept.id, doomed.id]);

    await deleteEvent(editor, { id: doomed.id, version: 1 });
    expect((await db.event.findUniqueOrThrow({ where: { id: doomed.id } })).deletedAt).toBeInstanceOf(Date);
    expect(await statusOf(person.id)).toBe("IN_CUSTODY");
    expect((await listCaseTimeline(editor, person.id)).map((e) => e.id)).toEqual([kept.id]);
    const listed = await listEvents(editor, eventListQuerySchema.parse(inYear(year)));
    expect(listed.rows.map((e) => e.id)).toEqual([kept.id]);
    expect(
      await db.auditEntry.count({ where: { entityId: doomed.id, action: "event.delete", outcome: "SUCCESS" } }),
    ).toBe(1);
  });

  it("refuses a stale version, and refuses researchers and viewers with DENIED audits", async () => {
    const event = await seedEvent();
    const editor = await asRole("EDITOR");
    expect(await refusal(deleteEvent(editor, { id: event.id, version: 7 }))).toBeInstanceOf(ConflictError);
    for (const role of ["RESEARCHER", "VIEWER"] as const) {
      const actor = await asRole(role);
      expect(await refusal(deleteEvent(actor, { id: event.id, version: 1 }))).toBeInstanceOf(AccessDeniedError);
      expect(
        await db.auditEntry.count({ where: { actorId: actor.id, action: "event.delete", outcome: "DENIED" } }),
      ).toBe(1);
    }
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).deletedAt).toBeNull();
  });
});

describe("VIEWER writes", () => {
  it("are refused for createEvent, with a DENIED audit and nothing written", async () => {
    const viewer = await asRole("VIEWER");
    const description = `viewer ${uniqueToken()}`;
    expect(await refusal(createEvent(viewer, eventInput({ description })))).toBeInstanceOf(AccessDeniedError);
    expect(
      await db.auditEntry.count({ where: { actorId: viewer.id, action: "event.create", outcome: "DENIED" } }),
    ).toBe(1);
    expect(await db.event.count({ where: { description } })).toBe(0);
  });
});

describe("getEvent", () => {
  it("gives participants' names only to identity roles", async () => {
    const name = `Choe ${uniqueToken()}`;
    const person = await createCase({ fullName: name });
    const event = await seedEvent({ unidentifiedLow: 41, unidentifiedHigh: null, participantIds: [person.id] });

    const researcher = await asRole("RESEARCHER");
    const seen = await getEvent(researcher, event.id);
    expect(seen.participants).toEqual([{ id: person.id, ref: person.ref, status: "IN_CUSTODY", fullName: name }]);
    expect(seen).toMatchObject({ identifiedCount: 1, unidentified: { low: 41, high: null, approximate: false } });
    expect(
      await db.auditEntry.count({ where: { actorId: researcher.id, action: "event.read", entityId: event.id } }),
    ).toBe(1);

    const viewer = await asRole("VIEWER");
    const redacted = await getEvent(viewer, event.id);
    expect(redacted.participants).toEqual([{ id: person.id, ref: person.ref, status: "IN_CUSTODY" }]);
    expect("fullName" in redacted.participants[0]!).toBe(false);
    expect(JSON.stringify(redacted)).not.toContain(name);
  });

  it("answers NotFoundError for a deleted event, and refuses a partner", async () => {
    const event = await seedEvent({ deletedAt: new Date() });
    await expect(getEvent(await asRole("ADMIN"), event.id)).rejects.toThrow("Not found");
    const partner = await asRole("PARTNER");
    await expect(getEvent(partner, event.id)).rejects.toBeInstanceOf(AccessDeniedError);
    expect(await db.auditEntry.count({ where: { actorId: partner.id, action: "event.read", outcome: "DENIED" } })).toBe(
      1,
    );
  });
});
