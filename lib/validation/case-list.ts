import { z } from "zod";
import { AGE_GROUP, CASE_STATUS, EVENT_TYPE, NK_PROVINCE_CODES, SEX } from "@/lib/domain/enums";
import { pageCursor } from "./fields";

/** Month or day bounds typed in the list's date filters. */
const monthOrDay = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/);

export const CASE_SORTS = ["ref", "-ref", "-updated", "updated"] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

/**
 * The cases list's filters as they appear in the URL. A bookmarked URL with a value that is no
 * longer valid still opens: the bad filter is dropped rather than failing the page.
 */
export const caseListQuerySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  status: z.enum(CASE_STATUS).optional().catch(undefined),
  eventType: z.enum(EVENT_TYPE).optional().catch(undefined),
  province: z.enum(NK_PROVINCE_CODES).optional().catch(undefined),
  sex: z.enum(SEX).optional().catch(undefined),
  ageGroup: z.enum(AGE_GROUP).optional().catch(undefined),
  from: monthOrDay.optional().catch(undefined),
  to: monthOrDay.optional().catch(undefined),
  sort: z.enum(CASE_SORTS).default("ref").catch("ref"),
  after: pageCursor,
});
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;

/** The list's filters and sort as URL parameters (the cursor `after` aside). */
export const CASE_LIST_FILTERS = [
  "q",
  "status",
  "eventType",
  "province",
  "sex",
  "ageGroup",
  "from",
  "to",
  "sort",
] as const;

/** The event form's participant picker: what was typed, to find cases by name or ref. */
export const caseSearchSchema = z.object({ q: z.string().trim().min(1).max(100) });

/** First day of a month/day bound, or last day when `end` is set (inclusive ranges). */
export function dayBound(value: string, end: boolean): string {
  if (value.length === 10) return value;
  if (!end) return `${value}-01`;
  const [year, month] = value.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${value}-${String(last).padStart(2, "0")}`;
}
