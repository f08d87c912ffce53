"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/action";
import { resetTwoFactor, setTwoFactorRequirement } from "@/lib/data/two-factor-admin";
import { changeUserRole, createUser, resetUserPassword, setUserActive } from "@/lib/data/users";

export const createUserAction = defineAction("createUserAction", {
  name: "user.create",
  permission: "user.manage",
  run: async (actor, input) => {
    const user = await createUser(actor, input);
    revalidatePath("/admin/users");
    return { email: user.email };
  },
});

export const changeUserRoleAction = defineAction("changeUserRoleAction", {
  name: "user.role_change",
  permission: "user.manage",
  run: async (actor, input) => {
    await changeUserRole(actor, input);
    revalidatePath("/admin/users");
  },
});

export const setUserActiveAction = defineAction("setUserActiveAction", {
  name: "user.set_active",
  permission: "user.manage",
  run: async (actor, input) => {
    await setUserActive(actor, input);
    revalidatePath("/admin/users");
  },
});

export const resetUserPasswordAction = defineAction("resetUserPasswordAction", {
  name: "user.password_reset",
  permission: "user.manage",
  run: (actor, input) => resetUserPassword(actor, input),
});

export const setTwoFactorRequirementAction = defineAction("setTwoFactorRequirementAction", {
  name: "user.two_factor_requirement",
  permission: "user.manage",
  run: async (actor, input) => {
    await setTwoFactorRequirement(actor, input);
    revalidatePath("/admin/users");
  },
});

export const resetTwoFactorAction = defineAction("resetTwoFactorAction", {
  name: "user.two_factor_reset",
  permission: "user.manage",
  run: (actor, input) => resetTwoFactor(actor, input),
});
