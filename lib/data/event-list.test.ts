import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createCase, createEvent as seedEvent, day } from "@/lib/testing/case-factories";
import { eventListQuerySchema } from "@/lib/validation/event-list";
import { createCase as createCaseAs, updateCase } from "./case-mutations";
import { getCase } from "./cases";
import { AccessDeniedError } from "./errors";
import { EVENT_PAGE_SIZE, listEvents } from "./event-list";
import { createEvent, deleteEvent, updateEvent } from "./event-mutations";
import { getEvent, listCaseTimeline } from "./events";
import { listRecordHistory } from "./history";
import { eventInput, inYear, ownYear, update } from "@/lib/testing/event-inputs";
import { asRole } from "@/lib/testing/factories";

describe("listEvents", () => {
  it("with groups, returns only events with unidentified people (low > 0 or open high)", async () => {
    const actor = await asRole("VIEWER");
    const year = await ownYear();
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

  it("counts each event's identified participants whose case is live, on the list and a case's timeline", async () => {
    const actor = await asRole("VIEWER");
    const year = await ownYear();
    const on = (d: string) => ({ occurredFrom: day(`${year}-${d}`), occurredTo: day(`${year}-${d}`) });
    const [a, b, gone] = [await createCase(), await createCase(), await createCase()];
    await db.case.update({ where: { id: gone.id }, data: { deletedAt: new Date() } });
    const three = await seedEvent({ ...on("01-10"), participantIds: [a.id, b.id, gone.id] });
    const one = await seedEvent({ ...on("02-10"), participantIds: [a.id] });
    const none = await seedEvent({ ...on("03-10"), unidentifiedLow: 5, unidentifiedHigh: 5 });

    const listed = (await listEvents(actor, eventListQuerySchema.parse(inYear(year)))).rows;
    expect(listed.map((e) => [e.id, e.identifiedCount])).toEqual([
      [none.id, 0],
      [one.id, 1],
      [three.id, 2],
    ]);
    const timeline = await listCaseTimeline(actor, a.id);
    expect(timeline.map((e) => [e.id, e.identifiedCount])).toEqual([
      [three.id, 2],
      [one.id, 1],
    ]);
    expect((await getEvent(actor, three.id)).identifiedCount).toBe(2);
  });

  it("filters by type and province", async () => {
    const actor = await asRole("RESEARCHER");
    const year = await ownYear();
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
    const year = await ownYear();
    const after = Buffer.from(`2017-13-45|${crypto.randomUUID()}`).toString("base64url");
    await expect(listEvents(actor, eventListQuerySchema.parse({ ...inYear(year), after }))).resolves.toEqual({
      rows: [],
      next: null,
    });
  });

  it("pages by keyset: every event exactly once, latest first", async () => {
    const actor = await asRole("EDITOR");
    const year = await ownYear();
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
