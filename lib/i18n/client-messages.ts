import { messages } from "./messages";

/**
 * The namespaces client components read; client-messages.test.ts keeps the list complete. Only
 * these are sent to the browser with every page (the rest, about a quarter, stays on the server).
 */
export const CLIENT_NAMESPACES = [
  "validation",
  "errors",
  "login",
  "account",
  "cases",
  "events",
  "sources",
  "attributions",
  "import",
  "shares",
  "organisations",
  "users",
  "roles",
  "sexes",
  "ageGroups",
  "eventTypes",
  "countries",
] as const;

export const clientMessages = Object.fromEntries(CLIENT_NAMESPACES.map((ns) => [ns, messages[ns]])) as Pick<
  typeof messages,
  (typeof CLIENT_NAMESPACES)[number]
>;
