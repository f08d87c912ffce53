-- Tallies (lib/data/stats.ts) take every participant of the period's events for a live person unless
-- its case is deleted or merged into another. Such cases are few, so tallies that need no case
-- attribute (totals, months, provinces) join only them, and this partial index finds them without
-- reading the whole cases table: on 200,000 cases that scan was 60 ms of a 70 ms one-month tally.
-- INCLUDE lets the join read the two columns it tests from the index alone.
CREATE INDEX "cases_deleted_or_merged_idx" ON "cases"("id") INCLUDE ("merged_into_id", "deleted_at")
    WHERE "deleted_at" IS NOT NULL OR "merged_into_id" IS NOT NULL;
