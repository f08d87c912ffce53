import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures/auth";
import {
  injectionFindings,
  insertAttribution,
  insertCase,
  insertEvent,
  insertShareGrant,
  insertSource,
  signInFully,
  organisationOf,
  payloads,
  watchForDialogs,
} from "./fixtures/attack";
import { createUser, database, unique, type TestUser } from "./fixtures/factories";

// Stored XSS (issue 6 item 7): every free-text field holds a payload, written straight into the
// database so that the forms' validation cannot hide a rendering flaw. Every page that shows them
// must render them as inert text: no dialog, no injected element, no marker global, no active link.

const XSS = payloads("xss.txt");
const at = (i: number) => XSS[i % XSS.length]!;
/** Also a spreadsheet formula: the audit CSV must neutralise it. */
const ADMIN_NAME = `=HYPERLINK("http://evil.example","x")<img src=x onerror="window.__xss=1;alert(1)">`;
const FORMULA_PROVINCE = `=HYPERLINK("http://evil.example","y")`;

let tag: string;
const cases: { id: string; ref: string; name: string }[] = [];
const events: { id: string; description: string }[] = [];
const sources: { id: string; title: string }[] = [];

test.beforeAll(async () => {
  tag = unique("xss");
  for (let i = 0; i < XSS.length; i++) {
    const name = `${at(i)} ${tag}`;
    const values = { fullName: name, aliases: [at(i + 1), at(i + 2)], contact: at(i + 3), notes: at(i + 4) };
    const record = await insertCase({ ...values, originProvince: at(i + 5), sex: "F", birthYear: 1980 });
    cases.push({ id: record.id, ref: record.ref, name });
    // Near-twins for the duplicates review.
    if (i < 3) await insertCase({ ...values, fullName: `${name}x`, sex: "F", birthYear: 1980 });
    const event = await insertEvent({
      day: `2020-03-${String((i % 28) + 1).padStart(2, "0")}`,
      province: i === 0 ? FORMULA_PROVINCE : at(i + 6),
      place: at(i + 7),
      facility: at(i + 8),
      description: at(i + 9),
      participantIds: [record.id],
    });
    events.push({ id: event.id, description: at(i + 9) });
    const url = [`javascript:window.__xss=1`, ` JaVaScRiPt:alert(1)`, `data:text/html,<script>alert(1)</script>`][
      i % 3
    ];
    const title = `${at(i + 10)} ${tag}`;
    const source = await insertSource({ title, publisher: at(i + 11), url: i < 6 ? url : at(i + 12) });
    sources.push({ id: source.id, title });
    await insertAttribution(event.id, source.id, at(i + 13), at(i + 14));
  }
});

/** Opens `url`, waits for hydration, and returns what went wrong (empty when the page is inert). */
async function inspect(page: Page, url: string, mustShow: string[] = []): Promise<string[]> {
  const response = await page.goto(url);
  await page.waitForLoadState("networkidle");
  const problems = (await injectionFindings(page)).map((finding) => `${url}: ${finding}`);
  if (!response || response.status() >= 400) problems.push(`${url}: answered ${response?.status()}`);
  const text = await page.evaluate(() => document.body.innerText);
  for (const expected of mustShow) {
    if (!text.includes(expected.trim())) problems.push(`${url}: does not show ${JSON.stringify(expected)} as text`);
  }
  return problems;
}

/** The review pages by last update: the first case written here may be on its second or third page. */
async function inspectDuplicatesReview(page: Page, name: string): Promise<string[]> {
  let url = "/cases/duplicates";
  for (let pages = 0; pages < 5; pages++) {
    const problems = await inspect(page, url);
    if (problems.length > 0) return problems;
    if ((await page.evaluate(() => document.body.innerText)).includes(name.trim())) return [];
    const earlier = page.getByRole("link", { name: "Earlier cases" });
    if ((await earlier.count()) === 0) break;
    url = (await earlier.getAttribute("href"))!;
  }
  return [`/cases/duplicates: does not show ${JSON.stringify(name)} as text on its first five pages`];
}

async function signInAdmin(page: Page): Promise<TestUser> {
  const admin = await createUser("ADMIN", { name: ADMIN_NAME });
  return signInFully(page, admin);
}

test("case pages, the cases list and the duplicates review render every payload as text", async ({ page }) => {
  test.setTimeout(180_000);
  const dialogs = watchForDialogs(page);
  await signInAdmin(page);
  const problems = await inspect(page, "/", [ADMIN_NAME]);
  problems.push(
    ...(await inspect(
      page,
      `/cases?q=${encodeURIComponent(tag)}`,
      cases.map((c) => c.name),
    )),
  );
  problems.push(...(await inspectDuplicatesReview(page, cases[0]!.name)));
  for (const record of cases) problems.push(...(await inspect(page, `/cases/${record.id}`, [record.name])));
  expect(problems).toEqual([]);
  expect(dialogs).toEqual([]);
});

test("events, sources and their pages render every payload as text and no URL as an active link", async ({ page }) => {
  test.setTimeout(180_000);
  const dialogs = watchForDialogs(page);
  await signInAdmin(page);
  const problems = await inspect(page, "/events?from=2020-03&to=2020-03");
  problems.push(
    ...(await inspect(
      page,
      `/sources?q=${encodeURIComponent(tag)}`,
      sources.map((s) => s.title),
    )),
  );
  for (const event of events) problems.push(...(await inspect(page, `/events/${event.id}`, [event.description])));
  for (const source of sources) problems.push(...(await inspect(page, `/sources/${source.id}`, [source.title])));
  expect(problems).toEqual([]);
  expect(dialogs).toEqual([]);
});

test("administration, statistics and the partner portal render names as text", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const dialogs = watchForDialogs(page);
  const named = await Promise.all(XSS.slice(0, 8).map((name) => createUser("PARTNER", { name })));
  for (const [i, user] of named.entries()) {
    await database().query("UPDATE partner_organisations SET name = $2 WHERE id = $1", [
      await organisationOf(user.id),
      `${at(i + 3)} ${tag}`,
    ]);
  }
  const admin = await signInAdmin(page);
  const { share } = await insertShareGrant(cases[1]!.id, await organisationOf(named[0]!.id), admin.id);
  const problems = await inspect(page, "/admin/users", [ADMIN_NAME]);
  problems.push(...(await inspect(page, "/shares", [cases[1]!.ref])));
  problems.push(...(await inspect(page, `/admin/audit?actor=${admin.id}`, [ADMIN_NAME])));
  problems.push(...(await inspect(page, "/admin/organisations")));
  problems.push(...(await inspect(page, "/stats?type=REPATRIATION&from=2020-01&to=2020-12")));
  // A partner sees their own organisation's name.
  const partnerContext = await browser.newContext();
  const partnerPage = await partnerContext.newPage();
  const partnerDialogs = watchForDialogs(partnerPage);
  await signIn(partnerPage, named[0]!);
  problems.push(...(await inspect(partnerPage, "/partner", [at(3)])));
  problems.push(...(await inspect(partnerPage, `/partner/cases/${share}`, [share])));
  problems.push(...(await inspect(partnerPage, "/partner/stats")));
  await partnerContext.close();
  expect(problems).toEqual([]);
  expect([...dialogs, ...partnerDialogs]).toEqual([]);
});

test("payloads reflected through list filters in the URL stay inert", async ({ page }) => {
  test.setTimeout(120_000);
  const dialogs = watchForDialogs(page);
  await signInAdmin(page);
  const problems: string[] = [];
  for (const payload of XSS.slice(0, 10)) {
    const q = encodeURIComponent(payload);
    for (const url of [
      `/cases?q=${q}&province=${q}&after=${q}`,
      `/events?province=${q}&type=${q}`,
      `/sources?q=${q}&kind=${q}`,
      `/admin/audit?actor=${q}&entityType=case&entityId=${q}`,
      `/stats?type=${q}&from=${q}`,
    ]) {
      problems.push(...(await inspect(page, url)));
    }
  }
  expect(problems).toEqual([]);
  expect(dialogs).toEqual([]);
});

/** Cells of a CSV body that a spreadsheet would run as a formula. */
function formulaCells(csv: string): string[] {
  return csv
    .replace(/^\ufeff/, "")
    .split(/\r?\n/)
    .flatMap((line) => line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/))
    .map((cell) => cell.replace(/^"|"$/g, "").replace(/""/g, '"'))
    .filter((cell) => /^[=+\-@\t\r]/.test(cell));
}

test("CSV exports neutralise formula cells end to end", async ({ page }) => {
  const admin = await signInAdmin(page);
  const audit = await page.request.get(`/api/v1/audit/export?actor=${admin.id}`);
  expect(audit.status()).toBe(200);
  const auditCsv = await audit.text();
  expect(auditCsv).toContain(`'=HYPERLINK(""http://evil.example""`);
  expect(formulaCells(auditCsv)).toEqual([]);
  const stats = await page.request.get("/api/v1/stats/export?type=REPATRIATION&from=2020-03&to=2020-03&kind=table");
  expect(stats.status()).toBe(200);
  const statsCsv = await stats.text();
  expect(statsCsv).toContain(`'=HYPERLINK(""http://evil.example"",""y"")`);
  expect(formulaCells(statsCsv)).toEqual([]);
});
