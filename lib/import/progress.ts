import type { ImportSummary } from "@/lib/data/import";
import type { ImportIssue } from "@/lib/domain/csv-import";

// What POST /api/v1/import streams back (one NDJSON line each, lib/http/ndjson.ts), and the pure
// rules both ends apply to it: how often the server reports, and when the page speaks up.

/** More would make a page nobody reads; the CLI lists them all. */
export const MAX_ERRORS_SHOWN = 1000;

/** What the page shows: the summary, or the problems (at most MAX_ERRORS_SHOWN of `errorCount`). */
export type ImportOutcome =
  { ok: true; summary: ImportSummary } | { ok: false; errors: ImportIssue[]; errorCount: number };

export function toImportOutcome(
  result: { ok: true; summary: ImportSummary } | { ok: false; errors: ImportIssue[] },
): ImportOutcome {
  if (result.ok) return result;
  return { ok: false, errors: result.errors.slice(0, MAX_ERRORS_SHOWN), errorCount: result.errors.length };
}

/** The lines of the stream, in order: checking, writing (repeated), then a result or an error. */
export type ImportStreamMessage =
  | { phase: "checking" }
  | { phase: "writing"; done: number; total: number }
  | { result: ImportOutcome }
  | { error: string };

/** Where a run is, as the page shows it. */
export type ImportProgress =
  | { phase: "uploading"; loaded: number; total: number }
  | { phase: "checking" }
  | { phase: "writing"; done: number; total: number };

/** The `<progress>` element's value and max; none while checking (how long that takes is unknown). */
export function progressBar(progress: ImportProgress): { value?: number; max?: number } {
  if (progress.phase === "uploading") return { value: progress.loaded, max: Math.max(progress.total, 1) };
  if (progress.phase === "writing") return { value: progress.done, max: Math.max(progress.total, 1) };
  return {};
}

/** Completed share, 0 to 1; null when unknown. */
export function progressFraction(progress: ImportProgress): number | null {
  const { value, max } = progressBar(progress);
  return value === undefined || !max ? null : Math.min(value / max, 1);
}

/**
 * Server side: whether to send this `onProgress` report. The first and the last always go (the page
 * must see the bar start and fill); in between, at most one per `intervalMs`.
 */
export function progressThrottle(intervalMs: number, now: () => number = Date.now) {
  let last = -Infinity;
  return (done: number, total: number): boolean => {
    const time = now();
    if (done !== 0 && done < total && time - last < intervalMs) return false;
    last = time;
    return true;
  };
}

export interface Announcement {
  phase: ImportProgress["phase"];
  /** Tenths completed when last announced. */
  tenth: number;
  at: number;
}

/** A screen reader hears a new phase at once, and a phase's progress at most every this many ms. */
export const ANNOUNCE_INTERVAL_MS = 4000;

/**
 * Client side: the announcement to make for this report, or null to stay quiet. A live region that
 * changed on every report would talk over itself; this one speaks on each new phase, then when
 * another tenth is done, at most every ANNOUNCE_INTERVAL_MS.
 */
export function nextAnnouncement(last: Announcement | null, progress: ImportProgress, now: number) {
  const tenth = Math.floor((progressFraction(progress) ?? 0) * 10);
  if (last && last.phase === progress.phase) {
    if (tenth === last.tenth || now - last.at < ANNOUNCE_INTERVAL_MS) return null;
  }
  return { phase: progress.phase, tenth, at: now } satisfies Announcement;
}
