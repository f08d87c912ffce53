import "server-only";
import { z } from "zod";
import { RuleViolationError, ConflictError } from "@/lib/data/errors";
import type { Actor } from "@/lib/domain/actor";
import type { ActionResult } from "./action";
import { getSessionState } from "./actor";

/**
 * The wrapper for actions on one's own account (two-factor, sign out everywhere): session → zod
 * parse → run, like `defineAction`, with two differences. There is no permission to check, since
 * every signed-in user manages their own account and the data layer acts only on the actor's id;
 * and a user who must still enrol in two-factor is let through, since enrolling is what they must do.
 */
export function defineAccountAction<S extends z.ZodType, T>(options: {
  name: string;
  schema: S;
  run: (actor: Actor, input: z.output<S>) => Promise<T>;
}): (input: unknown) => Promise<ActionResult<T>> {
  return async (input) => {
    const state = await getSessionState();
    if (!state) return { ok: false, error: "unauthenticated" };
    const parsed = options.schema.safeParse(input);
    if (!parsed.success) {
      return {
        ok: false,
        error: "invalid",
        fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
      };
    }
    try {
      return { ok: true, data: await options.run(state.actor, parsed.data) };
    } catch (error) {
      if (error instanceof RuleViolationError) return { ok: false, error: "invalid", fieldErrors: error.fieldErrors };
      if (error instanceof ConflictError) return { ok: false, error: "conflict" };
      console.error(`action ${options.name} failed`, error instanceof Error ? error.name : "unknown error");
      return { ok: false, error: "server" };
    }
  };
}
