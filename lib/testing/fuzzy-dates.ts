import { parseFuzzyDate, type FuzzyDate } from "@/lib/domain/fuzzy-date";

// Shared by the fuzzy-date tests (lib/domain/fuzzy-date*.test.ts).

export function ok(input: string, to?: string): FuzzyDate {
  const result = parseFuzzyDate(input, to === undefined ? {} : { to });
  if (!result.ok) throw new Error(`expected "${input}" to parse, got: ${result.error}`);
  return result.value;
}

export function err(input: string, to?: string): string {
  const result = parseFuzzyDate(input, to === undefined ? {} : { to });
  if (result.ok) throw new Error(`expected "${input}" to fail, got ${JSON.stringify(result.value)}`);
  return result.error;
}

export const exact = (from: string, to: string, precision: FuzzyDate["precision"], approximate = false) => ({
  from,
  to,
  precision,
  approximate,
});
