import { z } from "zod";

// Messages are keys into the `validation` namespace of the message catalogue.

export const ORGANISATION_NAME_MAX = 200;

/** A display name: NFC, trimmed, inner runs of whitespace as one space, so look-alikes cannot coexist. */
export const organisationNameSchema = z
  .string({ error: "required" })
  .transform((value) => value.normalize("NFC").replace(/\s+/g, " ").trim())
  .pipe(z.string().min(1, { error: "required" }).max(ORGANISATION_NAME_MAX, { error: "tooLong" }));

export const organisationCreateSchema = z.object({ name: organisationNameSchema });
export type OrganisationCreateInput = z.infer<typeof organisationCreateSchema>;

export const organisationRenameSchema = z.object({ organisationId: z.uuid(), name: organisationNameSchema });
export type OrganisationRenameInput = z.infer<typeof organisationRenameSchema>;

export const organisationIdSchema = z.object({ organisationId: z.uuid() });
export type OrganisationIdInput = z.infer<typeof organisationIdSchema>;

/** The activity log's keyset cursor in the URL: the id of the last entry shown. Bad values are dropped. */
export const activityCursorSchema = z
  .string()
  .regex(/^[1-9]\d{0,17}$/)
  .optional()
  .catch(undefined);
