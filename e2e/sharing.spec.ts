import { randomInt } from "node:crypto";
import { expect, signIn, test } from "./fixtures/auth";
import { database, unique } from "./fixtures/factories";

// Issue 5's "done when", as a new administrator would do it in the browser: an organisation and
// a partner user, consent recorded on a case, a SUMMARY grant, the partner's view, and revocation.

async function insertCaseWithEvent(fullName: string) {
  const ref = `C-2099-${randomInt(10_000_000, 100_000_000)}`;
  const db = database();
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO cases (ref, full_name, sex, age_group) VALUES ($1, $2, 'M', 'CHILD') RETURNING id`,
    [ref, fullName],
  );
  const event = await db.query<{ id: string }>(
    `INSERT INTO events (type, occurred_from, occurred_to, precision, country, province, facility)
     VALUES ('REPATRIATION', '2019-11-05', '2019-11-05', 'DAY', 'CN', 'LIAONING', $1) RETURNING id`,
    [unique("Dandong detention centre")],
  );
  await db.query(`INSERT INTO event_participants (event_id, case_id) VALUES ($1, $2)`, [
    event.rows[0]!.id,
    rows[0]!.id,
  ]);
  return { id: rows[0]!.id, ref };
}

test("an administrator shares a consented case with a new partner, who sees only what SUMMARY allows until it is revoked", async ({
  page,
  browser,
  signedInAs,
}) => {
  await signedInAs("ADMIN");
  const organisation = unique("Resettlement NGO");
  await page.goto("/admin/organisations");
  const create = page.getByRole("form", { name: "New organisation" });
  await create.getByLabel("Name").fill(organisation);
  await create.getByRole("button", { name: "Create organisation" }).click();
  await expect(create.getByRole("status")).toContainText(organisation);

  const partner = { email: `${unique("liaison")}@e2e.passage.test`, password: "a long enough passphrase 2026" };
  await page.goto("/admin/users");
  const newUser = page.getByRole("form", { name: "New user" });
  await newUser.getByLabel("Name").fill("Liaison Officer");
  await newUser.getByLabel("Email").fill(partner.email);
  await newUser.getByLabel("Role").selectOption("PARTNER");
  await newUser.getByLabel("Organisation").selectOption({ label: organisation });
  await newUser.getByLabel("Password").fill(partner.password);
  await newUser.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByTestId(`user-row-${partner.email}`)).toContainText(organisation);

  const name = unique("Pak Chol-ho");
  const record = await insertCaseWithEvent(name);
  await page.goto(`/cases/${record.id}`);
  const sharing = page.getByRole("region", { name: "Sharing with partners" });
  await expect(sharing.getByTestId("share-needs-consent")).toBeVisible();
  const edit = page.getByRole("region", { name: "Edit case" });
  await edit.getByLabel("Consent to share with partner organisations recorded").check();
  await edit.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("region", { name: "Details" })).toContainText("Consent recorded by");

  await sharing.getByLabel("Partner organisation").selectOption({ label: organisation });
  await sharing.getByLabel("Profile").selectOption("SUMMARY");
  await sharing.getByRole("button", { name: "Share", exact: true }).click();
  await expect(sharing.getByRole("status")).toContainText("1 new grant");
  const shareRef = (await sharing.getByTestId("share-table").locator("code").first().textContent())!;
  expect(shareRef).toMatch(/^SH-/);

  const partnerContext = await browser.newContext();
  const partnerPage = await partnerContext.newPage();
  await signIn(partnerPage, partner);
  await expect(partnerPage).toHaveURL(/\/partner$/);
  await partnerPage.getByRole("link", { name: shareRef }).click();
  const main = partnerPage.getByRole("main");
  await expect(main).toContainText("Male");
  await expect(main).toContainText("Child");
  await expect(main).toContainText("Repatriated");
  await expect(main).toContainText("November 2019");
  await expect(main).toContainText("Liaoning");
  for (const hidden of [name, record.ref, record.id, "5 November", "Dandong"])
    await expect(main).not.toContainText(hidden);

  await page.goto("/shares");
  const row = page.getByTestId("share-table").getByRole("row").filter({ hasText: shareRef });
  await expect(row).toContainText("Active");
  await row.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke grant" }).click();
  await expect(row).toContainText("Revoked");

  await partnerPage.reload();
  await expect(partnerPage.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await partnerPage.goto("/partner");
  await expect(partnerPage.getByText("No cases are shared with your organisation")).toBeVisible();
  await partnerContext.close();
});

test("a selection from /cases is shared in one go, and refused whole when one case lacks consent", async ({
  page,
  signedInAs,
}) => {
  const editor = await signedInAs("EDITOR");
  const { rows } = await database().query<{ id: string }>(
    "INSERT INTO partner_organisations (name) VALUES ($1) RETURNING id",
    [unique("UNHCR liaison")],
  );
  const organisationId = rows[0]!.id;
  const token = unique("Selection");
  const consented = [];
  for (let i = 0; i < 2; i += 1) {
    const record = await insertCaseWithEvent(`${token} ${i}`);
    await database().query(
      `UPDATE cases SET consent_to_share = true, consent_recorded_by_id = $2, consent_recorded_at = now() WHERE id = $1`,
      [record.id, editor.id],
    );
    consented.push(record);
  }
  const without = await insertCaseWithEvent(`${token} none`);

  await page.goto(`/cases?q=${encodeURIComponent(token)}`);
  await page.getByLabel("Select every case on this page").check();
  await page.getByText("Share the selected cases with a partner").click();
  const form = page.locator("form#share-selection");
  await form.getByLabel("Partner organisation").selectOption(organisationId);
  await form.getByRole("button", { name: "Share", exact: true }).click();
  await expect(form.getByTestId("share-refused")).toContainText(`${without.ref}: no consent to share is recorded.`);
  const none = await database().query("SELECT 1 FROM share_grants WHERE organisation_id = $1", [organisationId]);
  expect(none.rows).toHaveLength(0);

  await page.getByLabel(`Select ${without.ref}`).uncheck();
  await form.getByRole("button", { name: "Share", exact: true }).click();
  await expect(form.getByRole("status")).toContainText("2 new grants");
  const granted = await database().query<{ case_id: string }>(
    "SELECT case_id FROM share_grants WHERE organisation_id = $1 ORDER BY case_id",
    [organisationId],
  );
  expect(granted.rows.map((r) => r.case_id)).toEqual(consented.map((c) => c.id).sort());
});
