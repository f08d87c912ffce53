import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/domain/actor";
import { createCase, day } from "@/lib/testing/case-factories";
import { actorFor, createUser } from "@/lib/testing/factories";
import { expectReadModelsInStep, yearPicker } from "@/lib/testing/read-models";
import { caseListQuerySchema } from "@/lib/validation/case-list";
import { eventSchema, type EventUpdateInput } from "@/lib/validation/event";
import { settled } from "@/lib/testing/case-list";
import { listCases } from "./case-list";
import { mergeCases } from "./case-merge";
import { deleteCase, restoreCase } from "./case-mutations";
import { createEvent, deleteEvent, updateEvent } from "./event-mutations";
import { getTallies } from "./stats";

// The read models of migrations 20261123080000_read_models and 20261205090000_event_people are kept
// by triggers: case_event_spans (the cases list's event filters), event_tallies (tallies) and
// event_people (breakdowns by person). Each test changes records the way the app does, then checks
// what the list or the tallies answer, and that the read models equal a recomputation from events,
// participants and cases. Events go in a year of their own between 2040 and 2089, which no other
// test uses (event forms take 1900–2100), so lists and tallies by that year see only them.

const ownYear = yearPicker(2040, 2090);

let admin: Actor;
beforeAll(async () => {
  admin = actorFor(await createUser({ role: "ADMIN" }));
});

const input = (year: number, overrides: Record<string, unknown> = {}) =>
  eventSchema.parse({ type: "DEATH", date: `${year}-07-14`, country: "CN", province: "JILIN", ...overrides });

const update = (id: string, version: number, year: number, overrides: Record<string, unknown>): EventUpdateInput => ({
  ...input(year, overrides),
  id,
  version,
});

/** Ids and total of the cases list filtered to one year's events (of type DEATH unless given). */
async function listed(year: number, extra: Record<string, string> = {}) {
  const query = caseListQuerySchema.parse({ eventType: "DEATH", from: `${year}-01`, to: `${year}-12`, ...extra });
  const page = await settled(listCases(admin, query));
  return { ids: page.rows.map((r) => r.id).sort(), total: page.total };
}

const total = async (year: number, type: "DEATH" | "RELEASE" = "DEATH") =>
  (await getTallies(admin, { from: `${year}-01`, to: `${year}-12`, type })).total;

const bounds = (low: number, high: number, open = false) => ({ low, high, open });

describe("case_event_spans (the cases list's event filters)", () => {
  it("follow an event's soft delete and restore, for the page and for the count", async () => {
    const y = ownYear();
    const person = await createCase({ aliases: [`spans${y}`] });
    const event = await createEvent(admin, input(y, { participantIds: [person.id] }));
    // Without a case filter the count reads case_event_spans alone; with one it joins cases.
    expect(await listed(y)).toEqual({ ids: [person.id], total: 1 });
    expect(await listed(y, { q: `spans${y}` })).toEqual({ ids: [person.id], total: 1 });

    await deleteEvent(admin, { id: event.id, version: 1 });
    expect(await listed(y)).toEqual({ ids: [], total: 0 });
    expect(await listed(y, { q: `spans${y}` })).toEqual({ ids: [], total: 0 });
    await expectReadModelsInStep([event.id]);

    await db.event.update({ where: { id: event.id }, data: { deletedAt: null } });
    expect(await listed(y)).toEqual({ ids: [person.id], total: 1 });
    await expectReadModelsInStep([event.id]);
  });

  it("follow an event's new type and dates", async () => {
    const [y, later] = [ownYear(), ownYear()];
    const person = await createCase();
    const event = await createEvent(admin, input(y, { participantIds: [person.id] }));

    await updateEvent(admin, update(event.id, 1, later, { type: "RELEASE", participantIds: [person.id] }));

    expect(await listed(y)).toEqual({ ids: [], total: 0 });
    expect(await listed(later)).toEqual({ ids: [], total: 0 });
    expect(await listed(later, { eventType: "RELEASE" })).toEqual({ ids: [person.id], total: 1 });
    expect(await listed(later, { eventType: "RELEASE", from: `${later}-07-15` })).toEqual({ ids: [], total: 0 });
    await expectReadModelsInStep([event.id]);
  });

  it("follow a participant's removal, and a case's deletion and restore", async () => {
    const y = ownYear();
    const [a, b] = [await createCase(), await createCase()];
    const event = await createEvent(admin, input(y, { participantIds: [a.id, b.id] }));
    expect(await listed(y)).toEqual({ ids: [a.id, b.id].sort(), total: 2 });

    await updateEvent(admin, update(event.id, 1, y, { participantIds: [a.id] }));
    expect(await listed(y)).toEqual({ ids: [a.id], total: 1 });

    await deleteCase(admin, { id: a.id, version: 1 });
    expect(await listed(y)).toEqual({ ids: [], total: 0 });
    await expectReadModelsInStep([event.id]);

    await restoreCase(admin, { id: a.id });
    expect(await listed(y)).toEqual({ ids: [a.id], total: 1 });
    await expectReadModelsInStep([event.id]);
  });

  it("follow a merge: the survivor takes the duplicate's events, and an event deleted for good leaves", async () => {
    const y = ownYear();
    const [survivor, duplicate] = [await createCase(), await createCase()];
    const event = await createEvent(admin, input(y, { participantIds: [duplicate.id] }));

    await mergeCases(admin, {
      survivorId: survivor.id,
      duplicateId: duplicate.id,
      survivorVersion: 1,
      duplicateVersion: 1,
    });
    expect(await listed(y)).toEqual({ ids: [survivor.id], total: 1 });
    await expectReadModelsInStep([event.id]);

    await db.event.delete({ where: { id: event.id } });
    expect(await listed(y)).toEqual({ ids: [], total: 0 });
    expect(await db.$queryRaw`SELECT 1 FROM event_tallies WHERE event_id = ${event.id}::uuid`).toEqual([]);
  });
});

describe("event_tallies (tallies)", () => {
  it("follow participants added and removed, and the unidentified count", async () => {
    const y = ownYear();
    const [a, b] = [await createCase(), await createCase()];
    const event = await createEvent(admin, input(y, { participantIds: [a.id], people: "about 60" }));
    expect(await total(y)).toEqual(bounds(61, 61));

    await updateEvent(admin, update(event.id, 1, y, { participantIds: [a.id, b.id], people: "at least 41" }));
    expect(await total(y)).toEqual(bounds(43, 43, true));

    await updateEvent(admin, update(event.id, 2, y, { participantIds: [b.id], people: "2-5" }));
    expect(await total(y)).toEqual(bounds(3, 6));
    await expectReadModelsInStep([event.id]);
  });

  it("count a merged person once, and not at all while the survivor is deleted", async () => {
    const y = ownYear();
    const [a, b, c] = [await createCase(), await createCase(), await createCase()];
    const both = await createEvent(admin, input(y, { participantIds: [a.id, b.id] }));
    expect(await total(y)).toEqual(bounds(2, 2));

    // The app's merge moves the duplicate's participation to the survivor.
    await mergeCases(admin, { survivorId: a.id, duplicateId: b.id, survivorVersion: 1, duplicateVersion: 1 });
    expect(await total(y)).toEqual(bounds(1, 1));
    // A duplicate still recorded as taking part (as data merged by hand can be) counts as its survivor.
    const later = await createEvent(admin, input(y, { date: `${y}-09-01`, participantIds: [c.id] }));
    await db.eventParticipant.create({ data: { eventId: later.id, caseId: b.id } });
    await db.case.update({ where: { id: c.id }, data: { mergedIntoId: a.id } });
    expect(await total(y)).toEqual(bounds(2, 2));
    await expectReadModelsInStep([both.id, later.id]);

    const survivorVersion = (await db.case.findUniqueOrThrow({ where: { id: a.id } })).version;
    await deleteCase(admin, { id: a.id, version: survivorVersion });
    expect(await total(y)).toEqual(bounds(0, 0));
    await expectReadModelsInStep([both.id, later.id]);

    await restoreCase(admin, { id: a.id });
    expect(await total(y)).toEqual(bounds(2, 2));
    await expectReadModelsInStep([both.id, later.id]);
  });

  it("follow an event's soft delete, restore, type, dates and province", async () => {
    const [y, next] = [ownYear(), ownYear()];
    const person = await createCase();
    const event = await createEvent(admin, input(y, { participantIds: [person.id], people: "3" }));
    expect(await total(y)).toEqual(bounds(4, 4));

    await deleteEvent(admin, { id: event.id, version: 1 });
    expect(await total(y)).toEqual(bounds(0, 0));
    await db.event.update({ where: { id: event.id }, data: { deletedAt: null } });
    expect(await total(y)).toEqual(bounds(4, 4));

    await updateEvent(
      admin,
      update(event.id, 2, next, {
        type: "RELEASE",
        date: `${next}-07..${next}-08`,
        province: "LIAONING",
        participantIds: [person.id],
        people: "3",
      }),
    );
    expect(await total(y)).toEqual(bounds(0, 0));
    expect(await total(next)).toEqual(bounds(0, 0));
    expect(await total(next, "RELEASE")).toEqual(bounds(4, 4));
    const july = await getTallies(admin, { from: `${next}-07`, to: `${next}-07`, type: "RELEASE", by: "province" });
    expect(july.rows).toEqual([{ key: "LIAONING", ...bounds(0, 4) }]);
    await expectReadModelsInStep([event.id]);
  });

  it("are written for events made in bulk, as the import does", async () => {
    const y = ownYear();
    const person = await createCase();
    const made = await db.event.createManyAndReturn({
      data: [1, 2, 3].map((n) => ({
        type: "DEATH" as const,
        occurredFrom: day(`${y}-0${n}-01`),
        occurredTo: day(`${y}-0${n}-01`),
        precision: "DAY" as const,
        unidentifiedLow: n,
        unidentifiedHigh: n,
      })),
    });
    await db.eventParticipant.createMany({ data: made.map((e) => ({ eventId: e.id, caseId: person.id })) });

    expect(await total(y)).toEqual(bounds(9, 9));
    expect(await listed(y)).toEqual({ ids: [person.id], total: 1 });
    await expectReadModelsInStep(made.map((e) => e.id));
  });
});
