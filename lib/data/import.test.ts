import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { caseRow, uniqueCaseRef, uniqueEventRef, uniqueSource } from "@/lib/testing/import-factories";
import { editor, runImport, summaryOf } from "@/lib/testing/import-runs";

const day = (date: Date) => date.toISOString().slice(0, 10);
const eventByRef = (ref: string) =>
  db.event.findUniqueOrThrow({
    where: { ref },
    include: { participants: { include: { case: true } }, attributions: { include: { source: true } } },
  });

describe("importCsv", () => {
  it("imports a file in DESIGN's format", async () => {
    const source = uniqueSource({ notes: "Seen at the station." });
    const person = caseRow({ ...source, birth_year: "1990", place: "Tumen", facility: "Border post", date_to: "" });
    const group = {
      event_ref: uniqueEventRef(),
      event_type: "REPATRIATION",
      date: "2017-09",
      country: "KP",
      people_low: "about 60",
      ...source,
    };
    const summary = summaryOf(await runImport([person, group]));

    expect(summary).toMatchObject({
      dryRun: false,
      rows: 2,
      cases: { created: 1, updated: 0, unchanged: 0 },
      events: { created: 2, updated: 0, unchanged: 0 },
      sources: { created: 1, updated: 0, unchanged: 0 },
      attributions: { created: 2, updated: 0, unchanged: 0 },
      participants: { created: 1, updated: 0, unchanged: 0 },
    });
    const stored = await db.case.findUniqueOrThrow({ where: { ref: person.case_ref! } });
    expect(stored).toMatchObject({
      fullName: "Test Person",
      sex: "F",
      ageGroup: "ADULT",
      birthYear: 1990,
      status: "IN_CUSTODY",
      version: 1,
    });
    const event = await eventByRef(person.event_ref!);
    expect(event).toMatchObject({
      type: "APPREHENSION",
      precision: "DAY",
      country: "CN",
      province: "JILIN",
      place: "Tumen",
      facility: "Border post",
    });
    expect([day(event.occurredFrom), day(event.occurredTo)]).toEqual(["2017-07-14", "2017-07-14"]);
    expect(event.participants.map((p) => p.case.ref)).toEqual([person.case_ref]);
    expect(event.attributions).toEqual([
      expect.objectContaining({
        credibility: 2,
        excerpt: "Seen at the station.",
        claimedDate: "2017-07-14",
        claimedLow: null,
      }),
    ]);
    expect(event.attributions[0]!.source).toMatchObject({
      title: source.source_title,
      reliability: "B",
      kind: "OTHER",
      confidential: true,
    });
    expect(await eventByRef(group.event_ref)).toMatchObject({
      unidentifiedLow: 60,
      unidentifiedHigh: 60,
      countApproximate: true,
      participants: [],
    });
  });

  it("changes nothing when the same file is imported again", async () => {
    const actor = await editor();
    const first = caseRow({ notes: "One" });
    const rows = [
      first,
      caseRow({ event_ref: first.event_ref, ...uniqueSource() }),
      { event_type: "DETENTION", date: "2017", people_low: "at least 3", ...uniqueSource() },
    ];
    summaryOf(await runImport(rows, { actor }));
    const again = summaryOf(await runImport(rows, { actor }));
    const none = { created: 0, updated: 0 };
    expect(again).toMatchObject({ cases: none, events: none, sources: none, attributions: none, participants: none });
    expect(again.cases.unchanged + again.events.unchanged + again.attributions.unchanged).toBe(2 + 2 + 3);
    expect((await db.case.findUniqueOrThrow({ where: { ref: first.case_ref! } })).version).toBe(1);
  });

  it("updates only what differs, and bumps the version", async () => {
    const row = caseRow();
    summaryOf(await runImport([row]));
    const same = summaryOf(await runImport([{ ...row, sex: "UNKNOWN", age_group: "", full_name: "", place: "" }]));
    expect(same.cases).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(same.events).toEqual({ created: 0, updated: 0, unchanged: 1 });
    const summary = summaryOf(await runImport([{ ...row, sex: "M", full_name: "", place: "Yanji" }]));
    expect(summary.cases).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(summary.events).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(await db.case.findUniqueOrThrow({ where: { ref: row.case_ref! } })).toMatchObject({
      sex: "M",
      fullName: "Test Person",
      version: 2,
    });
    expect(await eventByRef(row.event_ref!)).toMatchObject({ place: "Yanji", version: 2 });
  });

  it("stores a formula-like cell verbatim, as text", async () => {
    const formula = "=cmd|' /C calc'!A0";
    const row = caseRow({ full_name: formula, facility: "@SUM(1+1)", notes: "+1-1" });
    summaryOf(await runImport([row]));
    expect((await db.case.findUniqueOrThrow({ where: { ref: row.case_ref! } })).fullName).toBe(formula);
    const event = await eventByRef(row.event_ref!);
    expect([event.facility, event.attributions[0]!.excerpt]).toEqual(["@SUM(1+1)", "+1-1"]);
  });

  it("makes one event with several participants from rows sharing event_ref", async () => {
    const first = caseRow();
    const source = {
      source_title: first.source_title,
      source_url: first.source_url,
      source_publisher: first.source_publisher,
      source_date: first.source_date,
    };
    const rows = [
      first,
      caseRow({ event_ref: first.event_ref, ...source }),
      caseRow({ event_ref: first.event_ref, ...source }),
    ];
    const summary = summaryOf(await runImport(rows));
    expect(summary.events.created).toBe(1);
    expect(summary.participants.created).toBe(3);
    const event = await eventByRef(first.event_ref!);
    expect(event.participants.map((p) => p.case.ref).sort()).toEqual(rows.map((r) => r.case_ref).sort());
    expect(event.attributions).toHaveLength(1);
  });

  it("gives a new case the status of its latest event, stored or in the file, as editing would", async () => {
    // A release already stored, which the new person below is added to.
    const release = caseRow({ event_type: "RELEASE", date: "2018-03" });
    summaryOf(await runImport([release]));
    const ref = uniqueCaseRef();
    const rows = [
      caseRow({ case_ref: ref, event_type: "APPREHENSION", date: "2017-07-14" }),
      caseRow({ case_ref: ref, event_type: "REPATRIATION", date: "2017-09" }),
      // OTHER events never decide a status, however late.
      caseRow({ case_ref: ref, event_type: "OTHER", date: "2019" }),
    ];
    summaryOf(await runImport(rows));
    expect(await db.case.findUniqueOrThrow({ where: { ref } })).toMatchObject({ status: "REPATRIATED", version: 1 });

    const other = uniqueCaseRef();
    summaryOf(await runImport([...rows.map((row) => ({ ...row, case_ref: other })), { ...release, case_ref: other }]));
    expect(await db.case.findUniqueOrThrow({ where: { ref: other } })).toMatchObject({ status: "AT_LARGE" });
    const unknown = uniqueCaseRef();
    summaryOf(await runImport([caseRow({ case_ref: unknown, event_type: "OTHER" })]));
    expect(await db.case.findUniqueOrThrow({ where: { ref: unknown } })).toMatchObject({ status: "UNKNOWN" });
  });

  it("makes a group of unidentified people from a row without case_ref", async () => {
    const row = {
      event_ref: uniqueEventRef(),
      event_type: "DETENTION",
      date: "2018",
      people_low: "500",
      people_high: "600",
    };
    summaryOf(await runImport([row]));
    expect(await eventByRef(row.event_ref)).toMatchObject({
      unidentifiedLow: 500,
      unidentifiedHigh: 600,
      precision: "YEAR",
      participants: [],
    });
  });

  it("reads the HRW example: 41 apprehended in July and August 2017", async () => {
    const row = {
      event_ref: uniqueEventRef(),
      event_type: "APPREHENSION",
      date: "2017-07",
      date_to: "2017-08",
      people_low: "41",
      ...uniqueSource(),
    };
    summaryOf(await runImport([row]));
    const event = await eventByRef(row.event_ref);
    expect([day(event.occurredFrom), day(event.occurredTo), event.precision]).toEqual([
      "2017-07-01",
      "2017-08-31",
      "RANGE",
    ]);
    expect(event).toMatchObject({
      unidentifiedLow: 41,
      unidentifiedHigh: 41,
      countApproximate: false,
      participants: [],
    });
    expect(event.attributions[0]).toMatchObject({ claimedLow: 41, claimedHigh: 41, claimedDate: "2017-07..2017-08" });
  });

  it("adds an attribution, not an event, for a second source of the same event_ref", async () => {
    const row = {
      event_ref: uniqueEventRef(),
      event_type: "APPREHENSION",
      date: "2017-07",
      people_low: "41",
      ...uniqueSource(),
    };
    summaryOf(await runImport([row]));
    const summary = summaryOf(await runImport([{ ...row, ...uniqueSource({ credibility: "3" }) }]));
    expect(summary.events).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(summary.attributions.created).toBe(1);
    const event = await eventByRef(row.event_ref);
    expect(event.attributions.map((a) => a.credibility).sort()).toEqual([2, 3]);
    expect(await db.event.count({ where: { ref: row.event_ref } })).toBe(1);
  });

  it("dry-runs: writes nothing, and reports what the real import then does", async () => {
    const actor = await editor();
    const rows = [caseRow(), { event_type: "DETENTION", date: "2017-08", people_low: "12", ...uniqueSource() }];
    const preview = summaryOf(await runImport(rows, { actor, dryRun: true }));
    expect(preview.dryRun).toBe(true);
    expect(await db.case.count({ where: { ref: rows[0]!.case_ref! } })).toBe(0);
    expect(await db.source.count({ where: { title: { in: rows.map((r) => r.source_title!) } } })).toBe(0);
    const real = summaryOf(await runImport(rows, { actor }));
    expect(real).toEqual({ ...preview, dryRun: false });
    const audit = await db.auditEntry.findMany({
      where: { actorId: actor.id, action: "import.run" },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => [a.outcome, (a.details as { dryRun: boolean }).dryRun])).toEqual([
      ["SUCCESS", true],
      ["SUCCESS", false],
    ]);
    expect(audit[1]!.details).toMatchObject({ rows: 2, casesCreated: 1, eventsCreated: 2 });
  });

  it("refuses a case ref that was deleted, and writes nothing", async () => {
    const deleted = caseRow();
    summaryOf(await runImport([deleted]));
    await db.case.update({ where: { ref: deleted.case_ref! }, data: { deletedAt: new Date() } });
    const fresh = caseRow();
    const result = await runImport([fresh, { ...deleted, event_ref: uniqueEventRef() }]);
    expect(result).toEqual({ ok: false, errors: [expect.objectContaining({ row: 3, column: "case_ref" })] });
    expect(await db.case.count({ where: { ref: fresh.case_ref! } })).toBe(0);
  });

  it("raises the case-ref counter past imported refs", async () => {
    const ref = uniqueCaseRef(1999);
    summaryOf(await runImport([caseRow({ case_ref: ref, date: "2001" })]));
    const counter = await db.caseRefCounter.findUniqueOrThrow({ where: { year: 1999 } });
    expect(counter.lastSeq).toBeGreaterThanOrEqual(Number(ref.slice(7)));
  });
});
