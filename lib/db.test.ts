import { describe, expect, it } from "vitest";
import { db } from "./db";

describe("db", () => {
  it("runs without PostgreSQL's JIT where the server has one (it costs about a second on the tallies)", async () => {
    const [row] = await db.$queryRaw<{ jit: string; available: boolean }[]>`
      SELECT current_setting('jit') AS jit, pg_jit_available() AS available`;
    // The embedded database has no JIT to turn off (and ignores connection options).
    expect(row?.available ? row.jit : "off").toBe("off");
  });
});
