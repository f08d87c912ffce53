import { z } from "zod";
import { expiryProblem, SHARE_PROFILE, SHARE_STATUS, utcToday } from "@/lib/domain/share";
import { idSchema, pageCursor } from "./fields";

/** Sharing a selection from /cases is capped so that one request stays one short transaction. */
export const MAX_SHARE_SELECTION = 500;

const expiresOnSchema = z
  .string({ error: "required" })
  .trim()
  .min(1, { error: "required" })
  .superRefine((value, ctx) => {
    const problem = expiryProblem(value, utcToday());
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const shareSchema = z.object({
  caseIds: z
    .array(idSchema, { error: "shareNoCases" })
    .min(1, { error: "shareNoCases" })
    .max(MAX_SHARE_SELECTION, { error: "shareTooMany" }),
  organisationId: idSchema,
  profile: z.enum(SHARE_PROFILE, { error: "invalid" }),
  expiresOn: expiresOnSchema,
});
export type ShareInput = z.input<typeof shareSchema>;

export const revokeShareSchema = z.object({ grantId: idSchema });

/** The /shares list filters, read from the URL. Unknown values are ignored rather than refused. */
export const shareListSchema = z.object({
  organisationId: idSchema.optional().catch(undefined),
  status: z.enum(SHARE_STATUS).optional().catch(undefined),
  profile: z.enum(SHARE_PROFILE).optional().catch(undefined),
  after: pageCursor,
});
export type ShareListFilters = z.output<typeof shareListSchema>;
