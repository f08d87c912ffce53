import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures/auth";
import { database, unique } from "./fixtures/factories";

// Server actions can be POSTed directly, bypassing the forms. Whatever arrives, nothing crashes
// and nothing is written.

/** The id Next gave an exported server action in this build. */
function actionId(exportedName: string): string {
  const file = path.join(process.cwd(), ".next/server/server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as { node: Record<string, { exportedName?: string }> };
  const id = Object.entries(manifest.node).find(([, action]) => action.exportedName === exportedName)?.[0];
  if (!id) throw new Error(`no server action ${exportedName} in this build`);
  return id;
}

test("tampered server-action posts are refused without a crash or a write", async ({ page, signedInAs }) => {
  await signedInAs("EDITOR");
  const post = (id: string, body: string) =>
    page.request.post("/cases/new", {
      headers: { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
      data: body,
    });
  const id = actionId("createCaseAction");

  const garbage = await post(id, "{{{{ not json");
  expect(garbage.status()).toBe(400);

  const marker = unique("tampered");
  const wrongTypes = await post(id, JSON.stringify([{ fullName: { nested: marker }, sex: 42, ageGroup: ["ADULT"] }]));
  expect(wrongTypes.status()).toBe(200);
  expect(await wrongTypes.text()).toContain('"error":"invalid"');

  const unknown = await post("00".repeat(21), "[]");
  expect(unknown.status()).toBeGreaterThanOrEqual(400);
  expect(unknown.status()).toBeLessThan(500);

  const { rows } = await database().query("SELECT 1 FROM cases WHERE search_text LIKE $1", [`%${marker}%`]);
  expect(rows).toHaveLength(0);
});

test("a role without the right is refused by the action itself, with an audited refusal", async ({
  page,
  signedInAs,
}) => {
  const viewer = await signedInAs("VIEWER");
  const response = await page.request.post("/cases/new", {
    headers: {
      "Next-Action": actionId("createCaseAction"),
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
    },
    data: JSON.stringify([{ fullName: unique("viewer-made"), sex: "F", ageGroup: "ADULT" }]),
  });
  expect(await response.text()).toContain('"error":"forbidden"');
  const { rows } = await database().query(
    "SELECT 1 FROM audit_entries WHERE actor_id = $1 AND action = 'case.create' AND outcome = 'DENIED'",
    [viewer.id],
  );
  expect(rows).toHaveLength(1);
});
