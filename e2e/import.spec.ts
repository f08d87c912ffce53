import { randomInt } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/auth";
import { database, unique } from "./fixtures/factories";

const HEADER =
  "event_ref,case_ref,full_name,sex,event_type,date,date_to,country,province,people_low,source_title,source_url";
const caseRef = () => `C-2017-${randomInt(10_000_000, 1_000_000_000)}`;

async function upload(page: Page, name: string, text: string) {
  await page.getByLabel("CSV file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });
}

/** The created / updated / unchanged cells of one row of the summary table. */
const counts = (page: Page, kind: string) => page.getByTestId(`import-${kind}`).getByRole("cell");

async function casesWithRefs(refs: string[]) {
  const { rows } = await database().query<{ ref: string }>("SELECT ref FROM cases WHERE ref = ANY($1)", [refs]);
  return rows.map((r) => r.ref);
}

test.describe("CSV import", () => {
  test("an editor previews, imports, and re-imports without duplicates", async ({ page, signedInAs }) => {
    await signedInAs("EDITOR");
    const refs = [caseRef(), caseRef()];
    const event = unique("E2E");
    const source = `https://example.org/e2e/${unique("report")}`;
    const csv = [
      HEADER,
      `${event},${refs[0]},Example One,F,APPREHENSION,2017-07-14,,CN,Jilin,,E2E report,${source}`,
      `${event},${refs[1]},Example Two,M,APPREHENSION,2017-07-14,,CN,Jilin,,E2E report,${source}`,
      `${unique("E2E")},,,,APPREHENSION,2017-07,2017-08,CN,,41,E2E report,${source}`,
    ].join("\n");

    await page.goto("/import");
    await expect(page.getByRole("heading", { name: "Import from CSV" })).toBeVisible();
    const importButton = page.getByRole("button", { name: "Import", exact: true });
    await upload(page, "cases.csv", csv);
    await expect(importButton).toBeDisabled();

    await page.getByRole("button", { name: "Preview (dry run)" }).click();
    await expect(page.getByRole("status")).toContainText("Preview of 3 rows: nothing has been written yet.");
    await expect(counts(page, "cases")).toHaveText(["2", "0", "0"]);
    await expect(counts(page, "events")).toHaveText(["2", "0", "0"]);
    await expect(counts(page, "participants")).toHaveText(["2", "0", "0"]);
    expect(await casesWithRefs(refs)).toEqual([]);

    await importButton.click();
    await expect(page.getByRole("status")).toHaveText("Imported 3 rows.");
    await expect(counts(page, "cases")).toHaveText(["2", "0", "0"]);
    expect((await casesWithRefs(refs)).sort()).toEqual([...refs].sort());

    await importButton.click();
    await expect(page.getByRole("status")).toHaveText("Imported 3 rows.");
    await expect(counts(page, "cases")).toHaveText(["0", "0", "2"]);
    await expect(counts(page, "events")).toHaveText(["0", "0", "2"]);
    await expect(counts(page, "attributions")).toHaveText(["0", "0", "2"]);
    const { rows } = await database().query("SELECT 1 FROM events WHERE ref = $1", [event]);
    expect(rows).toHaveLength(1);
  });

  test("a bad file lists every problem by row and column and writes nothing", async ({ page, signedInAs }) => {
    await signedInAs("EDITOR");
    const ref = caseRef();
    const csv = [
      HEADER,
      `${unique("E2E")},${ref},Example Three,F,APPREHENSION,2017-07-14,,CN,Jilin,,,`,
      `${unique("E2E")},,,,APPREHENSION,2017-13,,CN,,41,,`,
      `${unique("E2E")},,,,ARREST,2017,,CN,,lots,,`,
    ].join("\n");

    await page.goto("/import");
    await upload(page, "bad.csv", csv);
    await page.getByRole("button", { name: "Preview (dry run)" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "3 problems found" })).toBeVisible();
    const errors = page.getByTestId("import-errors").getByRole("row");
    await expect(errors.nth(1)).toContainText(/3\s*date\s*Month must be 01–12/);
    await expect(errors.nth(2)).toContainText(/4\s*event_type/);
    await expect(errors.nth(3)).toContainText(/4\s*people_low/);
    await expect(page.getByRole("button", { name: "Import", exact: true })).toBeDisabled();
    expect(await casesWithRefs([ref])).toEqual([]);
  });

  test("the template downloads as CSV", async ({ page, signedInAs }) => {
    await signedInAs("RESEARCHER");
    const response = await page.request.get("/import/template");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("text/csv");
    expect(response.headers()["content-disposition"]).toContain("attachment");
    expect(await response.text()).toMatch(/^\ufeff?event_ref,case_ref,full_name/);
  });

  test("a viewer cannot reach the import", async ({ page, signedInAs }) => {
    const viewer = await signedInAs("VIEWER");
    const response = await page.goto("/import");
    expect(response?.status()).toBe(404);
    expect((await page.request.get("/import/template")).status()).toBe(404);
    const { rows } = await database().query(
      "SELECT action FROM audit_entries WHERE actor_id = $1 AND outcome = 'DENIED' ORDER BY id",
      [viewer.id],
    );
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(["import.page", "import.template"]));
  });
});
