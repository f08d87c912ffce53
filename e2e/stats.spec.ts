import { expect, test } from "./fixtures/auth";
import { database } from "./fixtures/factories";

// The statistics page and its CSV downloads, per role (DESIGN.md §2, §3). The numbers themselves
// are checked by the data layer's tests and e2e/stats-api.spec.ts; here, what each role can reach.

const HEADER = "event_type,from,to,province,breakdown,key,label,people_low,people_high,open";
const exportUrl = (kind: string) => `/api/v1/stats/export?type=APPREHENSION&from=2017-07&to=2017-08&kind=${kind}`;

test.describe("statistics", () => {
  test("a viewer reads the chart and the table, and the event type stays in the URL", async ({ page, signedInAs }) => {
    await signedInAs("VIEWER");
    await page.goto("/stats");
    await expect(page.getByRole("heading", { level: 1, name: "Statistics" })).toBeVisible();
    const chart = page.getByRole("region", { name: "People per month" });
    await expect(chart.getByRole("img", { name: /^Chart of people per month, Repatriation/ })).toBeVisible();
    await expect(page.getByRole("table", { name: /^People per month, Repatriation/ })).toBeVisible();

    const filters = page.getByRole("form", { name: "Statistics filters" });
    await filters.getByLabel("Event type").selectOption({ label: "Apprehension" });
    await filters.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/[?&]type=APPREHENSION(&|$)/);
    await expect(filters.getByLabel("Event type")).toHaveValue("APPREHENSION");
    await expect(page.getByRole("table", { name: /^People per month, Apprehension/ })).toBeVisible();

    // Aggregates only: a viewer may download the tallies.
    await expect(page.getByRole("link", { name: "Tables with exact numbers (CSV)" })).toBeVisible();
  });

  test("an editor downloads the tables as CSV, and the download is audited", async ({ page, signedInAs }) => {
    const editor = await signedInAs("EDITOR");
    await page.goto("/stats?type=APPREHENSION&from=2017-07&to=2017-08");
    const href = await page.getByRole("link", { name: "Tables with exact numbers (CSV)" }).getAttribute("href");
    expect(href).toContain("kind=table");

    const response = await page.request.get(exportUrl("table"));
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers()["content-disposition"]).toBe(
      'attachment; filename="passage-tallies-apprehension-2017-07-to-2017-08.csv"',
    );
    expect(response.headers()["cache-control"]).toContain("no-store");
    const lines = (await response.text()).replace(/^\ufeff/, "").split(/\r?\n/);
    expect(lines[0]).toBe(HEADER);
    expect(lines[1]).toMatch(/^APPREHENSION,2017-07,2017-08,,total,,Whole period,\d+,\d+,(true|false)$/);

    const { rows } = await database().query<{ action: string; outcome: string }>(
      "SELECT action, outcome FROM audit_entries WHERE actor_id = $1 AND action LIKE 'export.%' ORDER BY id",
      [editor.id],
    );
    expect(rows).toEqual([{ action: "export.table", outcome: "SUCCESS" }]);
  });

  test("a researcher sees no downloads and gets 404 from the export", async ({ page, signedInAs }) => {
    await signedInAs("RESEARCHER");
    await page.goto("/stats");
    await expect(page.getByRole("table", { name: /^People per month/ })).toBeVisible();
    await expect(page.getByRole("link", { name: /\(CSV\)$/ })).toHaveCount(0);

    for (const kind of ["table", "publication"]) {
      const response = await page.request.get(exportUrl(kind));
      expect(response.status()).toBe(404);
      expect(await response.json()).toEqual({ error: "Not found" });
    }
  });

  test("the province filter stays in the URL and limits the downloads to it", async ({ page, signedInAs }) => {
    await signedInAs("EDITOR");
    await page.goto("/stats?type=APPREHENSION&from=2017-07&to=2017-08");
    const filters = page.getByRole("form", { name: "Statistics filters" });
    await filters.getByLabel("Province").selectOption({ label: "Jilin" });
    await filters.getByRole("button", { name: "Show" }).click();

    await expect(page).toHaveURL(/[?&]province=JILIN(&|$)/);
    await expect(filters.getByLabel("Province")).toHaveValue("JILIN");
    await expect(page.getByTestId("stats-province")).toHaveText("Only events in Jilin.");
    await expect(page.getByRole("table", { name: /^People per month, Apprehension in Jilin,/ })).toBeVisible();
    const href = await page.getByRole("link", { name: "Tables with exact numbers (CSV)" }).getAttribute("href");
    expect(href).toContain("province=JILIN");
    // A publication of one province beside the whole would give the other provinces by subtraction.
    await expect(page.getByRole("link", { name: "Tables for publication (CSV)" })).toHaveCount(0);
    const publication = await page.request.get(href!.replace("kind=table", "kind=publication"));
    expect(publication.status()).toBe(400);
    expect(((await publication.json()) as { error: string }).error).toMatch(/^province: /);
    const response = await page.request.get(href!);
    expect(response.headers()["content-disposition"]).toContain("passage-tallies-apprehension-jilin-2017-07");
    const rows = (await response.text())
      .replace(/^\ufeff/, "")
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((line) => line.split(","));
    expect(rows.length).toBeGreaterThan(1);
    expect(new Set(rows.map((row) => row[3]))).toEqual(new Set(["JILIN"]));
    // The breakdown by province of one province has that province's row at most.
    expect(rows.filter((row) => row[4] === "province" && row[5] !== "JILIN")).toEqual([]);
  });

  test("a partner's statistics offer no province filter, and ignore one in the URL", async ({ page, signedInAs }) => {
    await signedInAs("PARTNER");
    await page.goto("/partner/stats?type=APPREHENSION&from=2017-07&to=2017-08&province=JILIN");
    const filters = page.getByRole("form", { name: "Statistics filters" });
    await expect(filters.getByLabel("Event type")).toHaveValue("APPREHENSION");
    await expect(filters.getByLabel("Province")).toHaveCount(0);
    await expect(page.getByTestId("partner-total")).toBeVisible();
  });

  test("a partner is sent away from the statistics page", async ({ page, signedInAs }) => {
    await signedInAs("PARTNER");
    await page.goto("/stats");
    await expect(page).toHaveURL(/\/partner$/);
  });
});
