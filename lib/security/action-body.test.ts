import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { decodeActionArgument, isFormPostToPage, refuseActionCall } from "./action-body";

// The encoder the browser runs when a page calls an action (Next's copy of React's client), so the
// tests below hold against what React really sends, and fail if a React upgrade changes it.
const { encodeReply } = createRequire(import.meta.url)(
  "next/dist/compiled/react-server-dom-turbopack/client.node.js",
) as { encodeReply: (args: unknown[]) => Promise<string | FormData> };

const TEXT = "text/plain;charset=UTF-8";
/** React writes an object met twice in one argument as a reference to the first ("$0:0:x"). */
const shared = { a: 1 };

describe("decodeActionArgument", () => {
  it("reads form values as React's client encodes them, with a leading $ typed by the user", async () => {
    const values = {
      fullName: "$Q1",
      notes: "$$ and $@0",
      aliases: ["$1:x", "plain"],
      sex: "F",
      birthYear: 1990,
      consentToShare: true,
      contact: null,
      nested: { deeper: ["$undefined", "$"] },
    };
    const body = await encodeReply([values]);
    expect(typeof body).toBe("string");
    expect(decodeActionArgument(TEXT, body as string)).toEqual(values);
  });

  it("revives what React writes for undefined, dates, non-finite numbers, -0 and bigints", async () => {
    const values = {
      left: undefined,
      list: [undefined, 1],
      at: new Date("2017-07-14T10:00:00.000Z"),
      far: new Date("+020000-01-01T00:00:00.000Z"),
      notANumber: NaN,
      up: Infinity,
      down: -Infinity,
      negativeZero: -0,
      big: -12345678901234567890n,
    };
    const decoded = decodeActionArgument(TEXT, (await encodeReply([values])) as string);
    expect(decoded).not.toHaveProperty("left");
    expect(decoded).toEqual({ ...values, left: undefined });
    expect(Object.is(decoded?.negativeZero, -0)).toBe(true);
  });

  it.each([
    ["a Map", { m: new Map([[1, 2]]) }],
    ["a Set", { s: new Set([1]) }],
    ["an object sent twice", { x: shared, y: shared }],
    ["a Blob", { file: new Blob(["x"]) }],
    ["a promise", { later: Promise.resolve(1) }],
  ])("refuses what React sends for %s, which no form value is", async (_, value) => {
    const body = await encodeReply([value]);
    const text = typeof body === "string" ? body : String(body.get("0"));
    expect(decodeActionArgument(TEXT, text)).toBeNull();
  });

  it.each([
    "$Q1",
    "$@0",
    "$abc",
    "$1:x",
    "$K1",
    "$h1",
    "$T",
    "$Infinityx",
    "$undefinedx",
    "$D2017-07-14",
    "$n1.5",
    "$",
  ])("refuses the hand-made reference %j anywhere in the argument", (tampered) => {
    for (const argument of [{ fullName: tampered }, { aliases: ["ok", tampered] }, { a: { b: tampered } }]) {
      expect(decodeActionArgument(TEXT, JSON.stringify([argument]))).toBeNull();
    }
  });

  it("refuses an impossible date that only a hand-made body holds", () => {
    expect(decodeActionArgument(TEXT, JSON.stringify([{ at: "$D2017-13-45T00:00:00.000Z" }]))).toBeNull();
  });

  it.each([
    ["not JSON", "{{{{ not json"],
    ["no argument", "[]"],
    ["two arguments", '[{"a":1},{"b":2}]'],
    ["a string argument", '["not an object"]'],
    ["an array argument", "[[1]]"],
    ["a null argument", "[null]"],
    ["an object instead of the list", '{"0":{"a":1}}'],
    ["a reference as the argument", '["$@1"]'],
    ["a __proto__ key", '[{"__proto__":{"polluted":true}}]'],
    ["nesting past any form", `[{"a":${"[".repeat(40)}${"]".repeat(40)}}]`],
  ])("refuses %s", (_, body) => {
    expect(decodeActionArgument(TEXT, body)).toBeNull();
  });

  it("takes text/plain only: multipart and other bodies are not what the pages send", () => {
    const body = JSON.stringify([{ q: "x" }]);
    expect(decodeActionArgument("text/plain", body)).toEqual({ q: "x" });
    for (const type of ["application/json", "multipart/form-data; boundary=x", "text/x-component", null]) {
      expect(decodeActionArgument(type, body)).toBeNull();
    }
  });
});

describe("refuseActionCall", () => {
  const call = (argument: unknown, action?: string) =>
    refuseActionCall({ contentType: TEXT, body: JSON.stringify([argument]), action });

  it("answers 400 for a body of the wrong shape, known action or not", () => {
    expect(refuseActionCall({ contentType: TEXT, body: '["$Q1"]', action: "createCaseAction" })?.status).toBe(400);
    expect(refuseActionCall({ contentType: TEXT, body: "garbage" })?.status).toBe(400);
  });

  it("answers 422 with the schema's field errors when the action's schema refuses the input", () => {
    expect(call({ fullName: { nested: 1 }, sex: 42 }, "createCaseAction")).toEqual({
      status: 422,
      body: {
        error: "Invalid input",
        fieldErrors: { fullName: [expect.any(String)], sex: ["invalid"], ageGroup: ["invalid"] },
      },
    });
  });

  it("lets a well-typed value the schema refuses through to the action, which answers by the field", () => {
    expect(call({ id: "not-a-uuid" }, "restoreCaseAction")).toBeNull();
    expect(call({ fullName: "x".repeat(100_000), sex: "F", ageGroup: "ADULT" }, "createCaseAction")).toBeNull();
  });

  it("lets valid input through, $-escaped strings unescaped before the schema reads them", () => {
    expect(call({ fullName: "$$Q1", sex: "F", ageGroup: "ADULT" }, "createCaseAction")).toBeNull();
    expect(call({ q: "$$" }, "searchCasesAction")).toBeNull();
    expect(call({ q: "$" }, "searchCasesAction")?.status).toBe(400);
  });

  it("leaves a well-shaped call to an id that is no action of this build to Next", () => {
    expect(call({ anything: 1 })).toBeNull();
    expect(call({ anything: 1 }, "toString")).toBeNull();
  });

  it("refuses a stray field on an action that takes nothing", () => {
    expect(call({}, "signOutEverywhereAction")).toBeNull();
    expect(call({ stray: 1 }, "signOutEverywhereAction")?.status).toBe(422);
  });
});

describe("isFormPostToPage", () => {
  const post = (pathname: string, contentType: string | null, isAction = false) =>
    isFormPostToPage({ method: "POST", pathname, contentType, isAction });

  it("spots a no-script form post to a page, which is how a FormData argument reaches an action", () => {
    expect(post("/cases/new", "multipart/form-data; boundary=----x")).toBe(true);
    expect(post("/login", "Multipart/Form-Data; boundary=x")).toBe(true);
  });

  it("leaves the import upload, sign-in posts, action calls and other requests alone", () => {
    expect(post("/api/v1/import", "multipart/form-data; boundary=x")).toBe(false);
    expect(post("/api/auth/callback/credentials", "application/x-www-form-urlencoded")).toBe(false);
    expect(post("/cases/new", "multipart/form-data; boundary=x", true)).toBe(false);
    expect(post("/cases/new", "text/plain")).toBe(false);
    expect(isFormPostToPage({ method: "GET", pathname: "/cases", contentType: null, isAction: false })).toBe(false);
  });
});
