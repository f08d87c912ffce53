import { expect, signIn, test } from "./fixtures/auth";
import { createUser, database, unique } from "./fixtures/factories";

/** A live source straight into the database; its key follows lib/domain/source-key (no URL). */
async function insertSource(kind = "MEDIA") {
  const title = unique("Source");
  const { rows } = await database().query<{ id: string }>(
    `INSERT INTO sources (key, kind, title, publisher, reliability) VALUES ($1, $2, $3, 'E2E Publisher', 'C') RETURNING id`,
    [`${title.toLowerCase()}|e2e publisher|`, kind, title],
  );
  return { id: rows[0]!.id, title };
}

async function sourceRow(id: string) {
  const { rows } = await database().query<{ title: string; publisher: string; version: number; deleted: boolean }>(
    `SELECT title, publisher, version, deleted_at IS NOT NULL AS deleted FROM sources WHERE id = $1`,
    [id],
  );
  return rows[0];
}

test.describe("sources", () => {
  test("a researcher creates a source, finds it in the list and edits it", async ({ page, signedInAs }) => {
    await signedInAs("RESEARCHER");
    await page.goto("/sources");
    await page.getByRole("link", { name: "New source" }).click();
    await expect(page).toHaveURL(/\/sources\/new$/);

    const form = page.getByRole("form", { name: "New source" });
    const title = unique("Forced returns from Jilin");
    await form.getByLabel("Kind").selectOption("NGO_REPORT");
    await form.getByLabel("Title").fill(title);
    await form.getByLabel("Publisher").fill("Human Rights Watch");
    await form.getByLabel("Web address").fill("javascript:alert(1)");
    await form.getByLabel("Publication date").fill("2017-07-14");
    await form.getByLabel("Reliability").selectOption("B");
    await form.getByRole("button", { name: "Create source" }).click();
    await expect(form.getByText("Enter a web address starting with http://")).toBeVisible();
    await expect(form.getByLabel("Web address")).toHaveAttribute("aria-invalid", "true");

    const url = `https://example.org/${unique("report")}`;
    await form.getByLabel("Web address").fill(url);
    await form.getByRole("button", { name: "Create source" }).click();
    await expect(page).toHaveURL(/\/sources\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    const link = page.getByRole("link", { name: url });
    await expect(link).toHaveAttribute("href", url);
    await expect(link).toHaveAttribute("rel", "noreferrer noopener");
    await expect(link).toHaveAttribute("target", "_blank");
    const detailUrl = page.url();

    await page.goto("/sources");
    const search = page.getByRole("search", { name: "Search sources" });
    await search.getByLabel("Title or publisher").fill(title);
    await search.getByLabel("Kind").selectOption("NGO_REPORT");
    await search.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/[?&]kind=NGO_REPORT/);
    await expect(page.getByTestId("source-count")).toHaveText("1 source");
    await page.getByRole("link", { name: title }).click();
    await expect(page).toHaveURL(detailUrl);

    const edit = page.getByRole("form", { name: "Edit source" });
    await edit.getByLabel("Title").fill(`${title} (revised)`);
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(edit.getByRole("status")).toHaveText("Changes saved.");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${title} (revised)`);
  });

  test("a stale edit form gets a conflict, and nothing is overwritten", async ({ page, signedInAs, browser }) => {
    const source = await insertSource();
    await signedInAs("RESEARCHER");
    await page.goto(`/sources/${source.id}`);

    const staleContext = await browser.newContext();
    const stalePage = await staleContext.newPage();
    await signIn(stalePage, await createUser("EDITOR"));
    await stalePage.goto(`/sources/${source.id}`);

    const edit = page.getByRole("form", { name: "Edit source" });
    await edit.getByLabel("Publisher").fill("Daily NK");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(edit.getByRole("status")).toHaveText("Changes saved.");

    const stale = stalePage.getByRole("form", { name: "Edit source" });
    await stale.getByLabel("Title").fill(`${source.title} (mine)`);
    await stale.getByRole("button", { name: "Save changes" }).click();
    const alert = stale.getByRole("alert");
    await expect(alert).toContainText("Someone else changed this record");
    await expect(alert).toContainText("Changed since you opened it: Publisher.");
    expect(await sourceRow(source.id)).toMatchObject({ title: source.title, publisher: "Daily NK", version: 2 });

    await alert.getByRole("button", { name: "Load the latest version" }).click();
    await expect(stale.getByLabel("Publisher")).toHaveValue("Daily NK");
    await stale.getByLabel("Title").fill(`${source.title} (mine)`);
    await stale.getByRole("button", { name: "Save changes" }).click();
    await expect(stale.getByRole("status")).toHaveText("Changes saved.");
    expect(await sourceRow(source.id)).toMatchObject({ title: `${source.title} (mine)`, publisher: "Daily NK" });
    await staleContext.close();
  });

  test("a viewer sees the list and a source, but cannot create or edit", async ({ page, signedInAs }) => {
    const source = await insertSource();
    const viewer = await signedInAs("VIEWER");
    await page.goto(`/sources?q=${encodeURIComponent(source.title)}`);
    await expect(page.getByRole("link", { name: source.title })).toBeVisible();
    await expect(page.getByRole("link", { name: "New source" })).toHaveCount(0);

    await page.getByRole("link", { name: source.title }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(source.title);
    await expect(page.getByRole("form", { name: "Edit source" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Delete source" })).toHaveCount(0);

    const response = await page.goto("/sources/new");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    const { rows } = await database().query(
      `SELECT 1 FROM audit_entries WHERE action = 'source.create' AND actor_id = $1 AND outcome = 'DENIED'`,
      [viewer.id],
    );
    expect(rows).toHaveLength(1);
  });

  test("an editor deletes an unused source after confirming", async ({ page, signedInAs }) => {
    const source = await insertSource();
    await signedInAs("EDITOR");
    await page.goto(`/sources/${source.id}`);
    await page.getByRole("button", { name: "Delete source" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete source" });
    await expect(dialog).toContainText(`Delete “${source.title}”?`);
    await dialog.getByRole("button", { name: "Delete" }).click();
    await expect(page).toHaveURL(/\/sources$/);
    expect((await sourceRow(source.id))?.deleted).toBe(true);
    expect((await page.goto(`/sources/${source.id}`))?.status()).toBe(404);
  });

  test("a partner never reaches the sources", async ({ page, signedInAs }) => {
    const source = await insertSource();
    await signedInAs("PARTNER");
    await page.goto(`/sources/${source.id}`);
    await expect(page).toHaveURL(/\/partner$/);
    await expect(page.getByText(source.title)).toHaveCount(0);
  });
});
