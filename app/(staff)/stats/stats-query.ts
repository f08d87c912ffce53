import { EVENT_TYPE, isOneOf, type EventType } from "@/lib/domain/enums";
import { MAX_TALLY_MONTHS, TALLY_PROVINCES, type TallyQuery } from "@/lib/domain/tally";
import { monthIndex } from "@/lib/validation/tally";

const MONTH = /^(?!0000)\d{4}-(0[1-9]|1[0-2])$/;
export const DEFAULT_EVENT_TYPE: EventType = "REPATRIATION";
/** The default period: this many months, ending with the current one (10 years). */
export const DEFAULT_MONTHS = 120;

/** A month index (see `monthIndex`) back to YYYY-MM. */
export function monthKey(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

export type StatsQueryError = "statsRangeReversed" | "statsRangeTooLong";

/**
 * The /stats filters as they appear in the URL (type, from, to, province). Like the cases list, a missing or malformed value
 * falls back to its default (repatriations over the last 10 years ending this month, UTC) rather
 * than failing the page; a period that is reversed or too long is kept, with the key of the message
 * (`validation` catalogue) to show beside the "to" field.
 */
export function readStatsQuery(
  raw: Record<string, string | string[] | undefined>,
  today: Date = new Date(),
): { query: TallyQuery; error: StatsQueryError | null } {
  const first = (name: string) => {
    const value = raw[name];
    return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
  };
  const month = (name: string) => (MONTH.test(first(name)) ? first(name) : null);
  const type = isOneOf(EVENT_TYPE, first("type")) ? (first("type") as EventType) : DEFAULT_EVENT_TYPE;
  const thisMonth = today.getUTCFullYear() * 12 + today.getUTCMonth();
  const from = month("from");
  const to = month("to") ?? (from && monthIndex(from) > thisMonth ? from : monthKey(thisMonth));
  const named = first("province");
  const province = isOneOf(TALLY_PROVINCES, named) ? named : undefined;
  const query: TallyQuery = {
    type,
    from: from ?? monthKey(Math.max(12, monthIndex(to) - DEFAULT_MONTHS + 1)),
    to,
    ...(province ? { province } : {}),
  };
  const length = monthIndex(query.to) - monthIndex(query.from) + 1;
  const error = length < 1 ? "statsRangeReversed" : length > MAX_TALLY_MONTHS ? "statsRangeTooLong" : null;
  return { query, error };
}
