import { randomInt } from "node:crypto";
import { expect, test } from "./fixtures/auth";
import { database, unique } from "./fixtures/factories";

// The cases list as a CSV download (DESIGN.md §3 "export": ADMIN and EDITOR). Who may reach the
// route is also in the authorisation matrix; here, what a download holds.

async function createNamedCase(fullName: string) {
  const ref = `C-2099-${randomInt(10_000_000, 100_000_000)}`;
  await database().query(`INSERT INTO cases (ref, full_name, sex, age_group) VALUES ($1, $2, 'F', 'ADULT')`, [
    ref,
    fullName,
  ]);
  return ref;
}

test("an editor downloads the cases the filters select, with formulas neutralised", async ({ page, signedInAs }) => {
  await signedInAs("EDITOR");
  const token = unique("Export");
  const refs = [await createNamedCase(`${token} One`), await createNamedCase(`=HYPERLINK("x") ${token}`)];

  await page.goto(`/cases?q=${token}&sex=F`);
  const link = page.getByRole("link", { name: "Download these 2 cases (CSV)" });
  await expect(link).toBeVisible();
  const response = await page.request.get((await link.getAttribute("href"))!);

  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(response.headers()["content-disposition"]).toMatch(
    /^attachment; filename="passage-cases-\d{4}-\d\d-\d\d\.csv"$/,
  );
  const lines = (await response.text())
    .replace(/^\ufeff/, "")
    .trim()
    .split(/\r?\n/);
  expect(lines[0]).toBe("ref,full_name,sex,age_group,status,origin_province,updated_at");
  expect(
    lines
      .slice(1)
      .map((line) => line.split(",")[0])
      .sort(),
  ).toEqual([...refs].sort());
  // A name a spreadsheet would run as a formula opens as text.
  expect(lines.some((line) => line.includes(`"'=HYPERLINK(""x"") ${token}"`))).toBe(true);
});

test("a filter the list cannot read is refused, not dropped", async ({ page, signedInAs }) => {
  await signedInAs("ADMIN");
  const response = await page.request.get("/api/v1/cases/export?status=NOT_A_STATUS");
  expect(response.status()).toBe(400);
  expect(await response.json()).toEqual({ error: "status: not a value the cases list accepts" });
});

test("a viewer sees no download on the cases list, and the export answers 404", async ({ page, signedInAs }) => {
  await signedInAs("VIEWER");
  await page.goto("/cases");
  await expect(page.getByTestId("case-count")).toContainText(/case/);
  await expect(page.getByRole("link", { name: /^Download/ })).toHaveCount(0);
  // Refused before its filters are read: a bad filter gets the same 404, not a 400.
  for (const url of ["/api/v1/cases/export", "/api/v1/cases/export?status=NOT_A_STATUS"]) {
    expect((await page.request.get(url)).status(), url).toBe(404);
  }
});
