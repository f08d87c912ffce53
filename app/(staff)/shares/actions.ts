"use server";

import { defineAction } from "@/lib/auth/action";
import { revokeShare, shareCases } from "@/lib/data/shares";

/** Shares one case, or a selection from /cases, with one partner organisation. */
export const shareCasesAction = defineAction("shareCasesAction", {
  name: "share.grant",
  permission: "share.manage",
  run: (actor, input) => shareCases(actor, input),
});

export const revokeShareAction = defineAction("revokeShareAction", {
  name: "share.revoke",
  permission: "share.manage",
  run: (actor, { grantId }) => revokeShare(actor, grantId),
});
