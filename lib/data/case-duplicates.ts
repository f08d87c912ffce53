import "server-only";
import type { Actor } from "@/lib/domain/actor";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "./audit";
import { authorize } from "./authorize";

export interface DuplicateCandidate {
  id: string;
  ref: string;
  fullName: string | null;
  version: number;
  nameScore: number;
  sameBirthYear: boolean;
  overlappingEvents: number;
  score: number;
}

/** Two names at least this similar (pg_trgm, 0–1) make a pair worth a look. */
const NAME_THRESHOLD = 0.4;

/**
 * Scores candidates: name (and alias) trigram similarity, plus agreement on birth year and events of
 * the same type whose dates overlap. Sex must not contradict (UNKNOWN matches anything).
 */
function candidatesSql(targetIds: Prisma.Sql, limitPerCase: number) {
  return Prisma.sql`
    SELECT t.id AS "targetId", m.id, m.ref, m.full_name AS "fullName", m.version, m.name_score AS "nameScore",
           (t.birth_year IS NOT NULL AND t.birth_year = m.birth_year) AS "sameBirthYear",
           m.overlapping::int AS "overlappingEvents",
           (m.name_score + CASE WHEN t.birth_year = m.birth_year THEN 0.3 ELSE 0 END
              + LEAST(m.overlapping, 2) * 0.2)::float AS score
    FROM cases t
    CROSS JOIN LATERAL (
      SELECT c.id, c.ref, c.full_name, c.birth_year, c.version,
             greatest(similarity(c.full_name, t.full_name),
                      (SELECT coalesce(max(similarity(a, t.full_name)), 0) FROM unnest(c.aliases) a))::float AS name_score,
             (SELECT count(*) FROM event_participants pt JOIN events et ON et.id = pt.event_id
                JOIN events ec ON ec.type = et.type AND ec.occurred_from <= et.occurred_to AND et.occurred_from <= ec.occurred_to
                JOIN event_participants pc ON pc.event_id = ec.id
              WHERE pt.case_id = t.id AND pc.case_id = c.id AND et.deleted_at IS NULL AND ec.deleted_at IS NULL) AS overlapping
      FROM cases c
      WHERE c.id <> t.id AND c.deleted_at IS NULL AND c.merged_into_id IS NULL
        AND c.full_name % t.full_name
        AND (c.sex = t.sex OR c.sex = 'UNKNOWN' OR t.sex = 'UNKNOWN')
        AND (c.birth_year IS NULL OR t.birth_year IS NULL OR abs(c.birth_year - t.birth_year) <= 1)
      ORDER BY similarity(c.full_name, t.full_name) DESC
      LIMIT ${limitPerCase}
    ) m
    WHERE t.id IN (${targetIds}) AND t.full_name IS NOT NULL AND m.name_score >= ${NAME_THRESHOLD}`;
}

/** Possible duplicates of one case, best first (shown on the case page). */
export async function findDuplicateCandidates(actor: Actor, caseId: string): Promise<DuplicateCandidate[]> {
  await authorize(actor, "case.merge", { action: "case.duplicates", entityType: "case", entityId: caseId });
  const rows = await db.$queryRaw<(DuplicateCandidate & { targetId: string })[]>`
    SELECT * FROM (${candidatesSql(Prisma.sql`${caseId}::uuid`, 10)}) x ORDER BY score DESC`;
  if (rows.length) {
    await recordAudit({
      actor,
      action: "case.duplicates",
      outcome: "SUCCESS",
      entityType: "case",
      entityId: caseId,
      details: { identities: true, caseIds: rows.map((r) => r.id) },
    });
  }
  return rows.map(({ targetId: _t, ...row }) => row);
}

export interface DuplicatePair {
  a: { id: string; ref: string; fullName: string | null };
  b: DuplicateCandidate;
}

/** The review list: likely pairs among the most recently updated named cases. */
export async function listDuplicatePairs(actor: Actor, options: { recent?: number } = {}): Promise<DuplicatePair[]> {
  await authorize(actor, "case.merge", { action: "case.duplicates" });
  const recent = Math.min(options.recent ?? 200, 1000);
  const rows = await db.$queryRaw<
    (DuplicateCandidate & { targetId: string; targetRef: string; targetName: string | null })[]
  >`
    WITH recent AS (
      SELECT id FROM cases WHERE deleted_at IS NULL AND merged_into_id IS NULL AND full_name IS NOT NULL
      ORDER BY updated_at DESC LIMIT ${recent}
    )
    SELECT x.*, t.ref AS "targetRef", t.full_name AS "targetName"
    FROM (${candidatesSql(Prisma.sql`SELECT id FROM recent`, 3)}) x JOIN cases t ON t.id = x."targetId"
    WHERE t.ref < x.ref OR x.id NOT IN (SELECT id FROM recent)
    ORDER BY x.score DESC LIMIT 100`;
  return rows.map(({ targetId, targetRef, targetName, ...b }) => ({
    a: { id: targetId, ref: targetRef, fullName: targetName },
    b,
  }));
}
