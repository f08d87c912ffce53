import { totpCode } from "../lib/auth/totp";
import { enrolTwoFactor, expect, freshCode, signIn, test } from "./fixtures/auth";
import { auditEntries, createUser, database } from "./fixtures/factories";
import type { Page } from "@playwright/test";

// Enrolment, the two-step sign-in and the role requirement, through the browser. Code timing and
// replay are also covered at the data layer (lib/data/two-factor.test.ts), which controls the clock.

/** Email and password, then whatever code is given; returns the alert shown if the code is refused. */
async function signInWithCode(page: Page, user: { email: string; password: string }, code: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible();
  await page.getByLabel("Authentication code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
}

const codeRefused = (page: Page) =>
  expect(page.getByRole("main").getByRole("alert")).toContainText("That code was not accepted");

test("an administrator is held at enrolment until two-factor is on, then signs in with a code", async ({ page }) => {
  test.setTimeout(120_000);
  const admin = await createUser("ADMIN");
  await signIn(page, admin, { enrol: false });
  await expect(page).toHaveURL(/\/account\/two-factor$/);
  await expect(page.getByRole("status")).toContainText("Your role requires two-factor authentication");
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" }).locator("svg")).toBeVisible();

  // Nothing else until enrolled: pages send them back, the API and the data behind it refuse.
  await page.goto("/admin/users");
  await expect(page).toHaveURL(/\/account\/two-factor$/);
  const api = await page.request.get("/api/v1/stats/tallies?from=2017-01&to=2017-12&type=REPATRIATION");
  expect(api.status()).toBe(401);

  await page.getByLabel("Code from your app").fill("12");
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByText("Enter the six digits your app shows.")).toBeVisible();

  const { totpSecret } = await enrolTwoFactor(page);
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  expect((await auditEntries("auth.two_factor.enable", admin.id)).map((e) => e.outcome)).toEqual(["SUCCESS"]);

  await signOut(page);
  await signIn(page, { ...admin, totpSecret });
  await expect(page.getByTestId("current-role")).toHaveText("Administrator");
});

test("a code works once, and each recovery code once", async ({ page }) => {
  test.setTimeout(120_000);
  const user = await createUser("EDITOR");
  await signIn(page, user);
  await page.getByRole("link", { name: "Account" }).click();
  await page.getByRole("link", { name: "Set up two-factor authentication" }).click();
  const { totpSecret, recoveryCodes } = await enrolTwoFactor(page);
  expect(new Set(recoveryCodes).size).toBe(10);
  await signOut(page);

  const wrong = totpCode(totpSecret, Date.now() - 10 * 60_000);
  await signInWithCode(page, user, wrong === totpCode(totpSecret, Date.now()) ? "000000" : wrong);
  await codeRefused(page);

  const code = await freshCode(totpSecret);
  await signInWithCode(page, user, code);
  await expect(page.getByTestId("current-user")).toHaveText(user.name);
  await signOut(page);

  await signInWithCode(page, user, code);
  await codeRefused(page);
  await expect(page).toHaveURL(/\/login/);

  await page.getByLabel("Authentication code").fill(recoveryCodes[0]!.toLowerCase());
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(user.name);
  await signOut(page);

  await signInWithCode(page, user, recoveryCodes[0]!);
  await codeRefused(page);

  const reasons = (await auditEntries("auth.sign_in", user.id)).map((e) => e.details.reason ?? e.details.secondFactor);
  expect(reasons).toEqual([
    undefined, // the first sign-in, before enrolment
    "code_required",
    "wrong_code",
    "code_required",
    "totp",
    "code_required",
    "code_reused",
    "recovery_code",
    "code_required",
    "code_reused",
  ]);
  expect(await auditEntries("auth.recovery_code_used", user.id)).toHaveLength(1);
});

test("turning two-factor off needs the password again", async ({ page }) => {
  const user = await createUser("RESEARCHER");
  await signIn(page, user);
  await enrolTwoFactor(page);
  await page.goto("/account");
  await expect(page.getByTestId("two-factor-status")).toContainText("10 recovery codes left");

  await page.getByRole("button", { name: "Turn off two-factor authentication" }).click();
  const dialog = page.getByRole("dialog", { name: "Turn off two-factor authentication" });
  await dialog.getByLabel("Password").fill("not my password at all");
  await dialog.getByRole("button", { name: "Turn off two-factor authentication" }).click();
  await expect(dialog.getByText("The password is not right.")).toBeVisible();
  await dialog.getByLabel("Password").fill(user.password);
  await dialog.getByRole("button", { name: "Turn off two-factor authentication" }).click();
  await expect(page.getByTestId("two-factor-status")).toContainText("Off.");

  await signOut(page);
  await signIn(page, user);
  await expect(page.getByTestId("current-role")).toHaveText("Researcher");
  expect((await auditEntries("auth.two_factor.disable", user.id)).map((e) => e.outcome)).toEqual([
    "FAILURE",
    "SUCCESS",
  ]);
});

test("new recovery codes need the password again, and replace every earlier code", async ({ page }) => {
  test.setTimeout(90_000);
  const user = await createUser("RESEARCHER");
  await signIn(page, user);
  const { recoveryCodes: old } = await enrolTwoFactor(page);
  await page.goto("/account");

  await page.getByRole("button", { name: "Make new recovery codes" }).click();
  const dialog = page.getByRole("dialog", { name: "Make new recovery codes" });
  await dialog.getByLabel("Password").fill("not my password at all");
  await dialog.getByRole("button", { name: "Make new recovery codes" }).click();
  await expect(dialog.getByText("The password is not right.")).toBeVisible();
  await dialog.getByLabel("Password").fill(user.password);
  await dialog.getByRole("button", { name: "Make new recovery codes" }).click();
  // Shown once, on the page and not in the dialog: Escape cannot hide them.
  await expect(dialog).toBeHidden();
  const shown = page.getByRole("region", { name: "Your new recovery codes" });
  await expect(shown.getByRole("heading")).toBeFocused();
  const list = shown.getByRole("list", { name: "Recovery codes" });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  await page.keyboard.press("Escape");
  await expect(list.getByRole("listitem")).toHaveCount(10);
  const renewed = (await list.getByRole("listitem").allInnerTexts()).map((c) => c.trim());
  expect(renewed.filter((code) => old.includes(code))).toEqual([]);
  await expect(page.getByTestId("two-factor-status")).toContainText("10 recovery codes left");
  await shown.getByRole("button", { name: "I have kept my new recovery codes" }).click();
  await expect(shown).toBeHidden();
  await expect(page.getByRole("button", { name: "Make new recovery codes" })).toBeFocused();

  // An earlier code no longer signs in; a new one does.
  await signOut(page);
  await signInWithCode(page, user, old[0]!);
  await codeRefused(page);
  await signInWithCode(page, user, renewed[0]!);
  await expect(page.getByTestId("current-user")).toBeVisible();
  expect((await auditEntries("auth.recovery_codes.renew", user.id)).map((e) => e.outcome)).toEqual([
    "FAILURE",
    "SUCCESS",
  ]);
});

// Only the ADMIN requirement is switched, off and straight back on: the sign-in fixture enrols every
// administrator anyway, so specs running alongside never see the difference.
test("an administrator sets the requirement per role and resets a lost device", async ({
  page,
  browser,
  signedInAs,
}) => {
  test.setTimeout(120_000);
  await signedInAs("ADMIN");
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  try {
    await page.goto("/admin/users");
    const requireAdmins = page.getByLabel("Require for Administrator");
    await expect(requireAdmins).toBeChecked();
    const save = page.getByRole("button", { name: "Save requirements" });

    await requireAdmins.uncheck();
    await save.click();
    await expect(page.getByText("Two-factor requirements saved.")).toBeVisible();
    const newAdmin = await createUser("ADMIN");
    try {
      await signIn(otherPage, newAdmin);
      await expect(otherPage).not.toHaveURL(/two-factor/);
    } finally {
      await requireAdmins.check();
      await save.click();
      await expect(page.getByText("Two-factor requirements saved.")).toBeVisible();
    }
    await otherPage.goto("/cases");
    await expect(otherPage).toHaveURL(/\/account\/two-factor$/);
    await enrolTwoFactor(otherPage);

    await page.reload();
    const row = page.getByTestId(`user-row-${newAdmin.email}`);
    await row.getByRole("button", { name: "Reset two-factor" }).click();
    await page.getByRole("dialog", { name: "Reset two-factor" }).getByRole("button", { name: "Confirm" }).click();
    await expect(row.getByText(`Two-factor authentication reset for ${newAdmin.email}.`)).toBeVisible();

    await otherPage.goto("/cases");
    await expect(otherPage).toHaveURL(/\/login/);
    const { rows } = await database().query("SELECT totp_enabled_at FROM users WHERE id = $1", [newAdmin.id]);
    expect(rows).toEqual([{ totp_enabled_at: null }]);
    expect(await auditEntries("user.two_factor_reset", newAdmin.id)).toHaveLength(1);
  } finally {
    await other.close();
  }
});
