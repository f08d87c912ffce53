import { expect, signIn, test } from "./fixtures/auth";
import { auditEntries, createOrganisation, createUser, database, unique } from "./fixtures/factories";

test.describe("user administration", () => {
  test("an admin creates a user, who can then sign in", async ({ page, signedInAs, browser }) => {
    await signedInAs("ADMIN");
    await page.goto("/admin/users");
    const form = page.getByRole("form", { name: "New user" });
    const email = `${unique("new")}@e2e.passage.test`;
    await form.getByLabel("Name").fill("Kim Example");
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Role").selectOption("EDITOR");
    await form.getByLabel("Password").fill("too short");
    await form.getByRole("button", { name: "Create user" }).click();
    await expect(form.getByText("at least 12 characters")).toBeVisible();
    await expect(form.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");

    const password = "a long enough passphrase 2026";
    await form.getByLabel("Password").fill(password);
    await form.getByRole("button", { name: "Create user" }).click();
    await expect(form.getByRole("status")).toHaveText(`User ${email} created.`);
    await expect(page.getByTestId(`user-row-${email}`)).toContainText("Editor");

    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await signIn(otherPage, { email, password });
    await expect(otherPage.getByTestId("current-role")).toHaveText("Editor");
    await other.close();
  });

  test("creating a partner requires an organisation", async ({ page, signedInAs }) => {
    const organisation = await createOrganisation();
    await signedInAs("ADMIN");
    await page.goto("/admin/users");
    const form = page.getByRole("form", { name: "New user" });
    const email = `${unique("partner")}@e2e.passage.test`;
    await form.getByLabel("Name").fill("Partner Person");
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Role").selectOption("PARTNER");
    await form.getByLabel("Password").fill("a long enough passphrase 2026");
    await form.getByRole("button", { name: "Create user" }).click();
    await expect(form.getByText("must belong to an organisation")).toBeVisible();
    await form.getByLabel("Organisation").selectOption({ label: organisation.name });
    await form.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByTestId(`user-row-${email}`)).toContainText(organisation.name);
  });

  for (const role of ["EDITOR", "RESEARCHER", "VIEWER"] as const) {
    test(`a ${role} cannot reach user administration`, async ({ page, signedInAs }) => {
      const user = await signedInAs(role);
      const response = await page.goto("/admin/users");
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
      expect((await auditEntries("user.list")).length).toBeGreaterThan(0);
      const { rows } = await database().query(
        `SELECT 1 FROM audit_entries WHERE action = 'user.list' AND actor_id = $1 AND outcome = 'DENIED'`,
        [user.id],
      );
      expect(rows).toHaveLength(1);
    });
  }

  test("a deactivated user's open session stops on the next click", async ({ page, browser }) => {
    const target = await createUser("RESEARCHER");
    await signIn(page, target);
    await expect(page.getByRole("heading", { name: `Welcome, ${target.name}` })).toBeVisible();

    const adminContext = await browser.newContext();
    const adminPage = await adminContext.newPage();
    await signIn(adminPage, await createUser("ADMIN"));
    await adminPage.goto("/admin/users");
    const row = adminPage.getByTestId(`user-row-${target.email}`);
    await row.getByRole("button", { name: "Deactivate" }).click();
    const dialog = adminPage.getByRole("dialog", { name: "Deactivate" });
    await expect(dialog).toContainText(`Deactivate ${target.email}?`);
    await dialog.getByRole("button", { name: "Confirm" }).click();
    await expect(row).toContainText("Deactivated");
    await adminContext.close();

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" }).click();
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByTestId("current-user")).toHaveCount(0);
    expect((await auditEntries("auth.session_rejected", target.id)).map((e) => e.details.reason)).toContain("inactive");
  });

  test("a role change takes effect on the user's next request", async ({ page, browser }) => {
    const target = await createUser("EDITOR");
    await signIn(page, target);
    const adminContext = await browser.newContext();
    const adminPage = await adminContext.newPage();
    await signIn(adminPage, await createUser("ADMIN"));
    await adminPage.goto("/admin/users");
    const row = adminPage.getByTestId(`user-row-${target.email}`);
    await row.getByLabel("Change role").selectOption("VIEWER");
    await row.getByRole("button", { name: "Save role" }).click();
    await expect(row.getByRole("status")).toHaveText("Role changed.");
    await adminContext.close();

    await page.reload();
    await expect(page).toHaveURL(/\/login/);
    await signIn(page, target);
    await expect(page.getByTestId("current-role")).toHaveText("Viewer");
  });
});
