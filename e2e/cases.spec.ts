import { randomInt } from "node:crypto";
import { expect, signIn, test } from "./fixtures/auth";
import { createUser, database, unique } from "./fixtures/factories";

// Cases and events as staff enter them. Test data goes straight into the server's database with
// unique names and refs (C-2099-…, a year real creates never reach), so specs run in parallel.

async function insertCase(fields: { fullName: string }) {
  const ref = `C-2099-${randomInt(10_000_000, 100_000_000)}`;
  const { rows } = await database().query<{ id: string }>(
    `INSERT INTO cases (ref, full_name, sex, age_group) VALUES ($1, $2, 'F', 'ADULT') RETURNING id`,
    [ref, fields.fullName],
  );
  return { id: rows[0]!.id, ref };
}

/** An apprehension on 14 July 2017: the database trigger then puts the case IN_CUSTODY. */
async function insertApprehension(caseId: string) {
  const { rows } = await database().query<{ id: string }>(
    `INSERT INTO events (type, occurred_from, occurred_to, precision) VALUES ('APPREHENSION', '2017-07-14', '2017-07-14', 'DAY') RETURNING id`,
  );
  await database().query(`INSERT INTO event_participants (event_id, case_id) VALUES ($1, $2)`, [rows[0]!.id, caseId]);
}

const fullNameOf = async (id: string) =>
  (await database().query<{ full_name: string }>(`SELECT full_name FROM cases WHERE id = $1`, [id])).rows[0]?.full_name;

test.describe("cases and events", () => {
  test("a researcher records a family member's report of one apprehended person", async ({ page, signedInAs }) => {
    await signedInAs("RESEARCHER");
    const name = unique("Kim Ok-sun");
    await page.goto("/cases/new");
    const form = page.getByRole("form", { name: "New case" });
    await form.getByLabel("Full name").fill(name);
    await form.getByLabel("Sex", { exact: true }).selectOption({ label: "Female" });
    await form.getByLabel("Age group").selectOption({ label: "Adult" });
    await form.getByLabel("Consent to share with partner organisations recorded").check();
    await form.getByRole("button", { name: "Create case" }).click();
    await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
    const caseUrl = page.url();
    await expect(page.getByTestId("case-name")).toHaveText(name);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(/C-\d{4}-\d{4,}/);

    await page.getByRole("link", { name: "Add an event" }).click();
    await expect(page).toHaveURL(/\/events\/new\?caseId=/);
    const eventForm = page.getByRole("form", { name: "New event" });
    await eventForm.getByLabel("Event type").selectOption({ label: "Apprehension" });
    await eventForm.getByLabel("Date", { exact: true }).fill("2017-07-14");
    await eventForm.getByLabel("Country").selectOption({ label: "China" });
    await eventForm.getByLabel("Province").selectOption({ label: "Jilin" });
    await eventForm.getByLabel("Place").fill(unique("Tumen"));
    await eventForm.getByRole("button", { name: "Save event" }).click();
    await expect(page).toHaveURL(/\/events\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Apprehension");
    await expect(page.getByTestId("event-date")).toHaveText("14 July 2017");
    await expect(page.getByRole("main")).toContainText("1 identified person");

    await page.goto(caseUrl);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("In custody");
    const timeline = page.getByRole("region", { name: "Timeline" });
    await expect(timeline.getByTestId("event-date")).toHaveText("14 July 2017");
    await expect(timeline).toContainText("Jilin");
  });

  test("HRW's 41 apprehended in July–August 2017 is one group event", async ({ page, signedInAs }) => {
    await signedInAs("RESEARCHER");
    const place = unique("Border area");
    await page.goto("/events/new");
    const form = page.getByRole("form", { name: "New event" });
    await form.getByLabel("Event type").selectOption({ label: "Apprehension" });
    await form.getByLabel("Date", { exact: true }).fill("2017-07..2017-08");
    await form.getByLabel("Place").fill(place);
    await form.getByLabel("Unidentified people").fill("41");
    await form.getByRole("button", { name: "Save event" }).click();
    await expect(page).toHaveURL(/\/events\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("event-date")).toHaveText("July–August 2017");
    await expect(page.getByRole("main")).toContainText("41 unidentified");

    const { rows } = await database().query(
      `SELECT to_char(occurred_from, 'YYYY-MM-DD') AS "from", to_char(occurred_to, 'YYYY-MM-DD') AS "to",
              precision, unidentified_low AS low, unidentified_high AS high
       FROM events WHERE place = $1`,
      [place],
    );
    expect(rows).toEqual([{ from: "2017-07-01", to: "2017-08-31", precision: "RANGE", low: 41, high: 41 }]);
  });

  test("a stale edit is refused, shows what changed, and can be redone", async ({ page, signedInAs, browser }) => {
    // No birth year: the edit form sends it back empty, which must mean "unknown".
    const record = await insertCase({ fullName: unique("Original") });
    await signedInAs("RESEARCHER");
    const otherContext = await browser.newContext();
    const other = await otherContext.newPage();
    await signIn(other, await createUser("RESEARCHER"));

    await page.goto(`/cases/${record.id}`);
    await other.goto(`/cases/${record.id}`);
    const first = page.getByRole("form", { name: "Edit case" });
    const second = other.getByRole("form", { name: "Edit case" });
    await expect(second.getByLabel("Full name")).toBeVisible();

    const firstName = unique("First writer");
    await first.getByLabel("Full name").fill(firstName);
    await first.getByRole("button", { name: "Save", exact: true }).click();
    await expect(first.getByRole("status")).toHaveText("Saved.");
    await expect.poll(() => fullNameOf(record.id)).toBe(firstName);

    const secondName = unique("Second writer");
    await second.getByLabel("Full name").fill(secondName);
    await second.getByRole("button", { name: "Save", exact: true }).click();
    const conflict = second.getByRole("alert").filter({ hasText: "Someone else saved this case" });
    await expect(conflict).toBeVisible();
    await expect(conflict).toContainText(`Full name: now “${firstName}”, yours “${secondName}”`);
    expect(await fullNameOf(record.id)).toBe(firstName);

    await conflict.getByRole("button", { name: "Load their version" }).click();
    await expect(second.getByLabel("Full name")).toHaveValue(firstName);
    await second.getByLabel("Full name").fill(secondName);
    await second.getByRole("button", { name: "Save", exact: true }).click();
    await expect(second.getByRole("status")).toHaveText("Saved.");
    await expect.poll(() => fullNameOf(record.id)).toBe(secondName);
    await otherContext.close();
  });

  test("filters live in the URL, and a viewer sees no names", async ({ page, browser, signedInAs }) => {
    const token = unique("tok");
    const inCustody = await insertCase({ fullName: `Pak ${token}` });
    await insertApprehension(inCustody.id);
    await insertCase({ fullName: `Ri ${token}` }); // no event: UNKNOWN

    await signedInAs("EDITOR");
    await page.goto(`/cases?status=IN_CUSTODY&q=${encodeURIComponent(token)}`);
    const table = page.getByRole("table", { name: "Cases matching the filters" });
    await expect(page.getByTestId("case-count")).toHaveText("1 case matches");
    await expect(table.getByRole("row")).toHaveCount(2); // the header and one case
    await expect(table.getByRole("row").nth(1)).toContainText(inCustody.ref);
    await expect(table.getByRole("row").nth(1)).toContainText(`Pak ${token}`);
    await expect(table.getByRole("row").nth(1)).toContainText("In custody");
    await expect(page.getByLabel("Search", { exact: true })).toHaveValue(token);
    await expect(page.getByLabel("Status", { exact: true })).toHaveValue("IN_CUSTODY");
    await expect(page.getByLabel("Search", { exact: true })).toHaveAccessibleDescription("Reference, name or alias");

    await page.goto(`/cases?q=${encodeURIComponent(token)}`);
    await expect(page.getByTestId("case-count")).toHaveText("2 cases match");

    const viewerContext = await browser.newContext();
    const viewer = await viewerContext.newPage();
    await signIn(viewer, await createUser("VIEWER"));
    await viewer.goto(`/cases?q=${encodeURIComponent(token)}`);
    await expect(viewer.getByTestId("case-count")).toHaveText("No cases match");
    await viewer.goto(`/cases?status=IN_CUSTODY&q=${inCustody.ref}`);
    const viewerTable = viewer.getByRole("table", { name: "Cases matching the filters" });
    await expect(viewer.getByTestId("case-count")).toHaveText("1 case matches");
    await expect(viewerTable.getByRole("row").nth(1)).toContainText(inCustody.ref);
    await expect(viewerTable.getByRole("row").nth(1)).toContainText("Redacted");
    await expect(viewer.getByRole("main")).not.toContainText(token);
    await expect(viewer.getByLabel("Search", { exact: true })).toHaveAccessibleDescription("Reference");
    await viewerContext.close();
  });

  test("a viewer cannot open the new-record forms, and a partner is sent to the portal", async ({
    page,
    browser,
    signedInAs,
  }) => {
    await signedInAs("VIEWER");
    for (const path of ["/cases/new", "/events/new"]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    }
    await page.goto("/cases");
    await expect(page.getByRole("link", { name: "New case" })).toHaveCount(0);

    const partnerContext = await browser.newContext();
    const partner = await partnerContext.newPage();
    await signIn(partner, await createUser("PARTNER"));
    await partner.goto("/cases");
    await expect(partner).toHaveURL(/\/partner$/);
    await partnerContext.close();
  });
});
