import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

// The checker's own semver (untyped here: @types/semver is not installed, and no package is added for a test).
const semver = createRequire(import.meta.url)("semver") as {
  satisfies(version: string, range: string): boolean;
  validRange(range: string): string | null;
};
const checker = path.resolve(".ci/check-advisories.mjs");
const list = JSON.parse(readFileSync(".ci/advisories.json", "utf8")) as {
  packages: Record<
    string,
    { minimum: string; minimumSetBy: string[]; advisories: { id: string; cve?: string; vulnerable: string }[] }
  >;
};

const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((root) => rmSync(root, { recursive: true, force: true })));

/** A project root whose node_modules holds only these package versions. */
function fakeTree(versions: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "passage-advisories-"));
  roots.push(root);
  for (const [name, version] of Object.entries(versions)) {
    mkdirSync(path.join(root, "node_modules", name), { recursive: true });
    writeFileSync(path.join(root, "node_modules", name, "package.json"), JSON.stringify({ name, version }));
  }
  return root;
}

function check(root?: string) {
  const args = root ? [checker, "--root", root] : [checker];
  return spawnSync(process.execPath, args, { encoding: "utf8" });
}

describe("check-advisories", () => {
  it("passes on the installed tree", () => {
    const result = check();
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("fails naming the middleware-bypass advisory for next 15.2.2", () => {
    const result = check(fakeTree({ next: "15.2.2", "next-auth": "4.24.15" }));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("GHSA-f82v-jwr5-mffw (CVE-2025-29927)");
    expect(result.stderr).toContain("below the minimum safe version 16.2.5");
  });

  it("fails naming the next-auth advisory for next-auth 4.24.11", () => {
    const result = check(fakeTree({ next: "16.4.6", "next-auth": "4.24.11" }));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("GHSA-5jpx-9hw9-2fx4");
    expect(result.stderr).not.toContain("next 16.4.6");
  });

  it("fails when a listed package is missing", () => {
    const result = check(fakeTree({ next: "16.4.6" }));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("next-auth is not installed");
  });
});

describe("advisories.json", () => {
  it.each(Object.entries(list.packages))(
    "%s: the minimum lies outside every range and names real entries",
    (_, entry) => {
      const ids = entry.advisories.flatMap((a) => [a.id, a.cve]);
      for (const id of entry.minimumSetBy) expect(ids).toContain(id);
      for (const advisory of entry.advisories) {
        expect(semver.validRange(advisory.vulnerable), advisory.id).not.toBeNull();
        expect(semver.satisfies(entry.minimum, advisory.vulnerable), advisory.id).toBe(false);
      }
      // The minimum is where the ranges end: the patch release just before it is still affected.
      const [major, minor, patch] = entry.minimum.split(".").map(Number);
      const before = `${major}.${minor}.${patch! - 1}`;
      expect(entry.advisories.some((a) => semver.satisfies(before, a.vulnerable))).toBe(true);
    },
  );
});
