import { z } from "zod";
import { ROLES } from "@/lib/domain/policy";

// Messages are keys into the `validation` namespace of the message catalogue.

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

/** 12 to 256 characters of any script, counted as people count them (code points, after NFC). */
export const passwordSchema = z
  .string({ error: "required" })
  .transform((value) => value.normalize("NFC"))
  .refine((value) => [...value].length >= PASSWORD_MIN, { error: "passwordTooShort" })
  .refine((value) => [...value].length <= PASSWORD_MAX, { error: "passwordTooLong" })
  .refine((value) => new Set(value).size > 2, { error: "passwordTooSimple" });

export const emailSchema = z
  .string({ error: "required" })
  .trim()
  .toLowerCase()
  .max(254, { error: "emailInvalid" })
  .pipe(z.email({ error: "emailInvalid" }));

export const roleSchema = z.enum(ROLES, { error: "roleInvalid" });

const organisationIdSchema = z
  .union([z.uuid({ error: "organisationRequired" }), z.literal(""), z.null()])
  .optional()
  .transform((value) => value || null);

function partnerHasOrganisation(value: { role: string; organisationId: string | null }) {
  return value.role !== "PARTNER" || value.organisationId !== null;
}

export const userCreateSchema = z
  .object({
    name: z.string().trim().min(1, { error: "required" }).max(200, { error: "tooLong" }),
    email: emailSchema,
    role: roleSchema,
    organisationId: organisationIdSchema,
    password: passwordSchema,
  })
  .refine(partnerHasOrganisation, { error: "organisationRequired", path: ["organisationId"] });
export type UserCreateInput = z.infer<typeof userCreateSchema>;

export const userRoleSchema = z
  .object({ userId: z.uuid(), role: roleSchema, organisationId: organisationIdSchema })
  .refine(partnerHasOrganisation, { error: "organisationRequired", path: ["organisationId"] });
export type UserRoleInput = z.infer<typeof userRoleSchema>;

export const userActiveSchema = z.object({ userId: z.uuid(), active: z.boolean() });
export type UserActiveInput = z.infer<typeof userActiveSchema>;

export const passwordResetSchema = z.object({ userId: z.uuid(), password: passwordSchema });
export type PasswordResetInput = z.infer<typeof passwordResetSchema>;

/** Sign-in is checked loosely: every failure gets the same generic message. */
export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().min(1).max(320),
  password: z.string().min(1).max(1024),
});
