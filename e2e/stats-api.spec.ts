import { randomInt } from "node:crypto";
import { expect, test } from "./fixtures/auth";
import { database } from "./fixtures/factories";

// The Tallies API (DESIGN.md §6) as an HTTP caller sees it. `page.request` carries the signed-in
// page's cookies; the bare `request` fixture is a caller that never signed in.
// Events are put in a year between 1100 and 1899, which no other spec uses, so the exact numbers
// asked for are this spec's alone.

const API = "/api/v1/stats/tallies";
let nextYear = randomInt(1100, 1800);
const uniqueYear = () => nextYear++;

async function createGroupEvent(from: string, to: string, low: number, high: number | null) {
  await database().query(
    `INSERT INTO events (type, occurred_from, occurred_to, precision, country, unidentified_low, unidentified_high)
     VALUES ('APPREHENSION', $1, $2, 'RANGE', 'CN', $3, $4)`,
    [from, to, low, high],
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
