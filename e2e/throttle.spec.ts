import { expect, test, type Page } from "@playwright/test";
import { auditEntries, createUser } from "./fixtures/factories";

// Every spec signs in from 127.0.0.1, so this one locks only its own account: 11 failures stay far
// below the address limit (100 a day) that the whole run shares.

async function attemptSignIn(page: Page, email: string, password: string): Promise<string> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  const alert = page.getByRole("main").getByRole("alert");
  await expect(alert).toBeVisible();
  return alert.innerText();
}

test.describe("sign-in throttling", () => {
  test("after 10 wrong passwords, the right one gets the same generic message", async ({ page }) => {
    const user = await createUser("EDITOR");
    const messages = new Set<string>();
    for (let i = 0; i < 10; i++) messages.add(await attemptSignIn(page, user.email, "not the right password"));

    messages.add(await attemptSignIn(page, user.email, user.password));

    expect([...messages]).toHaveLength(1);
    expect([...messages][0]).toContain("email or password is incorrect");
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByTestId("current-user")).toHaveCount(0);
    const audit = await auditEntries("auth.sign_in", user.id);
    expect(audit.map((e) => e.details.reason)).toEqual([...Array<string>(10).fill("wrong_password"), "throttled"]);
  });
});
