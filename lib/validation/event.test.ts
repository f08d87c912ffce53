import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { eventDeleteSchema, eventSchema, eventUpdateSchema, MAX_PARTICIPANTS } from "./event";

const base = { type: "APPREHENSION", date: "2017-07-14" };

function errorsOf(input: Record<string, unknown>) {
  const result = eventSchema.safeParse(input);
  if (result.success) throw new Error(`expected a refusal, got ${JSON.stringify(result.data)}`);
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
}

describe("eventSchema: dates", () => {
  it("reads a day, a month, a year-only date and a range", () => {
    expect(eventSchema.parse(base).date).toEqual({
      from: "2017-07-14",
      to: "2017-07-14",
      precision: "DAY",
      approximate: false,
    });
    expect(eventSchema.parse({ ...base, date: "2017-07" }).date).toMatchObject({
      from: "2017-07-01",
      to: "2017-07-31",
      precision: "MONTH",
    });
    // A year-only date is never turned into 1 January.
    expect(eventSchema.parse({ ...base, date: " 2017 " }).date).toMatchObject({
      from: "2017-01-01",
      to: "2017-12-31",
      precision: "YEAR",
    });
    expect(eventSchema.parse({ ...base, date: "2017-07..2017-08" }).date).toMatchObject({
      from: "2017-07-01",
      to: "2017-08-31",
      precision: "RANGE",
    });
    expect(eventSchema.parse({ ...base, date: "about 2017" }).date.approximate).toBe(true);
  });

  it("explains impossible dates in words", () => {
    expect(errorsOf({ ...base, date: "2017-13" })).toEqual({ date: "Month must be 01–12" });
    expect(errorsOf({ ...base, date: "2017-02-30" })).toEqual({ date: "2017-02-30 is not a calendar date" });
    expect(errorsOf({ ...base, date: "2018..2017" })).toEqual({ date: "The range ends before it starts" });
    expect(errorsOf({ ...base, date: "07/08/2017" }).date).toMatch(/Slashes are ambiguous/);
  });

  it("requires a date, of reasonable length", () => {
    expect(errorsOf({ type: "APPREHENSION" })).toEqual({ date: "required" });
    expect(errorsOf({ ...base, date: "   " })).toEqual({ date: "required" });
    expect(errorsOf({ ...base, date: "2".repeat(101) })).toEqual({ date: "tooLong" });
  });
});

describe("eventSchema: people", () => {
  it("empty means nobody unidentified", () => {
    expect(eventSchema.parse(base).people).toEqual({ low: 0, high: 0, approximate: false });
    expect(eventSchema.parse({ ...base, people: "  " }).people).toEqual({ low: 0, high: 0, approximate: false });
  });

  it("reads exact, ranged, approximate and open counts", () => {
    expect(eventSchema.parse({ ...base, people: "41" }).people).toEqual({ low: 41, high: 41, approximate: false });
    expect(eventSchema.parse({ ...base, people: "500-600" }).people).toEqual({
      low: 500,
      high: 600,
      approximate: false,
    });
    expect(eventSchema.parse({ ...base, people: "about 60" }).people).toEqual({ low: 60, high: 60, approximate: true });
    expect(eventSchema.parse({ ...base, people: "at least 41" }).people).toEqual({
      low: 41,
      high: null,
      approximate: false,
    });
  });

  it("refuses a range whose high is below its low, and nonsense", () => {
    expect(errorsOf({ ...base, people: "600-500" }).people).toMatch(/ends below where it starts/);
    expect(errorsOf({ ...base, people: "many" }).people).toMatch(/not a number of people/);
    expect(errorsOf({ ...base, people: "4".repeat(101) })).toEqual({ people: "tooLong" });
  });
});

describe("eventSchema: place", () => {
  it("upper-cases the country and keeps a province of that country", () => {
    const parsed = eventSchema.parse({ ...base, country: " cn ", province: "JILIN", place: " Tumen ", facility: "" });
    expect(parsed).toMatchObject({ country: "CN", province: "JILIN", place: "Tumen", facility: null });
    expect(eventSchema.parse({ ...base, country: "KP", province: "NORTH_HAMGYONG" }).province).toBe("NORTH_HAMGYONG");
    expect(eventSchema.parse({ ...base, country: "", province: "" })).toMatchObject({ country: null, province: null });
  });

  it("refuses a province of another country, or one without a country", () => {
    expect(errorsOf({ ...base, country: "KP", province: "JILIN" })).toEqual({ province: "provinceInvalid" });
    expect(errorsOf({ ...base, country: "CN", province: "NORTH_HAMGYONG" })).toEqual({ province: "provinceInvalid" });
    expect(errorsOf({ ...base, province: "JILIN" })).toEqual({ province: "provinceInvalid" });
    expect(errorsOf({ ...base, country: "RU", province: "JILIN" })).toEqual({ province: "provinceInvalid" });
  });

  it("refuses a country that is not a two-letter code", () => {
    expect(errorsOf({ ...base, country: "China" })).toEqual({ country: "countryInvalid" });
  });
});

describe("eventSchema: other fields", () => {
  it("refuses an unknown event type with the invalid key", () => {
    expect(errorsOf({ ...base, type: "ARREST" })).toEqual({ type: "invalid" });
  });

  it("refuses oversized text with tooLong", () => {
    expect(
      errorsOf({ ...base, place: "p".repeat(201), facility: "f".repeat(201), description: "d".repeat(10_001) }),
    ).toEqual({
      place: "tooLong",
      facility: "tooLong",
      description: "tooLong",
    });
  });

  it("takes participants as uuids, at most MAX_PARTICIPANTS", () => {
    const id = randomUUID();
    expect(eventSchema.parse({ ...base, participantIds: [id] }).participantIds).toEqual([id]);
    expect(eventSchema.parse(base).participantIds).toEqual([]);
    expect(errorsOf({ ...base, participantIds: ["not-a-uuid"] })).toEqual({ "participantIds.0": "invalid" });
    const many = Array.from({ length: MAX_PARTICIPANTS + 1 }, () => randomUUID());
    expect(errorsOf({ ...base, participantIds: many })).toEqual({ participantIds: "tooManyParticipants" });
  });
});

describe("eventUpdateSchema and eventDeleteSchema", () => {
  it("add a uuid and a positive version to the event", () => {
    const id = randomUUID();
    const parsed = eventUpdateSchema.parse({ ...base, people: "41", id, version: 2 });
    expect(parsed).toMatchObject({ id, version: 2, people: { low: 41, high: 41 }, date: { precision: "DAY" } });
    expect(eventUpdateSchema.safeParse({ ...base, id, version: 0 }).success).toBe(false);
    expect(eventUpdateSchema.safeParse({ ...base, country: "KP", province: "JILIN", id, version: 1 }).success).toBe(
      false,
    );
    expect(eventDeleteSchema.safeParse({ id: "x", version: 1 }).success).toBe(false);
  });
});
