import { expect, test } from "./fixtures/auth";
import { database } from "./fixtures/factories";

// The audit log page (DESIGN.md §5): administrators only, filters in the URL.

test.describe("audit log", () => {
  test("an admin filters the log by action and sees their own sign-in", async ({ page, signedInAs }) => {
    const admin = await signedInAs("ADMIN");
    await page.goto("/admin/audit");
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();

    const filters = page.getByRole("form", { name: "Audit log filters" });
    await filters.getByLabel("Action").fill("auth.sign_in");
    await filters.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/[?&]action=auth\.sign_in(&|$)/);
    await expect(filters.getByLabel("Action")).toHaveValue("auth.sign_in");

    // Sign-in attempts have no actor yet: the account is the record, which links to its history.
    const table = page.getByRole("table", { name: "Audit entries" });
    const signIn = table.getByRole("row").filter({ hasText: "auth.sign_in" }).filter({ hasText: admin.id });
    await expect(signIn.first()).toBeVisible();
    await expect(table.getByRole("row").filter({ hasText: "audit.read" })).toHaveCount(0);

    const { rows } = await database().query(
      `SELECT details FROM audit_entries WHERE action = 'audit.read' AND actor_id = $1 ORDER BY id DESC LIMIT 1`,
      [admin.id],
    );
    expect(rows[0]?.details).toEqual({ action: "auth.sign_in" });

    await signIn
      .first()
      .getByRole("link", { name: `user ${admin.id}` })
      .click();
    await expect(page).toHaveURL(new RegExp(`[?&]entityType=user&entityId=${admin.id}(&|$)`));
    await expect(filters.getByLabel("Record id")).toHaveValue(admin.id);
  });

  test("an editor gets a 404, and the refusal is audited", async ({ page, signedInAs }) => {
    const editor = await signedInAs("EDITOR");
    const response = await page.goto("/admin/audit");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();

    const exported = await page.request.get("/api/v1/audit/export");
    expect(exported.status()).toBe(404);

    const { rows } = await database().query(
      `SELECT action FROM audit_entries WHERE actor_id = $1 AND outcome = 'DENIED' AND action LIKE 'audit.%' ORDER BY id`,
      [editor.id],
    );
    expect(rows.map((r: { action: string }) => r.action)).toEqual(["audit.read", "audit.export"]);
  });
});
