import { randomBytes, randomInt } from "node:crypto";
import { expect, signIn, test } from "./fixtures/auth";
import { auditEntries, createOrganisation, createUser, database, unique } from "./fixtures/factories";

/** A consented case shared with the organisation until the end of 2099; returns the grant's id. */
async function shareACase(organisationId: string, recordedById: string): Promise<string> {
  const ref = `C-2099-${randomInt(10_000_000, 100_000_000)}`;
  const { rows } = await database().query<{ id: string }>(
    `INSERT INTO cases (ref, consent_to_share, consent_recorded_by_id, consent_recorded_at)
     VALUES ($1, true, $2, now()) RETURNING id`,
    [ref, recordedById],
  );
  const group = () => randomBytes(3).toString("hex").toUpperCase();
  const { rows: grants } = await database().query<{ id: string }>(
    `INSERT INTO share_grants (share_ref, case_id, organisation_id, profile, expires_on)
     VALUES ($1, $2, $3, 'SUMMARY', '2099-12-31') RETURNING id`,
    [`SH-${group()}-${group()}-${group()}-${group()}`, rows[0]!.id, organisationId],
  );
  return grants[0]!.id;
}

test.describe("partner organisations", () => {
  test("an admin creates, renames and deactivates an organisation; its partner is signed out at once", async ({
    page,
    signedInAs,
    browser,
  }) => {
    await signedInAs("ADMIN");
    await page.goto("/admin/organisations");
    const form = page.getByRole("form", { name: "New organisation" });
    await form.getByRole("button", { name: "Create organisation" }).click();
    await expect(form.getByText("This field is required.")).toBeVisible();
    await expect(form.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");

    const name = unique("Resettlement Desk");
    await form.getByLabel("Name").fill(name);
    await form.getByRole("button", { name: "Create organisation" }).click();
    await expect(form.getByRole("status")).toHaveText(`Organisation ${name} created.`);
    // The same name again, in other letters' case, is refused next to the field.
    await form.getByLabel("Name").fill(name.toUpperCase());
    await form.getByRole("button", { name: "Create organisation" }).click();
    await expect(form.getByRole("alert").filter({ hasText: "already exists" })).toBeVisible();

    await page.getByRole("link", { name }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    const renamed = unique("Liaison Office");
    const renameForm = page.getByRole("form", { name: "Rename" });
    await renameForm.getByLabel("Name").fill(renamed);
    await renameForm.getByRole("button", { name: "Save name" }).click();
    await expect(renameForm.getByRole("status")).toHaveText(`The organisation is now called ${renamed}.`);
    await expect(page.getByRole("heading", { level: 1, name: renamed })).toBeVisible();
    const organisationId = page.url().split("/").pop()!;

    // A partner of this organisation, signed in in another browser, who tries a staff page.
    const partner = await createUser("PARTNER");
    await database().query("UPDATE users SET organisation_id = $1 WHERE id = $2", [organisationId, partner.id]);
    const grantId = await shareACase(organisationId, partner.id);
    const partnerContext = await browser.newContext();
    const partnerPage = await partnerContext.newPage();
    await signIn(partnerPage, partner);
    await partnerPage.goto("/admin/organisations");
    await expect(partnerPage).toHaveURL(/\/partner$/);

    await page.reload();
    await expect(page.getByText("1 user, 1 grant in force.")).toBeVisible();
    const activity = page.getByRole("table", { name: "Activity of this organisation's users" });
    // The staff layout and the page each refuse (and audit) the partner: at least one row.
    const refusal = activity.getByRole("row").filter({ hasText: "page.staff" }).first();
    await expect(refusal).toContainText(partner.name);
    await expect(refusal).toContainText("Denied");

    await page.getByRole("button", { name: "Deactivate organisation" }).click();
    const dialog = page.getByRole("dialog", { name: "Deactivate organisation" });
    await expect(dialog).toContainText("Every share grant it holds ends now");
    await expect(dialog).toContainText("signed out at once");
    await dialog.getByRole("button", { name: "Confirm" }).click();
    await expect(page.getByRole("status")).toHaveText(
      `${renamed} was deactivated: 1 grant was ended and 1 user was signed out.`,
    );
    await expect(page.getByTestId("organisation-status")).toHaveText("Deactivated");
    await expect(page.getByText("does not restore the grants")).toBeVisible();
    expect(await auditEntries("organisation.deactivate", organisationId)).toEqual([
      { outcome: "SUCCESS", details: { revokedGrants: 1, signedOutUsers: 1, endedSessions: 1, wasActive: true } },
    ]);

    const { rows: grants } = await database().query("SELECT revoked_at FROM share_grants WHERE id = $1", [grantId]);
    expect(grants[0].revoked_at).not.toBeNull();

    await partnerPage.reload();
    await expect(partnerPage).toHaveURL(/\/login/);
    await expect(partnerPage.getByTestId("current-user")).toHaveCount(0);
    const rejections = await auditEntries("auth.session_rejected", partner.id);
    expect(rejections.map((e) => e.details.reason)).toContain("organisation_inactive");
    await partnerContext.close();
  });

  test("an editor gets 404 from organisation administration, and the refusal is audited", async ({
    page,
    signedInAs,
  }) => {
    const editor = await signedInAs("EDITOR");
    const response = await page.goto("/admin/organisations");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    const { rows } = await database().query(
      `SELECT 1 FROM audit_entries WHERE action = 'organisation.list' AND actor_id = $1 AND outcome = 'DENIED'`,
      [editor.id],
    );
    expect(rows).toHaveLength(1);
    const organisation = await createOrganisation();
    expect((await page.goto(`/admin/organisations/${organisation.id}`))?.status()).toBe(404);
  });
});
