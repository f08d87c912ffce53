import { describe, expect, it } from "vitest";
import {
  compareEventsForStatus,
  deriveCaseStatus,
  latestStatusEvent,
  STATUS_BY_EVENT_TYPE,
  STATUS_EVENT_ORDER,
  statusRank,
  type StatusEvent,
} from "./case-status";
import { EVENT_TYPE, type EventType } from "./enums";

const on = (type: EventType, occurredFrom: string, occurredTo = occurredFrom): StatusEvent => ({
  type,
  occurredFrom,
  occurredTo,
});

describe("deriveCaseStatus", () => {
  it("is UNKNOWN without events", () => {
    expect(deriveCaseStatus([])).toBe("UNKNOWN");
  });

  it.each([
    ["APPREHENSION", "IN_CUSTODY"],
    ["DETENTION", "IN_CUSTODY"],
    ["TRANSFER", "IN_CUSTODY"],
    ["REPATRIATION", "REPATRIATED"],
    ["RELEASE", "AT_LARGE"],
    ["THIRD_COUNTRY_ARRIVAL", "SAFE"],
    ["DEATH", "DECEASED"],
  ] as const)("maps a lone %s to %s", (type, status) => {
    expect(deriveCaseStatus([on(type, "2017-07-14")])).toBe(status);
  });

  it("follows DESIGN's example: a repatriation known only as 2017 follows an apprehension on 2017-07-14", () => {
    const events = [on("REPATRIATION", "2017-01-01", "2017-12-31"), on("APPREHENSION", "2017-07-14")];
    expect(deriveCaseStatus(events)).toBe("REPATRIATED");
    expect(deriveCaseStatus([...events].reverse())).toBe("REPATRIATED");
  });

  it("compares by the end of the interval, even when that puts a vaguer event last", () => {
    // Written literally: an apprehension known only as "2017" ends after a repatriation on 14 July.
    const events = [on("REPATRIATION", "2017-07-14"), on("APPREHENSION", "2017-01-01", "2017-12-31")];
    expect(deriveCaseStatus(events)).toBe("IN_CUSTODY");
  });

  it("breaks a tie on the end by the later start", () => {
    const events = [on("RELEASE", "2017-07-01", "2017-07-31"), on("DETENTION", "2017-07-31")];
    expect(deriveCaseStatus(events)).toBe("IN_CUSTODY");
    const reversed = [on("DETENTION", "2017-07-01", "2017-07-31"), on("RELEASE", "2017-07-31")];
    expect(deriveCaseStatus(reversed)).toBe("AT_LARGE");
  });

  it("breaks a tie on both dates by the order of the type list", () => {
    const month = (type: EventType) => on(type, "2017-07-01", "2017-07-31");
    expect(deriveCaseStatus([month("REPATRIATION"), month("APPREHENSION")])).toBe("REPATRIATED");
    expect(deriveCaseStatus([month("RELEASE"), month("REPATRIATION")])).toBe("AT_LARGE");
    expect(deriveCaseStatus([month("DEATH"), month("THIRD_COUNTRY_ARRIVAL")])).toBe("DECEASED");
    expect(deriveCaseStatus([month("THIRD_COUNTRY_ARRIVAL"), month("TRANSFER")])).toBe("SAFE");
  });

  it("follows a whole journey regardless of the order events were entered", () => {
    const journey = [
      on("APPREHENSION", "2017-07-14"),
      on("DETENTION", "2017-07-15", "2017-08-31"),
      on("TRANSFER", "2017-09-01", "2017-09-30"),
      on("REPATRIATION", "2017-10-01", "2017-10-31"),
      on("RELEASE", "2018-01-01", "2018-12-31"),
      on("THIRD_COUNTRY_ARRIVAL", "2019-03-02"),
    ];
    expect(deriveCaseStatus(journey)).toBe("SAFE");
    expect(deriveCaseStatus([...journey].reverse())).toBe("SAFE");
    expect(deriveCaseStatus(journey.slice(0, 4))).toBe("REPATRIATED");
  });

  it("ignores OTHER events, however late", () => {
    expect(deriveCaseStatus([on("OTHER", "2020-01-01")])).toBe("UNKNOWN");
    expect(deriveCaseStatus([on("REPATRIATION", "2017-10-01"), on("OTHER", "2020-01-01")])).toBe("REPATRIATED");
  });
});

describe("latestStatusEvent", () => {
  it("returns the caller's own event object", () => {
    const events = [
      { id: "a", ...on("APPREHENSION", "2017-07-14") },
      { id: "b", ...on("REPATRIATION", "2017-01-01", "2017-12-31") },
      { id: "c", ...on("OTHER", "2018-01-01") },
    ];
    expect(latestStatusEvent(events)?.id).toBe("b");
    expect(latestStatusEvent([])).toBeUndefined();
    expect(latestStatusEvent([{ id: "x", ...on("OTHER", "2018-01-01") }])).toBeUndefined();
  });
});

describe("compareEventsForStatus", () => {
  it("sorts ascending, latest last", () => {
    const events = [
      on("REPATRIATION", "2017-01-01", "2017-12-31"),
      on("DETENTION", "2017-07-01", "2017-07-31"),
      on("APPREHENSION", "2017-07-01", "2017-07-31"),
      on("APPREHENSION", "2017-07-14"),
    ];
    const sorted = [...events].sort(compareEventsForStatus).map((e) => `${e.type} ${e.occurredFrom}`);
    expect(sorted).toEqual([
      "APPREHENSION 2017-07-14",
      "APPREHENSION 2017-07-01",
      "DETENTION 2017-07-01",
      "REPATRIATION 2017-01-01",
    ]);
  });

  it("is antisymmetric and zero for equal keys", () => {
    const a = on("RELEASE", "2017-07-14");
    const b = on("DEATH", "2017-07-14");
    expect(Math.sign(compareEventsForStatus(a, b))).toBe(-Math.sign(compareEventsForStatus(b, a)));
    expect(compareEventsForStatus(a, { ...a })).toBe(0);
  });
});

describe("the ordering constants", () => {
  it("are EVENT_TYPE without OTHER, in the same order", () => {
    expect(STATUS_EVENT_ORDER).toEqual(EVENT_TYPE.filter((t) => t !== "OTHER"));
    expect(Object.keys(STATUS_BY_EVENT_TYPE).sort()).toEqual([...STATUS_EVENT_ORDER].sort());
  });

  it("ranks OTHER below everything", () => {
    expect(statusRank("OTHER")).toBe(-1);
    expect(statusRank("APPREHENSION")).toBe(0);
    expect(statusRank("DEATH")).toBe(6);
  });
});
