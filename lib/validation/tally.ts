import { z } from "zod";
import { EVENT_TYPE } from "@/lib/domain/enums";
import { MAX_TALLY_MONTHS, TALLY_BREAKDOWNS, TALLY_PROVINCES, type TallyQuery } from "@/lib/domain/tally";

// The Tallies API query (DESIGN.md §6). Its callers are programs, not forms, so messages are plain
// English that name the parameter ("from: expected YYYY-MM") rather than catalogue keys: the API
// answers 400 with the message as it is.

const MONTH = /^(?!0000)\d{4}-(0[1-9]|1[0-2])$/;

const month = (name: "from" | "to") =>
  z.string({ error: `${name}: expected YYYY-MM` }).regex(MONTH, { error: `${name}: expected YYYY-MM` });

/** Months since year 0 of a valid YYYY-MM: `to - from + 1` is the length of a range. */
export function monthIndex(value: string): number {
  return Number(value.slice(0, 4)) * 12 + Number(value.slice(5, 7)) - 1;
}

/** An empty value (a form's "any" option) means none. */
const emptyAsAbsent = (value: unknown) => (value === "" ? undefined : value);

/**
 * `from` to `to`, inclusive, for an event type, optionally broken down by month, province, sex, age
 * group or status, and optionally only in one province.
 */
export const tallyQuerySchema = z
  .object({
    from: month("from"),
    to: month("to"),
    type: z.enum(EVENT_TYPE, { error: `type: expected one of ${EVENT_TYPE.join(", ")}` }),
    by: z.preprocess(
      emptyAsAbsent,
      z.enum(TALLY_BREAKDOWNS, { error: `by: expected one of ${TALLY_BREAKDOWNS.join(", ")}` }).optional(),
    ),
    province: z.preprocess(
      emptyAsAbsent,
      z.enum(TALLY_PROVINCES, { error: "province: expected a province code, or UNKNOWN" }).optional(),
    ),
  })
  .refine(({ from, to }) => monthIndex(to) >= monthIndex(from), { path: ["to"], error: "to: must not be before from" })
  .refine(({ from, to }) => monthIndex(to) - monthIndex(from) < MAX_TALLY_MONTHS, {
    path: ["to"],
    error: `to: the range is longer than ${MAX_TALLY_MONTHS} months (${MAX_TALLY_MONTHS / 12} years)`,
  });

export type TallyQueryInput = z.infer<typeof tallyQuerySchema>;

export type TallyQueryResult = { ok: true; query: TallyQuery } | { ok: false; error: string };

/**
 * Parses URL search parameters (the first value of each; unknown parameters are ignored). The
 * error is the first problem found, naming its parameter, e.g. "from: expected YYYY-MM".
 */
export function parseTallyQuery(params: URLSearchParams): TallyQueryResult {
  const input = Object.fromEntries(
    (["from", "to", "type", "by", "province"] as const).map((name) => [name, params.get(name) ?? undefined]),
  );
  const parsed = tallyQuerySchema.safeParse(input);
  if (parsed.success) return { ok: true, query: parsed.data };
  return { ok: false, error: parsed.error.issues[0]?.message ?? "invalid query" };
}
