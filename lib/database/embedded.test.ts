import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { servePglite } from "./embedded";

// The embedded database serves every connection of the pool from one PGlite. Parameterised
// queries from many connections at once must each get their own answer (lib/database/pglite-queue.ts).

let served: Awaited<ReturnType<typeof servePglite>>;
let pool: pg.Pool;

beforeAll(async () => {
  served = await servePglite();
  pool = new pg.Pool({ connectionString: served.url, max: 8 });
}, 60_000);

afterAll(async () => {
  await pool.end();
  await served.stop();
});

describe("the embedded database under concurrent clients", () => {
  it("answers interleaved parameterised queries of different shapes correctly", async () => {
    const queries = Array.from({ length: 240 }, async (_, i) => {
      if (i % 3 === 0) {
        const { rows } = await pool.query<{ sum: number }>("SELECT $1::int + $2::int AS sum", [i, 1]);
        expect(rows[0]!.sum).toBe(i + 1);
      } else if (i % 3 === 1) {
        const { rows } = await pool.query<{ a: string; b: string; c: string }>(
          "SELECT $1::text AS a, $2::text AS b, $3::text AS c",
          [`a${i}`, `b${i}`, `c${i}`],
        );
        expect(rows[0]).toEqual({ a: `a${i}`, b: `b${i}`, c: `c${i}` });
      } else {
        const { rows } = await pool.query<{ n: string }>("SELECT count(*) AS n FROM generate_series(1, $1::int)", [i]);
        expect(Number(rows[0]!.n)).toBe(i);
      }
    });
    await Promise.all(queries);
  });

  it("keeps a transaction's statements on their own connection while others run", async () => {
    await pool.query("CREATE TABLE IF NOT EXISTS counters (id int PRIMARY KEY, n int NOT NULL)");
    await pool.query("INSERT INTO counters VALUES (1, 0) ON CONFLICT (id) DO UPDATE SET n = 0");
    const increments = Array.from({ length: 40 }, async () => {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const { rows } = await client.query<{ n: number }>("SELECT n FROM counters WHERE id = $1 FOR UPDATE", [1]);
        await client.query("UPDATE counters SET n = $1 WHERE id = $2", [rows[0]!.n + 1, 1]);
        await client.query("COMMIT");
      } finally {
        client.release();
      }
    });
    const readers = Array.from({ length: 40 }, (_, i) => pool.query("SELECT $1::int AS i", [i]));
    await Promise.all([...increments, ...readers]);
    const { rows } = await pool.query<{ n: number }>("SELECT n FROM counters WHERE id = $1", [1]);
    expect(rows[0]!.n).toBe(40);
  });
});
