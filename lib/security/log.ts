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
