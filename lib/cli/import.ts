import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { MAX_IMPORT_BYTES } from "../domain/csv";
import { runCommand, UsageError, withReadyDatabase } from "./ready-database";

const USAGE = "usage: npm run import -- FILE --as EMAIL [--dry-run]";

/** `row 12, column date: …`; row 0 is the file as a whole, an empty column the whole row. */
function describe(issue: { row: number; column: string; message: string }): string {
  if (issue.row === 0) return `file: ${issue.message}`;
  return issue.column
    ? `row ${issue.row}, column ${issue.column}: ${issue.message}`
    : `row ${issue.row}: ${issue.message}`;
}

type Tally = { created: number; updated: number; unchanged: number };

function table(summary: Record<"cases" | "events" | "sources" | "attributions" | "participants", Tally>): string {
  const kinds = ["cases", "events", "sources", "attributions", "participants"] as const;
  const lines = [
    ["", "created", "updated", "unchanged"],
    ...kinds.map((k) => [k, ...Object.values(summary[k]).map(String)]),
  ];
  return lines.map(([name = "", ...counts]) => name.padEnd(14) + counts.map((c) => c.padStart(10)).join("")).join("\n");
}

/** Prints "done/total (p%)" to stderr at every 5 % step, for files large enough to take a while. */
function progressPrinter() {
  let shown = -1;
  return (done: number, total: number) => {
    if (total < 2000) return;
    const step = Math.floor((done / total) * 20);
    if (step === shown) return;
    shown = step;
    process.stderr.write(`  writing ${done.toLocaleString("en")}/${total.toLocaleString("en")} (${step * 5}%)\n`);
  };
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { as: { type: "string" }, "dry-run": { type: "boolean", default: false } },
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length || !values.as) throw new UsageError(USAGE);
  const size = await stat(file).then(
    (s) => (s.isFile() ? s.size : null),
    () => null,
  );
  if (size === null) throw new UsageError(`import refused: ${file} is not a readable file.`);
  if (size > MAX_IMPORT_BYTES) throw new UsageError(`import refused: ${file} is larger than 20 MB.`);
  const bytes = new Uint8Array(await readFile(file));
  const dryRun = values["dry-run"] ?? false;

  await withReadyDatabase(async () => {
    const { loadActorByEmail } = await import("../data/actors");
    const { importCsv } = await import("../data/import");
    const { AccessDeniedError } = await import("../data/errors");
    const actor = await loadActorByEmail(values.as!);
    if (!actor) throw new UsageError(`import refused: there is no active account ${values.as}.`);
    const result = await importCsv(actor, {
      bytes,
      fileName: path.basename(file),
      dryRun,
      onProgress: progressPrinter(),
    }).catch((error: unknown) => {
      if (error instanceof AccessDeniedError) {
        throw new UsageError(`import refused: ${actor.email} (${actor.role}) may not create or edit cases.`);
      }
      throw error;
    });
    if (!result.ok) {
      const lines = result.errors.map(describe).join("\n");
      throw new UsageError(`${lines}\nimport refused: ${result.errors.length} problem(s) found; nothing was written.`);
    }
    console.log(table(result.summary));
    console.log(
      dryRun
        ? `Dry run of ${result.summary.rows} rows: nothing was written.`
        : `Imported ${result.summary.rows} rows as ${actor.email}.`,
    );
  });
}

runCommand(main);
