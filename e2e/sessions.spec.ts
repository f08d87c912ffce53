import { expect, signIn, test } from "./fixtures/auth";
import { createUser, database } from "./fixtures/factories";

// Session lifetimes are enforced per request by the database (lib/data/user-sessions.ts); the
// limits themselves are tested at the data layer. Here: what a person sees when a session ends.

test("a session idle for more than 30 minutes is sent to sign in", async ({ page, signedInAs }) => {
  const user = await signedInAs("VIEWER");
  await page.goto("/stats");
  await expect(page.getByTestId("current-user")).toBeVisible();

  await database().query(
    "UPDATE user_sessions SET last_seen_at = now() - interval '31 minutes' WHERE user_id = $1 AND ended_at IS NULL",
    [user.id],
  );
  await page.reload();
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fstats$/);
});

test("a session older than 8 hours ends however active it is", async ({ page, signedInAs }) => {
  const user = await signedInAs("RESEARCHER");
  await database().query(
    "UPDATE user_sessions SET created_at = now() - interval '8 hours 1 minute' WHERE user_id = $1",
    [user.id],
  );
  await page.goto("/cases");
  await expect(page).toHaveURL(/\/login/);
});

test("sign out everywhere ends the sessions of every browser", async ({ browser }) => {
  const user = await createUser("PARTNER");
  const [here, elsewhere] = [await browser.newContext(), await browser.newContext()];
  try {
    const [page, otherPage] = [await here.newPage(), await elsewhere.newPage()];
    await signIn(page, user);
    await signIn(otherPage, user);

    await page.getByRole("link", { name: "Account" }).click();
    await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/login/);

    await otherPage.reload();
    await expect(otherPage).toHaveURL(/\/login/);
    await signIn(otherPage, user);
    await expect(otherPage).toHaveURL(/\/partner$/);
  } finally {
    await here.close();
    await elsewhere.close();
  }
});
