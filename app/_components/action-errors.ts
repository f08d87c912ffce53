import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import type { ActionResult } from "@/lib/auth/action";

const messageKeys = {
  unauthenticated: "signedOut",
  forbidden: "forbidden",
  invalid: "invalid",
  notFound: "notFound",
  conflict: "conflict",
  server: "server",
} as const;

/**
 * Puts a failed action's field errors on the form's fields and returns the key (in the `errors`
 * catalogue) of the message to show above the form.
 */
export function applyActionErrors<T extends FieldValues>(
  result: Extract<ActionResult<unknown>, { ok: false }>,
  setError?: UseFormSetError<T>,
): (typeof messageKeys)[keyof typeof messageKeys] {
  for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
    if (messages?.[0]) setError?.(field as Path<T>, { type: "server", message: messages[0] });
  }
  return messageKeys[result.error];
}
