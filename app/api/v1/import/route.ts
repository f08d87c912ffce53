import type { NextRequest } from "next/server";
import { z } from "zod";
import { getCurrentActor } from "@/lib/auth/actor";
import { isSameOrigin } from "@/lib/auth/same-origin";
import { recordAudit } from "@/lib/data/audit";
import { AccessDeniedError } from "@/lib/data/errors";
import { authorizeImport, importCsv } from "@/lib/data/import";
import type { Actor } from "@/lib/domain/actor";
import { json } from "@/lib/http/json";
import { ndjsonLine, NDJSON_TYPE } from "@/lib/http/ndjson";
import { progressThrottle, toImportOutcome, type ImportStreamMessage } from "@/lib/import/progress";
import { declaredLengthExceeds, IMPORT_BODY_LIMIT } from "@/lib/security/body-limit";
import { errorSummary } from "@/lib/security/log";
import { importUploadSchema } from "@/lib/validation/import";

export const dynamic = "force-dynamic";

/** Progress lines at most this often: plenty for a bar, few enough to cost nothing. */
const PROGRESS_INTERVAL_MS = 100;

/** A refused upload's status: the file's own problem where HTTP has a word for it. */
function uploadStatus(fileErrors: string[] | undefined): number {
  if (fileErrors?.includes("importFileTooLarge")) return 413;
  if (fileErrors?.includes("importFileType")) return 415;
  return 400;
}

/**
 * CSV import with progress (DESIGN.md §6), for the import page. POST multipart `file` and `dryRun`
 * ("true" or "false"). Refusals come before anything is read, as `{"error"}`: 401 signed out, 403
 * from another site (route handlers, unlike server actions, get no CSRF check from Next), 404 for a
 * role that may not write records (audited), 415 unless multipart, 413 over the size limit, 400
 * with `fieldErrors` (keys of the `validation` catalogue) for a bad upload. Then a 200 NDJSON
 * stream: `{"phase":"checking"}`, `{"phase":"writing","done","total"}` repeated, and last
 * `{"result": ImportOutcome}`, or `{"error"}` if the import failed (nothing is written then).
 */
export async function POST(request: NextRequest) {
  const actor = await getCurrentActor();
  if (!actor) return json({ error: "Sign in required" }, 401);
  if (!isSameOrigin(request.headers)) {
    await recordAudit({ actor, action: "import.run", outcome: "DENIED", details: { reason: "cross_origin" } });
    return json({ error: "Cross-origin request refused" }, 403);
  }
  try {
    await authorizeImport(actor, "import.run");
  } catch (error) {
    if (error instanceof AccessDeniedError) return json({ error: "Not found" }, 404);
    throw error;
  }
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    return json({ error: "Send the file as multipart/form-data" }, 415);
  }
  // proxy.ts refuses oversized bodies first; this holds should it ever not run (STYLE.md rule 8).
  const declared = request.headers.get("content-length");
  if (declared !== null && declaredLengthExceeds(declared, IMPORT_BODY_LIMIT)) {
    return json({ error: "Request body too large", fieldErrors: { file: ["importFileTooLarge"] } }, 413);
  }
  const form = await request.formData().catch(() => null);
  if (!form) return json({ error: "Malformed multipart body" }, 400);
  const parsed = importUploadSchema.safeParse(form);
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
    return json({ error: "Invalid upload", fieldErrors }, uploadStatus(fieldErrors.file));
  }
  return new Response(importStream(actor, parsed.data.file, parsed.data.dryRun), {
    headers: {
      "Content-Type": NDJSON_TYPE,
      // no-transform keeps compression from holding lines back; X-Accel-Buffering does the same for nginx.
      "Cache-Control": "no-store, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}

/**
 * Runs the import while streaming its progress. A reader who goes away does not stop it: the user
 * asked for this import, and it completes (or rolls back) and is audited as a whole either way.
 */
function importStream(actor: Actor, file: File, dryRun: boolean): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let open = true;
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (message: ImportStreamMessage) => {
        if (open) controller.enqueue(encoder.encode(ndjsonLine(message)));
      };
      const throttle = progressThrottle(PROGRESS_INTERVAL_MS);
      try {
        send({ phase: "checking" });
        // Checking the file is synchronous work: let the line above leave first.
        await new Promise((resolve) => setTimeout(resolve, 0));
        const result = await importCsv(actor, {
          bytes: new Uint8Array(await file.arrayBuffer()),
          fileName: file.name,
          dryRun,
          onProgress: (done, total) => {
            if (throttle(done, total)) send({ phase: "writing", done, total });
          },
        });
        send({ result: toImportOutcome(result) });
      } catch (error) {
        console.error("POST /api/v1/import failed", errorSummary(error));
        send({ error: "The import failed; nothing was written." });
      } finally {
        if (open) controller.close();
        open = false;
      }
    },
    cancel() {
      open = false;
    },
  });
}
