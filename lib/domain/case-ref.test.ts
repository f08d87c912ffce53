import { describe, expect, it } from "vitest";
import { CASE_REF_PATTERN, formatCaseRef, nextCaseRef, parseCaseRef } from "./case-ref";

describe("formatCaseRef", () => {
  it("pads the sequence to four digits", () => {
    expect(formatCaseRef(2017, 41)).toBe("C-2017-0041");
    expect(formatCaseRef(2017, 1)).toBe("C-2017-0001");
    expect(formatCaseRef(2024, 9999)).toBe("C-2024-9999");
  });

  it("allows more digits past 9999", () => {
    expect(formatCaseRef(2024, 10000)).toBe("C-2024-10000");
    expect(formatCaseRef(2024, 123456)).toBe("C-2024-123456");
  });

  it.each([
    [2017, 0],
    [2017, -1],
    [2017, 1.5],
    [2017, Number.NaN],
    [1899, 1],
    [2101, 1],
    [2017.5, 1],
  ])("refuses year %s, sequence %s", (year, seq) => {
    expect(() => formatCaseRef(year, seq)).toThrow(RangeError);
  });
});

describe("parseCaseRef", () => {
  it("reads canonical refs", () => {
    expect(parseCaseRef("C-2017-0041")).toEqual({ year: 2017, seq: 41 });
    expect(parseCaseRef("C-2024-9999")).toEqual({ year: 2024, seq: 9999 });
    expect(parseCaseRef("C-2024-10000")).toEqual({ year: 2024, seq: 10000 });
    expect(parseCaseRef("C-1900-0001")).toEqual({ year: 1900, seq: 1 });
  });

  it.each([
    "",
    "C-2017-41",
    "C-2017-041",
    "C-2017-00041",
    "C-2017-0000",
    "C-2017-010000",
    "c-2017-0041",
    "C2017-0041",
    "C-17-0041",
    "C-1899-0041",
    "C-2101-0041",
    " C-2017-0041",
    "C-2017-0041 ",
    "C-2017-0041\n",
    "X-2017-0041",
    "C-2017-00A1",
    "C-２０１７-0041",
    "C-2017-99999999999999999999",
  ])("rejects %j", (input) => {
    expect(parseCaseRef(input)).toBeNull();
  });

  it("round-trips with formatCaseRef", () => {
    for (const [year, seq] of [
      [2017, 41],
      [2000, 1],
      [2100, 9999],
      [2030, 10001],
    ] as const) {
      expect(parseCaseRef(formatCaseRef(year, seq))).toEqual({ year, seq });
    }
  });

  it("exposes a pattern that accepts every formatted ref", () => {
    expect(CASE_REF_PATTERN.test(formatCaseRef(2017, 41))).toBe(true);
    expect(CASE_REF_PATTERN.test(formatCaseRef(2017, 123456))).toBe(true);
  });
});

describe("nextCaseRef", () => {
  it("starts a year at 0001", () => {
    expect(nextCaseRef(2017, null)).toBe("C-2017-0001");
    expect(nextCaseRef(2017, 0)).toBe("C-2017-0001");
  });

  it("follows the highest sequence used", () => {
    expect(nextCaseRef(2017, 40)).toBe("C-2017-0041");
    expect(nextCaseRef(2017, 9999)).toBe("C-2017-10000");
  });

  it.each([-1, 2.5, Number.NaN])("refuses an existing maximum of %s", (max) => {
    expect(() => nextCaseRef(2017, max)).toThrow(RangeError);
  });

  it("refuses a bad year", () => {
    expect(() => nextCaseRef(1800, null)).toThrow(RangeError);
  });
});
