import "server-only";
import { RuleViolationError, ConflictError } from "@/lib/data/errors";
import type { Actor } from "@/lib/domain/actor";
import { errorSummary } from "@/lib/security/log";
import { parseActionInput, type ActionInput, type ActionName } from "@/lib/validation/action-inputs";
import type { ActionResult } from "./action";
import { getSessionState } from "./actor";

/**
 * The wrapper for actions on one's own account (two-factor, sign out everywhere): session → zod
 * parse → run, like `defineAction` (and named like it), with two differences. There is no
 * permission to check, since every signed-in user manages their own account and the data layer acts
 * only on the actor's id; and a user who must still enrol in two-factor is let through, since
 * enrolling is what they must do.
 */
export function defineAccountAction<A extends ActionName, T>(
  action: A,
  options: {
    name: string;
    /** `session` is the request's own session (user_sessions id), for actions that end the others. */
    run: (actor: Actor, input: ActionInput<A>, session: { id: string | null }) => Promise<T>;
  },
): (input: unknown) => Promise<ActionResult<T>> {
  return async (input) => {
    const state = await getSessionState();
    if (!state) return { ok: false, error: "unauthenticated" };
    const parsed = parseActionInput(action, input);
    if (!parsed.ok) return { ok: false, error: "invalid", fieldErrors: parsed.fieldErrors };
    try {
      return { ok: true, data: await options.run(state.actor, parsed.data, { id: state.sessionId }) };
    } catch (error) {
      if (error instanceof RuleViolationError) return { ok: false, error: "invalid", fieldErrors: error.fieldErrors };
      if (error instanceof ConflictError) return { ok: false, error: "conflict" };
      console.error(`action ${options.name} failed`, errorSummary(error));
      return { ok: false, error: "server" };
    }
  };
}
