import { describe, expect, it } from "vitest";
import {
  coarsenToMonth,
  daysInMonth,
  formatFuzzyDate,
  isLeapYear,
  isWithinOneMonth,
  monthsSpanned,
  toFuzzyDateInput,
} from "./fuzzy-date";
import { exact, ok } from "@/lib/testing/fuzzy-dates";

describe("calendar helpers", () => {
  it("knows leap years and month lengths", () => {
    expect([1900, 2000, 2016, 2017, 2100].map(isLeapYear)).toEqual([false, true, true, false, false]);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2017, m))).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect(daysInMonth(2016, 2)).toBe(29);
  });
});

describe("formatFuzzyDate", () => {
  it.each([
    ["2017-07-14", "14 July 2017"],
    ["2017-07", "July 2017"],
    ["2017", "2017 (year only)"],
    ["2017-07..2017-08", "July–August 2017"],
    ["2017-07..2018-03", "July 2017–March 2018"],
    ["2017-07-14..2017-08-02", "14 July–2 August 2017"],
    ["2017-07-14..2017-07-20", "14–20 July 2017"],
    ["2017-12-30..2018-01-02", "30 December 2017–2 January 2018"],
    ["2017-07-01..2017-07-14", "1–14 July 2017"],
    ["2016..2017", "2016–2017"],
    ["2016-01..2017-06", "January 2016–June 2017"],
    ["about 2017-07", "about July 2017"],
    ["c. 2017", "about 2017 (year only)"],
    ["~2017-07-14..2017-08-02", "about 14 July–2 August 2017"],
  ])("shows %j as %j", (input, text) => {
    expect(formatFuzzyDate(ok(input))).toBe(text);
  });

  it("coarsens to months for readers who must not see exact dates", () => {
    const month = { level: "month" } as const;
    expect(formatFuzzyDate(ok("2017-07-14"), month)).toBe("July 2017");
    expect(formatFuzzyDate(ok("2017-07-14..2017-08-02"), month)).toBe("July–August 2017");
    expect(formatFuzzyDate(ok("2017-07-03..2017-07-20"), month)).toBe("July 2017");
    expect(formatFuzzyDate(ok("2017-12-30..2018-01-02"), month)).toBe("December 2017–January 2018");
    expect(formatFuzzyDate(ok("about 2017-07-14"), month)).toBe("about July 2017");
    expect(formatFuzzyDate(ok("2017"), month)).toBe("2017 (year only)");
    expect(formatFuzzyDate(ok("2017-07-14"), { level: "exact" })).toBe("14 July 2017");
  });

  it("never shows a day once coarsened", () => {
    for (const input of ["2017-07-14", "2016-02-29", "2017-07-14..2017-08-02", "2017-01-31..2017-02-01"]) {
      expect(formatFuzzyDate(ok(input), { level: "month" })).not.toMatch(/\b\d{1,2} [A-Z]/);
    }
  });
});

describe("coarsenToMonth", () => {
  it("widens to whole months and re-derives precision", () => {
    expect(coarsenToMonth(ok("2016-02-29"))).toEqual(exact("2016-02-01", "2016-02-29", "MONTH"));
    expect(coarsenToMonth(ok("2017-07-14..2017-08-02"))).toEqual(exact("2017-07-01", "2017-08-31", "RANGE"));
    expect(coarsenToMonth(ok("2017-01-05..2017-12-20"))).toEqual(exact("2017-01-01", "2017-12-31", "YEAR"));
    expect(coarsenToMonth(ok("~2017"))).toEqual(ok("~2017"));
  });
});

describe("toFuzzyDateInput", () => {
  it.each([
    ["2017-07-14", "2017-07-14"],
    ["2017-07", "2017-07"],
    ["2017", "2017"],
    ["2017-7..2017-8", "2017-07..2017-08"],
    ["2017-01..2017-12", "2017"],
    ["2016..2017", "2016..2017"],
    ["2016-01..2017-06", "2016-01..2017-06"],
    ["2017-07-14..2017-08-02", "2017-07-14..2017-08-02"],
    ["2017-07..2017-07-14", "2017-07-01..2017-07-14"],
    ["~2017", "about 2017"],
    ["２０１７－０７", "2017-07"],
  ])("writes %j as %j", (input, canonical) => {
    expect(toFuzzyDateInput(ok(input))).toBe(canonical);
  });

  it.each([
    "2017-07-14",
    "2016-02-29",
    "2017-02",
    "2016-02",
    "2017",
    "2016..2017",
    "2017-07..2018-03",
    "2017-07-14..2017-08-02",
    "2017-07-01..2017-07-14",
    "2017-12-31..2018-01-01",
    "about 2017-07",
    "~2016..2017-03",
    "2100-12",
  ])("round-trips %j", (input) => {
    const value = ok(input);
    expect(ok(toFuzzyDateInput(value))).toEqual(value);
  });
});

describe("monthsSpanned and isWithinOneMonth", () => {
  it("counts the calendar months an interval touches", () => {
    expect(monthsSpanned(ok("2017-07-14"))).toBe(1);
    expect(monthsSpanned(ok("2017-07"))).toBe(1);
    expect(monthsSpanned(ok("2017-07-14..2017-07-20"))).toBe(1);
    expect(monthsSpanned(ok("2017-07..2017-08"))).toBe(2);
    expect(monthsSpanned(ok("2017-07-31..2017-08-01"))).toBe(2);
    expect(monthsSpanned(ok("2017"))).toBe(12);
    expect(monthsSpanned(ok("2017-11..2018-02"))).toBe(4);
  });

  it("says whether a date can add to one month's low bound", () => {
    expect(isWithinOneMonth(ok("2017-07-14"))).toBe(true);
    expect(isWithinOneMonth(ok("2017-02"))).toBe(true);
    expect(isWithinOneMonth(ok("2017-07..2017-08"))).toBe(false);
    expect(isWithinOneMonth(ok("2017"))).toBe(false);
    expect(isWithinOneMonth({ from: "2017-07-31", to: "2018-07-01" })).toBe(false);
  });
});
