import { describe, expect, it } from "vitest";
import { ageGroupFromBirthYear } from "./age-group";

describe("ageGroupFromBirthYear", () => {
  it.each([
    [2017, 2017, "INFANT"],
    [2016, 2017, "CHILD"],
    [2000, 2017, "CHILD"],
    [1999, 2017, "ADULT"],
    [1958, 2017, "ADULT"],
    [1957, 2017, "OLDER"],
    [1930, 2017, "OLDER"],
  ] as const)("born %i, in %i: %s", (birthYear, atYear, group) => {
    expect(ageGroupFromBirthYear(birthYear, atYear)).toBe(group);
  });

  it("is UNKNOWN without a birth year", () => {
    expect(ageGroupFromBirthYear(null, 2017)).toBe("UNKNOWN");
    expect(ageGroupFromBirthYear(undefined, 2017)).toBe("UNKNOWN");
  });

  it("moves across each boundary in the year of the birthday", () => {
    const born = 2000;
    const groups = [2000, 2001, 2017, 2018, 2059, 2060].map((year) => ageGroupFromBirthYear(born, year));
    expect(groups).toEqual(["INFANT", "CHILD", "CHILD", "ADULT", "ADULT", "OLDER"]);
  });

  it("refuses a birth year after the reference year", () => {
    expect(() => ageGroupFromBirthYear(2018, 2017)).toThrow(RangeError);
  });

  it("refuses non-integer years", () => {
    expect(() => ageGroupFromBirthYear(1990.5, 2017)).toThrow(RangeError);
    expect(() => ageGroupFromBirthYear(1990, Number.NaN)).toThrow(RangeError);
  });
});
