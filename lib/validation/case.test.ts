import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { caseDeleteSchema, caseSchema, caseUpdateSchema, MAX_ALIASES } from "./case";

const base = { sex: "F", ageGroup: "ADULT" };

/** The message keys of a failed parse, by field path. */
function errorsOf(input: Record<string, unknown>, schema: typeof caseSchema | typeof caseUpdateSchema = caseSchema) {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`expected a refusal, got ${JSON.stringify(result.data)}`);
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
}

describe("caseSchema", () => {
  it("accepts the minimal form and turns empty text into null", () => {
    const parsed = caseSchema.parse({ ...base, fullName: "  ", contact: "", notes: undefined, originProvince: "" });
    expect(parsed).toEqual({
      fullName: null,
      aliases: [],
      contact: null,
      notes: null,
      sex: "F",
      birthYear: null,
      ageGroup: "ADULT",
      originProvince: null,
      pregnant: false,
      medicalNeeds: false,
      frail: false,
      consentToShare: false,
    });
  });

  it("trims names and keeps a known province", () => {
    const parsed = caseSchema.parse({ ...base, fullName: "  Kim Ok-sun ", originProvince: "NORTH_HAMGYONG" });
    expect(parsed).toMatchObject({ fullName: "Kim Ok-sun", originProvince: "NORTH_HAMGYONG" });
  });

  it("splits aliases by line and by semicolon, dropping blanks", () => {
    expect(caseSchema.parse({ ...base, aliases: "Ok-sun\r\n  Sunny ;Kim O.;;\n\n" }).aliases).toEqual([
      "Ok-sun",
      "Sunny",
      "Kim O.",
    ]);
    expect(caseSchema.parse({ ...base, aliases: [" a ", "", "b"] }).aliases).toEqual(["a", "b"]);
  });

  it("refuses too many or too long aliases", () => {
    const many = Array.from({ length: MAX_ALIASES + 1 }, (_, i) => `alias ${i}`).join("\n");
    expect(errorsOf({ ...base, aliases: many })).toEqual({ aliases: "tooManyAliases" });
    expect(Object.values(errorsOf({ ...base, aliases: "x".repeat(201) }))).toEqual(["tooLong"]);
  });

  it("accepts birth years from 1900 to this year, as numbers or text", () => {
    const thisYear = new Date().getUTCFullYear();
    expect(caseSchema.parse({ ...base, birthYear: "1900" }).birthYear).toBe(1900);
    expect(caseSchema.parse({ ...base, birthYear: thisYear }).birthYear).toBe(thisYear);
    expect(caseSchema.parse({ ...base, birthYear: undefined }).birthYear).toBeNull();
  });

  it("refuses birth years out of bounds", () => {
    expect(errorsOf({ ...base, birthYear: "1899" })).toEqual({ birthYear: "birthYearInvalid" });
    expect(errorsOf({ ...base, birthYear: new Date().getUTCFullYear() + 1 })).toEqual({
      birthYear: "birthYearInvalid",
    });
  });

  // Regression: z.coerce.number() once turned "" and null into 0, so the form's empty Birth year
  // was refused and no case could be saved without one.
  it("reads an empty birth year (the form's default) as unknown", () => {
    for (const empty of ["", "  ", null]) {
      const result = caseSchema.safeParse({ ...base, birthYear: empty });
      expect(result.error?.issues ?? [], JSON.stringify(empty)).toEqual([]);
      expect(result.data?.birthYear).toBeNull();
    }
  });

  // Regression: a failed union once answered zod's English "Invalid input", not a catalogue key.
  it("refuses a birth year that is not a whole number with the birthYearInvalid key", () => {
    expect(errorsOf({ ...base, birthYear: "abc" })).toEqual({ birthYear: "birthYearInvalid" });
    expect(errorsOf({ ...base, birthYear: "1990.5" })).toEqual({ birthYear: "birthYearInvalid" });
  });

  it("refuses unknown sex and age group with the invalid key", () => {
    expect(errorsOf({ sex: "X", ageGroup: "TEEN" })).toEqual({ sex: "invalid", ageGroup: "invalid" });
    expect(errorsOf({})).toEqual({ sex: "invalid", ageGroup: "invalid" });
  });

  // Regression: lib/validation/fields.ts optionalCode once answered "Invalid input" here too.
  it("refuses an unknown province of origin with the invalid key", () => {
    expect(errorsOf({ ...base, originProvince: "JILIN" })).toEqual({ originProvince: "invalid" });
  });

  it("refuses oversized text with tooLong", () => {
    expect(
      errorsOf({ ...base, fullName: "n".repeat(201), contact: "c".repeat(1_001), notes: "x".repeat(10_001) }),
    ).toEqual({ fullName: "tooLong", contact: "tooLong", notes: "tooLong" });
    expect(caseSchema.parse({ ...base, fullName: "n".repeat(200), notes: "x".repeat(10_000) }).fullName).toHaveLength(
      200,
    );
  });

  it("reads checkboxes from booleans and plain form posts", () => {
    const parsed = caseSchema.parse({
      ...base,
      pregnant: true,
      medicalNeeds: "on",
      frail: "false",
      consentToShare: "true",
    });
    expect(parsed).toMatchObject({ pregnant: true, medicalNeeds: true, frail: false, consentToShare: true });
  });

  it("parses its own output again (the form parses, then the action)", () => {
    const once = caseSchema.parse({
      ...base,
      fullName: "Kim",
      aliases: "a;b",
      birthYear: "1990",
      originProvince: "RASON",
    });
    expect(caseSchema.parse(once)).toEqual(once);
  });
});

describe("caseUpdateSchema and caseDeleteSchema", () => {
  it("need a uuid and a positive version", () => {
    const id = randomUUID();
    expect(caseUpdateSchema.parse({ ...base, id, version: "3" })).toMatchObject({ id, version: 3 });
    expect(errorsOf({ ...base, id: "42", version: 0 }, caseUpdateSchema)).toMatchObject({ id: "invalid" });
    expect(caseDeleteSchema.safeParse({ id, version: 0 }).success).toBe(false);
    expect(caseDeleteSchema.parse({ id, version: 2 })).toEqual({ id, version: 2 });
  });
});
