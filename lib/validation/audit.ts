import { z } from "zod";

const day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);

/**
 * The audit log's filters as they appear in the URL (page and CSV export). A bookmarked URL with a
 * value that is no longer valid still opens: the bad filter is dropped rather than failing the page.
 * - `actor`: an account's email or user id;
 * - `action`: a prefix of the dotted action (`auth.` or `auth.sign_in`);
 * - `entityType` (+ `entityId`): one kind of record, or one record's whole history; an id without a
 *   type is ignored, since only the pair is indexed;
 * - `from`/`to`: days, inclusive, in UTC;
 * - `after`: the keyset cursor, the id of the last entry of the previous page.
 */
export const auditFilterSchema = z.object({
  actor: z.string().trim().toLowerCase().min(1).max(254).optional().catch(undefined),
  action: z
    .string()
    .trim()
    .regex(/^[a-z0-9_.]{1,100}$/)
    .optional()
    .catch(undefined),
  entityType: z
    .string()
    .trim()
    .regex(/^[a-z0-9_.]{1,50}$/)
    .optional()
    .catch(undefined),
  entityId: z.string().trim().min(1).max(200).optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  after: z
    .string()
    .regex(/^[1-9]\d{0,17}$/)
    .optional()
    .catch(undefined),
});
export type AuditFilters = z.infer<typeof auditFilterSchema>;

/** Parses URL search params (first value of each, empty strings as absent) into filters. */
export function parseAuditFilters(raw: Record<string, string | string[] | undefined>): AuditFilters {
  return auditFilterSchema.parse(
    Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, (Array.isArray(v) ? v[0] : v) || undefined])),
  );
}
