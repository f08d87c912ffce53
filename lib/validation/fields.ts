import { z } from "zod";

// Building blocks shared by the record schemas. Messages are keys of the `validation` catalogue.

/** Optional free text: trimmed, empty becomes null, capped at `max` characters. */
export function optionalText(max: number) {
  return z
    .string()
    .trim()
    .max(max, { error: "tooLong" })
    .optional()
    .nullable()
    .transform((value) => value || null);
}

/** A required short text. */
export function requiredText(max: number) {
  return z.string({ error: "required" }).trim().min(1, { error: "required" }).max(max, { error: "tooLong" });
}

/** One of a controlled list, or empty (→ null) when the field is optional. */
export function optionalCode<const T extends readonly [string, ...string[]]>(codes: T) {
  return z
    .union([z.string(), z.null()], { error: "invalid" })
    .optional()
    .transform((value, ctx): T[number] | null => {
      if (!value) return null;
      if ((codes as readonly string[]).includes(value)) return value as T[number];
      ctx.addIssue({ code: "custom", message: "invalid" });
      return z.NEVER;
    });
}

/** Checkbox values arrive as booleans from forms and as "on"/"true" from plain posts. */
export const checkbox = z
  .union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
  .optional()
  .transform((value) => value === true || value === "on" || value === "true");

export const idSchema = z.uuid({ error: "invalid" });
export const versionSchema = z.coerce.number({ error: "invalid" }).int().min(1);

/** A list's "next page" cursor from the URL: opaque here, decoded by its list; a bad one is dropped. */
export const pageCursor = z.string().max(200).optional().catch(undefined);
