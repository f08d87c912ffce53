import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Role } from "@/lib/domain/policy";
import { actorFor, createUser } from "@/lib/testing/factories";
import { caseRow, csvFile, generatedRows } from "@/lib/testing/import-factories";
import { loadActorByEmail } from "./actors";
import { AccessDeniedError } from "./errors";
import { authorizeImport } from "./import";
import { editor, runImport, summaryOf } from "@/lib/testing/import-runs";

describe("importCsv: a bad file writes nothing and names row and column", () => {
  const good = () => caseRow();
  const bytes = (text: string) => new TextEncoder().encode(text);
  const cases: [string, () => { file: Uint8Array; refs: string[] }, { row: number; column: string }][] = [
    [
      "a wrong header",
      () => ({ file: bytes("event_type,date,colour\nAPPREHENSION,2017,red\n"), refs: [] }),
      { row: 1, column: "colour" },
    ],
    [
      "bytes that are not UTF-8",
      () => {
        const row = good();
        const text = new TextDecoder().decode(csvFile([row]));
        return {
          file: Uint8Array.from([...bytes(text), ...bytes(",".repeat(0)), 0xc3, 0x28, 0x0a]),
          refs: [row.case_ref!],
        };
      },
      { row: 3, column: "" },
    ],
    ...(
      [
        ["month 13", { date: "2017-13" }, "date"],
        ["30 February", { date: "2017-02-30" }, "date"],
        ["a backwards range", { date: "2018..2017" }, "date"],
        ["an unknown enum", { event_type: "ARREST" }, "event_type"],
        ["oversized text", { full_name: "x".repeat(201) }, "full_name"],
      ] as const
    ).map(
      ([name, overrides, column]) =>
        [
          name,
          () => {
            const rows = [good(), caseRow(overrides)];
            return { file: csvFile(rows), refs: rows.map((r) => r.case_ref!) };
          },
          { row: 3, column },
        ] as (typeof cases)[number],
    ),
    [
      "low above high",
      () => {
        const row = good();
        return {
          file: csvFile([row, { event_type: "DETENTION", date: "2017", people_low: "50", people_high: "40" }]),
          refs: [row.case_ref!],
        };
      },
      { row: 3, column: "people_high" },
    ],
    [
      "a conflicting duplicate event_ref",
      () => {
        const first = good();
        return {
          file: csvFile([first, caseRow({ event_ref: first.event_ref, event_type: "DETENTION" })]),
          refs: [first.case_ref!],
        };
      },
      { row: 3, column: "event_type" },
    ],
  ];

  it.each(cases)("%s", async (_name, make, where) => {
    const { file, refs } = make();
    const result = await runImport(file);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toContainEqual(expect.objectContaining(where));
    expect(await db.case.count({ where: { ref: { in: refs } } })).toBe(0);
  });
});

describe("importCsv: who may import", () => {
  it.each(["VIEWER", "PARTNER"] as Role[])("refuses a %s and audits the refusal", async (role) => {
    const user = await createUser({ role });
    const row = caseRow();
    await expect(runImport([row], { actor: actorFor(user) })).rejects.toBeInstanceOf(AccessDeniedError);
    const audit = await db.auditEntry.findMany({ where: { actorId: user.id, action: "import.run" } });
    expect(audit).toEqual([expect.objectContaining({ outcome: "DENIED", details: { permission: "case.write" } })]);
    expect(await db.case.count({ where: { ref: row.case_ref! } })).toBe(0);
  });

  it("lets the import page and template refuse a viewer, audited", async () => {
    const viewer = await createUser({ role: "VIEWER" });
    await expect(authorizeImport(actorFor(viewer), "import.template")).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(authorizeImport(actorFor(await createUser({ role: "RESEARCHER" })))).resolves.toBeUndefined();
    const audit = await db.auditEntry.findMany({ where: { actorId: viewer.id } });
    expect(audit).toEqual([expect.objectContaining({ action: "import.template", outcome: "DENIED" })]);
  });

  it("acts on the command line as an active user only", async () => {
    const active = await createUser({ role: "RESEARCHER" });
    expect(await loadActorByEmail(` ${active.email.toUpperCase()} `)).toMatchObject({
      id: active.id,
      role: "RESEARCHER",
      origin: "cli",
    });
    const inactive = await createUser({ role: "EDITOR", active: false });
    expect(await loadActorByEmail(inactive.email)).toBeNull();
    const audit = await db.auditEntry.findMany({ where: { entityId: inactive.id, action: "auth.act_as" } });
    expect(audit).toEqual([expect.objectContaining({ outcome: "DENIED", details: { reason: "inactive" } })]);
  });
});

describe("importCsv: volume", () => {
  it("imports 5,000 generated rows", async () => {
    const rows = generatedRows(5000);
    const actor = await editor();
    const started = performance.now();
    const summary = summaryOf(await runImport(rows, { actor }));
    const seconds = (performance.now() - started) / 1000;
    console.log(`import: 5,000 rows in ${seconds.toFixed(2)} s, ${Math.round(5000 / seconds)} rows/s`);
    expect(summary.events.created).toBe(5000);
    expect(summary.cases.created).toBe(3750);

    const again = performance.now();
    const second = summaryOf(await runImport(rows, { actor }));
    const reSeconds = (performance.now() - again) / 1000;
    console.log(`re-import: 5,000 rows in ${reSeconds.toFixed(2)} s, ${Math.round(5000 / reSeconds)} rows/s`);
    expect(second.events).toEqual({ created: 0, updated: 0, unchanged: 5000 });
  }, 120_000);
});
