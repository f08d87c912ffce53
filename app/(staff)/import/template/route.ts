import { getCurrentActor } from "@/lib/auth/actor";
import { AccessDeniedError } from "@/lib/data/errors";
import { authorizeImport } from "@/lib/data/import";
import { buildImportTemplate } from "@/lib/domain/import-template";
import { csvDownload } from "@/lib/http/csv";
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
  // The import drops the byte-order mark again.
  return csvDownload(buildImportTemplate(), "passage-import-template.csv");
}
