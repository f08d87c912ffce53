import type { CaseStatus, EventType } from "./enums";

/**
 * A case's status is derived, never typed in (DESIGN.md §1): it follows the case's latest
 * status-bearing event. The same rule is written in SQL for tallies by status; keep both in step:
 *
 *   SELECT type FROM events
 *   WHERE <the case's live events> AND type <> 'OTHER'
 *   ORDER BY occurred_to DESC, occurred_from DESC,
 *            array_position(ARRAY['APPREHENSION', …, 'DEATH'], type::text) DESC
 *   LIMIT 1
 *
 * OTHER events are skipped: they say nothing about where the person is, so an OTHER event after
 * a repatriation leaves the case REPATRIATED. Callers pass only live events (not deleted).
 */
export const STATUS_EVENT_ORDER = [
  "APPREHENSION",
  "DETENTION",
  "TRANSFER",
  "REPATRIATION",
  "RELEASE",
  "THIRD_COUNTRY_ARRIVAL",
  "DEATH",
] as const satisfies readonly EventType[];
export type StatusEventType = (typeof STATUS_EVENT_ORDER)[number];

/** What each status-bearing event type says about the person. */
export const STATUS_BY_EVENT_TYPE = {
  APPREHENSION: "IN_CUSTODY",
  DETENTION: "IN_CUSTODY",
  TRANSFER: "IN_CUSTODY",
  REPATRIATION: "REPATRIATED",
  RELEASE: "AT_LARGE",
  THIRD_COUNTRY_ARRIVAL: "SAFE",
  DEATH: "DECEASED",
} as const satisfies Record<StatusEventType, CaseStatus>;

/** The fields the rule looks at; dates are inclusive YYYY-MM-DD bounds of the fuzzy date. */
export type StatusEvent = { type: EventType; occurredFrom: string; occurredTo: string };

/** Position in STATUS_EVENT_ORDER, or -1 for OTHER (which never decides a status). */
export function statusRank(type: EventType): number {
  return (STATUS_EVENT_ORDER as readonly EventType[]).indexOf(type);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Orders events from earliest to latest for the status rule: by end of interval, then start,
 * then type order. ISO dates compare correctly as text. Sort ascending; the last one is latest.
 */
export function compareEventsForStatus(a: StatusEvent, b: StatusEvent): number {
  return (
    compareText(a.occurredTo, b.occurredTo) ||
    compareText(a.occurredFrom, b.occurredFrom) ||
    statusRank(a.type) - statusRank(b.type)
  );
}

/** The event that decides the status, or undefined when no event bears on it. */
export function latestStatusEvent<T extends StatusEvent>(events: readonly T[]): T | undefined {
  let latest: T | undefined;
  for (const event of events) {
    if (event.type === "OTHER") continue;
    if (latest === undefined || compareEventsForStatus(event, latest) > 0) latest = event;
  }
  return latest;
}

/** The case's current status from its events; UNKNOWN when none bears on it. */
export function deriveCaseStatus(events: readonly StatusEvent[]): CaseStatus {
  const latest = latestStatusEvent(events);
  if (latest === undefined || latest.type === "OTHER") return "UNKNOWN";
  return STATUS_BY_EVENT_TYPE[latest.type];
}
