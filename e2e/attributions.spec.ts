import { expect, test } from "./fixtures/auth";
import { auditEntries, database, unique } from "./fixtures/factories";

/** HRW's group event (41 in July–August 2017) backed by one report, and a second outlet not yet linked. */
async function reportedEvent() {
  const db = database();
  const place = unique("Border area");
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO events (type, occurred_from, occurred_to, precision, place, unidentified_low, unidentified_high)
     VALUES ('APPREHENSION', '2017-07-01', '2017-08-31', 'RANGE', $1, 41, 41) RETURNING id`,
    [place],
  );
  const eventId = rows[0]!.id;
  const source = async (publisher: string) => {
    const title = unique(`${publisher} report`);
    const inserted = await db.query<{ id: string }>(
      `INSERT INTO sources (key, kind, title, publisher, reliability) VALUES ($1, 'NGO_REPORT', $2, $3, 'B') RETURNING id`,
      [`${title.toLowerCase()}|${publisher.toLowerCase()}|`, title, publisher],
    );
    return { id: inserted.rows[0]!.id, title };
  };
  const [hrw, outlet] = [await source("HRW"), await source("Daily NK")];
  const claim = await db.query<{ id: string }>(
    `INSERT INTO attributions (event_id, source_id, credibility, claimed_low, claimed_high)
     VALUES ($1, $2, 2, 41, 41) RETURNING id`,
    [eventId, hrw.id],
  );
  return { eventId, hrw: { ...hrw, attributionId: claim.rows[0]!.id }, outlet };
}

const claims = async (eventId: string) =>
  (
    await database().query<{ source_id: string; credibility: number; low: number | null; high: number | null }>(
      `SELECT source_id, credibility, claimed_low AS low, claimed_high AS high FROM attributions
       WHERE event_id = $1 ORDER BY credibility`,
      [eventId],
    )
  ).rows;

test.describe("attributions", () => {
  test("a second outlet is added to the event as a claim, edited, then removed after confirming, never unseen", async ({
    page,
    signedInAs,
  }) => {
    const { eventId, hrw, outlet } = await reportedEvent();
    await signedInAs("EDITOR");
    await page.goto(`/events/${eventId}`);

    // The second outlet repeating HRW's figure: one more attribution, never a second event.
    const add = page.getByRole("form", { name: "Add a source to this event" });
    await add.getByLabel("Find a source").fill(outlet.title);
    await add.getByLabel("Source", { exact: true }).selectOption({ label: `${outlet.title} — Daily NK` });
    await add.getByLabel("Credibility").selectOption("3");
    await add.getByLabel("People the source reports").fill("about 40");
    await add.getByRole("button", { name: "Add source" }).click();
    await expect(page.getByText("Source added to the event.")).toBeVisible();
    const sources = page.getByRole("region", { name: "Sources" });
    await expect(sources.getByRole("link", { name: outlet.title })).toBeVisible();
    expect(await claims(eventId)).toEqual([
      { source_id: hrw.id, credibility: 2, low: 41, high: 41 },
      { source_id: outlet.id, credibility: 3, low: 40, high: 40 },
    ]);

    // Editing HRW's claim: a bad count is refused at the field, then a good one saved.
    await sources
      .getByRole("listitem")
      .filter({ hasText: hrw.title })
      .getByRole("button", { name: "Edit claim" })
      .click();
    const edit = page.getByRole("dialog", { name: `Edit what ${hrw.title} claims` });
    await expect(edit.getByLabel("People the source reports")).toHaveValue("41");
    await edit.getByLabel("People the source reports").fill("60-41");
    await edit.getByRole("button", { name: "Save claim" }).click();
    await expect(edit.getByRole("alert")).toBeVisible();
    // Someone else saves the claim meanwhile: the edit is refused and the form shows their values.
    await database().query(`UPDATE attributions SET credibility = 4, version = version + 1 WHERE id = $1`, [
      hrw.attributionId,
    ]);
    await edit.getByLabel("People the source reports").fill("at least 41");
    await edit.getByRole("button", { name: "Save claim" }).click();
    await expect(edit.getByRole("alert")).toHaveText("Someone else changed this record while you were editing it.");
    await expect(edit.getByLabel("Credibility")).toHaveValue("4");
    expect(await claims(eventId)).toContainEqual({ source_id: hrw.id, credibility: 4, low: 41, high: 41 });

    await edit.getByLabel("People the source reports").fill("at least 41");
    await edit.getByLabel("Credibility").selectOption("1");
    await edit.getByRole("button", { name: "Save claim" }).click();
    await expect(edit).toBeHidden();
    await expect(page.getByText("Claim saved.")).toBeVisible();
    expect((await claims(eventId))[0]).toEqual({ source_id: hrw.id, credibility: 1, low: 41, high: null });
    expect(await auditEntries("attribution.update", hrw.attributionId)).toEqual([
      expect.objectContaining({ outcome: "SUCCESS" }),
    ]);

    // Removing the outlet's claim asks first; cancelling keeps it.
    const outletItem = sources.getByRole("listitem").filter({ hasText: outlet.title });
    await outletItem.getByRole("button", { name: "Remove" }).click();
    const confirm = page.getByRole("dialog", { name: `Remove ${outlet.title} from this event` });
    await expect(confirm).toContainText("The source stays in Passage");
    await confirm.getByRole("button", { name: "Cancel" }).click();
    expect(await claims(eventId)).toHaveLength(2);
    // Someone changes the outlet's claim meanwhile: removing it unseen is refused, and the page
    // then shows the claim as it is now, to decide again.
    await database().query(
      `UPDATE attributions SET credibility = 5, version = version + 1 WHERE event_id = $1 AND source_id = $2`,
      [eventId, outlet.id],
    );
    await outletItem.getByRole("button", { name: "Remove" }).click();
    await confirm.getByRole("button", { name: "Remove" }).click();
    await expect(page.getByText("Someone else changed this record while you were editing it.")).toBeVisible();
    await expect(outletItem).toContainText("credibility 5");
    expect(await claims(eventId)).toHaveLength(2);
    await outletItem.getByRole("button", { name: "Remove" }).click();
    await confirm.getByRole("button", { name: "Remove" }).click();
    await expect(sources.getByRole("link", { name: outlet.title })).toHaveCount(0);
    expect((await claims(eventId)).map((c) => c.source_id)).toEqual([hrw.id]);
    const { rows } = await database().query(`SELECT 1 FROM sources WHERE id = $1 AND deleted_at IS NULL`, [outlet.id]);
    expect(rows).toHaveLength(1);
  });

  test("a viewer sees the event's sources but no way to add, edit or remove a claim", async ({ page, signedInAs }) => {
    const { eventId, hrw } = await reportedEvent();
    await signedInAs("VIEWER");
    await page.goto(`/events/${eventId}`);
    await expect(page.getByRole("link", { name: hrw.title })).toBeVisible();
    await expect(page.getByRole("form", { name: "Add a source to this event" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Edit claim" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Remove" })).toHaveCount(0);
  });
});
