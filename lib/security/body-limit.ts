/**
 * Request body limits (OWASP ASVS V13.1). Every body is small except the CSV file posted to the
 * import route (POST /api/v1/import); that one may hold the import's own maximum plus the
 * multipart envelope around it. next.config.js sets Next's own caps just above these (see there).
 */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
// 20 MiB (MAX_IMPORT_BYTES in lib/domain/csv.ts, which the proxy should not bundle) + 1 MiB; the
// unit test keeps the two in step.
export const IMPORT_BODY_LIMIT = 21 * 1024 * 1024;

export interface BodyRequest {
  method: string;
  pathname: string;
  /** The request is a server-action call (it carries a `Next-Action` header): never a file upload. */
  isAction: boolean;
}

/** The most bytes a request to this route may send. */
export function bodyLimitFor({ method, pathname, isAction }: BodyRequest): number {
  const importUpload = !isAction && method === "POST" && pathname === "/api/v1/import";
  return importUpload ? IMPORT_BODY_LIMIT : DEFAULT_BODY_LIMIT;
}

/**
 * Whether a declared `Content-Length` is over the limit. An unparsable value counts as over: Node
 * refuses it before Passage sees it, so only a confused or hostile client could send one.
 */
export function declaredLengthExceeds(contentLength: string, limit: number): boolean {
  if (!/^\d+$/.test(contentLength.trim())) return true;
  return Number(contentLength) > limit;
}

/** Reads a body with no declared length (chunked) until it ends or passes the limit. */
export async function streamExceeds(body: ReadableStream<Uint8Array>, limit: number): Promise<boolean> {
  const reader = body.getReader();
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return false;
    total += value.byteLength;
    if (total > limit) {
      // Not awaited: cancelling one branch of a tee (Request.clone()) settles only once the other
      // branch is cancelled too, and the other branch is the request's own body.
      void reader.cancel().catch(() => undefined);
      return true;
    }
  }
}
