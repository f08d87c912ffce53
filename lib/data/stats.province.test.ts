import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { TallyBreakdown, TallyProvince } from "@/lib/domain/tally";
import { createCase, createEvent, day } from "@/lib/testing/case-factories";
import { ownYear } from "@/lib/testing/event-inputs";
import { actorFor, createUser } from "@/lib/testing/factories";
import { RuleViolationError } from "./errors";
import { getBreakdowns, getTallies } from "./stats";

// The province filter of /stats, the exports and the API (`province=`): every figure counts only
// the events of that province, by the same bound rules. Each test's events are in a year of its own
// (lib/testing/event-inputs.ts), which no other test uses.

const bounds = (low: number, high: number, open = false) => ({ low, high, open });

/**
 * In Jilin: a case (female) and 3–5 unidentified people on 14 July, and 2 people over July and
 * August. In Liaoning: a case (male) on 14 July. Nowhere recorded: 10 people on 2 August.
 */
async function provinces() {
  const y = await ownYear();
  const [woman, man] = [await createCase({ sex: "F" }), await createCase({ sex: "M" })];
  const on = (from: string, to = from) => ({ occurredFrom: day(`${y}-${from}`), occurredTo: day(`${y}-${to}`) });
  await createEvent({ ...on("07-14"), participantIds: [woman.id], unidentifiedLow: 3, unidentifiedHigh: 5 });
  await createEvent({ ...on("07-01", "08-31"), precision: "RANGE", unidentifiedLow: 2, unidentifiedHigh: 2 });
  await createEvent({ ...on("07-14"), province: "LIAONING", participantIds: [man.id] });
  await createEvent({ ...on("08-02"), country: null, province: null, unidentifiedLow: 10, unidentifiedHigh: 10 });
  const actor = actorFor(await createUser({ role: "VIEWER" }));
  // A string, not a TallyProvince: the data layer checks what callers send.
  const tally = (province: string | undefined, by?: TallyBreakdown) =>
    getTallies(actor, {
      from: `${y}-07`,
      to: `${y}-08`,
      type: "APPREHENSION",
      ...(by ? { by } : {}),
      ...(province ? { province: province as TallyProvince } : {}),
    });
  return { y, actor, tally };
}

describe("tallies of one province", () => {
  it("limits the total and the monthly series, spanning events included by the same rules", async () => {
    const { y, tally } = await provinces();

    expect(await tally("JILIN", "month")).toEqual({
      from: `${y}-07`,
      to: `${y}-08`,
      type: "APPREHENSION",
      province: "JILIN",
      total: bounds(6, 8),
      rows: [
        { key: `${y}-07`, ...bounds(4, 8), spanning: 2 },
        { key: `${y}-08`, ...bounds(0, 2), spanning: 2 },
      ],
    });
    expect((await tally("UNKNOWN")).total).toEqual(bounds(10, 10));
    expect((await tally("YUNNAN")).total).toEqual(bounds(0, 0));
  });

  it("gives the figures the whole's breakdown by province gives that province", async () => {
    const { tally } = await provinces();
    const whole = await tally(undefined, "province");
    for (const row of whole.rows) {
      const one = await tally(row.key, "province");
      expect(one.total, row.key).toEqual(bounds(row.low, row.high, row.open));
      expect(one.rows).toEqual([row]);
    }
    expect(whole.rows.map((row) => row.key)).toEqual(["JILIN", "LIAONING", "UNKNOWN"]);
  });

  it("breaks one province down by sex, age group and status from its own events only", async () => {
    const { y, actor } = await provinces();
    const query = { from: `${y}-07`, to: `${y}-08`, type: "APPREHENSION" as const, province: "JILIN" as const };
    const [sex, ageGroup, status] = await getBreakdowns(actor, query, ["sex", "ageGroup", "status"]);

    expect(sex!.rows).toEqual([
      { key: "F", ...bounds(1, 1) },
      { key: "UNKNOWN", ...bounds(5, 7) },
    ]);
    expect(sex!.total).toEqual(bounds(6, 8));
    expect(ageGroup!.rows.reduce((sum, row) => sum + row.high, 0)).toBe(8);
    expect(status!.rows.reduce((sum, row) => sum + row.low, 0)).toBe(6);
  });

  it("follows an event moved to another province, its people included", async () => {
    const { y, actor } = await provinces();
    const query = { from: `${y}-07`, to: `${y}-07`, type: "APPREHENSION" as const };
    const [moved] = await db.event.findMany({
      where: { occurredFrom: day(`${y}-07-14`), province: "LIAONING" },
      select: { id: true },
    });
    await db.event.update({ where: { id: moved!.id }, data: { province: "JILIN" } });

    const [liaoning] = await getBreakdowns(actor, { ...query, province: "LIAONING" }, ["sex"]);
    const [jilin] = await getBreakdowns(actor, { ...query, province: "JILIN" }, ["sex"]);
    expect(liaoning!.rows).toEqual([]);
    expect(jilin!.rows).toEqual([
      { key: "F", ...bounds(1, 1) },
      { key: "M", ...bounds(1, 1) },
      { key: "UNKNOWN", ...bounds(3, 7) },
    ]);
  });

  it("refuses a province that is not a code", async () => {
    const { tally } = await provinces();
    await expect(tally("ATLANTIS")).rejects.toBeInstanceOf(RuleViolationError);
  });
});
