import "server-only";
import type { Actor } from "@/lib/domain/actor";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "./audit";
import { authorize } from "./authorize";
import { decodeCursor, encodeCursor, keysetSql } from "./case-keyset";

export interface DuplicateCandidate {
  id: string;
  ref: string;
  fullName: string | null;
  version: number;
  nameScore: number;
  /** The alias that scored, when it is closer to the target's name than the case's own name. */
  matchedAlias: string | null;
  sameBirthYear: boolean;
  overlappingEvents: number;
  score: number;
}

/** Two names at least this similar (pg_trgm, 0–1) make a pair worth a look. */
const NAME_THRESHOLD = 0.4;

/**
 * Cases whose possible duplicates one page of the review shows. Each costs a trigram search over
 * every case's names and aliases (30–45 ms at 200,000 cases with Korean names), so a page is
 * bounded by it.
 */
export const DUPLICATE_REVIEW_WINDOW = 25;

/**
 * Scores candidates: the similarity of their name or closest alias to the target's name, plus
 * agreement on birth year and events of the same type whose dates overlap. Sex must not
 * contradict (UNKNOWN matches anything). The `%` and `<%` conditions are the two trigram indexes'
 * (names, aliases), at the thresholds searchCandidates sets.
 */
function candidatesSql(targetIds: string[], limitPerCase: number) {
  return Prisma.sql`
    SELECT t.id AS "targetId", t.ref AS "targetRef", t.full_name AS "targetName",
           m.id, m.ref, m.full_name AS "fullName", m.version, m.name_score AS "nameScore",
           m.matched_alias AS "matchedAlias",
           (t.birth_year IS NOT NULL AND t.birth_year = m.birth_year) AS "sameBirthYear",
           m.overlapping::int AS "overlappingEvents",
           (m.name_score + CASE WHEN t.birth_year = m.birth_year THEN 0.3 ELSE 0 END
              + LEAST(m.overlapping, 2) * 0.2)::float AS score
    FROM cases t
    CROSS JOIN LATERAL (
      SELECT c.id, c.ref, c.full_name, c.birth_year, c.version,
             greatest(own_name.score, coalesce(best_alias.score, 0))::float AS name_score,
             CASE WHEN best_alias.score > own_name.score THEN best_alias.name END AS matched_alias,
             (SELECT count(*) FROM event_participants pt JOIN events et ON et.id = pt.event_id
                JOIN events ec ON ec.type = et.type AND ec.occurred_from <= et.occurred_to AND et.occurred_from <= ec.occurred_to
                JOIN event_participants pc ON pc.event_id = ec.id
              WHERE pt.case_id = t.id AND pc.case_id = c.id AND et.deleted_at IS NULL AND ec.deleted_at IS NULL) AS overlapping
      FROM cases c
      CROSS JOIN LATERAL (SELECT similarity(c.full_name, t.full_name) AS score) own_name
      LEFT JOIN LATERAL (
        SELECT a AS name, similarity(a, t.full_name) AS score FROM unnest(c.aliases) a ORDER BY 2 DESC LIMIT 1
      ) best_alias ON true
      WHERE c.id <> t.id AND c.deleted_at IS NULL AND c.merged_into_id IS NULL
        AND (c.full_name % t.full_name OR t.full_name <% case_alias_text(c.aliases))
        AND (c.sex = t.sex OR c.sex = 'UNKNOWN' OR t.sex = 'UNKNOWN')
        AND (c.birth_year IS NULL OR t.birth_year IS NULL OR abs(c.birth_year - t.birth_year) <= 1)
      ORDER BY name_score DESC
      LIMIT ${limitPerCase}
    ) m
    WHERE t.id = ANY(${targetIds}::uuid[]) AND t.full_name IS NOT NULL AND m.name_score >= ${NAME_THRESHOLD}
    ORDER BY score DESC`;
}

type CandidateRow = DuplicateCandidate & { targetId: string; targetRef: string; targetName: string | null };

/**
 * The best `limitPerCase` candidates of each target by name, best first. The trigram indexes are
 * asked, for this transaction only, for names at least NAME_THRESHOLD similar and aliases holding
 * a stretch at least that similar (word similarity, never below the similarity to the alias
 * itself, which the score then checks). At pg_trgm's default thresholds (0.3 and 0.6) the name
 * index would hand over about three times as many names, each to be scored and dropped.
 */
async function searchCandidates(targetIds: string[], limitPerCase: number): Promise<CandidateRow[]> {
  if (targetIds.length === 0) return [];
  const threshold = String(NAME_THRESHOLD);
  const [, rows] = await db.$transaction([
    db.$queryRaw`SELECT set_config('pg_trgm.similarity_threshold', ${threshold}, true),
                        set_config('pg_trgm.word_similarity_threshold', ${threshold}, true)`,
    db.$queryRaw<CandidateRow[]>(candidatesSql(targetIds, limitPerCase)),
  ]);
  return rows;
}

/** Reading candidates shows their names: an identity read, audited with the cases shown. */
async function recordIdentityRead(actor: Actor, caseIds: string[], entityId?: string) {
  if (caseIds.length === 0) return;
  await recordAudit({
    actor,
    action: "case.duplicates",
    outcome: "SUCCESS",
    entityType: entityId ? "case" : undefined,
    entityId,
    details: { identities: true, caseIds },
  });
}

/** Possible duplicates of one case, best first (shown on the case page). */
export async function findDuplicateCandidates(actor: Actor, caseId: string): Promise<DuplicateCandidate[]> {
  await authorize(actor, "case.merge", { action: "case.duplicates", entityType: "case", entityId: caseId });
  const rows = await searchCandidates([caseId], 10);
  await recordIdentityRead(
    actor,
    rows.map((r) => r.id),
    caseId,
  );
  return rows.map(({ targetId: _id, targetRef: _ref, targetName: _name, ...row }) => row);
}

export interface DuplicatePair {
  a: { id: string; ref: string; fullName: string | null };
  b: DuplicateCandidate;
}

export interface DuplicateReviewPage {
  pairs: DuplicatePair[];
  /** How many cases this page searched from (at most DUPLICATE_REVIEW_WINDOW). */
  checked: number;
  /** Whether the page starts after a cursor: false for the latest cases, also when the cursor was bad. */
  continued: boolean;
  /** Cursor of the next, less recently updated window; null after the last. */
  next: string | null;
}

/**
 * The review list: likely pairs for a window of named live cases, most recently updated first,
 * each case's best three candidates among all cases, best pairs first and each pair once.
 * `after` is the previous page's `next`; a stale or hand-edited one starts again from the top.
 */
export async function listDuplicatePairs(actor: Actor, options: { after?: string } = {}): Promise<DuplicateReviewPage> {
  await authorize(actor, "case.merge", { action: "case.duplicates" });
  const cursor = decodeCursor(options.after, false);
  const { order, after } = keysetSql({ column: "updated_at", descending: true, cursor }, "c");
  const recent = await db.$queryRaw<{ id: string; updatedAt: Date }[]>`
    SELECT c.id, c.updated_at AS "updatedAt" FROM cases c
    WHERE c.deleted_at IS NULL AND c.merged_into_id IS NULL AND c.full_name IS NOT NULL
      ${after ? Prisma.sql`AND ${after}` : Prisma.empty}
    ORDER BY ${order} LIMIT ${DUPLICATE_REVIEW_WINDOW + 1}`;
  const targets = recent.slice(0, DUPLICATE_REVIEW_WINDOW);
  const seen = new Set<string>();
  const pairs: DuplicatePair[] = [];
  for (const { targetId, targetRef, targetName, ...b } of await searchCandidates(
    targets.map((t) => t.id),
    3,
  )) {
    const key = [targetId, b.id].sort().join();
    if (seen.has(key)) continue;
    seen.add(key);
    pairs.push({ a: { id: targetId, ref: targetRef, fullName: targetName }, b });
  }
  await recordIdentityRead(actor, [...new Set(pairs.flatMap(({ a, b }) => [a.id, b.id]))]);
  const last = targets.at(-1);
  return {
    pairs,
    checked: targets.length,
    continued: cursor !== null,
    next:
      recent.length > DUPLICATE_REVIEW_WINDOW && last ? encodeCursor([last.updatedAt.toISOString(), last.id]) : null,
  };
}
