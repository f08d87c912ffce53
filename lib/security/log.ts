/**
 * What a server log may say about a failure: the error's class and, for database errors, its code
 * (`P2002`, `23505`). Never its message: Prisma and PostgreSQL messages can quote the values of a
 * row (a person's name), and logs leave the protection of the database.
 */
export function errorSummary(error: unknown): string {
  if (!(error instanceof Error)) return "non-error thrown";
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && /^[A-Z0-9_]{1,12}$/i.test(code) ? `${error.name} ${code}` : error.name;
}

/**
 * Arguments of a console call with every Error replaced by its summary. Next.js logs uncaught
 * errors of pages and actions with their message and stack; this keeps those lines to ids and
 * classes too. Digests (Next's ids for an error, shown to the user) are kept.
 */
export function redactLogArguments(args: readonly unknown[]): unknown[] {
  return args.map((arg) => {
    if (!(arg instanceof Error)) return arg;
    const digest = (arg as { digest?: unknown }).digest;
    return typeof digest === "string" ? `${errorSummary(arg)} (digest ${digest})` : errorSummary(arg);
  });
}

/** Makes console.error and console.warn log error summaries only (production servers). */
export function redactConsoleErrors(target: Pick<Console, "error" | "warn"> = console): void {
  for (const method of ["error", "warn"] as const) {
    const original = target[method].bind(target);
    target[method] = (...args: unknown[]) => original(...redactLogArguments(args));
  }
}
