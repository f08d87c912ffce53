import { describe, expect, it } from "vitest";
import { MAX_TALLY_MONTHS } from "@/lib/domain/tally";
import { parseTallyQuery, tallyQuerySchema } from "./tally";

const parse = (query: string) => parseTallyQuery(new URLSearchParams(query));

describe("parseTallyQuery", () => {
  it("accepts DESIGN's query, with and without a breakdown", () => {
    expect(parse("from=2017-07&to=2017-08&type=APPREHENSION")).toEqual({
      ok: true,
      query: { from: "2017-07", to: "2017-08", type: "APPREHENSION" },
    });
    expect(parse("from=2017-01&to=2017-12&type=DEATH&by=month&extra=1")).toEqual({
      ok: true,
      query: { from: "2017-01", to: "2017-12", type: "DEATH", by: "month" },
    });
    expect(parse("from=2017-01&to=2017-01&type=DEATH&by=")).toEqual({
      ok: true,
      query: { from: "2017-01", to: "2017-01", type: "DEATH" },
    });
  });

  it("accepts a province code or UNKNOWN, and an empty province as none", () => {
    expect(parse("from=2017-07&to=2017-08&type=APPREHENSION&province=JILIN")).toEqual({
      ok: true,
      query: { from: "2017-07", to: "2017-08", type: "APPREHENSION", province: "JILIN" },
    });
    expect(parse("from=2017-07&to=2017-08&type=REPATRIATION&province=NORTH_HAMGYONG").ok).toBe(true);
    expect(parse("from=2017-07&to=2017-08&type=APPREHENSION&province=UNKNOWN").ok).toBe(true);
    expect(parse("from=2017-07&to=2017-08&type=APPREHENSION&province=")).toEqual({
      ok: true,
      query: { from: "2017-07", to: "2017-08", type: "APPREHENSION" },
    });
  });

  it.each([
    ["to=2017-08&type=APPREHENSION", "from: expected YYYY-MM"],
    ["from=2017-13&to=2017-12&type=APPREHENSION", "from: expected YYYY-MM"],
    ["from=2017-7&to=2017-12&type=APPREHENSION", "from: expected YYYY-MM"],
    ["from=2017-07-01&to=2017-12&type=APPREHENSION", "from: expected YYYY-MM"],
    ["from=0000-01&to=2017-12&type=APPREHENSION", "from: expected YYYY-MM"],
    ["from=2017-01&to=2017-00&type=APPREHENSION", "to: expected YYYY-MM"],
    ["from=2017-01&to=&type=APPREHENSION", "to: expected YYYY-MM"],
    ["from=2017-08&to=2017-07&type=APPREHENSION", "to: must not be before from"],
    ["from=1950-01&to=2000-12&type=APPREHENSION", "to: the range is longer than 600 months (50 years)"],
    ["from=2017-01&to=2017-12&type=ARREST", expect.stringMatching(/^type: expected one of APPREHENSION, /)],
    ["from=2017-01&to=2017-12", expect.stringMatching(/^type: /)],
    ["from=2017-01&to=2017-12&type=DEATH&by=year", expect.stringMatching(/^by: expected one of month, province/)],
    ["from=2017-01&to=2017-12&type=DEATH&province=jilin", "province: expected a province code, or UNKNOWN"],
  ])("refuses %s, naming the parameter", (query, error) => {
    expect(parse(query)).toEqual({ ok: false, error });
  });

  it("accepts exactly MAX_TALLY_MONTHS months, not one more", () => {
    expect(MAX_TALLY_MONTHS).toBe(600);
    expect(parse("from=1950-01&to=1999-12&type=DEATH").ok).toBe(true);
    expect(parse("from=1950-01&to=2000-01&type=DEATH").ok).toBe(false);
  });

  it("parses the schema's output type (a TallyQuery)", () => {
    const query = tallyQuerySchema.parse({ from: "2017-01", to: "2017-02", type: "OTHER", by: "status" });
    expect(query.by).toBe("status");
  });
});
