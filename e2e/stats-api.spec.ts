import { randomInt } from "node:crypto";
import { expect, test } from "./fixtures/auth";
import { database } from "./fixtures/factories";

// The Tallies API (DESIGN.md §6) as an HTTP caller sees it, and the /stats table over the same events. `page.request` carries the signed-in
// page's cookies; the bare `request` fixture is a caller that never signed in.
// Events are put in a year between 1100 and 1899, which no other spec uses, so the exact numbers
// asked for are this spec's alone.

const API = "/api/v1/stats/tallies";
let nextYear = randomInt(1100, 1800);
const uniqueYear = () => nextYear++;

async function createGroupEvent(from: string, to: string, low: number, high: number | null, province?: string) {
  await database().query(
    `INSERT INTO events (type, occurred_from, occurred_to, precision, country, province, unidentified_low, unidentified_high)
     VALUES ('APPREHENSION', $1, $2, 'RANGE', 'CN', $5, $3, $4)`,
    [from, to, low, high, province ?? null],
  );
}

test.describe("Tallies API", () => {
  test("answers 401 to a caller who is not signed in", async ({ request }) => {
    const response = await request.get(`${API}?from=2017-01&to=2017-12&type=APPREHENSION`);
    expect(response.status()).toBe(401);
    expect(await response.json()).toEqual({ error: "Sign in required" });
  });

  test("answers 400 naming the bad parameter", async ({ page, signedInAs }) => {
    await signedInAs("VIEWER");
    const cases: [string, RegExp][] = [
      ["from=2017-13&to=2017-12&type=APPREHENSION", /^from: /],
      ["from=2017-08&to=2017-07&type=APPREHENSION", /^to: /],
      ["from=1950-01&to=2000-12&type=APPREHENSION", /^to: .*50 years/],
      ["from=2017-01&to=2017-12&type=ARREST", /^type: /],
      ["from=2017-01&to=2017-12&type=APPREHENSION&by=week", /^by: /],
      ["from=2017-01&to=2017-12&type=APPREHENSION&province=ATLANTIS", /^province: /],
    ];
    for (const [query, error] of cases) {
      const response = await page.request.get(`${API}?${query}`);
      expect(response.status(), query).toBe(400);
      const body = (await response.json()) as { error: string };
      expect(Object.keys(body)).toEqual(["error"]);
      expect(body.error, query).toMatch(error);
    }
  });

  test("answers a viewer with exactly DESIGN's shape", async ({ page, signedInAs }) => {
    await signedInAs("VIEWER");
    const y = uniqueYear();
    await createGroupEvent(`${y}-07-01`, `${y}-08-31`, 41, 41);
    await createGroupEvent(`${y}-08-10`, `${y}-08-10`, 5, null);

    const response = await page.request.get(`${API}?from=${y}-07&to=${y}-08&type=APPREHENSION&by=month`);

    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toBe("no-store");
    expect(await response.json()).toEqual({
      from: `${y}-07`,
      to: `${y}-08`,
      type: "APPREHENSION",
      total: { low: 46, high: 46, open: true },
      rows: [
        { key: `${y}-07`, low: 0, high: 41, open: false },
        { key: `${y}-08`, low: 5, high: 46, open: true },
      ],
    });
    const july = await page.request.get(`${API}?from=${y}-07&to=${y}-07&type=APPREHENSION`);
    expect(await july.json()).toEqual({
      from: `${y}-07`,
      to: `${y}-07`,
      type: "APPREHENSION",
      total: { low: 0, high: 41, open: false },
      rows: [],
    });
  });

  test("lists every month of a year with by=month, zeros included", async ({ page, signedInAs }) => {
    await signedInAs("RESEARCHER");
    const y = uniqueYear();
    await createGroupEvent(`${y}-03-14`, `${y}-03-14`, 2, 2);

    const response = await page.request.get(`${API}?from=${y}-01&to=${y}-12&type=APPREHENSION&by=month`);
    const body = (await response.json()) as { rows: { key: string; low: number; high: number }[] };

    expect(body.rows.map((row) => row.key)).toEqual(
      Array.from({ length: 12 }, (_, i) => `${y}-${String(i + 1).padStart(2, "0")}`),
    );
    expect(body.rows.map((row) => row.high)).toEqual([0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  test("limits every figure to one province with province=", async ({ page, signedInAs }) => {
    await signedInAs("VIEWER");
    const y = uniqueYear();
    await createGroupEvent(`${y}-07-01`, `${y}-07-31`, 41, 41, "JILIN");
    await createGroupEvent(`${y}-07-01`, `${y}-08-31`, 7, 9, "LIAONING");
    await createGroupEvent(`${y}-08-02`, `${y}-08-02`, 3, 3);

    const months = await page.request.get(`${API}?from=${y}-07&to=${y}-08&type=APPREHENSION&by=month&province=JILIN`);
    expect(await months.json()).toEqual({
      from: `${y}-07`,
      to: `${y}-08`,
      type: "APPREHENSION",
      province: "JILIN",
      total: { low: 41, high: 41, open: false },
      rows: [
        { key: `${y}-07`, low: 41, high: 41, open: false },
        { key: `${y}-08`, low: 0, high: 0, open: false },
      ],
    });
    const unknown = await page.request.get(
      `${API}?from=${y}-07&to=${y}-08&type=APPREHENSION&by=province&province=UNKNOWN`,
    );
    expect(((await unknown.json()) as { rows: unknown[] }).rows).toEqual([
      { key: "UNKNOWN", low: 3, high: 3, open: false },
    ]);
  });

  test("refuses a partner a province, which could be subtracted from the whole", async ({ page, signedInAs }) => {
    await signedInAs("PARTNER");
    const response = await page.request.get(`${API}?from=2017-01&to=2017-12&type=APPREHENSION&province=JILIN`);
    expect(response.status()).toBe(400);
    expect(await response.json()).toEqual({ error: "province: a province is not available to partner organisations" });
  });

  test("publishes small counts suppressed, with enough others hidden that none can be worked out", async ({
    page,
    signedInAs,
  }) => {
    await signedInAs("EDITOR");
    const y = uniqueYear();
    await createGroupEvent(`${y}-05-01`, `${y}-05-01`, 3, 3, "JILIN");
    await createGroupEvent(`${y}-05-02`, `${y}-05-02`, 20, 20, "LIAONING");
    await createGroupEvent(`${y}-05-03`, `${y}-05-03`, 12, 12, "YUNNAN");

    const query = `type=APPREHENSION&from=${y}-05&to=${y}-05`;
    const exact = await page.request.get(`/api/v1/stats/export?${query}&kind=table`);
    expect(await exact.text()).toContain(`,province,JILIN,Jilin,3,3,false`);
    const response = await page.request.get(`/api/v1/stats/export?${query}&kind=publication`);
    expect(response.status()).toBe(200);
    const rows = (await response.text())
      .replace(/^\ufeff/, "")
      .trim()
      .split(/\r?\n/)
      .map((line) => line.split(","));
    const province = rows.filter((row) => row[4] === "province");
    const total = rows.find((row) => row[4] === "total")!;
    expect(province.find((row) => row[5] === "JILIN")!.slice(7, 9)).toEqual(["suppressed", "suppressed"]);
    // The province rows and the total: the small cell is not alone in being hidden, so neither the
    // total minus the rest nor any one row minus the others gives it.
    const hidden = [total, ...province].filter((row) => row[7] === "suppressed");
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    expect(rows.flat()).not.toContain("3");
  });

  test("counts nothing for a partner with no shared cases (partner tallies are in partner.spec.ts)", async ({
    page,
    signedInAs,
  }) => {
    await signedInAs("PARTNER");
    const response = await page.request.get(`${API}?from=2017-01&to=2017-12&type=APPREHENSION&by=province`);
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({
      from: "2017-01",
      to: "2017-12",
      type: "APPREHENSION",
      total: { low: 0, high: 0, open: false },
      rows: [],
    });
  });
});

test("the /stats table says which months hold events spanning several months", async ({ page, signedInAs }) => {
  await signedInAs("VIEWER");
  const y = uniqueYear();
  await createGroupEvent(`${y}-07-01`, `${y}-08-31`, 41, 41);
  await createGroupEvent(`${y}-09-03`, `${y}-09-03`, 500, 600);

  await page.goto(`/stats?type=APPREHENSION&from=${y}-07&to=${y}-10`);
  const table = page.getByTestId("tally-table");
  const note = (month: string) =>
    table
      .getByRole("row", { name: new RegExp(`^${month} ${y}`) })
      .getByRole("cell")
      .last();
  await expect(note("July")).toHaveText("Up to 41 in events spanning several months");
  await expect(note("August")).toHaveText("Up to 41 in events spanning several months");
  await expect(note("September")).toHaveText("Counts given as a range");
  await expect(note("October")).toHaveText("");
  await expect(table.locator("tr[data-spanning]")).toHaveCount(2);
});
