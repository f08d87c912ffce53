import type { APIRequestContext } from "@playwright/test";
import { ACTION_INPUTS } from "../lib/validation/action-inputs";
import { actionsInSource, serverActions } from "./fixtures/attack";
import { expect, test } from "./fixtures/auth";
import { database, unique } from "./fixtures/factories";

// Server actions can be POSTed directly, bypassing the forms. Whatever arrives, nothing crashes and
// nothing is written: a body the pages would never send gets a 400, an input the action's schema
// refuses a 422 (proxy.ts, lib/security/action-body.ts), and the action itself checks both again.

/** The id Next gave an exported server action in this build. */
function actionId(exportedName: string): string {
  const id = serverActions().find((action) => action.name === exportedName)?.id;
  if (!id) throw new Error(`no server action ${exportedName} in this build`);
  return id;
}

const ACTION_HEADERS = { "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" };

/** POSTs a body to createCaseAction from its own page, as a hand-made call would. */
function postToCreateCase(request: APIRequestContext, body: string, headers: Record<string, string> = ACTION_HEADERS) {
  return request.post("/cases/new", {
    headers: { "Next-Action": actionId("createCaseAction"), ...headers },
    data: body,
    maxRedirects: 0,
  });
}

/** Cases whose name or aliases hold the marker (search_text is both, in lower case). */
const casesNamed = async (marker: string) =>
  (await database().query("SELECT 1 FROM cases WHERE search_text LIKE $1", [`%${marker}%`])).rows;

test("the action input registry and the build name the same actions", () => {
  const registered = Object.keys(ACTION_INPUTS).sort();
  // The build lists the actions some page imports; the registry every exported one.
  const built = serverActions().map((action) => action.name);
  expect(
    built.filter((name) => !registered.includes(name)),
    "built actions without a schema",
  ).toEqual([]);
  expect(registered, "registry entries that are no action").toEqual([...new Set(actionsInSource())].sort());
});

test("input of the wrong type is refused with 422 and the schema's field errors", async ({ page, signedInAs }) => {
  await signedInAs("EDITOR");
  const marker = unique("tampered");
  const response = await postToCreateCase(
    page.request,
    JSON.stringify([{ fullName: { nested: marker }, sex: 42, ageGroup: ["ADULT"], aliases: [marker] }]),
  );
  expect(response.status()).toBe(422);
  expect(await response.json()).toEqual({
    error: "Invalid input",
    fieldErrors: { fullName: [expect.any(String)], sex: ["invalid"], ageGroup: ["invalid"] },
  });
  expect(await casesNamed(marker)).toHaveLength(0);
});

test("bodies the pages never send are refused with 400, not a crash, and write nothing", async ({
  page,
  signedInAs,
}) => {
  await signedInAs("EDITOR");
  const marker = unique("tampered");
  const valid = { fullName: marker, sex: "F", ageGroup: "ADULT" };
  const refused: [string, Promise<{ status(): number }>][] = [
    ["garbage", postToCreateCase(page.request, "{{{{ not json")],
    ["no argument", postToCreateCase(page.request, "[]")],
    ["a reference as the argument", postToCreateCase(page.request, '["$@0"]')],
    // React's decoder reads these as references into parts that do not exist, and throws.
    ...["$Q1", "$@0", "$abc", "$1:x"].map((tampered): [string, Promise<{ status(): number }>] => [
      tampered,
      postToCreateCase(page.request, JSON.stringify([{ ...valid, notes: tampered }])),
    ]),
    [
      "a multipart action call",
      page.request.post("/cases/new", {
        headers: { "Next-Action": actionId("createCaseAction"), Accept: "text/x-component" },
        multipart: { "0": JSON.stringify([valid]) },
      }),
    ],
    [
      "a no-script form post (MPA)",
      page.request.post("/cases/new", {
        multipart: { [`$ACTION_ID_${actionId("createCaseAction")}`]: "", ...valid },
        maxRedirects: 0,
      }),
    ],
  ];
  for (const [label, response] of refused) expect((await response).status(), label).toBe(400);
  expect(await casesNamed(marker)).toHaveLength(0);

  const unknown = await page.request.post("/cases/new", {
    headers: { "Next-Action": `7f${"00".repeat(20)}`, ...ACTION_HEADERS },
    data: JSON.stringify([valid]),
  });
  expect(unknown.status()).toBeGreaterThanOrEqual(400);
  expect(unknown.status()).toBeLessThan(500);
});

test("a name typed with a leading $ is saved as typed", async ({ page, signedInAs }) => {
  await signedInAs("EDITOR");
  const name = `$Q1 ${unique("dollar")}`;
  await page.goto("/cases/new");
  const form = page.getByRole("form", { name: "New case" });
  await form.getByLabel("Full name").fill(name);
  await form.getByLabel("Sex", { exact: true }).selectOption({ label: "Female" });
  await form.getByLabel("Age group").selectOption({ label: "Adult" });
  await form.getByLabel("Aliases").fill("$@0\n$undefined");
  await form.getByRole("button", { name: "Create case" }).click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("case-name")).toHaveText(name);
  const { rows } = await database().query("SELECT full_name, aliases FROM cases WHERE full_name = $1", [name]);
  expect(rows).toEqual([{ full_name: name, aliases: ["$@0", "$undefined"] }]);
});

test("a signed-out caller learns nothing: tampered or not, the call is sent to sign in", async ({ request }) => {
  for (const body of ['["$Q1"]', JSON.stringify([{ sex: 42 }])]) {
    const response = await postToCreateCase(request, body);
    expect(response.status()).toBe(307);
    expect(new URL(response.headers().location!, "http://x").pathname).toBe("/login");
  }
  // The sign-in page is open to all, so only the body's shape is checked there, never its input.
  const atSignIn = (body: string) =>
    request.post("/login", {
      headers: { "Next-Action": actionId("createCaseAction"), ...ACTION_HEADERS },
      data: body,
      maxRedirects: 0,
    });
  expect((await atSignIn('["$Q1"]')).status()).toBe(400);
  const wrongTypes = await atSignIn(JSON.stringify([{ sex: 42 }]));
  expect(wrongTypes.status()).not.toBe(422);
  expect(await wrongTypes.text()).not.toContain("fieldErrors");
});

test("a role without the right is refused by the action itself, with an audited refusal", async ({
  page,
  signedInAs,
}) => {
  const viewer = await signedInAs("VIEWER");
  const response = await postToCreateCase(
    page.request,
    JSON.stringify([{ fullName: unique("viewer-made"), sex: "F", ageGroup: "ADULT" }]),
  );
  expect(await response.text()).toContain('"error":"forbidden"');
  const { rows } = await database().query(
    "SELECT 1 FROM audit_entries WHERE actor_id = $1 AND action = 'case.create' AND outcome = 'DENIED'",
    [viewer.id],
  );
  expect(rows).toHaveLength(1);
});
