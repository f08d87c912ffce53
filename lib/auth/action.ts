import "server-only";
import { recordAudit } from "@/lib/data/audit";
import { AccessDeniedError, ConflictError, NotFoundError, RuleViolationError } from "@/lib/data/errors";
import type { Actor } from "@/lib/domain/actor";
import { can, type Permission } from "@/lib/domain/policy";
import { errorSummary } from "@/lib/security/log";
import { parseActionInput, type ActionInput, type ActionName } from "@/lib/validation/action-inputs";
import { getCurrentActor } from "./actor";

export type ActionError = "unauthenticated" | "forbidden" | "invalid" | "notFound" | "conflict" | "server";

/** What every server action returns. `fieldErrors` values are keys of the `validation` catalogue. */
export type ActionResult<T> =
  { ok: true; data: T } | { ok: false; error: ActionError; fieldErrors?: Record<string, string[]>; current?: unknown };

/**
 * The one wrapper for server actions (STYLE.md rule 4): session → permission → zod parse → run.
 * Actions can be POSTed directly, so none relies on the page that shows it having checked anything.
 * `action` is the name the action is exported as, which picks its schema in
 * lib/validation/action-inputs.ts; `options.name` is what the audit log records.
 */
export function defineAction<A extends ActionName, T>(
  action: A,
  options: {
    name: string;
    permission: Permission;
    run: (actor: Actor, input: ActionInput<A>) => Promise<T>;
  },
): (input: unknown) => Promise<ActionResult<T>> {
  return async (input) => {
    const actor = await getCurrentActor();
    if (!actor) return { ok: false, error: "unauthenticated" };
    if (!can(actor.role, options.permission)) {
      await recordAudit({
        actor,
        action: options.name,
        outcome: "DENIED",
        details: { permission: options.permission },
      });
      return { ok: false, error: "forbidden" };
    }
    const parsed = parseActionInput(action, input);
    if (!parsed.ok) return { ok: false, error: "invalid", fieldErrors: parsed.fieldErrors };
    try {
      return { ok: true, data: await options.run(actor, parsed.data) };
    } catch (error) {
      if (error instanceof RuleViolationError) return { ok: false, error: "invalid", fieldErrors: error.fieldErrors };
      if (error instanceof AccessDeniedError) return { ok: false, error: "forbidden" };
      if (error instanceof NotFoundError) return { ok: false, error: "notFound" };
      if (error instanceof ConflictError) return { ok: false, error: "conflict", current: error.current };
      console.error(`action ${options.name} failed`, errorSummary(error));
      return { ok: false, error: "server" };
    }
  };
}
