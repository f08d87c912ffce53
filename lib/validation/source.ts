import { z } from "zod";
import { RELIABILITY, SOURCE_KIND } from "@/lib/domain/enums";
import { fuzzyDateFromBounds, parseFuzzyDate, toFuzzyDateInput } from "@/lib/domain/fuzzy-date";
import { formatPeopleCount, parsePeopleCount } from "@/lib/domain/people-count";

// Messages are keys into the `validation` namespace (lib/i18n/messages/en/sources.json).
// Every schema accepts its own output, because the form parses once and the action again.

export const SOURCE_TITLE_MAX = 500;
export const SOURCE_PUBLISHER_MAX = 200;
export const SOURCE_URL_MAX = 2000;
export const EXCERPT_MAX = 5000;
export const CREDIBILITY = [1, 2, 3, 4, 5, 6] as const;

/**
 * A refused duplicate source answers `fieldErrors[EXISTING_SOURCE_FIELD] = [id]` beside the
 * `sourceExists` message, so that the form can link to the source that already exists.
 */
export const EXISTING_SOURCE_FIELD = "existingSourceId";

/** Trimmed text, or null when empty or missing. */
const optionalText = z
  .union([z.string(), z.null()])
  .optional()
  .transform((value) => value?.trim() || null);

/** True for an absolute http(s) URL: the only kind Passage stores or renders as a link. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** Only http(s): a stored `javascript:` or `data:` URL would run when someone clicks it. */
const urlSchema = optionalText.pipe(
  z
    .string()
    .max(SOURCE_URL_MAX, { error: "tooLong" })
    .refine(isHttpUrl, { error: "sourceUrlInvalid" })
    // Percent-encoding can lengthen what was typed; the stored key must stay within bounds.
    .refine((value) => !isHttpUrl(value) || new URL(value).href.length <= SOURCE_URL_MAX, { error: "tooLong" })
    .nullable(),
);

const publishedOnSchema = optionalText.pipe(
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "sourcePublishedOnInvalid", abort: true })
    .refine((value) => fuzzyDateFromBounds(value, value).ok, { error: "sourcePublishedOnInvalid" })
    .nullable(),
);

export const sourceSchema = z.object({
  kind: z.enum(SOURCE_KIND, { error: "sourceKindInvalid" }),
  title: z
    .string({ error: "required" })
    .trim()
    .min(1, { error: "required" })
    .max(SOURCE_TITLE_MAX, { error: "tooLong" }),
  publisher: optionalText.pipe(z.string().max(SOURCE_PUBLISHER_MAX, { error: "tooLong" }).nullable()),
  url: urlSchema,
  publishedOn: publishedOnSchema,
  reliability: z.enum(RELIABILITY, { error: "sourceReliabilityInvalid" }),
  confidential: z.boolean({ error: "invalid" }),
});
export type SourceInput = z.infer<typeof sourceSchema>;

const versionSchema = z.number({ error: "invalid" }).int().min(1);

export const sourceUpdateSchema = sourceSchema.extend({ id: z.uuid(), version: versionSchema });
export type SourceUpdateInput = z.infer<typeof sourceUpdateSchema>;

export const sourceDeleteSchema = z.object({ id: z.uuid(), version: versionSchema });
export type SourceDeleteInput = z.infer<typeof sourceDeleteSchema>;

/** "about 60" and "60 or so" are stored the same way: the canonical text of the parsed count. */
const claimedCountSchema = optionalText.transform((value, ctx) => {
  if (value === null) return null;
  const parsed = parsePeopleCount(value);
  if (parsed.ok) return formatPeopleCount(parsed.value);
  ctx.issues.push({ code: "custom", message: "attributionCountInvalid", input: value });
  return z.NEVER;
});

/** Stored as the canonical input text (`2017-07..2017-08`), which reads back to the same date. */
const claimedDateSchema = optionalText.transform((value, ctx) => {
  if (value === null) return null;
  const parsed = parseFuzzyDate(value);
  if (parsed.ok) return toFuzzyDateInput(parsed.value);
  ctx.issues.push({ code: "custom", message: "attributionDateInvalid", input: value });
  return z.NEVER;
});

const claimFields = {
  /** Admiralty scale for information: 1 confirmed … 5 improbable, 6 cannot be judged. */
  credibility: z
    .number({ error: "attributionCredibilityInvalid" })
    .int({ error: "attributionCredibilityInvalid" })
    .min(1, { error: "attributionCredibilityInvalid" })
    .max(6, { error: "attributionCredibilityInvalid" }),
  claimedCount: claimedCountSchema,
  claimedDate: claimedDateSchema,
  excerpt: optionalText.pipe(z.string().max(EXCERPT_MAX, { error: "tooLong" }).nullable()),
};

/** Adds the bounds of the claimed count (`claimedHigh` null for "at least 41"). */
function withClaimedBounds<T extends { claimedCount: string | null }>(value: T) {
  const parsed = value.claimedCount === null ? null : parsePeopleCount(value.claimedCount);
  const count = parsed?.ok ? parsed.value : null;
  return { ...value, claimedLow: count?.low ?? null, claimedHigh: count?.high ?? null };
}

export const attributionSchema = z
  .object({
    eventId: z.uuid({ error: "invalid" }),
    sourceId: z.uuid({ error: "attributionSourceRequired" }),
    ...claimFields,
  })
  .transform(withClaimedBounds);
export type AttributionInput = z.output<typeof attributionSchema>;

export const attributionUpdateSchema = z
  .object({ id: z.uuid(), version: versionSchema, ...claimFields })
  .transform(withClaimedBounds);
export type AttributionUpdateInput = z.output<typeof attributionUpdateSchema>;

/** Remove carries the version the writer saw, so a claim changed meanwhile is not removed unseen. */
export const attributionRemoveSchema = z.object({ id: z.uuid(), version: versionSchema });
export type AttributionRemoveInput = z.infer<typeof attributionRemoveSchema>;
