import { describe, expect, it } from "vitest";
import { errorSummary, redactConsoleErrors } from "./log";

describe("errorSummary", () => {
  it("keeps the class and a database code, never the message", () => {
    const unique = Object.assign(new Error("Unique constraint failed: Kim Young-hee"), { code: "P2002" });
    expect(errorSummary(unique)).toBe("Error P2002");
    expect(errorSummary(new TypeError("cannot read Kim Young-hee"))).toBe("TypeError");
    expect(errorSummary(Object.assign(new Error("x"), { code: "Kim Young-hee's row" }))).toBe("Error");
    expect(errorSummary("Kim Young-hee")).toBe("non-error thrown");
  });
});

describe("redactConsoleErrors", () => {
  it("logs an error's class, code and digest, never its message or stack", () => {
    const lines: unknown[][] = [];
    const target = { error: (...args: unknown[]) => lines.push(args), warn: (...args: unknown[]) => lines.push(args) };
    redactConsoleErrors(target);
    const failure = Object.assign(new Error('Unique constraint failed on full_name = "Kim Ok-sun"'), {
      code: "P2002",
      digest: "1234567",
    });
    target.error("⨯", failure);
    target.warn(new TypeError("Cannot read properties of Ri Chol-ho"));
    expect(lines).toEqual([["⨯", "Error P2002 (digest 1234567)"], ["TypeError"]]);
    expect(JSON.stringify(lines)).not.toMatch(/Kim|Ri Chol/);
  });
});
