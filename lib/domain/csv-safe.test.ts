import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { csvSafe } from "./csv-safe";

describe("csvSafe", () => {
  it.each([
    ['=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ["+1-1", "'+1-1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", "'\r=1+1"],
  ])("puts a quote before %j", (value, safe) => {
    expect(csvSafe(value)).toBe(safe);
  });

  it.each(["", "Jilin", "41", "0", "2017-07", "C-2017-0041", "a=b", " =1", "'=already quoted", "North Hamgyong"])(
    "leaves %j as it is",
    (value) => {
      expect(csvSafe(value)).toBe(value);
    },
  );

  it("only looks at the first character", () => {
    expect(csvSafe("==")).toBe("'==");
    expect(csvSafe("x\n=1")).toBe("x\n=1");
  });

  it("still leaves quoting to the CSV writer", () => {
    expect(stringify([[csvSafe('=A1,"b"'), csvSafe("5")]])).toBe(`"'=A1,""b""",5\n`);
  });
});
