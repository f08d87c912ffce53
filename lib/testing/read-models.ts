import { randomInt } from "node:crypto";
import { expect } from "vitest";
import { db } from "@/lib/db";

// Checks for the read models kept by triggers (migrations 20261123080000_read_models and
// 20261205090000_event_people), shared by the test files that change records and read tallies.

/**
 * A picker of event years in [from, to) that this test process has not handed out yet. Each test
 * file of read-model tests takes a range no other file uses, so that tallies and lists by one year
 * see only the events of one test.
 */
export function yearPicker(from: number, to: number): () => number {
  const used = new Set<number>();
  return () => {
    let year: number;
    do year = randomInt(from, to);
    while (used.has(year));
    used.add(year);
    return year;
  };
}

/** The read models of these events equal what recomputing them from events, participants and cases gives. */
export async function expectReadModelsInStep(eventIds: string[]) {
  const spans = () => db.$queryRaw`
    SELECT case_id, event_id, type::text, lower(occurred) AS f, upper(occurred) AS t FROM case_event_spans
    WHERE event_id = ANY(${eventIds}::uuid[]) ORDER BY case_id, event_id`;
  const recomputedSpans = await db.$queryRaw`
    SELECT p.case_id, p.event_id, e.type::text, e.occurred_from AS f, e.occurred_to + 1 AS t
    FROM event_participants p JOIN events e ON e.id = p.event_id JOIN cases c ON c.id = p.case_id
    WHERE p.event_id = ANY(${eventIds}::uuid[]) AND e.deleted_at IS NULL
      AND c.deleted_at IS NULL AND c.merged_into_id IS NULL
    ORDER BY p.case_id, p.event_id`;
  expect(await spans()).toEqual(recomputedSpans);
  const kept = () =>
    Promise.all([
      db.$queryRaw`SELECT * FROM event_tallies WHERE event_id = ANY(${eventIds}::uuid[]) ORDER BY event_id`,
      db.$queryRaw`SELECT * FROM event_people WHERE event_id = ANY(${eventIds}::uuid[])
                   ORDER BY event_id, sex, age_group, status`,
    ]);
  const before = await kept();
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`DELETE FROM event_people WHERE event_id = ANY(${eventIds}::uuid[])`;
    await tx.$executeRaw`DELETE FROM event_tallies WHERE event_id = ANY(${eventIds}::uuid[])`;
    await tx.$executeRaw`SELECT refresh_event_tallies(${eventIds}::uuid[])`;
  });
  expect(await kept()).toEqual(before);
  // Each event's people by sex, age group and status add up to its people.
  const [unequal] = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM event_tallies t
    WHERE t.event_id = ANY(${eventIds}::uuid[])
      AND t.people <> coalesce((SELECT sum(p.people) FROM event_people p WHERE p.event_id = t.event_id), 0)`;
  expect(Number(unequal!.n)).toBe(0);
}
