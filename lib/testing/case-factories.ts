import { randomInt } from "node:crypto";
import { db } from "@/lib/db";
import type { Case, Event, Prisma } from "@/lib/generated/prisma/client";

// Cases and events straight through Prisma, for tests of the data layer (STYLE.md rule 10).
// Status and search_text are left to the database triggers, as in production.

// A random starting point per test process, then consecutive numbers: refs never collide across
// parallel test files, and refs made by one file sort in the order they were made.
let nextSeq = randomInt(10_000_000, 90_000_000);

/** A canonical case ref in 2099 (a year the ref counter of real creates never reaches). */
export function uniqueTestCaseRef(): string {
  return `C-2099-${nextSeq++}`;
}

/** Midnight UTC of a YYYY-MM-DD day: how Prisma represents the DATE columns of events. */
export const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

export type CaseOverrides = Partial<Omit<Prisma.CaseUncheckedCreateInput, "status" | "searchText">>;

/** A live case with a unique ref; every other column has the schema default unless overridden. */
export function createCase(overrides: CaseOverrides = {}): Promise<Case> {
  return db.case.create({ data: { ref: uniqueTestCaseRef(), ...overrides } });
}

export type EventOverrides = Partial<Omit<Prisma.EventUncheckedCreateInput, "participants">> & {
  /** Cases taking part in the event (rows of event_participants). */
  participantIds?: string[];
};

/** An apprehension on 14 July 2017 in Jilin, China, with nobody unidentified, unless overridden. */
export function createEvent(overrides: EventOverrides = {}): Promise<Event> {
  const { participantIds = [], ...columns } = overrides;
  return db.event.create({
    data: {
      type: "APPREHENSION",
      occurredFrom: day("2017-07-14"),
      occurredTo: day("2017-07-14"),
      precision: "DAY",
      country: "CN",
      province: "JILIN",
      unidentifiedLow: 0,
      unidentifiedHigh: 0,
      ...columns,
      participants: { create: participantIds.map((caseId) => ({ caseId })) },
    },
  });
}
