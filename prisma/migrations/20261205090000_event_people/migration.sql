-- The tallies' breakdowns by a person's sex, age group and current status (DESIGN.md §2) joined every
-- participant of the period to its case: 1.3–2 s for ten years of one event type on the benchmark's
-- 200,000 cases and 1,000,000 events, so /stats took over two seconds. event_people holds, per live
-- event, how many of its counted people have each (sex, age group, status), with the event's type and
-- months, so that those breakdowns read one narrow index as totals, months and provinces already do
-- (event_tallies, migration 20261123080000_read_models).
--
-- Derived data like event_tallies: only the functions below write it, and each event's rows can be
-- recomputed at any time. For every event, the sum of its rows' `people` equals event_tallies.people.

-- CreateTable
CREATE TABLE "event_people" (
    "event_id" UUID NOT NULL,
    "type" "EventType" NOT NULL,
    "month_from" INTEGER NOT NULL,
    "month_to" INTEGER NOT NULL,
    -- The person's values, the survivor's for a merged duplicate that counts (same rule as `people`).
    "sex" "Sex" NOT NULL,
    "age_group" "AgeGroup" NOT NULL,
    "status" "CaseStatus" NOT NULL,
    "people" INTEGER NOT NULL,

    CONSTRAINT "event_people_pkey" PRIMARY KEY ("event_id", "sex", "age_group", "status")
);

-- Recomputes the rows of `event_ids` from event_tallies (type, months, liveness) and the participants.
-- It locks the events' event_tallies rows first, as refresh_event_tally_rows does, so that two
-- writers touching one event (a participant added, a case's sex changed) cannot each write a count
-- that misses the other's change. The counting rule is that of refresh_event_tally_rows.
CREATE FUNCTION "refresh_event_people"(event_ids UUID[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF cardinality(event_ids) = 0 THEN
        RETURN;
    END IF;
    PERFORM 1 FROM "event_tallies" WHERE "event_id" = ANY(event_ids) ORDER BY "event_id" FOR UPDATE;
    DELETE FROM "event_people" WHERE "event_id" = ANY(event_ids);
    INSERT INTO "event_people" ("event_id", "type", "month_from", "month_to", "sex", "age_group", "status", "people")
    SELECT t."event_id", t."type", t."month_from", t."month_to",
           coalesce(s."sex", c."sex"), coalesce(s."age_group", c."age_group"), coalesce(s."status", c."status"),
           count(*)::int
    FROM "event_tallies" t
    JOIN "event_participants" p ON p."event_id" = t."event_id"
    JOIN "cases" c ON c."id" = p."case_id"
    LEFT JOIN "cases" s ON s."id" = c."merged_into_id"
    WHERE t."event_id" = ANY(event_ids) AND c."deleted_at" IS NULL
      AND (c."merged_into_id" IS NULL
           OR (s."id" IS NOT NULL AND s."deleted_at" IS NULL
               AND NOT EXISTS (
                   SELECT 1 FROM "event_participants" q JOIN "cases" d ON d."id" = q."case_id"
                   WHERE q."event_id" = p."event_id" AND d."deleted_at" IS NULL
                     AND (d."id" = c."merged_into_id" OR (d."merged_into_id" = c."merged_into_id" AND d."id" < c."id")))))
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    ORDER BY 1;
END;
$$;

-- Every caller of refresh_event_tallies (the triggers on participants, events and cases of migration
-- 20261123080000_read_models) now refreshes both read models: the old function keeps the event_tallies
-- part under a new name, and the name the triggers call does both. Functions call each other by
-- name at run time, so nothing else changes.
ALTER FUNCTION "refresh_event_tallies"(UUID[]) RENAME TO "refresh_event_tally_rows";

CREATE FUNCTION "refresh_event_tallies"(event_ids UUID[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM "refresh_event_tally_rows"(event_ids);
    PERFORM "refresh_event_people"(event_ids);
END;
$$;

-- A person's sex, age group or status changed (a case edit, or refresh_case_status after an event
-- changed): the rows of their events, and of the events of duplicates merged into them, which count
-- with the survivor's values. Deletion and merging are handled by cases_refresh_read_models.
-- Statement-level with transition tables (which cannot name columns), so a bulk status refresh
-- recomputes each event once.
CREATE FUNCTION "cases_refresh_event_people"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed UUID[];
BEGIN
    changed := ARRAY(SELECT n."id" FROM new_rows n JOIN old_rows o ON o."id" = n."id"
                     WHERE (n."sex", n."age_group", n."status") IS DISTINCT FROM (o."sex", o."age_group", o."status"));
    IF cardinality(changed) > 0 THEN
        PERFORM "refresh_event_people"(ARRAY(
            SELECT p."event_id" FROM "event_participants" p WHERE p."case_id" = ANY(changed)
            UNION
            SELECT p."event_id" FROM "cases" d JOIN "event_participants" p ON p."case_id" = d."id"
            WHERE d."merged_into_id" = ANY(changed)));
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER "cases_event_people_update" AFTER UPDATE ON "cases"
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "cases_refresh_event_people"();

-- Backfill from what is already stored, then the index, which is quicker than growing it row by row.
SELECT "refresh_event_people"(ARRAY(SELECT "event_id" FROM "event_tallies" WHERE "people" > 0));

-- A breakdown reads a type's people by month from this index alone: INCLUDE holds everything it sums.
CREATE INDEX "event_people_type_months_idx" ON "event_people"("type", "month_from", "month_to")
    INCLUDE ("sex", "age_group", "status", "people");

ANALYZE "event_people";
