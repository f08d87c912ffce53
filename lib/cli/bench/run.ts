import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { hashPassword } from "../../auth/password";
import { migrate } from "../../database/migrations";
import { createTestDatabase } from "../../testing/databases";
import { BenchClient, round, summarise, timeRequests } from "./http";
import { generateSynthetic } from "./synthetic";

/**
 * `npm run bench [-- --cases N --events N --requests N --import-rows N --keep | --reuse URL]`: builds a deterministic synthetic
 * dataset in a database of its own, serves the production build against it, and measures warm
 * request latencies (p50/p95) of the pages whose budgets the README records. Not part of `npm test`.
 */
async function main() {
  const { values } = parseArgs({
    options: {
      cases: { type: "string", default: "200000" },
      events: { type: "string", default: "1000000" },
      requests: { type: "string", default: "40" },
      "import-rows": { type: "string", default: "20000" },
      port: { type: "string", default: "3300" },
      /** Keep the generated database and print its URL, to measure again with --reuse. */
      keep: { type: "boolean", default: false },
      reuse: { type: "string" },
    },
  });
  const sizes = { cases: Number(values.cases), events: Number(values.events) };
  const log = (line: string) => console.error(`[bench] ${line}`);
  const database = values.reuse ? { url: values.reuse, drop: async () => {} } : await createTestDatabase("bench");
  let server: ReturnType<typeof spawn> | undefined;
  const password = "benchmark passphrase 2026";
  try {
    const applied = await migrate(database.url);
    if (values.reuse && applied.length > 0) {
      // A migration's backfill leaves new tables without a visibility map; autovacuum would set it.
      log(`applied ${applied.join(", ")}; vacuuming…`);
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      await client.query("VACUUM ANALYZE");
      await client.end();
    }
    if (!values.reuse) {
      log(`generating ${sizes.cases} cases and ${sizes.events} events…`);
      await generateSynthetic(database.url, sizes, log);
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      await client.query(
        `INSERT INTO users (email, name, role, password_hash) VALUES ('bench@passage.test', 'Bench', 'EDITOR', $1)`,
        [await hashPassword(password)],
      );
      // Index-only scans need the visibility map; a real database gets this from autovacuum.
      await client.query("VACUUM ANALYZE");
      await client.end();
    }

    const env = {
      ...process.env,
      DATABASE_URL: database.url,
      NEXTAUTH_SECRET: "benchmark-secret-".repeat(4),
      NEXT_TELEMETRY_DISABLED: "1",
    };
    const next = path.join(process.cwd(), "node_modules", ".bin", "next");
    if (!existsSync(path.join(process.cwd(), ".next", "BUILD_ID")))
      spawnSync(next, ["build"], { env, stdio: "inherit" });
    server = spawn(next, ["start", "--port", values.port!, "--hostname", "127.0.0.1"], { env, stdio: "ignore" });
    const base = `http://127.0.0.1:${values.port}`;
    for (
      let i = 0;
      i < 120 &&
      !(await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      ));
      i++
    ) {
      await new Promise((r) => setTimeout(r, 500));
    }
    const http = new BenchClient(base);
    await http.signIn("bench@passage.test", password);

    const n = Number(values.requests);
    const deep = await deepPage(http, "/cases?status=IN_CUSTODY&sex=F", 20);
    const pages: [string, string][] = [
      ["cases first page", "/cases"],
      ["cases by status and sex", "/cases?status=IN_CUSTODY&sex=F"],
      ["cases by event type and year", "/cases?eventType=REPATRIATION&from=2017-01&to=2017-12"],
      ["cases by province, sorted by update", "/cases?province=RYANGGANG&sort=-updated"],
      ["cases text search", "/cases?q=kim%20young"],
      ["cases filtered page 21", deep],
      // Not lists of cases (not in list_p95_ms), but pages that read the million events.
      ["events first page", "/events"],
      ["events by type and year", "/events?type=REPATRIATION&from=2017-01&to=2017-12"],
      ["case page, the case in most events", `/cases/${await busiestCase(database.url)}`],
      // A trigram search of every case for each of a window of recently updated cases.
      ["duplicates review, latest cases", "/cases/duplicates"],
      // The default /stats view, its monthly series and four breakdowns side by side.
      ["stats page", "/stats"],
    ];
    // Warm: a freshly started server compiles its hot code during its first few hundred requests,
    // and a production server has long since done so. Every page is served a while before any is timed.
    for (let round = 0; round < 4; round++) for (const [, url] of pages) await timeRequests(http, url, 1, 4);
    const results: Record<string, { p50: number; p95: number; n: number }> = {};
    for (const [name, url] of pages) {
      results[name] = await timeRequests(http, url, n);
      log(`${name}: p50 ${results[name]!.p50} ms, p95 ${results[name]!.p95} ms`);
    }
    console.log("\n| page | p50 ms | p95 ms |\n| --- | --- | --- |");
    for (const [name, r] of Object.entries(results)) console.log(`| ${name} | ${r.p50} | ${r.p95} |`);
    const listP95 = Math.max(
      ...pages.filter(([, url]) => /^\/cases(\?|$)/.test(url)).map(([name]) => results[name]!.p95),
    );
    const tallies = await measureTallies(http, database.url, Math.min(n, 60));
    console.log(`| tallies API, by month over 10 years (median) | ${tallies.api.month} | |`);
    console.log(`| tallies API, by province over 10 years (median) | ${tallies.api.province} | |`);
    console.log(`| tallies API, by sex over 10 years (median) | ${tallies.api.sex} | |`);
    console.log(
      `| same SQL straight through pg (median, month / province / sex) | ${Object.values(tallies.floor).join(" / ")} | |`,
    );
    const importRowsPerSecond = await measureImport(database.url, Number(values["import-rows"]));
    log(`import: ${importRowsPerSecond} rows/s`);
    console.log(`| import (rows per second) | ${importRowsPerSecond} | |`);
    console.log(
      JSON.stringify({
        cases: sizes.cases,
        events: sizes.events,
        tallies_ms: Math.max(...Object.values(tallies.api)),
        sql_floor_ms: Math.max(...Object.values(tallies.floor)),
        // Two decimals: rounded to one, a ratio of 1.549 would print as the target's 1.5.
        tallies_ratio:
          Math.round(100 * Math.max(...TIMED_TALLIES.map((by) => tallies.api[by] / tallies.floor[by]))) / 100,
        list_p95_ms: round(listP95),
        import_rows_per_s: importRowsPerSecond,
      }),
    );
  } finally {
    server?.kill("SIGTERM");
    if (values.keep) log(`kept ${database.url}: run again with --reuse ${database.url}`);
    else await database.drop();
  }
}

/** Months and provinces read event_tallies; a person breakdown (sex) reads event_people too. */
const TIMED_TALLIES = ["month", "province", "sex"] as const;
type TimedTally = (typeof TIMED_TALLIES)[number];

/** Requests of each tally (and queries of its SQL) before any is timed: see measureTallies. */
const TALLY_WARM_UP = 30;

/**
 * Medians of the tallies API (warm, over HTTP) and of the same SQL sent straight through `pg`,
 * taken in turns (one request, then one query) so that both meet the same conditions: on a shared
 * machine the query alone drifts by half from one minute to the next. The three tallies are taken
 * round-robin for the same reason. Each is first served TALLY_WARM_UP times, as the pages are: a
 * server answering a route for the first times still compiles its code, and a running one has
 * long since done so.
 */
async function measureTallies(http: BenchClient, url: string, count: number) {
  process.env.DATABASE_URL = url;
  const { tallySql } = await import("../../data/stats");
  const query = { from: "2015-01", to: "2024-12", type: "REPATRIATION" as const };
  // The same connection settings as the app's (lib/db.ts).
  const client = new pg.Client({ connectionString: url, options: "-c jit=off" });
  await client.connect();
  const time = async (run: () => Promise<unknown>) => {
    const started = performance.now();
    await run();
    return performance.now() - started;
  };
  const timed = TIMED_TALLIES.map((by) => {
    const path = `/api/v1/stats/tallies?from=${query.from}&to=${query.to}&type=${query.type}&by=${by}`;
    const sql = tallySql({ ...query, by });
    return {
      by,
      api: [] as number[],
      floor: [] as number[],
      request: async () => {
        const response = await http.get(path);
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      },
      query: () => client.query(sql.text, sql.values),
    };
  });
  try {
    for (const tally of timed) {
      for (let i = 0; i < TALLY_WARM_UP; i++) {
        await tally.request();
        await tally.query();
      }
    }
    for (let i = 0; i < count; i++) {
      for (const tally of timed) {
        tally.api.push(await time(tally.request));
        tally.floor.push(await time(tally.query));
      }
    }
  } finally {
    await client.end();
  }
  const medians = (side: "api" | "floor") =>
    Object.fromEntries(timed.map((tally) => [tally.by, summarise(tally[side]).p50])) as Record<TimedTally, number>;
  return { api: medians("api"), floor: medians("floor") };
}

/** Imports a generated file of `rows` new people, events and sources in-process, as the CLI does. */
async function measureImport(url: string, rows: number): Promise<number> {
  process.env.DATABASE_URL = url;
  const { loadActorByEmail } = await import("../../data/actors");
  const { importCsv } = await import("../../data/import");
  const { csvFile, generatedRows } = await import("../../testing/import-factories");
  const actor = await loadActorByEmail("bench@passage.test");
  if (!actor) throw new Error("the benchmark user is missing");
  const bytes = csvFile(generatedRows(rows));
  const started = performance.now();
  const result = await importCsv(actor, { bytes, fileName: "bench.csv", dryRun: false });
  const seconds = (performance.now() - started) / 1000;
  if (!result.ok) throw new Error(`benchmark import refused: ${result.errors[0]?.message}`);
  const { db } = await import("../../db");
  await db.$disconnect();
  return Math.round(rows / seconds);
}

/** The live case that takes part in the most events: the longest timeline a case page shows. */
async function busiestCase(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `SELECT p.case_id AS id FROM event_participants p JOIN cases c ON c.id = p.case_id AND c.deleted_at IS NULL
        GROUP BY p.case_id ORDER BY count(*) DESC, p.case_id LIMIT 1`,
    );
    return rows[0]!.id;
  } finally {
    await client.end();
  }
}

/** Follows the "Next page" links `pages` times and returns the URL of the last page reached. */
async function deepPage(http: BenchClient, start: string, pages: number): Promise<string> {
  let url = start;
  for (let i = 0; i < pages; i++) {
    const html = await (await http.get(url)).text();
    const next = html.match(/href="(\/cases\?[^"]*after=[^"]+)"/)?.[1]?.replaceAll("&amp;", "&");
    if (!next) break;
    url = next;
  }
  return url;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
