import { z } from "zod";
import { caseSearchSchema } from "./case-list";
import { caseDeleteSchema, caseMergeSchema, caseRestoreSchema, caseSchema, caseUpdateSchema } from "./case";
import { eventDeleteSchema, eventSchema, eventUpdateSchema } from "./event";
import { organisationCreateSchema, organisationIdSchema, organisationRenameSchema } from "./organisation";
import { revokeShareSchema, shareSchema } from "./share";
import {
  attributionRemoveSchema,
  attributionSchema,
  attributionUpdateSchema,
  sourceDeleteSchema,
  sourceSchema,
  sourceUpdateSchema,
} from "./source";
import {
  emptySchema,
  twoFactorConfirmSchema,
  passwordAgainSchema,
  twoFactorRequirementSchema,
  twoFactorResetSchema,
} from "./two-factor";
import { passwordResetSchema, userActiveSchema, userCreateSchema, userRoleSchema } from "./user";

/**
 * The input schema of every server action, keyed by the name the action is exported as. It is the
 * one source for both readers: the action's wrapper (lib/auth/action.ts, lib/auth/account-action.ts)
 * parses with it, and proxy.ts refuses input of a shape no form sends with a 422 before Next decodes it.
 * e2e/actions.spec.ts checks these names against the build's actions.
 */
export const ACTION_INPUTS = {
  // app/(staff)/cases/actions.ts
  createCaseAction: caseSchema,
  updateCaseAction: caseUpdateSchema,
  deleteCaseAction: caseDeleteSchema,
  restoreCaseAction: caseRestoreSchema,
  mergeCasesAction: caseMergeSchema,
  // app/(staff)/events/actions.ts
  createEventAction: eventSchema,
  updateEventAction: eventUpdateSchema,
  deleteEventAction: eventDeleteSchema,
  searchCasesAction: caseSearchSchema,
  // app/(staff)/sources/actions.ts
  createSourceAction: sourceSchema,
  updateSourceAction: sourceUpdateSchema,
  deleteSourceAction: sourceDeleteSchema,
  addAttributionAction: attributionSchema,
  updateAttributionAction: attributionUpdateSchema,
  removeAttributionAction: attributionRemoveSchema,
  // app/(staff)/shares/actions.ts
  shareCasesAction: shareSchema,
  revokeShareAction: revokeShareSchema,
  // app/(staff)/admin/users/actions.ts
  createUserAction: userCreateSchema,
  changeUserRoleAction: userRoleSchema,
  setUserActiveAction: userActiveSchema,
  resetUserPasswordAction: passwordResetSchema,
  setTwoFactorRequirementAction: twoFactorRequirementSchema,
  resetTwoFactorAction: twoFactorResetSchema,
  // app/(staff)/admin/organisations/actions.ts
  createOrganisationAction: organisationCreateSchema,
  renameOrganisationAction: organisationRenameSchema,
  deactivateOrganisationAction: organisationIdSchema,
  reactivateOrganisationAction: organisationIdSchema,
  // app/account/actions.ts
  confirmTwoFactorAction: twoFactorConfirmSchema,
  disableTwoFactorAction: passwordAgainSchema,
  renewRecoveryCodesAction: passwordAgainSchema,
  signOutEverywhereAction: emptySchema,
} as const satisfies Record<string, z.ZodType>;

export type ActionName = keyof typeof ACTION_INPUTS;
export type ActionInput<A extends ActionName> = z.output<(typeof ACTION_INPUTS)[A]>;

export function isActionName(name: string): name is ActionName {
  return Object.hasOwn(ACTION_INPUTS, name);
}

/**
 * Field errors are keyed by top-level field; the messages are keys of the `validation` catalogue.
 * `tampered`: the input has a shape no form sends (a wrong type, an unknown key), as opposed to a
 * value the form's own check let through and the server's refused (a date the browser's clock took
 * for today), which the form shows next to its field.
 */
export type ParsedActionInput<A extends ActionName> =
  { ok: true; data: ActionInput<A> } | { ok: false; fieldErrors: Record<string, string[]>; tampered: boolean };

/**
 * Zod issues that only a hand-made request can cause: the forms send every field, with its type,
 * and choose enum values from lists ("invalid_value" is also how zod reports a missing one).
 */
const SHAPE_ISSUES = new Set([
  "invalid_type",
  "invalid_value",
  "unrecognized_keys",
  "invalid_union",
  "invalid_key",
  "invalid_element",
]);

/** Parses one action's input with its schema: the same verdict for the wrapper and the proxy. */
export function parseActionInput<A extends ActionName>(action: A, input: unknown): ParsedActionInput<A> {
  const schema: z.ZodType = ACTION_INPUTS[action];
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data as ActionInput<A> };
  return {
    ok: false,
    fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
    tampered: parsed.error.issues.some((issue) => SHAPE_ISSUES.has(issue.code)),
  };
}
