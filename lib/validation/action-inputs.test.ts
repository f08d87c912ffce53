import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTION_INPUTS, parseActionInput } from "./action-inputs";

/** Every export of the "use server" files under app/, with the name its wrapper was given. */
function actionExports(): { exported: string; wrapped: string | undefined }[] {
  const found: { exported: string; wrapped: string | undefined }[] = [];
  const app = path.join(__dirname, "../../app");
  for (const file of readdirSync(app, { recursive: true, encoding: "utf8" })) {
    if (!/\.tsx?$/.test(file)) continue;
    const text = readFileSync(path.join(app, file), "utf8");
    if (!/^\s*["']use server["']/.test(text)) continue;
    for (const m of text.matchAll(
      /export\s+(?:const|async\s+function|function)\s+(\w+)(\s*=\s*define\w*Action\(\s*"(\w+)")?/g,
    )) {
      found.push({ exported: m[1]!, wrapped: m[3] });
    }
  }
  return found;
}

describe("ACTION_INPUTS", () => {
  it("names every server action, each wrapped with its own exported name", () => {
    const actions = actionExports();
    expect(actions.filter((a) => a.wrapped !== a.exported)).toEqual([]);
    expect(actions.map((a) => a.exported).sort()).toEqual(Object.keys(ACTION_INPUTS).sort());
  });

  it("gives the wrapper and the proxy one verdict: the data, or field errors by field", () => {
    expect(parseActionInput("searchCasesAction", { q: "  kim " })).toEqual({ ok: true, data: { q: "kim" } });
    expect(parseActionInput("restoreCaseAction", { id: "x" })).toEqual({
      ok: false,
      fieldErrors: { id: ["invalid"] },
      tampered: false,
    });
    expect(parseActionInput("restoreCaseAction", { id: 7 })).toMatchObject({ ok: false, tampered: true });
    expect(parseActionInput("signOutEverywhereAction", { stray: 1 })).toMatchObject({ ok: false, tampered: true });
  });
});
