import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Role } from "@/lib/domain/policy";
import { createCase, createEvent as seedEvent, day } from "@/lib/testing/case-factories";
import { actorFor, createUser, uniqueToken } from "@/lib/testing/factories";
import { eventListQuerySchema } from "@/lib/validation/event-list";
import { eventSchema, type EventUpdateInput } from "@/lib/validation/event";
import { createCase as createCaseAs, deleteCase, restoreCase, updateCase } from "./case-mutations";
import { getCase } from "./cases";
import { AccessDeniedError, ConflictError, RuleViolationError } from "./errors";
import { EVENT_PAGE_SIZE, listEvents } from "./event-list";
import { createEvent, deleteEvent, updateEvent } from "./event-mutations";
import { getEvent, listCaseTimeline } from "./events";
import { listRecordHistory } from "./history";

const asRole = async (role: Role) => actorFor(await createUser({ role }));

const eventInput = (overrides: Record<string, unknown> = {}) =>
  eventSchema.parse({ type: "APPREHENSION", date: "2017-07-14", country: "CN", province: "JILIN", ...overrides });

const update = (id: string, version: number, overrides: Record<string, unknown> = {}): EventUpdateInput => ({
  ...eventInput(overrides),
  id,
  version,
});

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (error: unknown) => error,
  );
}

const statusOf = async (id: string) =>
  (await db.case.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;

// listEvents has no text search: each test that lists puts its events in a year of its own,
// far from the 2017 events other tests make and from the 1100–1999 years the tally tests reserve,
// and lists only that year.
let nextYear = 2300 + randomInt(0, 500);
const ownYear = () => String(nextYear++);
const inYear = (year: string) => ({ from: `${year}-01`, to: `${year}-12` });

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
    const year = ownYear();
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

describe("listEvents", () => {
  it("with groups, returns only events with unidentified people (low > 0 or open high)", async () => {
    const actor = await asRole("VIEWER");
    const year = ownYear();
    const on = (d: string) => ({ occurredFrom: day(`${year}-${d}`), occurredTo: day(`${year}-${d}`) });
    const person = await createCase();
    const named = await seedEvent({ ...on("01-10"), participantIds: [person.id] });
    const group = await seedEvent({ ...on("02-10"), unidentifiedLow: 41, unidentifiedHigh: 41 });
    const open = await seedEvent({ ...on("03-10"), unidentifiedLow: 0, unidentifiedHigh: null });
    const range = await seedEvent({ ...on("04-10"), unidentifiedLow: 500, unidentifiedHigh: 600 });

    const all = await listEvents(actor, eventListQuerySchema.parse(inYear(year)));
    expect(all.rows.map((e) => e.id)).toEqual([range.id, open.id, group.id, named.id]);
    const groups = await listEvents(actor, eventListQuerySchema.parse({ ...inYear(year), groups: "1" }));
    expect(groups.rows.map((e) => e.id)).toEqual([range.id, open.id, group.id]);
  });

  it("filters by type and province", async () => {
    const actor = await asRole("RESEARCHER");
    const year = ownYear();
    const on = { occurredFrom: day(`${year}-06-01`), occurredTo: day(`${year}-06-30`), precision: "MONTH" as const };
    const jilin = await seedEvent({ ...on, type: "DETENTION" });
    const liaoning = await seedEvent({ ...on, type: "DETENTION", province: "LIAONING" });
    const death = await seedEvent({ ...on, type: "DEATH" });
    const ids = async (query: Record<string, string>) =>
      (await listEvents(actor, eventListQuerySchema.parse({ ...inYear(year), ...query }))).rows.map((e) => e.id).sort();
    expect(await ids({ type: "DETENTION" })).toEqual([jilin.id, liaoning.id].sort());
    expect(await ids({ province: "JILIN" })).toEqual([jilin.id, death.id].sort());
    expect(await ids({ type: "DETENTION", province: "LIAONING" })).toEqual([liaoning.id]);
  });

  // Regression (lib/data/event-list.ts decodeCursor): when the date was checked by shape only, a crafted
  // "2017-13-45|<uuid>" cursor becomes an Invalid Date that Prisma rejects, and /events answers 500.
  it("ignores a cursor whose date is not a calendar date", async () => {
    const actor = await asRole("VIEWER");
    const year = ownYear();
    const after = Buffer.from(`2017-13-45|${crypto.randomUUID()}`).toString("base64url");
    await expect(listEvents(actor, eventListQuerySchema.parse({ ...inYear(year), after }))).resolves.toEqual({
      rows: [],
      next: null,
    });
  });

  it("pages by keyset: every event exactly once, latest first", async () => {
    const actor = await asRole("EDITOR");
    const year = ownYear();
    // Several events share each day, so the id must break ties.
    const made = await Promise.all(
      Array.from({ length: 120 }, (_, i) => {
        const d = `${year}-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 5) + 1).padStart(2, "0")}`;
        return seedEvent({ occurredFrom: day(d), occurredTo: day(d) });
      }),
    );
    const seen: { id: string; from: string }[] = [];
    let after: string | undefined;
    for (let page = 0; page < 10; page++) {
      const result = await listEvents(
        actor,
        eventListQuerySchema.parse({ ...inYear(year), ...(after ? { after } : {}) }),
      );
      expect(result.rows.length).toBeLessThanOrEqual(EVENT_PAGE_SIZE);
      seen.push(...result.rows.map((e) => ({ id: e.id, from: e.date.from })));
      after = result.next ?? undefined;
      if (!after) break;
    }
    expect(after).toBeUndefined();
    expect(seen).toHaveLength(120);
    expect(new Set(seen.map((e) => e.id))).toEqual(new Set(made.map((e) => e.id)));
    const expected = [...seen].sort((x, y) => (x.from === y.from ? (x.id < y.id ? 1 : -1) : x.from < y.from ? 1 : -1));
    expect(seen).toEqual(expected);
  });
});

describe("listRecordHistory", () => {
  it("lists a case's writes newest first with actor names, and no reads", async () => {
    const [creator, editor] = await Promise.all([asRole("RESEARCHER"), asRole("EDITOR")]);
    const created = await createCaseAs(creator, caseFormValues());
    await getCase(editor, created.id); // a read: audited, but not history
    await updateCase(editor, { ...caseFormValues(), fullName: "Renamed", notes: "n", id: created.id, version: 1 });
    await getCase(creator, created.id);

    const history = await listRecordHistory(await asRole("VIEWER"), { entityType: "case", entityId: created.id });
    expect(history.map((h) => [h.action, h.actorName, h.fields])).toEqual([
      ["case.update", editor.name, ["fullName", "notes"]],
      ["case.create", creator.name, []],
    ]);
    expect(history[0]!.at.getTime()).toBeGreaterThanOrEqual(history[1]!.at.getTime());
  });

  it("lists an event's writes newest first", async () => {
    const [creator, editor] = await Promise.all([asRole("RESEARCHER"), asRole("EDITOR")]);
    const created = await createEvent(creator, eventInput());
    await getEvent(editor, created.id);
    await updateEvent(editor, update(created.id, 1, { place: "Yanji" }));
    await deleteEvent(editor, { id: created.id, version: 2 });
    const history = await listRecordHistory(editor, { entityType: "event", entityId: created.id });
    expect(history.map((h) => [h.action, h.actorName])).toEqual([
      ["event.delete", editor.name],
      ["event.update", editor.name],
      ["event.create", creator.name],
    ]);
  });

  it("refuses a partner, with a DENIED audit", async () => {
    const partner = await asRole("PARTNER");
    const person = await createCase();
    await expect(listRecordHistory(partner, { entityType: "case", entityId: person.id })).rejects.toBeInstanceOf(
      AccessDeniedError,
    );
    expect(
      await db.auditEntry.count({ where: { actorId: partner.id, action: "case.history", outcome: "DENIED" } }),
    ).toBe(1);
  });
});

function caseFormValues() {
  return {
    fullName: "Han",
    aliases: [],
    contact: null,
    notes: null,
    sex: "M" as const,
    birthYear: null,
    ageGroup: "ADULT" as const,
    originProvince: null,
    pregnant: false,
    medicalNeeds: false,
    frail: false,
    consentToShare: false,
  };
}
