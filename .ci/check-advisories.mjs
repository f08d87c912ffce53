// Fails (exit 1) when an installed package is below the minimum safe version in .ci/advisories.json
// or inside an advisory's vulnerable range, naming the advisory. Reads the versions actually
// installed (node_modules/<package>/package.json), not the ranges package.json asks for.
//   node .ci/check-advisories.mjs [--root DIR] [--advisories FILE]
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const here = path.dirname(fileURLToPath(import.meta.url));
// semver is a pinned devDependency; it is resolved from this repository
// even when --root points elsewhere.
const semver = createRequire(import.meta.url)("semver");

const { values } = parseArgs({
  options: {
    root: { type: "string", default: path.join(here, "..") },
    advisories: { type: "string", default: path.join(here, "advisories.json") },
  },
});

const list = JSON.parse(readFileSync(values.advisories, "utf8"));
const failures = [];
for (const [name, entry] of Object.entries(list.packages)) {
  const manifest = path.join(values.root, "node_modules", name, "package.json");
  if (!existsSync(manifest)) {
    failures.push(`${name} is not installed (${manifest} is missing)`);
    continue;
  }
  const installed = JSON.parse(readFileSync(manifest, "utf8")).version;
  if (!semver.valid(installed)) {
    failures.push(`${name} has an unreadable version "${installed}"`);
    continue;
  }
  const hits = entry.advisories.filter((a) => semver.satisfies(installed, a.vulnerable));
  for (const a of hits) {
    const id = a.cve ? `${a.id} (${a.cve})` : a.id;
    failures.push(`${name} ${installed} is affected by ${id}: ${a.summary}; fixed in ${a.patched.join(", ")}`);
  }
  if (semver.lt(installed, entry.minimum)) {
    failures.push(
      `${name} ${installed} is below the minimum safe version ${entry.minimum}, set by ${entry.minimumSetBy.join(", ")}`,
    );
  } else if (hits.length === 0) {
    console.log(`advisories: ${name} ${installed} ok (minimum ${entry.minimum})`);
  }
}
for (const failure of failures) console.error(`advisories: ${failure}`);
process.exit(failures.length ? 1 : 0);
