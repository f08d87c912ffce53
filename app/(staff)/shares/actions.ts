"use server";

import { defineAction } from "@/lib/auth/action";
import { revokeShare, shareCases } from "@/lib/data/shares";
import { revokeShareSchema, shareSchema } from "@/lib/validation/share";

/** Shares one case, or a selection from /cases, with one partner organisation. */
export const shareCasesAction = defineAction({
  name: "share.grant",
  permission: "share.manage",
  schema: shareSchema,
  run: (actor, input) => shareCases(actor, input),
});

export const revokeShareAction = defineAction({
  name: "share.revoke",
  permission: "share.manage",
  schema: revokeShareSchema,
  run: (actor, { grantId }) => revokeShare(actor, grantId),
});
