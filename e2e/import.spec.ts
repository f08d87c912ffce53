import { randomInt } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
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

/** `n` rows of one report: three in four name a person (a new case), every fourth a group of 1–40. */
function generatedCsv(n: number) {
  const [event, first] = [unique("G"), randomInt(10_000_000, 900_000_000)];
  const source = `https://example.org/e2e/${unique("bulk")}`;
  const refs: string[] = [];
  const rows = Array.from({ length: n }, (_, i) => {
    const date = `2018-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}`;
    if (i % 4 === 3) return `${event}-${i},,,,APPREHENSION,${date},,CN,Jilin,${(i % 40) + 1},Bulk report,${source}`;
    refs.push(`C-2018-${first + i}`);
    return `${event}-${i},${refs.at(-1)},Generated ${i},F,DETENTION,${date},,CN,Jilin,,Bulk report,${source}`;
  });
  return { csv: [HEADER, ...rows].join("\n"), refs };
}

/** One state of the progress bar and its phase text, and when the page showed it. */
type BarState = { phase: string; value: number | null; max: number; at: number };

/** Records every state the progress bar and its phase text go through, however briefly. */
async function recordProgress(page: Page) {
  await page.evaluate(() => {
    const [seen, spoken]: [BarState[], string[]] = [[], []];
    Object.assign(window, { progressSeen: seen, spokenSeen: spoken });
    new MutationObserver(() => {
      const said = document.querySelector("[role=status]")?.textContent ?? "";
      if (said && said !== spoken.at(-1)) spoken.push(said);
      const bar = document.querySelector("progress");
      if (!bar) return;
      const phase = document.querySelector("[data-testid=import-phase]")?.textContent ?? "";
      const value = bar.position < 0 ? null : bar.value;
      const last = seen.at(-1);
      if (last?.phase !== phase || last.value !== value)
        seen.push({ phase, value, max: bar.max, at: performance.now() });
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  type Seen = { progressSeen: BarState[]; spokenSeen: string[] };
  return {
    /** States of the bar since the last call. */
    bar: () => page.evaluate(() => (window as unknown as Seen).progressSeen.splice(0)),
    /** What the live region said since the last call. */
    spoken: () => page.evaluate(() => (window as unknown as Seen).spokenSeen.splice(0)),
  };
}

/** POSTs a file straight to the import API, as a script or another site would. */
const postImport = (request: APIRequestContext, csv: string, headers: Record<string, string>, dryRun = "false") =>
  request.post("/api/v1/import", {
    headers,
    multipart: { file: { name: "cases.csv", mimeType: "text/csv", buffer: Buffer.from(csv) }, dryRun },
  });

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

  test("a large file shows upload, then records written, filling the bar", async ({ page, signedInAs }) => {
    test.setTimeout(180_000);
    await signedInAs("EDITOR");
    const { csv, refs } = generatedCsv(5000);
    await page.goto("/import");
    const recorded = await recordProgress(page);
    await upload(page, "bulk.csv", csv);

    await page.getByRole("button", { name: "Preview (dry run)" }).click();
    await expect(page.getByRole("progressbar", { name: "Import progress" })).toBeVisible();
    await expect(page.getByRole("status")).toContainText("Preview of 5,000 rows", { timeout: 60_000 });
    expect((await recorded.bar()).some((s) => /^Working out what would change: [\d,]+ of [\d,]+/.test(s.phase))).toBe(
      true,
    );
    expect(await casesWithRefs(refs.slice(0, 5))).toEqual([]);

    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect(page.getByRole("status")).toHaveText("Imported 5,000 rows.", { timeout: 60_000 });
    await expect(page.getByRole("progressbar")).toHaveCount(0);
    await expect(counts(page, "cases")).toHaveText(["3750", "0", "0"]);
    const seen = await recorded.bar();
    const writing = seen.filter((s) => /^Writing [\d,]+ of [\d,]+ records…$/.test(s.phase));
    expect(new Set(writing.map((s) => s.value)).size, JSON.stringify(seen)).toBeGreaterThanOrEqual(3);
    expect(writing.at(-1)!.max).toBeGreaterThan(5000);
    expect(writing.at(-1)!.value).toBe(writing.at(-1)!.max);
    expect(writing.at(-1)!.phase).toContain(`of ${writing.at(-1)!.max.toLocaleString("en")} records`);
    expect(seen.findIndex((s) => s.phase.startsWith("Uploading"))).toBeLessThan(seen.indexOf(writing[0]!));
    // Streamed as the records were written, not delivered all at once at the end.
    expect(writing.at(-1)!.at - writing[0]!.at).toBeGreaterThan(250);
    // The live region speaks on each phase and now and then, not on every report.
    const spokenWriting = (await recorded.spoken()).filter((said) => said.startsWith("Writing"));
    expect(spokenWriting.length).toBeGreaterThanOrEqual(1);
    expect(spokenWriting.length).toBeLessThan(writing.length);
    const { rows } = await database().query("SELECT count(*)::int AS n FROM cases WHERE ref = ANY($1)", [refs]);
    expect(rows[0].n).toBe(3750);
  });

  test("the import API streams progress then the outcome, to the app's own pages only", async ({
    page,
    signedInAs,
    baseURL,
  }) => {
    const editor = await signedInAs("EDITOR");
    const { csv, refs } = generatedCsv(8);
    const sameOrigin = { Origin: new URL(baseURL!).origin };
    const preview = await postImport(page.request, csv, sameOrigin, "true");
    expect(preview.status()).toBe(200);
    expect(preview.headers()["content-type"]).toContain("application/x-ndjson");
    const lines = (await preview.text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines[0]).toEqual({ phase: "checking" });
    expect(lines.slice(1, -1).every((l) => l.phase === "writing" && l.done <= l.total)).toBe(true);
    expect(lines.at(-1).result).toMatchObject({ ok: true, summary: { dryRun: true, rows: 8 } });

    // Over the 1 MiB every other request gets, within the 20 MB the import allows (a bad date per row).
    const bulky = [HEADER, ...Array.from({ length: 40_000 }, (_, i) => `B-${i},,,,APPREHENSION,2017-13,,CN,,1,,`)];
    expect(Buffer.byteLength(bulky.join("\n"))).toBeGreaterThan(1024 * 1024);
    const checked = await postImport(page.request, bulky.join("\n"), sameOrigin, "true");
    expect(checked.status()).toBe(200);
    const last = JSON.parse((await checked.text()).trim().split("\n").at(-1)!);
    expect(last.result).toMatchObject({ ok: false, errorCount: 40_000 });
    expect(last.result.errors).toHaveLength(1000);
    const oversized = await postImport(page.request, "a".repeat(21 * 1024 * 1024), sameOrigin, "true");
    expect(oversized.status()).toBe(413);

    const foreign: Record<string, string>[] = [
      { Origin: "https://evil.example" },
      { Origin: `${sameOrigin.Origin}.evil.example` },
      {},
    ];
    for (const headers of foreign) {
      const refused = await postImport(page.request, csv, headers);
      expect(refused.status()).toBe(403);
      expect(await refused.json()).toEqual({ error: "Cross-origin request refused" });
    }
    const wrongType = await page.request.post("/api/v1/import", { headers: sameOrigin, form: { dryRun: "false" } });
    expect(wrongType.status()).toBe(415);
    const notCsv = await page.request.post("/api/v1/import", {
      headers: sameOrigin,
      multipart: {
        file: { name: "cases.pdf", mimeType: "application/pdf", buffer: Buffer.from(csv) },
        dryRun: "false",
      },
    });
    expect(notCsv.status()).toBe(415);
    expect(await notCsv.json()).toMatchObject({ fieldErrors: { file: ["importFileType"] } });
    expect(await casesWithRefs(refs)).toEqual([]);
    const { rows } = await database().query(
      "SELECT 1 FROM audit_entries WHERE actor_id = $1 AND action = 'import.run' AND outcome = 'DENIED'",
      [editor.id],
    );
    expect(rows).toHaveLength(3);
  });

  for (const role of ["VIEWER", "PARTNER"] as const) {
    test(`the import API answers a ${role} 404, audited, and writes nothing`, async ({ page, signedInAs, baseURL }) => {
      const user = await signedInAs(role);
      const { csv, refs } = generatedCsv(4);
      const response = await postImport(page.request, csv, { Origin: new URL(baseURL!).origin });
      expect(response.status()).toBe(404);
      expect(await response.json()).toEqual({ error: "Not found" });
      expect(await casesWithRefs(refs)).toEqual([]);
      const { rows } = await database().query(
        "SELECT 1 FROM audit_entries WHERE actor_id = $1 AND action = 'import.run' AND outcome = 'DENIED'",
        [user.id],
      );
      expect(rows).toHaveLength(1);
    });
  }

  test("the import API answers a signed-out caller 401 and writes nothing", async ({ request, baseURL }) => {
    const { csv, refs } = generatedCsv(4);
    const response = await postImport(request, csv, { Origin: new URL(baseURL!).origin });
    expect(response.status()).toBe(401);
    expect(await casesWithRefs(refs)).toEqual([]);
  });
});
