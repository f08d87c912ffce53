import { describe, expect, it } from "vitest";
import { fuzzyDateFromBounds, precisionOf } from "./fuzzy-date";
import { err, exact, ok } from "@/lib/testing/fuzzy-dates";

describe("parseFuzzyDate: single dates", () => {
  it("reads a day", () => {
    expect(ok("2017-07-14")).toEqual(exact("2017-07-14", "2017-07-14", "DAY"));
  });

  it("reads a month as its whole interval", () => {
    expect(ok("2017-07")).toEqual(exact("2017-07-01", "2017-07-31", "MONTH"));
    expect(ok("2017-04")).toEqual(exact("2017-04-01", "2017-04-30", "MONTH"));
    expect(ok("2017-12")).toEqual(exact("2017-12-01", "2017-12-31", "MONTH"));
  });

  it("never turns a year into 1 January", () => {
    expect(ok("2017")).toEqual(exact("2017-01-01", "2017-12-31", "YEAR"));
  });

  it("ends February on the right day", () => {
    expect(ok("2017-02").to).toBe("2017-02-28");
    expect(ok("2016-02").to).toBe("2016-02-29");
    expect(ok("2000-02").to).toBe("2000-02-29");
    expect(ok("1900-02").to).toBe("1900-02-28");
  });

  it("accepts leap days only in leap years", () => {
    expect(ok("2016-02-29")).toEqual(exact("2016-02-29", "2016-02-29", "DAY"));
    expect(ok("2000-02-29").precision).toBe("DAY");
    expect(err("2017-02-29")).toBe("2017-02-29 is not a calendar date");
    expect(err("2100-02-29")).toBe("2100-02-29 is not a calendar date");
  });

  it("accepts one-digit months and days and pads them", () => {
    expect(ok("2017-7-4")).toEqual(exact("2017-07-04", "2017-07-04", "DAY"));
    expect(ok("2017-7").from).toBe("2017-07-01");
  });

  it("accepts the edges of the year range", () => {
    expect(ok("1900").from).toBe("1900-01-01");
    expect(ok("2100").to).toBe("2100-12-31");
  });
});

describe("parseFuzzyDate: invalid input", () => {
  it.each([
    ["2017-13", "Month must be 01–12"],
    ["2017-00", "Month must be 01–12"],
    ["2017-00-10", "Month must be 01–12"],
    ["2017-02-30", "2017-02-30 is not a calendar date"],
    ["2017-04-31", "2017-04-31 is not a calendar date"],
    ["2017-07-32", "Day must be 01–31"],
    ["2017-07-00", "Day must be 01–31"],
    ["1899", "Year must be between 1900 and 2100"],
    ["2101-01", "Year must be between 1900 and 2100"],
  ])("rejects %s", (input, message) => {
    expect(err(input)).toBe(message);
  });

  it.each(["", "   ", "\u3000"])("asks for a date when given %j", (input) => {
    expect(err(input)).toMatch(/^Enter a date/);
  });

  it.each(["17-07-14", "2017-07-14T00:00", "July 2017", "2017-07-14-", "20170714", "about", "c2017"])(
    "rejects the unreadable %j and shows the accepted forms",
    (input) => {
      expect(err(input)).toMatch(/is not a date: use YYYY-MM-DD, YYYY-MM or YYYY/);
    },
  );

  it("refuses slashes, which are ambiguous", () => {
    expect(err("07/08/2017")).toMatch(/Slashes are ambiguous/);
    expect(err("2017/07")).toMatch(/Slashes are ambiguous/);
  });

  it.each([
    "2017-07–2017-08",
    "2017–2018",
    "2017-07 - 2017-08",
    "2017-2018",
    "2017-07-2017-08",
    "2017 to 2018",
    "2017-07~2017-08",
    "2017-07-14-2017-08-02",
  ])("refuses %j as a range and points to ..", (input) => {
    expect(err(input)).toBe('Write a range with "..", for example 2017-07..2017-08');
  });
});

describe("parseFuzzyDate: ranges", () => {
  it("spans from the start of the first end to the end of the last", () => {
    expect(ok("2017-07..2017-08")).toEqual(exact("2017-07-01", "2017-08-31", "RANGE"));
    expect(ok("2017-07-14..2017-08-02")).toEqual(exact("2017-07-14", "2017-08-02", "RANGE"));
    expect(ok("2016..2017")).toEqual(exact("2016-01-01", "2017-12-31", "RANGE"));
    expect(ok("2016-11..2017")).toEqual(exact("2016-11-01", "2017-12-31", "RANGE"));
    expect(ok("2017..2018-02")).toEqual(exact("2017-01-01", "2018-02-28", "RANGE"));
    expect(ok("2017-07-14..2017-07")).toEqual(exact("2017-07-14", "2017-07-31", "RANGE"));
  });

  it("allows spaces around ..", () => {
    expect(ok(" 2017-07  ..  2017-08 ")).toEqual(ok("2017-07..2017-08"));
  });

  it("normalises a range that covers exactly one day, month or year", () => {
    expect(ok("2017-07-14..2017-07-14")).toEqual(exact("2017-07-14", "2017-07-14", "DAY"));
    expect(ok("2017-07..2017-07")).toEqual(exact("2017-07-01", "2017-07-31", "MONTH"));
    expect(ok("2017-07-01..2017-07-31")).toEqual(exact("2017-07-01", "2017-07-31", "MONTH"));
    expect(ok("2017..2017")).toEqual(exact("2017-01-01", "2017-12-31", "YEAR"));
    expect(ok("2017-01..2017-12")).toEqual(exact("2017-01-01", "2017-12-31", "YEAR"));
  });

  it("rejects reversed ranges", () => {
    expect(err("2018..2017")).toBe("The range ends before it starts");
    expect(err("2017-08..2017-07")).toBe("The range ends before it starts");
    expect(err("2017-07-14..2017-07-13")).toBe("The range ends before it starts");
    expect(err("2017-08..2017-07-31")).toBe("The range ends before it starts");
  });

  it("rejects a range with a missing or extra end", () => {
    expect(err("2017..")).toMatch(/needs a start and an end/);
    expect(err("..2017")).toMatch(/needs a start and an end/);
    expect(err("2016..2017..2018")).toMatch(/has two ends/);
  });

  it("reports an invalid end", () => {
    expect(err("2017-07..2017-13")).toBe("Month must be 01–12");
    expect(err("2017-02-01..2017-02-30")).toBe("2017-02-30 is not a calendar date");
  });
});

describe("parseFuzzyDate: the separate end date (CSV date_to)", () => {
  it("extends a single date into a range", () => {
    expect(ok("2017-07", "2017-08")).toEqual(ok("2017-07..2017-08"));
    expect(ok("2017-07-14", "2017")).toEqual(exact("2017-07-14", "2017-12-31", "RANGE"));
    expect(ok("2017-07", "2017-07")).toEqual(exact("2017-07-01", "2017-07-31", "MONTH"));
  });

  it("ignores an empty end date", () => {
    expect(ok("2017", "")).toEqual(ok("2017"));
    expect(ok("2017", "  ")).toEqual(ok("2017"));
  });

  it("rejects a reversed, invalid or doubled end date", () => {
    expect(err("2018", "2017")).toBe("The range ends before it starts");
    expect(err("2017-07", "2017-13")).toBe("End date: Month must be 01–12");
    expect(err("2017-07", "2017/08")).toMatch(/^End date: Slashes/);
    expect(err("2017-07..2017-08", "2017-09")).toMatch(/already a range/);
    expect(err("2017-07", "2017-08..2017-09")).toMatch(/single date, not a range/);
    expect(err("", "2017")).toMatch(/^Enter a date/);
  });

  it("carries an approximate end date", () => {
    expect(ok("2017-07", "~2017-09").approximate).toBe(true);
  });
});

describe("parseFuzzyDate: approximate markers", () => {
  it.each([
    "about 2017-07",
    "~2017-07",
    "~ 2017-07",
    "around 2017-07",
    "approximately 2017-07",
    "approx. 2017-07",
    "approx 2017-07",
    "circa 2017-07",
    "c. 2017-07",
    "c.2017-07",
    "ca. 2017-07",
    "About 2017-07",
    "ABOUT  2017-07",
  ])("reads %j as approximately July 2017", (input) => {
    expect(ok(input)).toEqual(exact("2017-07-01", "2017-07-31", "MONTH", true));
  });

  it("marks a whole range approximate when either end is", () => {
    expect(ok("~2016..2017").approximate).toBe(true);
    expect(ok("2016..c. 2017").approximate).toBe(true);
    expect(ok("2016..2017").approximate).toBe(false);
  });
});

describe("parseFuzzyDate: text pasted from Korean or Chinese documents", () => {
  it("folds full-width digits and punctuation", () => {
    expect(ok("２０１７－０７－１４")).toEqual(ok("2017-07-14"));
    expect(ok("２０１７－０７．．２０１７－０８")).toEqual(ok("2017-07..2017-08"));
    expect(ok("～２０１７")).toEqual(ok("~2017"));
    expect(ok("\u30002017-07\u3000")).toEqual(ok("2017-07"));
    expect(ok("2017\u20107")).toEqual(ok("2017-07"));
  });

  it("refuses a full-width or wave-dash tilde between two dates rather than guessing", () => {
    expect(err("２０１７－０７～２０１７－０８")).toMatch(/Write a range with/);
    expect(err("2017-07\u301c2017-08")).toMatch(/Write a range with/);
  });
});

describe("precisionOf and fuzzyDateFromBounds", () => {
  it("derives precision from bounds", () => {
    expect(precisionOf("2017-07-14", "2017-07-14")).toBe("DAY");
    expect(precisionOf("2017-02-01", "2017-02-28")).toBe("MONTH");
    expect(precisionOf("2016-02-01", "2016-02-28")).toBe("RANGE");
    expect(precisionOf("2017-01-01", "2017-12-31")).toBe("YEAR");
    expect(precisionOf("2017-01-01", "2017-12-30")).toBe("RANGE");
    expect(precisionOf("2017-07-01", "2017-08-31")).toBe("RANGE");
  });

  it("rebuilds a stored value and validates it", () => {
    expect(fuzzyDateFromBounds("2017-01-01", "2017-12-31", true)).toEqual({
      ok: true,
      value: exact("2017-01-01", "2017-12-31", "YEAR", true),
    });
    expect(fuzzyDateFromBounds("2017-02-01", "2017-02-30")).toEqual({
      ok: false,
      error: "2017-02-30 is not a calendar date",
    });
    expect(fuzzyDateFromBounds("2017-07", "2017-07-31").ok).toBe(false);
    expect(fuzzyDateFromBounds("2017-08-01", "2017-07-31").ok).toBe(false);
  });
});
