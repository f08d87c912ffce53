/**
 * Newline-delimited JSON (one JSON value per line), for responses that report as they go: the server
 * writes a line whenever it has news, and the client reads the lines that have arrived whole.
 */

export const NDJSON_TYPE = "application/x-ndjson; charset=utf-8";

/** One value as a line. JSON.stringify never emits a raw line break, so a line is always one value. */
export function ndjsonLine(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

/**
 * Reads a response that is still arriving: give it everything received so far (an XHR's
 * `responseText` grows with each progress event) and it returns the values of the lines completed
 * since the last call. A line still being received waits for the next call. A line that is not
 * JSON is skipped rather than aborting the whole reply.
 */
export function ndjsonReader(): (received: string) => unknown[] {
  let consumed = 0;
  return (received) => {
    const end = received.lastIndexOf("\n") + 1;
    if (end <= consumed) return [];
    const lines = received.slice(consumed, end).split("\n");
    consumed = end;
    const values: unknown[] = [];
    for (const line of lines) {
      if (!line.trim()) continue;
      try {
        values.push(JSON.parse(line));
      } catch {
        // A damaged line (a proxy cutting the stream, say) is dropped; the caller notices a missing result.
      }
    }
    return values;
  };
}
