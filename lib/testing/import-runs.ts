import type { Actor } from "@/lib/domain/actor";
import { importCsv, type ImportResult, type ImportSummary } from "@/lib/data/import";
import { actorFor, createUser } from "./factories";
import { csvFile, type CsvRow } from "./import-factories";

// Shared by the import tests (lib/data/import.test.ts, lib/data/import-refusals.test.ts).

export async function editor() {
  return actorFor(await createUser({ role: "EDITOR" }));
}

/** Imports `rows` (or raw bytes) as an editor, or as `options.actor`. */
export async function runImport(rows: CsvRow[] | Uint8Array, options: { dryRun?: boolean; actor?: Actor } = {}) {
  const actor = options.actor ?? (await editor());
  const bytes = rows instanceof Uint8Array ? rows : csvFile(rows);
  return importCsv(actor, { bytes, fileName: "test.csv", dryRun: options.dryRun ?? false });
}

export function summaryOf(result: ImportResult): ImportSummary {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.errors)}`);
  return result.summary;
}
