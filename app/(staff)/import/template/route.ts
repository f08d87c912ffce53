import { NextResponse } from "next/server";
import { getCurrentActor } from "@/lib/auth/actor";
import { AccessDeniedError } from "@/lib/data/errors";
import { authorizeImport } from "@/lib/data/import";
import { buildImportTemplate } from "@/lib/domain/import-template";
import { json } from "@/lib/http/json";

export const dynamic = "force-dynamic";

/** The import template: every column, one fictitious example row per event type. */
export async function GET() {
  const actor = await getCurrentActor();
  if (!actor) return json({ error: "Sign in required" }, 401);
  try {
    await authorizeImport(actor, "import.template");
  } catch (error) {
    if (error instanceof AccessDeniedError) return json({ error: "Not found" }, 404);
    throw error;
  }
  // The BOM makes Excel open the file as UTF-8; the import drops it again.
  return new NextResponse(`\ufeff${buildImportTemplate()}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="passage-import-template.csv"',
      "Cache-Control": "no-store",
    },
  });
}
