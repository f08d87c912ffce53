import { z } from "zod";
import { MAX_IMPORT_BYTES } from "@/lib/domain/csv";

// Spreadsheets and browsers label CSV files inconsistently (Windows says application/vnd.ms-excel,
// some browsers nothing at all): the name must end in .csv or .txt and the type be one of these.
const CSV_TYPES = ["", "text/csv", "text/plain", "application/csv", "text/x-csv", "application/vnd.ms-excel"];

/** Duck-typed: the multipart parser's File need not be this realm's `File` class. */
function isFile(value: unknown): value is File {
  return value instanceof Blob && typeof (value as File).name === "string";
}

const fromFormData = (input: unknown) =>
  typeof (input as FormData | null)?.get === "function"
    ? { file: (input as FormData).get("file"), dryRun: (input as FormData).get("dryRun") }
    : input;

/**
 * The import upload (multipart fields `file` and `dryRun`, "true" or "false"), as POSTed to
 * /api/v1/import. The page checks the same size limit before sending, from `MAX_IMPORT_BYTES`.
 */
export const importUploadSchema = z.preprocess(
  fromFormData,
  z.object({
    file: z
      .custom<File>(isFile, { error: "importFileRequired" })
      .refine((file) => file.size > 0, { error: "importFileEmpty" })
      .refine((file) => file.size <= MAX_IMPORT_BYTES, { error: "importFileTooLarge" })
      .refine((file) => /\.(csv|txt)$/i.test(file.name) && CSV_TYPES.includes(file.type.split(";")[0]!.trim()), {
        error: "importFileType",
      }),
    dryRun: z.enum(["true", "false"], { error: "importMode" }).transform((value) => value === "true"),
  }),
);

export type ImportUpload = z.output<typeof importUploadSchema>;
