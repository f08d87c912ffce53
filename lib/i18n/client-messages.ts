import { messages } from "./messages";

/**
 * The message namespaces sent to the browser, per part of the app: exactly what the client
 * components of that part read (client-messages.test.ts follows the imports of every page and keeps
 * each list exact). Server components read every message on the server; a page carries only these,
 * not the whole catalogue, which would be about a quarter of a case list's size (pages are not compressed).
 * `root` is the root layout's; the layouts of the other parts replace it (app/_components/client-messages.tsx).
 */
export const CLIENT_MESSAGE_SCOPES = {
  root: ["errors"],
  login: ["login", "validation"],
  account: ["account", "errors", "validation"],
  caseList: ["errors", "shares", "validation"],
  caseRecord: ["ageGroups", "cases", "errors", "sexes", "shares", "validation"],
  eventRecord: ["attributions", "countries", "errors", "eventTypes", "events", "validation"],
  sourceRecord: ["errors", "sources", "validation"],
  import: ["errors", "import", "validation"],
  shares: ["errors", "shares"],
  users: ["errors", "roles", "users", "validation"],
  organisations: ["errors", "organisations", "validation"],
} as const satisfies Record<string, readonly string[]>;

export type ClientMessageScope = keyof typeof CLIENT_MESSAGE_SCOPES;

const picked = Object.fromEntries(
  Object.entries(CLIENT_MESSAGE_SCOPES).map(([scope, namespaces]) => [
    scope,
    Object.fromEntries(namespaces.map((namespace) => [namespace, messages[namespace]])),
  ]),
) as Record<ClientMessageScope, typeof messages>;

/** The messages a scope sends to the browser. */
export const clientMessagesFor = (scope: ClientMessageScope) => picked[scope];
