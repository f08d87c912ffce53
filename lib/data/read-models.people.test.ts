import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/domain/actor";
import type { TallyBreakdown } from "@/lib/domain/tally";
import { createCase } from "@/lib/testing/case-factories";
import { actorFor, createUser } from "@/lib/testing/factories";
import { expectReadModelsInStep, yearPicker } from "@/lib/testing/read-models";
import { caseUpdateSchema } from "@/lib/validation/case";
import { eventSchema } from "@/lib/validation/event";
import { mergeCases } from "./case-merge";
import { deleteCase, restoreCase, updateCase } from "./case-mutations";
import { createEvent, deleteEvent } from "./event-mutations";
import { getTallies } from "./stats";

// The breakdowns by a person's sex, age group and current status read event_people (migration
// 20261205090000_event_people). Each test changes records the way the app does and checks that the
// breakdowns follow, and that the read models equal a recomputation. Events go in a year of their
// own between 2090 and 2099, which no other test uses.

const ownYear = yearPicker(2090, 2100);

let admin: Actor;
beforeAll(async () => {
  admin = actorFor(await createUser({ role: "ADMIN" }));
});

const event = (year: number, overrides: Record<string, unknown>) =>
  createEvent(
    admin,
    eventSchema.parse({ type: "APPREHENSION", date: `${year}-07-14`, country: "CN", province: "JILIN", ...overrides }),
  );

/** The year's apprehensions by `by`, as { key: low } (low equals high for these exact counts). */
async function breakdown(year: number, by: TallyBreakdown) {
  const result = await getTallies(admin, { from: `${year}-01`, to: `${year}-12`, type: "APPREHENSION", by });
  expect(result.rows.every((row) => row.low === row.high)).toBe(true);
  return Object.fromEntries(result.rows.map((row) => [row.key, row.low]));
}

/** Saves a case with changed fields, as the case form does. */
async function edit(id: string, changes: Record<string, unknown>) {
  const current = await db.case.findUniqueOrThrow({ where: { id } });
  await updateCase(admin, caseUpdateSchema.parse({ ...current, ...changes }));
}

describe("event_people (breakdowns by person)", () => {
  it("count each person by their sex, age group and status, and the unidentified as UNKNOWN", async () => {
    const y = ownYear();
    const [woman, boy] = [
      await createCase({ sex: "F", ageGroup: "ADULT" }),
      await createCase({ sex: "M", ageGroup: "CHILD" }),
    ];
    const apprehension = await event(y, { participantIds: [woman.id, boy.id], people: "3" });
    expect(await breakdown(y, "sex")).toEqual({ F: 1, M: 1, UNKNOWN: 3 });
    expect(await breakdown(y, "ageGroup")).toEqual({ ADULT: 1, CHILD: 1, UNKNOWN: 3 });
    expect(await breakdown(y, "status")).toEqual({ IN_CUSTODY: 2, UNKNOWN: 3 });
    await expectReadModelsInStep([apprehension.id]);
  });

  it("follow a case's edited sex and age group, and a status changed by a later event", async () => {
    const y = ownYear();
    const person = await createCase({ sex: "UNKNOWN", ageGroup: "UNKNOWN" });
    const apprehension = await event(y, { participantIds: [person.id] });
    expect(await breakdown(y, "sex")).toEqual({ UNKNOWN: 1 });

    await edit(person.id, { sex: "F", ageGroup: "OLDER" });
    expect(await breakdown(y, "sex")).toEqual({ F: 1 });
    expect(await breakdown(y, "ageGroup")).toEqual({ OLDER: 1 });

    // The status is the person's current one: a repatriation later that year changes it.
    const repatriation = await event(y, { type: "REPATRIATION", date: `${y}-09-01`, participantIds: [person.id] });
    expect(await breakdown(y, "status")).toEqual({ REPATRIATED: 1 });
    await deleteEvent(admin, { id: repatriation.id, version: 1 });
    expect(await breakdown(y, "status")).toEqual({ IN_CUSTODY: 1 });
    await expectReadModelsInStep([apprehension.id, repatriation.id]);
  });

  it("count a merged person once, with the survivor's values, and not while the survivor is deleted", async () => {
    const y = ownYear();
    const survivor = await createCase({ sex: "F", ageGroup: "ADULT" });
    const duplicate = await createCase({ sex: "UNKNOWN", ageGroup: "CHILD" });
    const both = await event(y, { participantIds: [survivor.id, duplicate.id] });
    const alone = await event(y, { date: `${y}-08-01`, participantIds: [duplicate.id] });
    expect(await breakdown(y, "sex")).toEqual({ F: 1, UNKNOWN: 2 });

    await mergeCases(admin, {
      survivorId: survivor.id,
      duplicateId: duplicate.id,
      survivorVersion: 1,
      duplicateVersion: 1,
    });
    expect(await breakdown(y, "sex")).toEqual({ F: 2 });
    expect(await breakdown(y, "ageGroup")).toEqual({ ADULT: 2 });

    // A duplicate still recorded as taking part (data merged by hand) counts as its survivor, whose
    // later edits it follows.
    const byHand = await event(y, { date: `${y}-10-01`, people: "0" });
    await db.eventParticipant.create({ data: { eventId: byHand.id, caseId: duplicate.id } });
    expect(await breakdown(y, "sex")).toEqual({ F: 3 });
    await edit(survivor.id, { sex: "M" });
    expect(await breakdown(y, "sex")).toEqual({ M: 3 });

    const version = (await db.case.findUniqueOrThrow({ where: { id: survivor.id } })).version;
    await deleteCase(admin, { id: survivor.id, version });
    expect(await breakdown(y, "sex")).toEqual({});
    await restoreCase(admin, { id: survivor.id });
    expect(await breakdown(y, "sex")).toEqual({ M: 3 });
    await expectReadModelsInStep([both.id, alone.id, byHand.id]);
  });
});
