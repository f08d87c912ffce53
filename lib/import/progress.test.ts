import { describe, expect, it } from "vitest";
import type { ImportSummary } from "@/lib/data/import";
import {
  ANNOUNCE_INTERVAL_MS,
  MAX_ERRORS_SHOWN,
  nextAnnouncement,
  progressBar,
  progressFraction,
  progressThrottle,
  toImportOutcome,
  type Announcement,
  type ImportProgress,
} from "./progress";

const writing = (done: number, total: number): ImportProgress => ({ phase: "writing", done, total });

describe("toImportOutcome", () => {
  it("passes a summary through and caps the problems listed, keeping their count", () => {
    const summary = { dryRun: true, rows: 1 } as ImportSummary;
    expect(toImportOutcome({ ok: true, summary })).toEqual({ ok: true, summary });
    const errors = Array.from({ length: MAX_ERRORS_SHOWN + 5 }, (_, i) => ({
      row: i + 2,
      column: "date",
      message: "x",
    }));
    const outcome = toImportOutcome({ ok: false, errors });
    expect(outcome).toEqual({ ok: false, errors: errors.slice(0, MAX_ERRORS_SHOWN), errorCount: MAX_ERRORS_SHOWN + 5 });
  });
});

describe("progressBar and progressFraction", () => {
  it("measure bytes while uploading and records while writing, and nothing while checking", () => {
    expect(progressBar({ phase: "uploading", loaded: 512, total: 2048 })).toEqual({ value: 512, max: 2048 });
    expect(progressFraction({ phase: "uploading", loaded: 512, total: 2048 })).toBe(0.25);
    expect(progressBar(writing(12_000, 48_000))).toEqual({ value: 12_000, max: 48_000 });
    expect(progressBar({ phase: "checking" })).toEqual({});
    expect(progressFraction({ phase: "checking" })).toBeNull();
  });

  it("never divides by zero nor passes the end", () => {
    expect(progressBar(writing(0, 0))).toEqual({ value: 0, max: 1 });
    expect(progressFraction(writing(0, 0))).toBe(0);
    expect(progressFraction({ phase: "uploading", loaded: 3000, total: 2048 })).toBe(1);
  });
});

describe("progressThrottle", () => {
  it("sends the first and last report always, and others at most once per interval", () => {
    let time = 0;
    const send = progressThrottle(100, () => time);
    expect(send(0, 5000)).toBe(true);
    time = 40;
    expect(send(1000, 5000)).toBe(false);
    time = 100;
    expect(send(2000, 5000)).toBe(true);
    time = 150;
    expect(send(3000, 5000)).toBe(false);
    time = 160;
    expect(send(5000, 5000)).toBe(true);
  });

  it("lets a steady stream of reports through at the interval", () => {
    let time = 0;
    const send = progressThrottle(100, () => time);
    const sent = [];
    for (let done = 0; done <= 100; done++, time += 10) if (send(done, 100)) sent.push(done);
    expect(sent).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
  });
});

describe("nextAnnouncement", () => {
  it("announces a new phase at once", () => {
    const first = nextAnnouncement(null, { phase: "uploading", loaded: 0, total: 10 }, 0);
    expect(first).toEqual({ phase: "uploading", tenth: 0, at: 0 });
    expect(nextAnnouncement(first, { phase: "checking" }, 10)).toEqual({ phase: "checking", tenth: 0, at: 10 });
    expect(nextAnnouncement({ phase: "checking", tenth: 0, at: 10 }, writing(0, 100), 20)).not.toBeNull();
  });

  it("within a phase, speaks only when another tenth is done and the last announcement has had time", () => {
    const last: Announcement = { phase: "writing", tenth: 1, at: 1000 };
    expect(nextAnnouncement(last, writing(19, 100), 1000 + ANNOUNCE_INTERVAL_MS * 3)).toBeNull();
    expect(nextAnnouncement(last, writing(50, 100), 1000 + ANNOUNCE_INTERVAL_MS - 1)).toBeNull();
    expect(nextAnnouncement(last, writing(50, 100), 1000 + ANNOUNCE_INTERVAL_MS)).toEqual({
      phase: "writing",
      tenth: 5,
      at: 1000 + ANNOUNCE_INTERVAL_MS,
    });
  });

  it("over a long run announces far fewer times than it reports", () => {
    let last: Announcement | null = null;
    let announcements = 0;
    for (let done = 0, time = 0; done <= 300_000; done += 1000, time += 130) {
      const next = nextAnnouncement(last, writing(done, 300_000), time);
      if (next) [last, announcements] = [next, announcements + 1];
    }
    expect(announcements).toBeGreaterThan(5);
    expect(announcements).toBeLessThanOrEqual(11);
  });
});
