import { describe, expect, it } from "vitest";
import { sessionLimits } from "./session-limits";

describe("sessionLimits", () => {
  it("defaults to 30 minutes idle and 8 hours in all", () => {
    expect(sessionLimits({})).toEqual({ idleSeconds: 1800, absoluteSeconds: 28_800 });
  });

  it("reads PASSAGE_SESSION_IDLE_MINUTES and PASSAGE_SESSION_HOURS, ignoring nonsense", () => {
    expect(sessionLimits({ PASSAGE_SESSION_IDLE_MINUTES: "5", PASSAGE_SESSION_HOURS: "0.5" })).toEqual({
      idleSeconds: 300,
      absoluteSeconds: 1800,
    });
    expect(sessionLimits({ PASSAGE_SESSION_IDLE_MINUTES: "-1", PASSAGE_SESSION_HOURS: "soon" })).toEqual({
      idleSeconds: 1800,
      absoluteSeconds: 28_800,
    });
  });
});
