import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/domain/actor";
import type { Role } from "@/lib/domain/policy";
import { createCase, createEvent, day } from "@/lib/testing/case-factories";
import { actorFor, createUser, uniqueToken } from "@/lib/testing/factories";
import { settled } from "@/lib/testing/case-list";
import { caseListQuerySchema } from "@/lib/validation/case-list";
import { CASE_PAGE_SIZE, listCases, type CaseListRow } from "./case-list";
import { AccessDeniedError } from "./errors";

// Every test tags its cases with a unique alias token and always searches for it, so cases made
// by tests running in parallel never show up here.

const asRole = async (role: Role) => actorFor(await createUser({ role }));

const list = (actor: Actor, query: Record<string, string>) =>
  settled(listCases(actor, caseListQuerySchema.parse(query)));

const idsOf = (rows: CaseListRow[]) => rows.map((r) => r.id).sort();

const statusOf = async (id: string) =>
  (await db.case.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;

describe("listCases filters", () => {
  it("narrow by status, sex, age group and province", async () => {
    const actor = await asRole("RESEARCHER");
    const q = uniqueToken();
    const a = await createCase({ aliases: [q], sex: "F", ageGroup: "CHILD", originProvince: "RYANGGANG" });
    const b = await createCase({ aliases: [q], sex: "M", ageGroup: "ADULT", originProvince: "NORTH_HAMGYONG" });
    const c = await createCase({ aliases: [q], sex: "F", ageGroup: "ADULT" });
    await createEvent({ participantIds: [a.id] }); // apprehension: IN_CUSTODY
    await createEvent({
      type: "RELEASE",
      occurredFrom: day("2017-09-01"),
      occurredTo: day("2017-09-01"),
      participantIds: [b.id],
    });

    expect(idsOf((await list(actor, { q })).rows)).toEqual(idsOf([a, b, c]));
    expect(idsOf((await list(actor, { q, status: "IN_CUSTODY" })).rows)).toEqual([a.id]);
    expect(idsOf((await list(actor, { q, status: "AT_LARGE" })).rows)).toEqual([b.id]);
    expect(idsOf((await list(actor, { q, status: "UNKNOWN" })).rows)).toEqual([c.id]);
    expect(idsOf((await list(actor, { q, sex: "F" })).rows)).toEqual(idsOf([a, c]));
    expect(idsOf((await list(actor, { q, ageGroup: "ADULT" })).rows)).toEqual(idsOf([b, c]));
    expect(idsOf((await list(actor, { q, province: "RYANGGANG" })).rows)).toEqual([a.id]);
    expect(idsOf((await list(actor, { q, sex: "F", ageGroup: "ADULT" })).rows)).toEqual([c.id]);
  });

  it("narrow by event type and event dates, ignoring deleted events", async () => {
    const actor = await asRole("EDITOR");
    const q = uniqueToken();
    const july = await createCase({ aliases: [q] });
    const march = await createCase({ aliases: [q] });
    const spanning = await createCase({ aliases: [q] });
    const none = await createCase({ aliases: [q] });
    await createEvent({ participantIds: [july.id] }); // APPREHENSION 2017-07-14
    await createEvent({
      type: "DEATH",
      occurredFrom: day("2018-03-02"),
      occurredTo: day("2018-03-02"),
      participantIds: [march.id],
    });
    await createEvent({
      type: "DETENTION",
      occurredFrom: day("2017-06-01"),
      occurredTo: day("2017-08-31"),
      precision: "RANGE",
      participantIds: [spanning.id],
    });
    await createEvent({ type: "DEATH", deletedAt: new Date(), participantIds: [none.id] });

    expect(idsOf((await list(actor, { q, eventType: "DEATH" })).rows)).toEqual([march.id]);
    expect(idsOf((await list(actor, { q, eventType: "APPREHENSION" })).rows)).toEqual([july.id]);
    expect(idsOf((await list(actor, { q, from: "2018-01" })).rows)).toEqual([march.id]);
    expect(idsOf((await list(actor, { q, to: "2017-12" })).rows)).toEqual(idsOf([july, spanning]));
    expect(idsOf((await list(actor, { q, from: "2017-07", to: "2017-07" })).rows)).toEqual(idsOf([july, spanning]));
    expect(idsOf((await list(actor, { q, from: "2017-07-15", to: "2017-07-31" })).rows)).toEqual([spanning.id]);
    expect(idsOf((await list(actor, { q, to: "2017-06-30" })).rows)).toEqual([spanning.id]);
    expect(idsOf((await list(actor, { q, eventType: "DETENTION", from: "2018-01" })).rows)).toEqual([]);
  });

  it("search by name and alias for identity roles", async () => {
    const actor = await asRole("RESEARCHER");
    const token = uniqueToken();
    const named = await createCase({ fullName: `Kim ${token}` });
    const aliased = await createCase({ aliases: [`Sunny${token}`] });
    const { rows, total } = await list(actor, { q: token.toUpperCase() });
    expect(idsOf(rows)).toEqual(idsOf([named, aliased]));
    expect(total).toBe(2);
    expect(rows.find((r) => r.id === named.id)?.fullName).toBe(`Kim ${token}`);
  });

  it("treat LIKE wildcards in the search as plain text", async () => {
    const actor = await asRole("RESEARCHER");
    const token = uniqueToken();
    await createCase({ aliases: [`${token}x`] });
    expect((await list(actor, { q: `${token}%` })).total).toBe(0);
    expect((await list(actor, { q: `${token}_` })).total).toBe(0);
  });

  it("let a viewer search refs only, and never return names", async () => {
    const viewer = await asRole("VIEWER");
    const token = uniqueToken();
    const seeded = await createCase({ fullName: `Pak ${token}`, aliases: [`alias${token}`] });
    expect(await list(viewer, { q: token })).toMatchObject({ rows: [], total: 0 });
    expect(await list(viewer, { q: `Pak ${token}` })).toMatchObject({ rows: [], total: 0 });

    const byRef = await list(viewer, { q: seeded.ref });
    expect(byRef.rows.map((r) => r.id)).toEqual([seeded.id]);
    expect("fullName" in byRef.rows[0]!).toBe(false);
    expect(JSON.stringify(byRef)).not.toContain(token);
  });

  it("exclude merged and deleted cases, also from the total", async () => {
    const actor = await asRole("ADMIN");
    const q = uniqueToken();
    const live = await createCase({ aliases: [q] });
    await createCase({ aliases: [q], mergedIntoId: live.id });
    await createCase({ aliases: [q], deletedAt: new Date() });
    const page = await list(actor, { q });
    expect(page.rows.map((r) => r.id)).toEqual([live.id]);
    expect(page.total).toBe(1);
  });

  it("audit the names an identity role was shown, and refuse a partner", async () => {
    const actor = await asRole("EDITOR");
    const q = uniqueToken();
    const seeded = await createCase({ aliases: [q] });
    await list(actor, { q });
    const [audit] = await db.auditEntry.findMany({ where: { actorId: actor.id, action: "case.list" } });
    expect(audit).toMatchObject({ outcome: "SUCCESS", details: { identities: true, caseIds: [seeded.id] } });

    const partner = await asRole("PARTNER");
    await expect(list(partner, { q })).rejects.toBeInstanceOf(AccessDeniedError);
    expect(await db.auditEntry.count({ where: { actorId: partner.id, action: "case.list", outcome: "DENIED" } })).toBe(
      1,
    );
  });
});

describe("listCases keyset pagination", () => {
  const COUNT = 120;

  async function seed120() {
    const q = uniqueToken();
    const cases = await Promise.all(Array.from({ length: COUNT }, () => createCase({ aliases: [q] })));
    // Touch every third case afterwards, so that "recently updated" is not the order of creation.
    const touched = cases.filter((_, i) => i % 3 === 0);
    for (const c of touched) await db.case.update({ where: { id: c.id }, data: { notes: "touched" } });
    return q;
  }

  async function allPages(actor: Actor, query: Record<string, string>) {
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 10; page++) {
      const result = await list(actor, { ...query, ...(after ? { after } : {}) });
      expect(result.total).toBe(COUNT);
      expect(result.rows.length).toBeLessThanOrEqual(CASE_PAGE_SIZE);
      seen.push(...result.rows.map((r) => r.id));
      if (!result.next) return seen;
      after = result.next;
    }
    throw new Error("pagination did not end");
  }

  it.each([
    ["ref", [{ ref: "asc" }] as const],
    ["-ref", [{ ref: "desc" }] as const],
    ["-updated", [{ updatedAt: "desc" }, { id: "desc" }] as const],
    ["updated", [{ updatedAt: "asc" }, { id: "asc" }] as const],
  ])("returns every case exactly once, in order, for sort %s", async (sort, orderBy) => {
    const actor = await asRole("RESEARCHER");
    const q = await seed120();
    const seen = await allPages(actor, { q, sort });
    const expected = await db.case.findMany({
      where: { searchText: { contains: q } },
      orderBy: [...orderBy],
      select: { id: true },
    });
    expect(new Set(seen).size).toBe(COUNT);
    expect(seen).toEqual(expected.map((c) => c.id));
  });

  it("ignores a forged cursor rather than failing", async () => {
    const actor = await asRole("VIEWER");
    const result = await list(actor, { after: "bm90IGEgY3Vyc29y", q: "C-2099-no-such-ref" });
    expect(result).toEqual({ rows: [], total: 0, totalCapped: false, next: null });
  });

  // Regression (lib/data/case-list.ts decodeCursor): when any two strings passed as a cursor, a "next page" URL
  // whose sort was changed (a ref cursor read as a timestamp) or an id that is not a uuid reaches
  // Postgres as a failing cast and the cases page answers 500, although lib/validation/case-list.ts
  // promises that a stale bookmarked URL still opens.
  it("ignores a cursor made for another sort order, or with an id that is not a uuid", async () => {
    const actor = await asRole("VIEWER");
    const q = "C-2099-no-such-ref";
    const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const empty = { rows: [], total: 0, totalCapped: false, next: null };
    const refCursor = cursor(["C-2099-10000001", crypto.randomUUID()]);
    await expect(list(actor, { q, sort: "-updated", after: refCursor })).resolves.toEqual(empty);
    await expect(list(actor, { q, sort: "ref", after: cursor(["C-2099-10000001", "not-a-uuid"]) })).resolves.toEqual(
      empty,
    );
  });
});

describe("case status (database trigger)", () => {
  it("follows the latest event: a repatriation known as 2017 follows an apprehension on 2017-07-14", async () => {
    const actor = await asRole("RESEARCHER");
    const q = uniqueToken();
    const person = await createCase({ aliases: [q] });
    await createEvent({ participantIds: [person.id] });
    expect(await statusOf(person.id)).toBe("IN_CUSTODY");

    const repatriation = await createEvent({
      type: "REPATRIATION",
      occurredFrom: day("2017-01-01"),
      occurredTo: day("2017-12-31"),
      precision: "YEAR",
      participantIds: [person.id],
    });
    expect(await statusOf(person.id)).toBe("REPATRIATED");
    expect((await list(actor, { q, status: "REPATRIATED" })).rows.map((r) => r.id)).toEqual([person.id]);

    await db.event.update({ where: { id: repatriation.id }, data: { deletedAt: new Date() } });
    expect(await statusOf(person.id)).toBe("IN_CUSTODY");
    expect((await list(actor, { q, status: "IN_CUSTODY" })).rows.map((r) => r.id)).toEqual([person.id]);
    expect((await list(actor, { q, status: "REPATRIATED" })).rows).toEqual([]);
  });

  it("never lets an OTHER event decide", async () => {
    const custody = await createCase();
    await createEvent({ participantIds: [custody.id] });
    await createEvent({
      type: "OTHER",
      occurredFrom: day("2019-01-01"),
      occurredTo: day("2019-12-31"),
      precision: "YEAR",
      participantIds: [custody.id],
    });
    expect(await statusOf(custody.id)).toBe("IN_CUSTODY");

    const onlyOther = await createCase();
    await createEvent({ type: "OTHER", participantIds: [onlyOther.id] });
    expect(await statusOf(onlyOther.id)).toBe("UNKNOWN");
  });

  it("breaks a tie on the same day by the order of event types", async () => {
    const person = await createCase();
    await createEvent({ type: "REPATRIATION", participantIds: [person.id] });
    await createEvent({ type: "APPREHENSION", participantIds: [person.id] });
    expect(await statusOf(person.id)).toBe("REPATRIATED");
  });

  it("goes back to UNKNOWN when the person's only event is deleted", async () => {
    const person = await createCase();
    const event = await createEvent({ type: "THIRD_COUNTRY_ARRIVAL", participantIds: [person.id] });
    expect(await statusOf(person.id)).toBe("SAFE");
    await db.event.update({ where: { id: event.id }, data: { deletedAt: new Date() } });
    expect(await statusOf(person.id)).toBe("UNKNOWN");
  });
});
