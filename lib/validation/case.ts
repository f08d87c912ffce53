import { z } from "zod";
import { AGE_GROUP, NK_PROVINCE_CODES, SEX } from "@/lib/domain/enums";
import { checkbox, idSchema, optionalCode, optionalText, versionSchema } from "./fields";

export const MAX_ALIASES = 20;

/** Aliases arrive as one text field, one alias per line or separated by semicolons. */
const aliasesSchema = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) =>
    (Array.isArray(value) ? value : (value ?? "").split(/[\n;]/)).map((a) => a.trim()).filter(Boolean),
  )
  .pipe(z.array(z.string().max(200, { error: "tooLong" })).max(MAX_ALIASES, { error: "tooManyAliases" }));

const birthYearSchema = z
  .union([z.coerce.number().int({ error: "birthYearInvalid" }), z.literal(""), z.null()])
  .optional()
  .transform((value) => (value === "" || value === undefined ? null : value))
  .refine((value) => value === null || (value >= 1900 && value <= new Date().getUTCFullYear()), {
    error: "birthYearInvalid",
  });

export const caseSchema = z.object({
  fullName: optionalText(200),
  aliases: aliasesSchema,
  contact: optionalText(1_000),
  notes: optionalText(10_000),
  sex: z.enum(SEX, { error: "invalid" }),
  birthYear: birthYearSchema,
  ageGroup: z.enum(AGE_GROUP, { error: "invalid" }),
  originProvince: optionalCode(NK_PROVINCE_CODES),
  pregnant: checkbox,
  medicalNeeds: checkbox,
  frail: checkbox,
  consentToShare: checkbox,
});
export type CaseInput = z.infer<typeof caseSchema>;

export const caseUpdateSchema = caseSchema.extend({ id: idSchema, version: versionSchema });
export type CaseUpdateInput = z.infer<typeof caseUpdateSchema>;

export const caseDeleteSchema = z.object({ id: idSchema, version: versionSchema });
export type CaseDeleteInput = z.infer<typeof caseDeleteSchema>;
