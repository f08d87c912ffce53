import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, Browser } from "@playwright/test";
import { expect, test } from "./fixtures/auth";
import { insertCase, payloads, signInFully } from "./fixtures/attack";
import { createUser, database } from "./fixtures/factories";

// SQL injection (issue 6 item 7): every payload of the corpus in every filter and search parameter
// of every list page and API. Nothing may fail (500), sleep (pg_sleep), leak SQL errors or a
// redacted identity, or change a row that existed before.

const SQLI = payloads("sqli.txt");
const SLOW_MS = 3_000;
const SQL_ERRORS = [
  /syntax error at or near/i,
  /unterminated quoted/i,
  /invalid input syntax/i,
  /current transaction is aborted/i,
  /relation "[^"]+" does not exist/i,
  /column "[^"]+" does not exist/i,
  /PrismaClient\w*Error/,
  /DriverAdapterError/,
  /Raw query failed/i,
  /\bP20\d\d\b/,
];

interface Probe {
  who: "ADMIN" | "EDITOR" | "VIEWER";
  url: (p: string) => string;
  /** The statuses a refused or odd value may get; never 5xx. */
  ok?: (status: number) => boolean;
}

const e = encodeURIComponent;
const TALLY = { from: "2017-01", to: "2017-12", type: "REPATRIATION", by: "province" };
const tally =
  (route: string, param: string, extra = "") =>
  (p: string) =>
    `${route}?${new URLSearchParams({ ...TALLY, [param]: p })}${extra}`;

/** Pages whose filters drop a bad value: every parameter carries the payload at once. */
const PROBES: Probe[] = [
  ...(["ADMIN", "VIEWER"] as const).map((who): Probe => ({
    who,
    url: (p) =>
      `/cases?${["q", "status", "eventType", "province", "sex", "ageGroup", "from", "to", "sort", "after"].map((k) => `${k}=${e(p)}`).join("&")}`,
  })),
  { who: "ADMIN", url: (p) => `/cases?q=${e(p)}&sort=-updated&after=${e(p)}` },
  {
    who: "VIEWER",
    url: (p) => `/events?${["type", "province", "from", "to", "groups", "after"].map((k) => `${k}=${e(p)}`).join("&")}`,
  },
  { who: "VIEWER", url: (p) => `/sources?q=${e(p)}&kind=${e(p)}&after=${e(p)}` },
  {
    who: "ADMIN",
    url: (p) =>
      `/admin/audit?${["actor", "action", "entityType", "entityId", "from", "to", "after"].map((k) => `${k}=${e(p)}`).join("&")}`,
  },
  { who: "ADMIN", url: (p) => `/admin/audit?entityType=case&entityId=${e(p)}&actor=${e(`${p}@x.test`)}` },
  { who: "ADMIN", url: (p) => `/admin/users?after=${e(p)}` },
  { who: "VIEWER", url: (p) => `/stats?type=${e(p)}&from=${e(p)}&to=${e(p)}` },
  { who: "ADMIN", url: (p) => `/api/v1/audit/export?actor=${e(p)}&entityType=case&entityId=${e(p)}&from=${e(p)}` },
  // Strict APIs answer 400 to the first bad parameter: one parameter at a time, the others valid.
  ...["from", "to", "type", "by"].map((k): Probe => ({
    who: "VIEWER",
    url: tally("/api/v1/stats/tallies", k),
    ok: (s) => s === 200 || s === 400,
  })),
  ...["from", "to", "type", "kind"].map((k): Probe => ({
    who: "VIEWER",
    url: tally("/api/v1/stats/export", k),
    ok: (s) => s === 200 || s === 400,
  })),
];

let canary: { id: string; name: string };
const sessions = new Map<Probe["who"], APIRequestContext>();

async function session(browser: Browser, role: Probe["who"]) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInFully(page, await createUser(role));
  await page.close();
  return context.request;
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(60_000);
  canary = { name: `Canary Kim ${Date.now()}`, id: "" };
  canary.id = (await insertCase({ fullName: canary.name, contact: "canary-contact", notes: "canary-notes" })).id;
  for (const role of ["ADMIN", "EDITOR", "VIEWER"] as const) sessions.set(role, await session(browser, role));
});

/** Rows that existed before the attack, with their last change, and who holds which role: an injection would alter this. */
async function snapshot(before: Date) {
  const tables = ["cases", "events", "sources", "attributions", "event_participants", "share_grants"];
  const { rows } = await database().query(
    [
      ...tables.map(
        (t) => `SELECT '${t}' AS t, count(*)::int AS n, max(updated_at) AS changed FROM ${t} WHERE created_at < $1`,
      ),
      `SELECT 'users:' || role, count(*)::int, NULL FROM users WHERE created_at < $1 GROUP BY role`,
      `SELECT 'partner_organisations', count(*)::int, NULL FROM partner_organisations WHERE created_at < $1`,
    ].join(" UNION ALL "),
    [before],
  );
  return rows.sort((a, b) => String(a.t).localeCompare(String(b.t)));
}

function searchActionId(): string {
  const file = path.join(process.cwd(), ".next/server/server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as { node: Record<string, { exportedName?: string }> };
  return Object.entries(manifest.node).find(([, a]) => a.exportedName === "searchCasesAction")![0];
}

test("no SQL injection payload in any filter or search parameter errors, sleeps, leaks or writes", async () => {
  test.setTimeout(150_000);
  const before = new Date();
  const rowsBefore = await snapshot(before);
  const searchId = searchActionId();
  const failures: string[] = [];
  const slow: { label: string; again: () => Promise<number> }[] = [];

  const check = async (
    label: string,
    send: () => Promise<{ status: number; body: string }>,
    payload: string,
    ok: (s: number) => boolean,
    who: string,
  ) => {
    const started = Date.now();
    const { status, body } = await send();
    const elapsed = Date.now() - started;
    if (!ok(status)) failures.push(`${label} → ${status} ${body.slice(0, 300)}`);
    for (const pattern of SQL_ERRORS) if (pattern.test(body)) failures.push(`${label} → body matches ${pattern}`);
    if (!/pg_/i.test(payload) && /\bpg_\w+/i.test(body)) failures.push(`${label} → body mentions pg_`);
    if (who !== "ADMIN" && who !== "EDITOR" && /canary-contact|canary-notes|Canary Kim/.test(body))
      failures.push(`${label} → leaked the canary`);
    if (elapsed > SLOW_MS)
      slow.push({
        label,
        again: async () => {
          const started = Date.now();
          await send();
          return Date.now() - started;
        },
      });
  };

  const jobs: (() => Promise<void>)[] = [];
  for (const payload of SQLI) {
    for (const probe of PROBES) {
      const url = probe.url(payload);
      const request = sessions.get(probe.who)!;
      jobs.push(() =>
        check(
          `${probe.who} GET ${url}`,
          async () => {
            const r = await request.get(url, { maxRedirects: 0 });
            return { status: r.status(), body: await r.text() };
          },
          payload,
          probe.ok ?? ((s) => s === 200),
          probe.who,
        ),
      );
    }
    jobs.push(() =>
      check(
        `EDITOR searchCasesAction ${payload}`,
        async () => {
          const r = await sessions.get("EDITOR")!.post("/events/new", {
            headers: {
              "Next-Action": searchId,
              "Content-Type": "text/plain;charset=UTF-8",
              Accept: "text/x-component",
            },
            // React's reply encoding escapes a leading "$" as "$$", as the real client does.
            data: JSON.stringify([{ q: payload.replace(/^\$/, "$$$$") }]),
          });
          const body = await r.text();
          return { status: /"error":"server"/.test(body) ? 500 : r.status(), body };
        },
        payload,
        (s) => s === 200,
        "EDITOR",
      ),
    );
  }
  for (let i = 0; i < jobs.length; i += 8) await Promise.all(jobs.slice(i, i + 8).map((job) => job()));

  // A slow answer under load is retried alone: a pg_sleep(5) that really ran is slow again.
  for (const { label, again } of slow) {
    const elapsed = await again();
    if (elapsed > SLOW_MS) failures.push(`${label} → slow twice (${elapsed} ms): did pg_sleep run?`);
  }
  expect(failures).toEqual([]);
  expect(await snapshot(before)).toEqual(rowsBefore);
  const { rows } = await database().query("SELECT full_name, contact, notes FROM cases WHERE id = $1", [canary.id]);
  expect(rows).toEqual([{ full_name: canary.name, contact: "canary-contact", notes: "canary-notes" }]);
});
