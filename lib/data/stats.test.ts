import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/domain/actor";
import type { EventType } from "@/lib/domain/enums";
import type { Role } from "@/lib/domain/policy";
import type { TallyBreakdown, TallyQuery } from "@/lib/domain/tally";
import { createCase, createEvent, day, type EventOverrides } from "@/lib/testing/case-factories";
import { actorFor, createUser } from "@/lib/testing/factories";
import { createAttribution, createSource } from "@/lib/testing/source-factories";
import { AccessDeniedError, RuleViolationError } from "./errors";
import { getBreakdowns, getTallies } from "./stats";

// Tallies sum over every event of a type and period, so each test puts its events in a year of
// its own (1901–1999, which no other test file uses) and asks only about that year and the years
// either side of it, which no other test of this file gets.

const usedYears = new Set<number>();
function uniqueYear(): number {
  let year: number;
  do year = randomInt(1902, 1999);
  while ([year - 1, year, year + 1].some((y) => usedYears.has(y)));
  [year - 1, year, year + 1].forEach((y) => usedYears.add(y));
  return year;
}

const asRole = async (role: Role) => actorFor(await createUser({ role }));

let researcher: Promise<Actor> | undefined;
const staff = () => (researcher ??= asRole("RESEARCHER"));

async function tally(from: string, to: string, by?: TallyBreakdown, type: EventType = "APPREHENSION") {
  const query: TallyQuery = by ? { from, to, type, by } : { from, to, type };
  return getTallies(await staff(), query);
}

/** An event of `year` (default: 14 July), with nobody unidentified unless overridden. */
function eventIn(year: number, overrides: EventOverrides & { from?: string; to?: string } = {}) {
  const { from = "07-14", to = from, ...rest } = overrides;
  return createEvent({ occurredFrom: day(`${year}-${from}`), occurredTo: day(`${year}-${to}`), ...rest });
}

const bounds = (low: number, high: number, open = false) => ({ low, high, open });

describe("getTallies: bounds", () => {
  it("counts identified participants and unidentified people of an event inside a month", async () => {
    const y = uniqueYear();
    const [a, b] = [await createCase(), await createCase()];
    await eventIn(y, { participantIds: [a.id, b.id], unidentifiedLow: 3, unidentifiedHigh: 5 });
    await eventIn(y, { type: "DETENTION", unidentifiedLow: 100, unidentifiedHigh: 100 });

    expect(await tally(`${y}-07`, `${y}-07`)).toEqual({
      from: `${y}-07`,
      to: `${y}-07`,
      type: "APPREHENSION",
      total: bounds(5, 7),
      rows: [],
    });
    expect((await tally(`${y}-01`, `${y}-12`)).total).toEqual(bounds(5, 7));
    expect((await tally(`${y}-08`, `${y}-12`)).total).toEqual(bounds(0, 0));
    expect(await tally(`${y}-08`, `${y}-12`, "province")).toMatchObject({ total: bounds(0, 0), rows: [] });
    expect((await tally(`${y}-07`, `${y}-07`, undefined, "DETENTION")).total).toEqual(bounds(100, 100));
  });

  it("gives DESIGN's worked example: 41 people in July and August", async () => {
    const y = uniqueYear();
    await eventIn(y, { from: "07-01", to: "08-31", precision: "RANGE", unidentifiedLow: 41, unidentifiedHigh: 41 });

    expect((await tally(`${y}-07`, `${y}-07`)).total).toEqual(bounds(0, 41));
    expect((await tally(`${y}-08`, `${y}-08`)).total).toEqual(bounds(0, 41));
    expect((await tally(`${y}-07`, `${y}-08`)).total).toEqual(bounds(41, 41));
    expect(await tally(`${y}-07`, `${y}-08`, "month")).toMatchObject({
      total: bounds(41, 41),
      rows: [
        { key: `${y}-07`, ...bounds(0, 41) },
        { key: `${y}-08`, ...bounds(0, 41) },
      ],
    });
  });

  it("adds a year-only event to no month's low, to every month's high and to the year's low", async () => {
    const y = uniqueYear();
    await eventIn(y, { from: "01-01", to: "12-31", precision: "YEAR", unidentifiedLow: 10, unidentifiedHigh: 10 });
    await eventIn(y, { from: "03-02", unidentifiedLow: 1, unidentifiedHigh: 1 });

    const year = await tally(`${y}-01`, `${y}-12`, "month");
    expect(year.total).toEqual(bounds(11, 11));
    expect(year.rows).toHaveLength(12);
    for (const row of year.rows) {
      // The year-long event is the spanning part of every month's high.
      expect(row).toEqual({ key: row.key, ...(row.key === `${y}-03` ? bounds(1, 11) : bounds(0, 10)), spanning: 10 });
    }
    expect((await tally(`${y}-03`, `${y}-03`)).total).toEqual(bounds(1, 11));
    // A period reaching past the year still holds it whole.
    expect((await tally(`${y - 1}-12`, `${y + 1}-01`)).total).toEqual(bounds(11, 11));
  });

  it("flags an 'at least' count as open and counts its low bound as high", async () => {
    const y = uniqueYear();
    await eventIn(y, { unidentifiedLow: 41, unidentifiedHigh: null });
    await eventIn(y, { from: "09-01", unidentifiedLow: 2, unidentifiedHigh: 4 });

    expect((await tally(`${y}-07`, `${y}-07`)).total).toEqual(bounds(41, 41, true));
    expect((await tally(`${y}-01`, `${y}-12`)).total).toEqual(bounds(43, 45, true));
    expect((await tally(`${y}-09`, `${y}-09`)).total).toEqual(bounds(2, 4, false));
    const months = await tally(`${y}-07`, `${y}-09`, "month");
    expect(months.rows.map((r) => r.open)).toEqual([true, false, false]);
  });

  it("includes every month of a breakdown by month, zeros included, in order", async () => {
    const y = uniqueYear();
    await eventIn(y, { from: "02-10", unidentifiedLow: 3, unidentifiedHigh: 3 });

    const result = await tally(`${y - 1}-11`, `${y}-04`, "month");
    expect(result.rows).toEqual([
      { key: `${y - 1}-11`, ...bounds(0, 0), spanning: 0 },
      { key: `${y - 1}-12`, ...bounds(0, 0), spanning: 0 },
      { key: `${y}-01`, ...bounds(0, 0), spanning: 0 },
      { key: `${y}-02`, ...bounds(3, 3), spanning: 0 },
      { key: `${y}-03`, ...bounds(0, 0), spanning: 0 },
      { key: `${y}-04`, ...bounds(0, 0), spanning: 0 },
    ]);
    expect(result.total).toEqual(bounds(3, 3));
  });
});

describe("getTallies: people and records", () => {
  it("counts merged duplicates once, as their surviving case", async () => {
    const y = uniqueYear();
    const survivor = await createCase({ sex: "F" });
    const [one, two] = [await createCase({ sex: "M" }), await createCase({ sex: "M" })];
    await db.case.updateMany({ where: { id: { in: [one.id, two.id] } }, data: { mergedIntoId: survivor.id } });
    // The survivor and its duplicate both recorded as taking part.
    await eventIn(y, { from: "03-01", participantIds: [survivor.id, one.id] });
    // Two duplicates of one person, the survivor not recorded.
    await eventIn(y, { from: "04-01", participantIds: [one.id, two.id] });

    expect((await tally(`${y}-03`, `${y}-03`)).total).toEqual(bounds(1, 1));
    expect((await tally(`${y}-04`, `${y}-04`)).total).toEqual(bounds(1, 1));
    expect((await tally(`${y}-03`, `${y}-04`, "month")).rows.map((r) => r.high)).toEqual([1, 1]);
    // Counted once per event, with the survivor's sex.
    expect((await tally(`${y}-01`, `${y}-12`, "sex")).rows).toEqual([{ key: "F", ...bounds(2, 2) }]);
  });

  it("leaves out deleted events, deleted cases and cases merged into a deleted one", async () => {
    const y = uniqueYear();
    const live = await createCase();
    const deleted = await createCase({ deletedAt: new Date() });
    const gone = await createCase({ deletedAt: new Date() });
    const mergedIntoGone = await createCase({ mergedIntoId: gone.id });
    await eventIn(y, {
      participantIds: [live.id, deleted.id, mergedIntoGone.id],
      unidentifiedLow: 1,
      unidentifiedHigh: 1,
    });
    await eventIn(y, { participantIds: [live.id], unidentifiedLow: 50, unidentifiedHigh: 60, deletedAt: new Date() });

    // Both ways of reading cases: deleted and merged ones only (totals), and every one (by sex).
    expect((await tally(`${y}-07`, `${y}-07`)).total).toEqual(bounds(2, 2));
    expect(await tally(`${y}-07`, `${y}-07`, "sex")).toMatchObject({
      total: bounds(2, 2),
      rows: [{ key: "UNKNOWN", ...bounds(2, 2) }],
    });
  });

  it("never multiplies an event by its attributions", async () => {
    const y = uniqueYear();
    const person = await createCase();
    const event = await eventIn(y, { participantIds: [person.id], unidentifiedLow: 40, unidentifiedHigh: 40 });
    await createAttribution(event.id, (await createSource()).id);
    const before = await tally(`${y}-07`, `${y}-07`, "sex");

    await createAttribution(event.id, (await createSource()).id);
    await createAttribution(event.id, (await createSource()).id);

    expect(before.total).toEqual(bounds(41, 41));
    expect(await tally(`${y}-07`, `${y}-07`, "sex")).toEqual(before);
  });

  it("breaks down by province, sex, age group and current status with the same bounds", async () => {
    const y = uniqueYear();
    const woman = await createCase({ sex: "F", ageGroup: "ADULT" });
    const girl = await createCase({ sex: "F", ageGroup: "CHILD" });
    const man = await createCase({ sex: "M", ageGroup: "OLDER" });
    await eventIn(y, {
      province: "JILIN",
      participantIds: [woman.id, girl.id],
      unidentifiedLow: 2,
      unidentifiedHigh: 3,
    });
    await eventIn(y, { from: "07-01", to: "08-31", province: null, participantIds: [man.id] });
    await eventIn(y, { from: "09-01", province: "LIAONING", participantIds: [man.id] });
    // The man was released later: his current status is AT_LARGE.
    await eventIn(y, { type: "RELEASE", from: "10-01", participantIds: [man.id] });

    const july = (by: TallyBreakdown) => tally(`${y}-07`, `${y}-07`, by);
    expect((await july("province")).rows).toEqual([
      { key: "JILIN", ...bounds(4, 5) },
      { key: "UNKNOWN", ...bounds(0, 1) },
    ]);
    expect((await july("sex")).rows).toEqual([
      { key: "F", ...bounds(2, 2) },
      { key: "M", ...bounds(0, 1) },
      { key: "UNKNOWN", ...bounds(2, 3) },
    ]);
    expect((await july("ageGroup")).rows).toEqual([
      { key: "ADULT", ...bounds(1, 1) },
      { key: "CHILD", ...bounds(1, 1) },
      { key: "OLDER", ...bounds(0, 1) },
      { key: "UNKNOWN", ...bounds(2, 3) },
    ]);
    const status = await tally(`${y}-01`, `${y}-12`, "status");
    expect(status.rows).toEqual([
      { key: "AT_LARGE", ...bounds(2, 2) },
      { key: "IN_CUSTODY", ...bounds(2, 2) },
      { key: "UNKNOWN", ...bounds(2, 3) },
    ]);
    expect(status.total).toEqual(bounds(6, 7));
    expect((await july("sex")).total).toEqual(bounds(4, 6));

    // The page's and the exports' view: the same answers, the three by person from one statement.
    const all = ["month", "province", "sex", "ageGroup", "status", undefined] as const;
    const query = { from: `${y}-07`, to: `${y}-07`, type: "APPREHENSION" as const };
    const actor = await staff();
    const separately = await Promise.all(all.map((by) => getTallies(actor, { ...query, by })));
    expect(await getBreakdowns(actor, query, all)).toEqual(separately);
    await expect(getBreakdowns(actor, query, ["sex", "colour" as TallyBreakdown])).rejects.toThrow(RuleViolationError);
  });
});

describe("getTallies: access", () => {
  it("answers a viewer", async () => {
    const y = uniqueYear();
    await eventIn(y, { unidentifiedLow: 7, unidentifiedHigh: 7 });
    const viewer = await asRole("VIEWER");

    const result = await getTallies(viewer, { from: `${y}-07`, to: `${y}-07`, type: "APPREHENSION" });

    expect(result.total).toEqual(bounds(7, 7));
  });

  it("refuses a partner, and audits the refusal", async () => {
    const partner = await asRole("PARTNER");

    await expect(getTallies(partner, { from: "1950-01", to: "1950-12", type: "APPREHENSION" })).rejects.toBeInstanceOf(
      AccessDeniedError,
    );

    expect(
      await db.auditEntry.findMany({
        where: { actorId: partner.id, action: "stats.tallies" },
        select: { outcome: true, details: true },
      }),
    ).toEqual([{ outcome: "DENIED", details: { permission: "stats.read" } }]);
  });

  it("refuses a query the API would refuse", async () => {
    const actor = await staff();
    const error = await getTallies(actor, { from: "2000-01", to: "1999-12", type: "APPREHENSION" }).catch(
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(RuleViolationError);
    expect((error as RuleViolationError).fieldErrors).toEqual({ to: ["invalid"] });
  });
});
