import { db } from "@/lib/db";
import { eventSchema, type EventUpdateInput } from "@/lib/validation/event";

// Shared by the event tests (lib/data/events.test.ts, lib/data/event-list.test.ts).

export const eventInput = (overrides: Record<string, unknown> = {}) =>
  eventSchema.parse({ type: "APPREHENSION", date: "2017-07-14", country: "CN", province: "JILIN", ...overrides });

export const update = (id: string, version: number, overrides: Record<string, unknown> = {}): EventUpdateInput => ({
  ...eventInput(overrides),
  id,
  version,
});

// listEvents has no text search: each test that lists puts its events in a year of its own,
// far from the 2017 events other tests make and from the 1100–1999 years the tally tests reserve,
// and lists only that year. The years come from one sequence of the test database (made by
// lib/testing/global-setup.ts), so test files in different workers never share one.
export async function ownYear(): Promise<string> {
  const [row] = await db.$queryRaw<{ year: bigint }[]>`SELECT nextval('test_event_years') AS year`;
  return String(row!.year);
}
export const inYear = (year: string) => ({ from: `${year}-01`, to: `${year}-12` });
