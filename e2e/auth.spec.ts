import { ROLES } from "../lib/domain/policy";
import { expect, signIn, test } from "./fixtures/auth";
import { auditEntries, createUser, database } from "./fixtures/factories";

const roleLabels = {
  ADMIN: "Administrator",
  EDITOR: "Editor",
  RESEARCHER: "Researcher",
  VIEWER: "Viewer",
  PARTNER: "Partner",
};

test.describe("sign-in", () => {
  for (const role of ROLES) {
    test(`a ${role} signs in and sees their name, role and the screens of their role`, async ({ page, signedInAs }) => {
      const user = await signedInAs(role);
      await expect(page.getByTestId("current-user")).toHaveText(user.name);
      await expect(page.getByTestId("current-role")).toHaveText(roleLabels[role]);
      const nav = page.getByRole("navigation", { name: "Main" });
      if (role === "PARTNER") {
        await expect(page).toHaveURL(/\/partner$/);
        await expect(nav.getByRole("link", { name: "Overview" })).toHaveCount(0);
      } else {
        await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(role === "ADMIN" ? 1 : 0);
      }
      expect((await auditEntries("auth.sign_in", user.id)).map((e) => e.outcome)).toEqual(["SUCCESS"]);
    });
  }

  test("a wrong password and an unknown email get the same generic message", async ({ page }) => {
    const user = await createUser("EDITOR");
    const messages: string[] = [];
    for (const attempt of [
      { email: user.email, password: "not the right password" },
      { email: "nobody-at-all@e2e.passage.test", password: "not the right password" },
      { email: user.email, password: "x".repeat(10_000) },
    ]) {
      await page.goto("/login");
      await page.getByLabel("Email").fill(attempt.email);
      await page.getByLabel("Password").fill(attempt.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      const alert = page.getByRole("main").getByRole("alert");
      await expect(alert).toBeVisible();
      messages.push(await alert.innerText());
    }
    expect(new Set(messages).size).toBe(1);
    expect(messages[0]).toContain("email or password is incorrect");
    await expect(page).toHaveURL(/\/login/);
  });

  test("an empty form is refused in the form itself", async ({ page }) => {
    await page.goto("/login");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("This field is required.").first()).toBeVisible();
  });

  test("a long Korean passphrase works", async ({ page }) => {
    const user = await createUser("RESEARCHER", { password: "압록강을 건넌 그날 밤의 별빛을 잊지 않겠다" });
    await signIn(page, user);
    await expect(page.getByTestId("current-role")).toHaveText("Researcher");
  });

  test("signed-out visitors are sent to sign in and come back afterwards", async ({ page, request }) => {
    for (const path of ["/cases", "/stats", "/admin/users", "/partner"]) {
      await page.goto(path);
      await expect(page).toHaveURL(`/login?callbackUrl=${encodeURIComponent(path)}`);
    }
    const api = await request.get("/api/v1/stats/tallies?from=2017-01&to=2017-12&type=REPATRIATION");
    expect(api.status()).toBe(401);
    expect(await api.json()).toEqual({ error: "Sign in required" });

    // An editor: an administrator would be sent to two-factor enrolment first (e2e/two-factor.spec.ts).
    const editor = await createUser("EDITOR");
    await page.goto("/sources");
    await page.getByLabel("Email").fill(editor.email);
    await page.getByLabel("Password").fill(editor.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/sources$/);
    await expect(page.getByRole("heading", { name: "Sources", level: 1 })).toBeVisible();
  });

  test("the sign-in page does not redirect to other sites", async ({ page }) => {
    const user = await createUser("VIEWER");
    await page.goto("/login?callbackUrl=https%3A%2F%2Fevil.example%2F");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("current-user")).toBeVisible();
    expect(new URL(page.url()).host).toBe(`127.0.0.1:${new URL(page.url()).port}`);
  });

  test("signing out ends the session, in the database too", async ({ page, signedInAs }) => {
    const user = await signedInAs("VIEWER");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2F$/);
    const { rows } = await database().query<{ ended: boolean }>(
      "SELECT ended_at IS NOT NULL AS ended FROM user_sessions WHERE user_id = $1",
      [user.id],
    );
    expect(rows).toEqual([{ ended: true }]);
  });
});
