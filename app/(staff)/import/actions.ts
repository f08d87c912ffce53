"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth/action";
import type { Actor } from "@/lib/domain/actor";
import { MAX_IMPORT_BYTES } from "@/lib/domain/csv";
import { importCsv, type ImportSummary } from "@/lib/data/import";
import type { ImportIssue } from "@/lib/domain/csv-import";

/** More would make a page nobody reads; the CLI lists them all. */
const MAX_ERRORS_SHOWN = 1000;

// Spreadsheets and browsers label CSV files inconsistently (Windows says application/vnd.ms-excel,
// some browsers nothing at all): the name must end in .csv or .txt and the type be one of these.
const CSV_TYPES = ["", "text/csv", "text/plain", "application/csv", "text/x-csv", "application/vnd.ms-excel"];

/** Duck-typed: the multipart parser's File need not be this realm's `File` class. */
function isFile(value: unknown): value is File {
  return value instanceof Blob && typeof (value as File).name === "string";
}

// The upload form's schema: the form checks the same limits before sending, from `maxBytes`.
const uploadSchema = z.preprocess(
  (input) =>
    typeof (input as FormData | null)?.get === "function" ? { file: (input as FormData).get("file") } : input,
  z.object({
    file: z
      .custom<File>(isFile, { error: "importFileRequired" })
      .refine((file) => file.size > 0, { error: "importFileEmpty" })
      .refine((file) => file.size <= MAX_IMPORT_BYTES, { error: "importFileTooLarge" })
      .refine((file) => /\.(csv|txt)$/i.test(file.name) && CSV_TYPES.includes(file.type.split(";")[0]!.trim()), {
        error: "importFileType",
      }),
  }),
);

/** What the page shows: the summary, or the problems (at most MAX_ERRORS_SHOWN of `errorCount`). */
export type ImportOutcome =
  { ok: true; summary: ImportSummary } | { ok: false; errors: ImportIssue[]; errorCount: number };

async function runImport(actor: Actor, file: File, dryRun: boolean): Promise<ImportOutcome> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const result = await importCsv(actor, { bytes, fileName: file.name, dryRun });
  if (result.ok) return result;
  return { ok: false, errors: result.errors.slice(0, MAX_ERRORS_SHOWN), errorCount: result.errors.length };
}

export const previewImportAction = defineAction({
  name: "import.preview",
  permission: "case.write",
  schema: uploadSchema,
  run: (actor, { file }) => runImport(actor, file, true),
});

export const runImportAction = defineAction({
  name: "import.run",
  permission: "case.write",
  schema: uploadSchema,
  run: async (actor, { file }) => {
    const outcome = await runImport(actor, file, false);
    if (outcome.ok) revalidatePath("/", "layout");
    return outcome;
  },
});
