import { z } from "zod";
import { EVENT_TYPE } from "@/lib/domain/enums";
import { pageCursor } from "./fields";

const monthOrDay = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/);

/** The events list's filters as they appear in the URL; invalid values are dropped. */
export const eventListQuerySchema = z.object({
  type: z.enum(EVENT_TYPE).optional().catch(undefined),
  province: z.string().trim().max(40).optional().catch(undefined),
  from: monthOrDay.optional().catch(undefined),
  to: monthOrDay.optional().catch(undefined),
  /** Only events with people known by number alone: HRW's "41 people", a group repatriation. */
  groups: z.enum(["1"]).optional().catch(undefined),
  after: pageCursor,
});
export type EventListQuery = z.infer<typeof eventListQuerySchema>;
