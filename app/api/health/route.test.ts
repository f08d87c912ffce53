import { describe, expect, it, vi } from "vitest";

// Each test file runs in its own module registry, so the Prisma client made here is this file's own.

describe("GET /api/health", () => {
  it("answers 200 with the database reachable", async () => {
    const { GET } = await import("./route");
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", db: "ok" });
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("answers 503 when the database cannot be reached", async () => {
    vi.resetModules();
    const saved = process.env.DATABASE_URL;
    const globals = globalThis as unknown as { prisma?: unknown };
    const client = globals.prisma;
    delete globals.prisma;
    process.env.DATABASE_URL = "postgresql://postgres@127.0.0.1:1/unreachable";
    try {
      const { GET } = await import("./route");
      const response = await GET();
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: "error", db: "unreachable" });
    } finally {
      process.env.DATABASE_URL = saved;
      globals.prisma = client;
    }
  });
});
