"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/action";
import { resetTwoFactor, setTwoFactorRequirement } from "@/lib/data/two-factor-admin";
import { changeUserRole, createUser, resetUserPassword, setUserActive } from "@/lib/data/users";
import { twoFactorRequirementSchema, twoFactorResetSchema } from "@/lib/validation/two-factor";
import { passwordResetSchema, userActiveSchema, userCreateSchema, userRoleSchema } from "@/lib/validation/user";

export const createUserAction = defineAction({
  name: "user.create",
  permission: "user.manage",
  schema: userCreateSchema,
  run: async (actor, input) => {
    const user = await createUser(actor, input);
    revalidatePath("/admin/users");
    return { email: user.email };
  },
});

export const changeUserRoleAction = defineAction({
  name: "user.role_change",
  permission: "user.manage",
  schema: userRoleSchema,
  run: async (actor, input) => {
    await changeUserRole(actor, input);
    revalidatePath("/admin/users");
  },
});

export const setUserActiveAction = defineAction({
  name: "user.set_active",
  permission: "user.manage",
  schema: userActiveSchema,
  run: async (actor, input) => {
    await setUserActive(actor, input);
    revalidatePath("/admin/users");
  },
});

export const resetUserPasswordAction = defineAction({
  name: "user.password_reset",
  permission: "user.manage",
  schema: passwordResetSchema,
  run: (actor, input) => resetUserPassword(actor, input),
});

export const setTwoFactorRequirementAction = defineAction({
  name: "user.two_factor_requirement",
  permission: "user.manage",
  schema: twoFactorRequirementSchema,
  run: async (actor, input) => {
    await setTwoFactorRequirement(actor, input);
    revalidatePath("/admin/users");
  },
});

export const resetTwoFactorAction = defineAction({
  name: "user.two_factor_reset",
  permission: "user.manage",
  schema: twoFactorResetSchema,
  run: (actor, input) => resetTwoFactor(actor, input),
});
