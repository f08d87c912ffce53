import { describe, expect, it } from "vitest";
import { countForTotals, formatPeopleCount, MAX_PEOPLE, parsePeopleCount, type PeopleCount } from "./people-count";

function ok(input: string): PeopleCount {
  const result = parsePeopleCount(input);
  if (!result.ok) throw new Error(`expected "${input}" to parse, got: ${result.error}`);
  return result.value;
}

function err(input: string): string {
  const result = parsePeopleCount(input);
  if (result.ok) throw new Error(`expected "${input}" to fail, got ${JSON.stringify(result.value)}`);
  return result.error;
}

const count = (low: number, high: number | null, approximate = false): PeopleCount => ({ low, high, approximate });

describe("parsePeopleCount: exact numbers", () => {
  it.each([
    ["41", count(41, 41)],
    ["0", count(0, 0)],
    ["  41  ", count(41, 41)],
    ["041", count(41, 41)],
    ["1,200", count(1200, 1200)],
    ["100,000", count(100_000, 100_000)],
    ["41 people", count(41, 41)],
    ["41 persons", count(41, 41)],
    ["４１", count(41, 41)],
    ["１，２００", count(1200, 1200)],
  ])("reads %j", (input, expected) => {
    expect(ok(input)).toEqual(expected);
  });
});

describe("parsePeopleCount: ranges", () => {
  it.each([
    ["500-600", count(500, 600)],
    ["500 - 600", count(500, 600)],
    ["500–600", count(500, 600)],
    ["500—600", count(500, 600)],
    ["500 to 600", count(500, 600)],
    ["500  TO  600", count(500, 600)],
    ["500~600", count(500, 600)],
    ["５００～６００", count(500, 600)],
    ["５００－６００", count(500, 600)],
    ["1,200-1,500", count(1200, 1500)],
    ["60-60", count(60, 60)],
    ["500 to 600 people", count(500, 600)],
  ])("reads %j", (input, expected) => {
    expect(ok(input)).toEqual(expected);
  });

  it("rejects a range that ends below its start", () => {
    expect(err("600-500")).toBe("The range ends below where it starts (600–500)");
    expect(err("1,500 to 1,200")).toBe("The range ends below where it starts (1,500–1,200)");
  });
});

describe("parsePeopleCount: approximate counts", () => {
  it.each([
    "about 60",
    "around 60",
    "approximately 60",
    "approx. 60",
    "approx 60",
    "roughly 60",
    "some 60",
    "circa 60",
    "c. 60",
    "~60",
    "~ 60",
    "～６０",
    "60 or so",
    "60-odd",
    "About 60 people",
  ])("reads %j as about 60", (input) => {
    expect(ok(input)).toEqual(count(60, 60, true));
  });

  it("can mark a range approximate", () => {
    expect(ok("about 500-600")).toEqual(count(500, 600, true));
    expect(ok("~500 to 600")).toEqual(count(500, 600, true));
  });
});

describe("parsePeopleCount: open counts", () => {
  it.each([
    ["at least 41", count(41, null)],
    ["At least 41 people", count(41, null)],
    ["no fewer than 41", count(41, null)],
    ["41+", count(41, null)],
    ["41 +", count(41, null)],
    ["41 or more", count(41, null)],
    ["more than 40", count(41, null)],
    ["over 40", count(41, null)],
    ["more than 0", count(1, null)],
    ["about 41+", count(41, null, true)],
    ["at least 1,200", count(1200, null)],
  ])("reads %j", (input, expected) => {
    expect(ok(input)).toEqual(expected);
  });
});

describe("parsePeopleCount: invalid input", () => {
  it.each(["", "   ", "\u3000"])("asks for a number when given %j", (input) => {
    expect(err(input)).toMatch(/^Enter a number of people/);
  });

  it.each(["-5", "- 5", "-5-10", "5--3", "at least -3"])("rejects the negative %j", (input) => {
    expect(err(input)).toBe("A number of people cannot be negative");
  });

  it.each(["4.5", "0.5", ".5", "4.5-6", "about 2.5"])("rejects the fraction %j", (input) => {
    expect(err(input)).toMatch(/is not a whole number of people$/);
  });

  it.each(["many", "dozens", "about", "41 or", "1,20", "1,2000", "12,00,000", "+41", "5-", "at least", "1e3"])(
    "rejects the unreadable %j",
    (input) => {
      expect(err(input)).toMatch(/is not a number of people: for example 41/);
    },
  );

  it("rejects absurd values", () => {
    expect(MAX_PEOPLE).toBe(100_000);
    expect(err("100001")).toBe("100001 is more than 100,000 people: check the number");
    expect(err("500-1,000,000")).toMatch(/more than 100,000 people/);
    expect(err("more than 100,000")).toBe("100,001 is more than 100,000 people: check the number");
    expect(err("99999999999999999999999")).toMatch(/more than 100,000 people/);
  });
});

describe("formatPeopleCount", () => {
  it.each([
    [count(41, 41), "41"],
    [count(0, 0), "0"],
    [count(1200, 1200), "1,200"],
    [count(500, 600), "500–600"],
    [count(60, 60, true), "about 60"],
    [count(500, 600, true), "about 500–600"],
    [count(41, null), "41+"],
    [count(41, null, true), "about 41+"],
    [count(100_000, null), "100,000+"],
  ])("shows %j as %j", (value, text) => {
    expect(formatPeopleCount(value)).toBe(text);
  });

  it.each(["41", "1,200", "500 to 600", "60 or so", "at least 41", "more than 40", "about 500-600", "~41+"])(
    "round-trips %j through its formatted text",
    (input) => {
      const value = ok(input);
      expect(ok(formatPeopleCount(value))).toEqual(value);
    },
  );
});

describe("countForTotals", () => {
  it("passes a closed count through", () => {
    expect(countForTotals(count(41, 41))).toEqual({ low: 41, high: 41, open: false });
    expect(countForTotals(count(500, 600, true))).toEqual({ low: 500, high: 600, open: false });
  });

  it("counts an open count's high as its low and flags it", () => {
    expect(countForTotals(count(41, null))).toEqual({ low: 41, high: 41, open: true });
  });
});
