import { describe, expect, it } from "vitest";
import { MAX_IMPORT_BYTES } from "@/lib/domain/csv";
import { importUploadSchema } from "./import";

function form(file: File | string | null, dryRun: string | null = "true") {
  const data = new FormData();
  if (file !== null) data.set("file", file);
  if (dryRun !== null) data.set("dryRun", dryRun);
  return data;
}

const csv = (name = "cases.csv", type = "text/csv", size = 10) => new File(["a".repeat(size)], name, { type });

function fieldErrors(input: FormData) {
  const parsed = importUploadSchema.safeParse(input);
  return parsed.success ? null : parsed.error.issues.map((issue) => `${issue.path.join(".")}:${issue.message}`);
}

describe("importUploadSchema", () => {
  it("reads the file and whether it is a dry run", () => {
    const parsed = importUploadSchema.parse(form(csv(), "true"));
    expect(parsed.file.name).toBe("cases.csv");
    expect(parsed.dryRun).toBe(true);
    expect(importUploadSchema.parse(form(csv("Export.TXT", "application/vnd.ms-excel"), "false")).dryRun).toBe(false);
  });

  it("names the problem with the file by its catalogue key", () => {
    expect(fieldErrors(form(null))).toEqual(["file:importFileRequired"]);
    expect(fieldErrors(form("a,b\n1,2"))).toEqual(["file:importFileRequired"]);
    expect(fieldErrors(form(csv("cases.csv", "text/csv", 0)))).toEqual(["file:importFileEmpty"]);
    expect(fieldErrors(form(csv("cases.xlsx")))).toEqual(["file:importFileType"]);
    expect(fieldErrors(form(csv("cases.csv", "application/pdf")))).toEqual(["file:importFileType"]);
  });

  it("refuses a file over the limit", () => {
    const big = new File([new Uint8Array(MAX_IMPORT_BYTES + 1)], "big.csv", { type: "text/csv" });
    expect(fieldErrors(form(big))).toEqual(["file:importFileTooLarge"]);
  });

  it("requires an explicit mode", () => {
    expect(fieldErrors(form(csv(), null))).toEqual(["dryRun:importMode"]);
    expect(fieldErrors(form(csv(), "yes"))).toEqual(["dryRun:importMode"]);
  });
});
