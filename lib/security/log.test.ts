import { describe, expect, it } from "vitest";
import { errorSummary } from "./log";

describe("errorSummary", () => {
  it("keeps the class and a database code, never the message", () => {
    const unique = Object.assign(new Error("Unique constraint failed: Kim Young-hee"), { code: "P2002" });
    expect(errorSummary(unique)).toBe("Error P2002");
    expect(errorSummary(new TypeError("cannot read Kim Young-hee"))).toBe("TypeError");
    expect(errorSummary(Object.assign(new Error("x"), { code: "Kim Young-hee's row" }))).toBe("Error");
    expect(errorSummary("Kim Young-hee")).toBe("non-error thrown");
  });
});
