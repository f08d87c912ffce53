import { stringify } from "csv-stringify/sync";
import { NextResponse } from "next/server";
import { csvSafe } from "@/lib/domain/csv-safe";

/** CSV text of `lines`, every cell neutralised against spreadsheet formulas (csvSafe). */
export const csvText = (lines: string[][]): string => stringify(lines.map((line) => line.map(csvSafe)));

/** A byte-order mark: it makes Excel open a download as UTF-8. */
export const CSV_BOM = "\ufeff";

/** A CSV download (text, or a stream that begins with CSV_BOM), never cached. */
export function csvDownload(body: string | ReadableStream<Uint8Array>, fileName: string): NextResponse {
  return new NextResponse(typeof body === "string" ? `${CSV_BOM}${body}` : body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
