"use server";

import { revalidatePath } from "next/cache";
import { defineAccountAction } from "@/lib/auth/account-action";
import { confirmTwoFactorEnrolment, disableTwoFactor, renewRecoveryCodes } from "@/lib/data/two-factor";
import { signOutEverywhere } from "@/lib/data/user-sessions";

// Actions on one's own account: allowed to any signed-in user, even one who must still enrol.

/** Not revalidated: the page would re-render as "already on" and lose the recovery codes shown once. */
export const confirmTwoFactorAction = defineAccountAction("confirmTwoFactorAction", {
  name: "auth.two_factor.enable",
  run: confirmTwoFactorEnrolment,
});

export const disableTwoFactorAction = defineAccountAction("disableTwoFactorAction", {
  name: "auth.two_factor.disable",
  run: async (actor, input) => {
    await disableTwoFactor(actor, input);
    revalidatePath("/account");
  },
});

/** Not revalidated either: the dialog refreshes the page itself while it shows the new codes. */
export const renewRecoveryCodesAction = defineAccountAction("renewRecoveryCodesAction", {
  name: "auth.recovery_codes.renew",
  run: renewRecoveryCodes,
});

export const signOutEverywhereAction = defineAccountAction("signOutEverywhereAction", {
  name: "auth.sign_out_everywhere",
  run: (actor) => signOutEverywhere(actor),
});
