import { z } from "zod";
import { CN_PROVINCE_CODES, EVENT_TYPE, NK_PROVINCE_CODES } from "@/lib/domain/enums";
import { parseFuzzyDate } from "@/lib/domain/fuzzy-date";
import { parsePeopleCount } from "@/lib/domain/people-count";
import { idSchema, optionalText, versionSchema } from "./fields";

export const MAX_PARTICIPANTS = 500;

/** Countries offered in the event form; any other ISO 3166 code can be typed. */
export const EVENT_COUNTRIES = ["CN", "KP", "RU", "MN", "VN", "LA", "TH", "KR"] as const;

/** "2017-07-14", "2017-07", "2017", "2017-07..2017-08", "about 2017": see lib/domain/fuzzy-date.ts. */
const fuzzyDateField = z
  .string({ error: "required" })
  .trim()
  .min(1, { error: "required" })
  .max(100, { error: "tooLong" })
  .transform((value, ctx) => {
    const parsed = parseFuzzyDate(value);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: "custom", message: parsed.error });
    return z.NEVER;
  });

/** "41", "500-600", "about 60", "at least 41"; empty means nobody unidentified. */
const peopleField = z
  .string()
  .trim()
  .max(100, { error: "tooLong" })
  .optional()
  .transform((value, ctx) => {
    if (!value) return { low: 0, high: 0 as number | null, approximate: false };
    const parsed = parsePeopleCount(value);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: "custom", message: parsed.error });
    return z.NEVER;
  });

export const eventSchema = z
  .object({
    type: z.enum(EVENT_TYPE, { error: "invalid" }),
    date: fuzzyDateField,
    country: z
      .union([
        z
          .string()
          .trim()
          .toUpperCase()
          .regex(/^[A-Z]{2}$/, { error: "countryInvalid" }),
        z.literal(""),
      ])
      .optional()
      .transform((value) => value || null),
    province: z
      .string()
      .trim()
      .max(40)
      .optional()
      .transform((value) => value || null),
    place: optionalText(200),
    facility: optionalText(200),
    people: peopleField,
    participantIds: z.array(idSchema).max(MAX_PARTICIPANTS, { error: "tooManyParticipants" }).default([]),
    description: optionalText(10_000),
  })
  .superRefine((value, ctx) => {
    if (!value.province) return;
    const allowed: readonly string[] =
      value.country === "CN" ? CN_PROVINCE_CODES : value.country === "KP" ? NK_PROVINCE_CODES : [];
    if (!allowed.includes(value.province))
      ctx.addIssue({ code: "custom", path: ["province"], message: "provinceInvalid" });
  });
export type EventInput = z.infer<typeof eventSchema>;
export type EventFormValues = z.input<typeof eventSchema>;

export const eventUpdateSchema = eventSchema.and(z.object({ id: idSchema, version: versionSchema }));
export type EventUpdateInput = z.infer<typeof eventUpdateSchema>;

export const eventDeleteSchema = z.object({ id: idSchema, version: versionSchema });
