import { z } from "zod";
import { roleSchema, signInSchema } from "./user";

// Messages are keys into the `validation` namespace of the message catalogue.

/** Sign-in with an optional second factor: a TOTP code or a recovery code, checked loosely too. */
export const signInWithCodeSchema = signInSchema.extend({
  code: z
    .string()
    .max(64)
    .optional()
    .transform((value) => value?.trim() || undefined),
});

/** The code from the authenticator app that proves enrolment worked. */
export const twoFactorConfirmSchema = z.object({
  code: z
    .string({ error: "required" })
    .transform((value) => value.replace(/\s/g, ""))
    .pipe(
      z
        .string()
        .min(1, { error: "required" })
        .regex(/^\d{6}$/, { error: "totpCodeFormat" }),
    ),
});
export type TwoFactorConfirmInput = z.infer<typeof twoFactorConfirmSchema>;

/** Turning two-factor off, or making new recovery codes, asks for the password again (issue 6). */
export const passwordAgainSchema = z.object({
  password: z.string({ error: "required" }).min(1, { error: "required" }).max(1024, { error: "tooLong" }),
});
export type PasswordAgainInput = z.infer<typeof passwordAgainSchema>;

export const twoFactorRequirementSchema = z.object({ role: roleSchema, required: z.boolean() });
export type TwoFactorRequirementInput = z.infer<typeof twoFactorRequirementSchema>;

export const twoFactorResetSchema = z.object({ userId: z.uuid() });
export type TwoFactorResetInput = z.infer<typeof twoFactorResetSchema>;

/** An action that takes nothing accepts nothing: `{}`, and no stray field. */
export const emptySchema = z.strictObject({});
