import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { expect, signIn, test } from "./fixtures/auth";
import { createUser, database } from "./fixtures/factories";
import { countAudit, createCanaryCase, grantCase, organisationOf } from "./fixtures/sharing";

// A partner is the attacker here (issue 5). Every forbidden value of a shared case holds a canary;
// none may appear in any page, RSC payload, API answer or export a partner can request.

const PERIOD = "type=APPREHENSION&from=2016-01&to=2016-12";

function partnerUrls(shareRef: string): string[] {
  return [
    "/partner",
    `/partner/cases/${shareRef}`,
    `/partner/stats?${PERIOD}`,
    `/api/v1/stats/tallies?${PERIOD}`,
    ...["province", "sex", "ageGroup", "status", "month"].map((by) => `/api/v1/stats/tallies?${PERIOD}&by=${by}`),
    `/api/v1/stats/export?${PERIOD}&kind=table`,
    `/api/v1/stats/export?${PERIOD}&kind=publication`,
    "/api/v1/cases/export",
    "/api/v1/audit/export",
  ];
}

/** Every URL as a document, as an RSC payload and as a prefetch; the bodies, for canary checks. */
async function fetchAll(request: APIRequestContext, urls: string[]): Promise<string[]> {
  const variants: Record<string, string>[] = [{}, { RSC: "1" }, { RSC: "1", "Next-Router-Prefetch": "1" }];
  const bodies: string[] = [];
  for (const url of urls) {
    for (const headers of variants) bodies.push(await (await request.get(url, { headers, maxRedirects: 0 })).text());
  }
  return bodies;
}

function expectNoCanary(bodies: string[], forbidden: string[]) {
  for (const body of bodies) {
    for (const value of forbidden) expect(body.includes(value), `leaked ${value}`).toBe(false);
  }
}

for (const profile of ["SUMMARY", "DETAILED"] as const) {
  test(`no forbidden value reaches a partner under ${profile}, and expiry or revocation answers 404`, async ({
    page,
    signedInAs,
  }) => {
    const partner = await signedInAs("PARTNER");
    const recorder = await createUser("EDITOR");
    const fixture = await createCanaryCase(recorder.id);
    const grant = await grantCase(fixture.caseId, await organisationOf(partner.id), profile);

    await page.goto("/partner");
    await page.getByRole("link", { name: grant.shareRef }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(grant.shareRef);
    const events = page.getByTestId("shared-events");
    await expect(events).toContainText("March 2016");
    await expect(events).toContainText("Jilin");
    if (profile === "DETAILED") await expect(events).toContainText(fixture.canary.publicSource);
    else await expect(events).not.toContainText(fixture.canary.publicSource);
    const html = await page.content();
    expectNoCanary([html, ...(await fetchAll(page.request, partnerUrls(grant.shareRef)))], fixture.forbidden);

    await database().query(`UPDATE share_grants SET expires_on = current_date - 1 WHERE id = $1`, [grant.id]);
    const expired = await page.request.get(`/partner/cases/${grant.shareRef}`);
    expect(expired.status()).toBe(404);
    await database().query(`UPDATE share_grants SET expires_on = current_date + 1, revoked_at = now() WHERE id = $1`, [
      grant.id,
    ]);
    const revoked = await page.request.get(`/partner/cases/${grant.shareRef}`);
    expect(revoked.status()).toBe(404);
    const never = await page.request.get("/partner/cases/SH-000000-000000-000000-000000");
    expect(never.status()).toBe(404);
    // The same page as for a reference that never existed, but for the reference itself (Next echoes the URL).
    const anonymised = (body: string, ref: string) =>
      body.replaceAll(ref, "REF").replace(/(nonce\\?"?[=:]\\?")[A-Za-z0-9+/=_-]{8,}/g, "$1NONCE");
    expect(anonymised(await revoked.text(), grant.shareRef)).toBe(
      anonymised(await never.text(), "SH-000000-000000-000000-000000"),
    );
    expectNoCanary(await fetchAll(page.request, partnerUrls(grant.shareRef)), fixture.forbidden);
  });
}

/** The id Next gave an exported server action in this build (see actions.spec.ts). */
function actionId(exportedName: string): string {
  const file = path.join(process.cwd(), ".next/server/server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as { node: Record<string, { exportedName?: string }> };
  const id = Object.entries(manifest.node).find(([, action]) => action.exportedName === exportedName)?.[0];
  if (!id) throw new Error(`no server action ${exportedName} in this build`);
  return id;
}

test("a partner cannot reach another organisation's cases, internal ids, staff pages or staff actions", async ({
  page,
  signedInAs,
}) => {
  const partner = await signedInAs("PARTNER");
  const recorder = await createUser("EDITOR");
  const other = await createUser("PARTNER");
  const theirs = await createCanaryCase(recorder.id);
  const theirGrant = await grantCase(theirs.caseId, await organisationOf(other.id), "DETAILED");

  for (const url of [
    `/partner/cases/${theirGrant.shareRef}`,
    `/partner/cases/${theirs.caseId}`,
    `/partner/cases/${theirs.ref}`,
  ]) {
    const response = await page.request.get(url);
    expect(response.status(), url).toBe(404);
    // The page echoes the URL the partner typed; nothing else of the case may appear.
    const typed = url.slice("/partner/cases/".length);
    expectNoCanary(
      [await response.text()],
      theirs.forbidden.filter((value) => value !== typed),
    );
  }
  expect(await countAudit(partner.id, "partner.case.read", "DENIED")).toBe(3);

  for (const url of [
    `/cases/${theirs.caseId}`,
    "/cases",
    `/cases?q=${theirs.canary.name}`,
    "/shares",
    "/admin/audit",
  ]) {
    const response = await page.request.get(url, { maxRedirects: 0 });
    expect([303, 307, 308, 404], url).toContain(response.status());
    if (response.status() !== 404) expect(response.headers().location).toMatch(/\/partner$/);
    expectNoCanary(
      [await response.text()],
      theirs.forbidden.filter((value) => !url.includes(value)),
    );
  }
  // Every refused request is audited (once per render pass: the layout and page share one).
  expect(await countAudit(partner.id, "page.staff", "DENIED")).toBeGreaterThanOrEqual(5);

  const post = (action: string, body: unknown) =>
    page.request.post("/cases", {
      headers: {
        "Next-Action": actionId(action),
        "Content-Type": "text/plain;charset=UTF-8",
        Accept: "text/x-component",
      },
      data: JSON.stringify([body]),
    });
  const organisationId = await organisationOf(partner.id);
  const share = await post("shareCasesAction", {
    caseIds: [theirs.caseId],
    organisationId,
    profile: "DETAILED",
    expiresOn: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
  });
  expect(await share.text()).toContain('"error":"forbidden"');
  const revoke = await post("revokeShareAction", { grantId: theirGrant.id });
  expect(await revoke.text()).toContain('"error":"forbidden"');
  expect(await countAudit(partner.id, "share.grant", "DENIED")).toBe(1);
  expect(await countAudit(partner.id, "share.revoke", "DENIED")).toBe(1);
  const { rows } = await database().query(`SELECT revoked_at FROM share_grants WHERE case_id = $1`, [theirs.caseId]);
  expect(rows).toEqual([{ revoked_at: null }]);
});

test("revoking a grant in the browser takes effect on the partner's next request", async ({
  page,
  browser,
  signedInAs,
}) => {
  const editor = await signedInAs("EDITOR");
  const fixture = await createCanaryCase(editor.id);
  const partner = await createUser("PARTNER");
  const grant = await grantCase(fixture.caseId, await organisationOf(partner.id), "SUMMARY");

  const partnerContext = await browser.newContext();
  const partnerPage = await partnerContext.newPage();
  await signIn(partnerPage, partner);
  await partnerPage.goto(`/partner/cases/${grant.shareRef}`);
  await expect(partnerPage.getByRole("heading", { level: 1 })).toContainText(grant.shareRef);

  await page.goto(`/cases/${fixture.caseId}`);
  const sharing = page.getByRole("region", { name: "Sharing with partners" });
  await sharing.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke grant" }).click();
  await expect(sharing.getByTestId("share-table")).toContainText("Revoked");

  await partnerPage.reload();
  await expect(partnerPage.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await partnerPage.goto("/partner");
  await expect(partnerPage.getByRole("link", { name: grant.shareRef })).toHaveCount(0);
  await partnerContext.close();
});

test("the tallies API gives a partner suppressed totals of its shared cases only", async ({ page, signedInAs }) => {
  const partner = await signedInAs("PARTNER");
  const recorder = await createUser("EDITOR");
  const organisationId = await organisationOf(partner.id);
  const fixture = await createCanaryCase(recorder.id);
  await grantCase(fixture.caseId, organisationId, "SUMMARY");

  const total = await page.request.get(`/api/v1/stats/tallies?${PERIOD}&by=province`);
  expect(total.status()).toBe(200);
  const body = (await total.json()) as { total: unknown; rows: unknown[] };
  // One shared person: below the threshold, so hidden, and the province row with it.
  expect(body.total).toEqual({ low: null, high: null, open: null, suppressed: true });
  expect(body.rows).toEqual([{ key: "JILIN", low: null, high: null, open: null, suppressed: true }]);

  const monthly = await page.request.get(`/api/v1/stats/tallies?${PERIOD}&by=month`);
  expect(monthly.status()).toBe(400);
  expect(((await monthly.json()) as { error: string }).error).toMatch(/^by:/);
});
