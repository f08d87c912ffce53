import { describe, expect, it } from "vitest";
import { caseRow, csvFile, type CsvRow } from "@/lib/testing/import-factories";
import { planImport, type ImportIssue, type ImportPlan } from "./csv-import";
import { buildImportTemplate, TEMPLATE_ROWS } from "./import-template";
import { MAX_IMPORT_BYTES } from "./csv";

const today = new Date("2026-01-15T00:00:00Z");
const encode = (text: string) => new TextEncoder().encode(text);

function plan(rows: CsvRow[]): ImportPlan {
  const result = planImport(csvFile(rows), { today });
  if (!result.ok) throw new Error(`expected a plan, got ${JSON.stringify(result.errors)}`);
  return result.plan;
}

function errors(input: CsvRow[] | Uint8Array): ImportIssue[] {
  const result = planImport(input instanceof Uint8Array ? input : csvFile(input), { today });
  if (result.ok) throw new Error("expected errors, got a plan");
  return result.errors;
}

const at = (row: number, column: string) => expect.objectContaining({ row, column });
const sourceOf = (row: CsvRow): CsvRow => ({
  source_title: row.source_title,
  source_publisher: row.source_publisher,
  source_url: row.source_url,
  source_date: row.source_date,
});

describe("planImport: reading the file", () => {
  it("strips a BOM and accepts CRLF line ends", () => {
    const text = "\ufeffevent_type,date,people_low\r\nAPPREHENSION,2017-07,41\r\n";
    const result = planImport(encode(text), { today });
    expect(result.ok && result.plan.events[0]).toMatchObject({ type: "APPREHENSION" });
  });

  it("refuses bytes that are not UTF-8, naming the line", () => {
    const latin1 = Uint8Array.from([
      ...encode("event_type,date,place,people_low\nAPPREHENSION,2017,"),
      0xe9,
      ...encode(",3\n"),
    ]);
    expect(errors(latin1)).toEqual([expect.objectContaining({ row: 2, message: expect.stringContaining("UTF-8") })]);
  });

  it("recognises UTF-16 and says how to save the file", () => {
    expect(errors(Uint8Array.from([0xff, 0xfe, 0x65, 0x00]))[0]!.message).toContain("UTF-16");
  });

  it("refuses files that are too large, empty or only a header", () => {
    expect(errors(new Uint8Array(MAX_IMPORT_BYTES + 1))[0]!.message).toContain("larger than 20 MB");
    expect(errors(encode("  \n"))[0]!.message).toContain("empty");
    expect(errors(encode("event_type,date\n"))[0]).toMatchObject({
      row: 2,
      message: expect.stringContaining("no data"),
    });
  });

  it("reports malformed quoting with its row", () => {
    expect(errors(encode('event_type,date\nAPPREHENSION,"2017\n'))[0]).toMatchObject({ row: 2 });
  });

  it("skips blank rows but keeps spreadsheet row numbers", () => {
    const text = "event_type,date,people_low\n\n,,\nAPPREHENSION,2017-13,4\n";
    expect(errors(encode(text))).toEqual([at(4, "date")]);
  });

  it("reports rows with the wrong number of cells", () => {
    expect(errors(encode("event_type,date,people_low\nAPPREHENSION,2017\n"))).toEqual([at(2, "")]);
  });
});

describe("planImport: the header", () => {
  it("refuses unknown and duplicate columns and missing required ones", () => {
    const result = errors(encode("event_type,Event_Type,colour,\nAPPREHENSION,APPREHENSION,red,\n"));
    expect(result).toEqual([at(1, "event_type"), at(1, "colour"), at(1, ""), at(1, "date")]);
  });

  it("accepts any subset in any order, names trimmed and in any case", () => {
    const result = planImport(encode(" Date ,EVENT_TYPE,people_low\n2017,DEATH,1\n"), { today });
    expect(result.ok).toBe(true);
  });
});

describe("planImport: cells", () => {
  it.each([
    [{ date: "2017-13" }, "date"],
    [{ date: "2017-02-30" }, "date"],
    [{ date: "2018..2017" }, "date"],
    [{ date: "2018", date_to: "2017" }, "date_to"],
    [{ date: "07/14/2017" }, "date"],
    [{ event_type: "ARREST" }, "event_type"],
    [{ event_type: "" }, "event_type"],
    [{ sex: "X" }, "sex"],
    [{ age_group: "TEEN" }, "age_group"],
    [{ birth_year: "1850" }, "birth_year"],
    [{ birth_year: "2020" }, "birth_year"],
    [{ case_ref: "C-2017-41" }, "case_ref"],
    [{ country: "XX" }, "country"],
    [{ country: "KP", province: "Jilin" }, "province"],
    [{ country: "TH", province: "Bangkok" }, "province"],
    [{ source_reliability: "G" }, "source_reliability"],
    [{ credibility: "7" }, "credibility"],
    [{ source_url: "javascript:alert(1)" }, "source_url"],
    [{ source_date: "2017-10" }, "source_date"],
    [{ full_name: "x".repeat(201) }, "full_name"],
    [{ notes: "x".repeat(5001) }, "notes"],
    [{ place: "a\u0000b" }, "place"],
    [{ people_low: "3" }, "people_low"],
    [{ event_ref: "auto:abc" }, "event_ref"],
  ])("refuses %j in column %s", (overrides, column) => {
    expect(errors([caseRow(overrides as CsvRow)])).toEqual([at(2, column)]);
  });

  it.each([
    [{ people_low: "50", people_high: "40" }, "people_high"],
    [{ people_low: "500-600", people_high: "700" }, "people_high"],
    [{ people_low: "lots" }, "people_low"],
    [{ people_high: "40" }, "people_high"],
    [{ people_low: "4", approximate: "maybe" }, "approximate"],
    [{ people_low: "4", full_name: "Someone" }, "full_name"],
    [{ people_low: "4", notes: "no source" }, "notes"],
  ])("refuses the group row %j in column %s", (overrides, column) => {
    const row = { event_type: "APPREHENSION", date: "2017-07", ...overrides };
    expect(errors([row])).toEqual([at(2, column)]);
  });

  it("lists every problem of every row", () => {
    const result = errors([caseRow({ date: "2017-13", sex: "X" }), caseRow(), caseRow({ credibility: "0" })]);
    expect(result).toEqual([at(2, "sex"), at(2, "date"), at(4, "credibility")]);
  });

  it("keeps a formula-like cell as text, exactly as written", () => {
    const formula = "=cmd|' /C calc'!A0";
    const result = plan([caseRow({ full_name: formula, place: "+1", notes: "@SUM(A1)" })]);
    expect(result.cases[0]!.fullName).toBe(formula);
    expect(result.events[0]!.place).toBe("+1");
    expect(result.attributions[0]!.excerpt).toBe("@SUM(A1)");
  });

  it("reads codes and provinces in any case, and the country from the province", () => {
    const result = plan([
      caseRow({ sex: "m", age_group: "child", event_type: "detention", country: "", province: "north hamgyong" }),
    ]);
    expect(result.cases[0]).toMatchObject({ sex: "M", ageGroup: "CHILD" });
    expect(result.events[0]).toMatchObject({ type: "DETENTION", country: "KP", province: "NORTH_HAMGYONG" });
  });
});

describe("planImport: people counts", () => {
  const group = (overrides: CsvRow) => plan([{ event_type: "APPREHENSION", date: "2017-07", ...overrides }]).events[0]!;

  it.each([
    [{ people_low: "41" }, { low: 41, high: 41, approximate: false }],
    [
      { people_low: "41", people_high: "" },
      { low: 41, high: 41, approximate: false },
    ],
    [
      { people_low: "500", people_high: "600" },
      { low: 500, high: 600, approximate: false },
    ],
    [{ people_low: "500-600" }, { low: 500, high: 600, approximate: false }],
    [{ people_low: "about 60" }, { low: 60, high: 60, approximate: true }],
    [
      { people_low: "60", approximate: "yes" },
      { low: 60, high: 60, approximate: true },
    ],
    [{ people_low: "at least 41" }, { low: 41, high: null, approximate: false }],
    [{ people_low: "41+" }, { low: 41, high: null, approximate: false }],
  ])("reads %j", (overrides, unidentified) => {
    expect(group(overrides).unidentified).toEqual(unidentified);
  });

  it("the HRW example: 41 in July and August 2017 is one event over both months", () => {
    const event = group({ date: "2017-07", date_to: "2017-08", people_low: "41" });
    expect(event.date).toEqual({ from: "2017-07-01", to: "2017-08-31", precision: "RANGE", approximate: false });
    expect(event.unidentified).toEqual({ low: 41, high: 41, approximate: false });
    expect(event.caseRefs).toEqual([]);
  });
});

describe("planImport: grouping", () => {
  it("rows sharing event_ref are one event with several participants", () => {
    const first = caseRow();
    const second = caseRow({ event_ref: first.event_ref, ...sourceOf(first), full_name: "Other Person" });
    const result = plan([first, second]);
    expect(result.events).toHaveLength(1);
    expect(result.events[0]!.caseRefs).toEqual([first.case_ref, second.case_ref]);
    expect(result.cases).toHaveLength(2);
    expect(result.attributions).toHaveLength(1);
  });

  it("rows sharing case_ref are one person, filling each other's empty cells", () => {
    const first = caseRow({ birth_year: "" });
    const second = caseRow({ case_ref: first.case_ref, full_name: "", birth_year: "1990", event_type: "DETENTION" });
    const result = plan([first, second]);
    expect(result.cases).toEqual([
      expect.objectContaining({ ref: first.case_ref, fullName: "Test Person", birthYear: 1990 }),
    ]);
    expect(result.events).toHaveLength(2);
  });

  it("treats UNKNOWN as not stated", () => {
    const first = caseRow({ sex: "UNKNOWN" });
    const result = plan([first, caseRow({ case_ref: first.case_ref, sex: "F", age_group: "unknown" })]);
    expect(result.cases[0]).toMatchObject({ sex: "F", ageGroup: "ADULT" });
  });

  it("a conflicting identity names both rows", () => {
    const first = caseRow();
    const result = errors([first, caseRow({ case_ref: first.case_ref, sex: "M" })]);
    expect(result).toEqual([
      expect.objectContaining({ row: 3, column: "sex", message: expect.stringContaining("row 2") }),
    ]);
  });

  it("conflicting event fields under one event_ref are an error", () => {
    const first = caseRow({ place: "Tumen" });
    const later = { event_ref: first.event_ref, ...sourceOf(first), date: "2017-07-15", place: "Elsewhere" };
    const result = errors([first, caseRow(later)]);
    expect(result).toEqual([at(3, "date"), at(3, "place")]);
  });

  it("a second source for an event adds an attribution, not an event", () => {
    const first = {
      event_ref: "E-1",
      event_type: "APPREHENSION",
      date: "2017-07",
      people_low: "41",
      source_title: "A",
    };
    const result = plan([first, { ...first, source_title: "B", credibility: "3", notes: "Second" }]);
    expect(result.events).toHaveLength(1);
    expect(result.sources.map((s) => s.title)).toEqual(["A", "B"]);
    expect(result.attributions).toEqual([
      expect.objectContaining({ credibility: null, claimedLow: 41, claimedHigh: 41, claimedDate: "2017-07" }),
      expect.objectContaining({ credibility: 3, excerpt: "Second" }),
    ]);
  });

  it("rows without event_ref get a key from their content, the same on every import", () => {
    const row = { event_type: "APPREHENSION", date: "2017-07", people_low: "41", place: "Tumen" };
    const once = plan([row, { ...row, place: " TUMEN ", source_title: "Republished" }]);
    expect(once.events).toHaveLength(1);
    expect(once.events[0]!.key).toMatch(/^auto:[0-9a-f]{32}$/);
    expect(plan([row]).events[0]!.key).toBe(once.events[0]!.key);
    expect(plan([{ ...row, people_low: "42" }]).events[0]!.key).not.toBe(once.events[0]!.key);
  });

  it("joins the distinct notes of one event and source", () => {
    const first = caseRow({ notes: "One" });
    const second = caseRow({ event_ref: first.event_ref, ...sourceOf(first), notes: "Two" });
    const third = { ...second, case_ref: caseRow().case_ref, notes: "One" };
    expect(plan([first, second, third]).attributions[0]!.excerpt).toBe("One\n\nTwo");
  });

  it("an event must name its people", () => {
    expect(errors([{ event_ref: "E-2", event_type: "OTHER", date: "2019" }])).toEqual([at(2, "people_low")]);
  });
});

describe("the template", () => {
  it("is a valid import with one row per event type and the HRW group", () => {
    const result = planImport(encode(buildImportTemplate()), { today });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(new Set(result.plan.events.map((e) => e.type)).size).toBe(8);
    expect(result.plan.events.at(-1)).toMatchObject({
      unidentified: { low: 41, high: 41 },
      date: { precision: "RANGE" },
    });
    expect(TEMPLATE_ROWS).toHaveLength(result.plan.rowCount);
  });
});
