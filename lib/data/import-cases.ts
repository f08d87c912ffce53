import "server-only";
import type { Actor } from "@/lib/domain/actor";
import { parseCaseRef } from "@/lib/domain/case-ref";
import type { PlannedCase } from "@/lib/domain/csv-import";
import type { Tx } from "@/lib/db";
import { stated, unnest, type Writer } from "./import-writer";

type CaseValues = {
  fullName: string | null;
  sex: string;
  ageGroup: string;
  birthYear: number | null;
  deleted?: boolean;
  mergedInto?: string | null;
  /** A new case's events, comma-separated, from which the database derives its status. */
  eventIds?: string;
};

/**
 * The import's cases, found again by ref; a deleted or merged case is refused, never brought back.
 * A new case is written with the status that `eventIds` (the ids of its events, by case ref) give
 * it, by latest_case_status(): refresh_case_status, which runs once its participants are written,
 * then finds nothing to change.
 */
export const caseWriter = (actor: Actor, eventIds: Map<string, string[]>): Writer<PlannedCase, CaseValues> => ({
  key: (item) => item.ref,
  load: (tx, chunk) => tx.$queryRaw`
    SELECT c.id, c.ref AS key, c.full_name AS "fullName", c.sex::text AS sex, c.age_group::text AS "ageGroup",
           c.birth_year AS "birthYear", c.deleted_at IS NOT NULL AS deleted, m.ref AS "mergedInto"
    FROM cases c LEFT JOIN cases m ON m.id = c.merged_into_id
    WHERE c.ref = ANY(${chunk.map((item) => item.ref)}::text[])
    ORDER BY c.ref FOR UPDATE OF c`,
  refuse: (stored, item) =>
    stored.deleted
      ? { row: item.row, column: "case_ref", message: "This case was deleted in Passage" }
      : stored.mergedInto
        ? { row: item.row, column: "case_ref", message: `This case was merged into ${stored.mergedInto}: use that ref` }
        : null,
  file: ({ fullName, sex, ageGroup, birthYear }) => stated({ fullName, sex, ageGroup, birthYear }),
  fresh: (item) => ({
    ...item,
    sex: item.sex ?? "UNKNOWN",
    ageGroup: item.ageGroup ?? "UNKNOWN",
    eventIds: (eventIds.get(item.ref) ?? []).join(","),
  }),
  insert: (tx, rows) => tx.$queryRaw`
    INSERT INTO cases (ref, full_name, sex, age_group, birth_year, status, created_by_id)
    SELECT v.key, v.full_name, v.sex::"Sex", v.age_group::"AgeGroup", v.birth_year,
           latest_case_status(string_to_array(v.event_ids, ',')::uuid[]), ${actor.id}::uuid
    FROM ${unnest(rows, [
      ["key", "text"],
      ["fullName", "text"],
      ["sex", "text"],
      ["ageGroup", "text"],
      ["birthYear", "int"],
      ["eventIds", "text"],
    ])}
      AS v(key, full_name, sex, age_group, birth_year, event_ids)
    RETURNING id, ref AS key`,
  update: (tx, rows) => tx.$executeRaw`
    UPDATE cases c SET full_name = v.full_name, sex = v.sex::"Sex", age_group = v.age_group::"AgeGroup",
      birth_year = v.birth_year, version = c.version + 1, updated_at = now()
    FROM ${unnest(rows, [
      ["id", "uuid"],
      ["fullName", "text"],
      ["sex", "text"],
      ["ageGroup", "text"],
      ["birthYear", "int"],
    ])}
      AS v(id, full_name, sex, age_group, birth_year)
    WHERE c.id = v.id`,
});

/** New refs from the file raise the year's counter, so that refs handed out later skip them. */
export async function advanceRefCounters(tx: Tx, refs: string[]) {
  const highest = new Map<number, number>();
  for (const ref of refs) {
    const parsed = parseCaseRef(ref);
    if (parsed && parsed.seq > (highest.get(parsed.year) ?? 0)) highest.set(parsed.year, parsed.seq);
  }
  if (highest.size === 0) return;
  await tx.$executeRaw`
    INSERT INTO case_ref_counters (year, last_seq)
    SELECT * FROM unnest(${[...highest.keys()]}::int[], ${[...highest.values()]}::int[])
    ON CONFLICT (year) DO UPDATE SET last_seq = EXCLUDED.last_seq, updated_at = now()
    WHERE case_ref_counters.last_seq < EXCLUDED.last_seq`;
}
