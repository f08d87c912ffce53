import { ndjsonReader } from "@/lib/http/ndjson";
import type { ImportOutcome, ImportProgress, ImportStreamMessage } from "@/lib/import/progress";

export const IMPORT_URL = "/api/v1/import";

/** How a run ended: the import's outcome, or why there is none (`status` 0: no answer at all). */
export type ImportReply =
  | { ok: true; outcome: ImportOutcome }
  | { ok: false; status: number; fieldErrors?: Record<string, string[] | undefined> };

/**
 * POSTs the file to /api/v1/import and reports progress as it goes. XMLHttpRequest, not fetch:
 * it alone reports upload progress, and its `responseText` grows while the NDJSON answer streams.
 */
export function sendImport(
  file: File,
  dryRun: boolean,
  onProgress: (progress: ImportProgress) => void,
): Promise<ImportReply> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    const read = ndjsonReader();
    let outcome: ImportOutcome | null = null;
    let failed = false;

    const handle = (message: ImportStreamMessage) => {
      if ("result" in message) outcome = message.result;
      else if ("error" in message) failed = true;
      else onProgress(message);
    };
    const drain = () => {
      if (xhr.status === 200) for (const message of read(xhr.responseText)) handle(message as ImportStreamMessage);
    };

    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress({ phase: "uploading", loaded: event.loaded, total: event.total });
    };
    // Once the last byte is sent the server is reading the file, before its first line arrives.
    xhr.upload.onload = () => onProgress({ phase: "checking" });
    xhr.onprogress = drain;
    xhr.onload = () => {
      drain();
      if (xhr.status === 200) {
        // A stream that ends without a result was cut off: the import rolled back or never ran.
        resolve(outcome && !failed ? { ok: true, outcome } : { ok: false, status: 500 });
        return;
      }
      let fieldErrors: Record<string, string[] | undefined> | undefined;
      try {
        fieldErrors = (JSON.parse(xhr.responseText) as { fieldErrors?: typeof fieldErrors }).fieldErrors;
      } catch {
        // Not our JSON (a proxy's error page): the status alone says enough.
      }
      resolve({ ok: false, status: xhr.status, fieldErrors });
    };
    xhr.onerror = xhr.onabort = xhr.ontimeout = () => resolve({ ok: false, status: 0 });

    const data = new FormData();
    data.set("file", file);
    data.set("dryRun", String(dryRun));
    xhr.open("POST", IMPORT_URL);
    xhr.setRequestHeader("Accept", "application/x-ndjson");
    xhr.send(data);
  });
}
