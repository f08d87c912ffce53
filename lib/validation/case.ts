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

/** Empty means unknown; otherwise a whole year from 1900 to this year, typed or numeric. */
const birthYearSchema = z
  .union([z.string(), z.number(), z.null()], { error: "birthYearInvalid" })
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) return null;
    const year = typeof value === "number" ? value : Number(value.trim());
    if (Number.isInteger(year) && year >= 1900 && year <= new Date().getUTCFullYear()) return year;
    ctx.addIssue({ code: "custom", message: "birthYearInvalid" });
    return z.NEVER;
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

export const caseRestoreSchema = z.object({ id: idSchema });

/** The versions are those both cases had when the user decided (see lib/data/case-merge.ts). */
export const caseMergeSchema = z.object({
  survivorId: idSchema,
  duplicateId: idSchema,
  survivorVersion: z.number().int().min(1),
  duplicateVersion: z.number().int().min(1),
});
