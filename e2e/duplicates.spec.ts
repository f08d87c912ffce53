import type { Page } from "@playwright/test";
import { insertCase } from "./fixtures/attack";
import { expect, test } from "./fixtures/auth";
import { database, unique } from "./fixtures/factories";

// Possible duplicates as an editor meets them: the review list, a case's suggestions (one of them
// found by an alias), and the merge behind its confirmation. Other specs write cases meanwhile, so
// the review is followed back through its pages until the pair shows.

async function openReviewPageShowing(page: Page, text: string) {
  await page.goto("/cases/duplicates");
  for (let pages = 1; !(await page.getByText(text).count()); pages++) {
    expect(pages, `the review's first five pages do not show ${text}`).toBeLessThan(5);
    await page.getByRole("link", { name: "Earlier cases" }).click();
    await expect(page.getByText(/Possible duplicates of the next/)).toBeVisible();
  }
}

const mergedInto = async (id: string) =>
  (await database().query<{ merged_into_id: string | null }>(`SELECT merged_into_id FROM cases WHERE id = $1`, [id]))
    .rows[0]?.merged_into_id;

test("an editor finds one person recorded twice and merges the records only after confirming", async ({
  page,
  signedInAs,
}) => {
  await signedInAs("EDITOR");
  const tag = unique("dup");
  const survivor = await insertCase({ fullName: `Ri Sun-hee ${tag}`, sex: "F", birthYear: 1991 });
  const duplicate = await insertCase({ fullName: `Ri Sunhee ${tag}`, sex: "F", birthYear: 1991 });
  const byAlias = await insertCase({ fullName: unique("Lee Son-hui"), aliases: [`Ri Sun-hee ${tag}`], sex: "F" });

  await openReviewPageShowing(page, `Ri Sunhee ${tag}`);
  const pair = page
    .getByRole("listitem")
    .filter({ hasText: `Ri Sunhee ${tag}` })
    .filter({ hasText: `Ri Sun-hee ${tag}` });
  await expect(pair.first()).toBeVisible();
  await pair.first().getByRole("link", { name: survivor.ref }).click();

  const suggestions = page.getByRole("region", { name: "Possible duplicates" });
  await expect(suggestions.getByRole("listitem").filter({ hasText: byAlias.ref })).toContainText(
    `as the alias Ri Sun-hee ${tag}`,
  );
  const row = suggestions.getByRole("listitem").filter({ hasText: duplicate.ref });
  await row.getByRole("button", { name: "Merge into this case" }).click();
  const dialog = page.getByRole("dialog", { name: "Merge into this case" });
  await expect(dialog).toContainText(`Merge ${duplicate.ref} into ${survivor.ref}?`);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  expect(await mergedInto(duplicate.id)).toBeNull();

  await row.getByRole("button", { name: "Merge into this case" }).click();
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByText("Merged.")).toBeVisible();
  await expect(suggestions.getByRole("listitem").filter({ hasText: duplicate.ref })).toHaveCount(0);
  expect(await mergedInto(duplicate.id)).toBe(survivor.id);

  await page.goto(`/cases/${duplicate.id}`);
  await expect(page.getByText("This case was merged into")).toBeVisible();
  await expect(page.getByRole("link", { name: survivor.ref })).toBeVisible();
});
