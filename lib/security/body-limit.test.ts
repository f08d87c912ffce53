import { describe, expect, it } from "vitest";
import { MAX_IMPORT_BYTES } from "../domain/csv";
import {
  bodyLimitFor,
  declaredLengthExceeds,
  DEFAULT_BODY_LIMIT,
  IMPORT_BODY_LIMIT,
  streamExceeds,
} from "./body-limit";

/** A body of these chunk sizes; `stillArriving` leaves it open, as a request still being sent. */
function stream(chunks: number[], stillArriving = false): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const size of chunks) controller.enqueue(new Uint8Array(size));
      if (!stillArriving) controller.close();
    },
  });
}

describe("bodyLimitFor", () => {
  it("gives the import route room for the largest import file, and everything else 1 MiB", () => {
    expect(IMPORT_BODY_LIMIT).toBeGreaterThanOrEqual(MAX_IMPORT_BYTES + 64 * 1024);
    expect(bodyLimitFor({ method: "POST", pathname: "/api/v1/import", isAction: false })).toBe(IMPORT_BODY_LIMIT);
    expect(bodyLimitFor({ method: "POST", pathname: "/api/v1/import", isAction: true })).toBe(DEFAULT_BODY_LIMIT);
    expect(bodyLimitFor({ method: "POST", pathname: "/import", isAction: true })).toBe(DEFAULT_BODY_LIMIT);
    expect(bodyLimitFor({ method: "POST", pathname: "/import", isAction: false })).toBe(DEFAULT_BODY_LIMIT);
    expect(bodyLimitFor({ method: "POST", pathname: "/cases/new", isAction: true })).toBe(DEFAULT_BODY_LIMIT);
    expect(bodyLimitFor({ method: "POST", pathname: "/import/template", isAction: true })).toBe(DEFAULT_BODY_LIMIT);
  });
});

describe("declaredLengthExceeds", () => {
  it("compares the declared length, and treats nonsense as too large", () => {
    expect(declaredLengthExceeds("1024", 1024)).toBe(false);
    expect(declaredLengthExceeds("1025", 1024)).toBe(true);
    expect(declaredLengthExceeds("-1", 1024)).toBe(true);
    expect(declaredLengthExceeds("12, 12", 1024)).toBe(true);
  });
});

describe("streamExceeds", () => {
  it("counts a chunked body up to the limit", async () => {
    expect(await streamExceeds(stream([512, 512]), 1024)).toBe(false);
    expect(await streamExceeds(stream([512, 512, 1]), 1024)).toBe(true);
  });

  it("answers for one branch of a cloned body while the other is still unread", async () => {
    const [clone] = stream([2048, 2048], true).tee();
    expect(await streamExceeds(clone, 1024)).toBe(true);
  });
});
