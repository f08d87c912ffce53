import { isActionName, parseActionInput } from "@/lib/validation/action-inputs";

// What Passage's pages send to a server action, and nothing else. Each action takes one plain
// object (form values), so React's `encodeReply` sends it as a text/plain JSON body: an array of
// that one argument. React's decoder reads more: strings starting with "$" are references into a
// multipart body ("$@1" a promise, "$Q1" a Map, "$K1" FormData, "$0:x" an object seen before…), and
// a hand-made body whose references point nowhere makes it throw, which Next answers with a 500.
// Here such a body is refused with a 400 before Next decodes it, and an argument that its action's
// schema refuses for its shape (wrong types, unknown keys) gets a 422 (Next can give neither
// status from inside an action).

export type ActionCallRefusal =
  | { status: 400; body: { error: "Malformed request" } }
  | { status: 422; body: { error: "Invalid input"; fieldErrors: Record<string, string[]> } };

export const MALFORMED: ActionCallRefusal = { status: 400, body: { error: "Malformed request" } };

/** Form values are a few levels deep; this bounds the walk below (the body is at most 1 MiB). */
const MAX_DEPTH = 32;

/**
 * The "$" strings React's client writes for JSON-like values (`resolveToJSON` in
 * react-server-dom-*-client): anything else starting with "$" is a reference, which form values
 * never hold. "$undefined" inside an object means the key is absent, as React's decoder reads it.
 */
const SPECIAL_VALUES = new Map<string, unknown>([
  ["$undefined", undefined],
  ["$NaN", NaN],
  ["$Infinity", Infinity],
  ["$-Infinity", -Infinity],
  ["$-0", -0],
]);
/** A Date, written as "$D" and its `toJSON()`, which is always `toISOString()`. */
const DATE = /^\$D(?:[+-]\d{6}|\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** A bigint, written as "$n" and its decimal digits; React's decoder refuses more than 300 characters. */
const BIGINT = /^\$n(?=.{1,300}$)-?\d+$/;

const REFUSED = Symbol("refused");

function decodeString(value: string): unknown {
  if (!value.startsWith("$")) return value;
  if (value.startsWith("$$")) return value.slice(1);
  if (SPECIAL_VALUES.has(value)) return SPECIAL_VALUES.get(value);
  if (DATE.test(value)) {
    const time = Date.parse(value.slice(2));
    return Number.isNaN(time) ? REFUSED : new Date(time);
  }
  if (BIGINT.test(value)) return BigInt(value.slice(2));
  return REFUSED;
}

/** A JSON value as React's decoder would revive it, or REFUSED when our pages would never send it. */
function decodeValue(value: unknown, depth: number): unknown {
  if (typeof value === "string") return decodeString(value);
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return REFUSED;
  if (Array.isArray(value)) {
    const items = value.map((item) => decodeValue(item, depth + 1));
    return items.includes(REFUSED) ? REFUSED : items;
  }
  const decoded: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    // React drops such a key; our pages never send one, and assigning it below would set a prototype.
    if (key === "__proto__") return REFUSED;
    const revived = decodeValue(item, depth + 1);
    if (revived === REFUSED) return REFUSED;
    if (revived !== undefined) decoded[key] = revived;
  }
  return decoded;
}

/**
 * The one argument of a server-action call, decoded as React would decode it, when the body is what
 * Passage's pages send: text/plain JSON, an array holding one plain object, with no reference in it.
 * Anything else (multipart, other content types, other shapes, references) gives null.
 */
export function decodeActionArgument(contentType: string | null, body: string): Record<string, unknown> | null {
  if (!contentType?.toLowerCase().startsWith("text/plain")) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 1) return null;
  const [argument] = parsed as unknown[];
  if (argument === null || typeof argument !== "object" || Array.isArray(argument)) return null;
  const decoded = decodeValue(argument, 1);
  return decoded === REFUSED ? null : (decoded as Record<string, unknown>);
}

/**
 * Whether a server-action call is refused before Next sees it. `action` is the name the called id
 * is exported as in this build, when it is one of its actions and the input is to be checked;
 * without it only the body's shape is (an unknown id is Next's to answer: a 404).
 */
export function refuseActionCall(call: {
  contentType: string | null;
  body: string;
  action?: string;
}): ActionCallRefusal | null {
  const argument = decodeActionArgument(call.contentType, call.body);
  if (!argument) return MALFORMED;
  if (call.action === undefined || !isActionName(call.action)) return null;
  const parsed = parseActionInput(call.action, argument);
  // A value the form let through goes on to the action, whose answer the form shows by its field.
  if (parsed.ok || !parsed.tampered) return null;
  return { status: 422, body: { error: "Invalid input", fieldErrors: parsed.fieldErrors } };
}

/**
 * A multipart post to a page without the Next-Action header: how a form posts to a server action
 * without JavaScript (fields named `$ACTION_ID_…`), which React decodes into a FormData argument.
 * Passage's pages never post so (their forms call actions from script, with one object); the only
 * multipart posts are CSV imports, to POST /api/v1/import, and no route handler outside /api/ takes
 * posts.
 */
export function isFormPostToPage(request: {
  method: string;
  pathname: string;
  contentType: string | null;
  isAction: boolean;
}): boolean {
  return (
    request.method === "POST" &&
    !request.isAction &&
    !request.pathname.startsWith("/api/") &&
    Boolean(request.contentType?.toLowerCase().startsWith("multipart/form-data"))
  );
}
