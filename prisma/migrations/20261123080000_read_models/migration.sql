-- Read models kept by triggers, so that the cases list's event filters and the tallies read one
-- narrow table instead of joining events, participants and cases on every request (issue 4, item 6).
-- Measured with `npm run bench` (200,000 cases, 1,000,000 events): an event-type and date filter on
-- /cases took 0.25–0.5 s and a ten-year tally 0.9–1.3 s; see README.md "Performance" for after.
--
-- Both tables are derived data: nothing but the triggers below writes them, and each row can be
-- recomputed from events, event_participants and cases at any time (the backfill at the end does).
-- They have no foreign keys (the triggers also handle hard deletes, which cascade through
-- event_participants) and no created_at/updated_at (a derived row has no history of its own).

-- GiST over (event type, date range): the cases list's "type and dates overlap" filter as one index
-- condition. A b-tree can bound only one end of an interval, so it reads every event of the type
-- before (or after) the period.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- One row per (live case, live event) it takes part in: the cases list asks "does this case have an
-- event of type T overlapping these dates?". Deleted and merged cases have no rows, so counting the
-- matching cases of an event filter needs no join to cases (lib/data/case-list.ts).
CREATE TABLE "case_event_spans" (
    "case_id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "type" "EventType" NOT NULL,
    -- [occurred_from, occurred_to] of the event, inclusive.
    "occurred" DATERANGE NOT NULL
);

-- One row per live event: what it adds to a tally (DESIGN.md §2). Months are month_index() below;
-- `people` is the number of distinct live persons among its identified
-- participants after following merged_into_id, by the same rule as the tally SQL of lib/data/stats.ts.
CREATE TABLE "event_tallies" (
    "event_id" UUID NOT NULL,
    "type" "EventType" NOT NULL,
    "month_from" INTEGER NOT NULL,
    "month_to" INTEGER NOT NULL,
    "province" TEXT NOT NULL,
    "unidentified_low" INTEGER NOT NULL,
    -- The high bound as totals count it: the low one when the count is open ("at least 41").
    "unidentified_high" INTEGER NOT NULL,
    "open" BOOLEAN NOT NULL,
    "people" INTEGER NOT NULL,

    CONSTRAINT "event_tallies_pkey" PRIMARY KEY ("event_id")
);

-- Months as year * 12 + month - 1, as lib/data/stats.ts and lib/validation/tally.ts count them.
CREATE FUNCTION "month_index"(day DATE) RETURNS INTEGER LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (date_part('year', day) * 12 + date_part('month', day) - 1)::int;

-- Recomputes the tally rows of `event_ids`: deleted or missing events lose theirs.
CREATE FUNCTION "refresh_event_tallies"(event_ids UUID[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    -- Lock first, count after: the count below then sees every change committed by a concurrent
    -- writer that held these rows, so two transactions adding people to one event cannot each
    -- write a count that misses the other's.
    PERFORM 1 FROM "event_tallies" WHERE "event_id" = ANY(event_ids) ORDER BY "event_id" FOR UPDATE;
    DELETE FROM "event_tallies" t
    WHERE t."event_id" = ANY(event_ids)
      AND NOT EXISTS (SELECT 1 FROM "events" e WHERE e."id" = t."event_id" AND e."deleted_at" IS NULL);
    INSERT INTO "event_tallies" AS t ("event_id", "type", "month_from", "month_to", "province",
                                      "unidentified_low", "unidentified_high", "open", "people")
    SELECT e."id", e."type",
           "month_index"(e."occurred_from"), "month_index"(e."occurred_to"),
           coalesce(e."province", 'UNKNOWN'), e."unidentified_low",
           coalesce(e."unidentified_high", e."unidentified_low"), e."unidentified_high" IS NULL,
           -- A participant counts unless its case is deleted; a merged duplicate counts only when
           -- its survivor is live and neither the survivor nor a duplicate of it with a smaller id
           -- takes part too (merges flatten chains, so one step suffices).
           (SELECT count(*)
            FROM "event_participants" p
            JOIN "cases" c ON c."id" = p."case_id"
            WHERE p."event_id" = e."id" AND c."deleted_at" IS NULL
              AND (c."merged_into_id" IS NULL
                   OR ((SELECT s."deleted_at" IS NULL FROM "cases" s WHERE s."id" = c."merged_into_id")
                       AND NOT EXISTS (
                           SELECT 1 FROM "event_participants" q JOIN "cases" d ON d."id" = q."case_id"
                           WHERE q."event_id" = p."event_id" AND d."deleted_at" IS NULL
                             AND (d."id" = c."merged_into_id"
                                  OR (d."merged_into_id" = c."merged_into_id" AND d."id" < c."id"))))))::int
    FROM "events" e
    WHERE e."id" = ANY(event_ids) AND e."deleted_at" IS NULL
    ORDER BY e."id"
    ON CONFLICT ("event_id") DO UPDATE
        SET "type" = EXCLUDED."type", "month_from" = EXCLUDED."month_from", "month_to" = EXCLUDED."month_to",
            "province" = EXCLUDED."province", "unidentified_low" = EXCLUDED."unidentified_low",
            "unidentified_high" = EXCLUDED."unidentified_high", "open" = EXCLUDED."open", "people" = EXCLUDED."people"
        WHERE (t."type", t."month_from", t."month_to", t."province", t."unidentified_low", t."unidentified_high",
               t."open", t."people")
              IS DISTINCT FROM (EXCLUDED."type", EXCLUDED."month_from", EXCLUDED."month_to", EXCLUDED."province",
                                EXCLUDED."unidentified_low", EXCLUDED."unidentified_high", EXCLUDED."open",
                                EXCLUDED."people");
END;
$$;

-- The spans of the given (case, event) pairs whose case and event are both live. The rows of the
-- case and the event are locked FOR SHARE: a concurrent soft delete of either (which holds its row)
-- then finishes first and is seen here, or waits for this transaction and removes what it wrote.
CREATE FUNCTION "insert_case_event_spans"(case_ids UUID[], event_ids UUID[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO "case_event_spans" ("case_id", "event_id", "type", "occurred")
    SELECT live."case_id", live."event_id", live."type", live."occurred"
    FROM (
        SELECT pair."case_id", e."id" AS "event_id", e."type", daterange(e."occurred_from", e."occurred_to", '[]') AS "occurred"
        FROM unnest(case_ids, event_ids) AS pair("case_id", "event_id")
        JOIN "events" e ON e."id" = pair."event_id"
        JOIN "cases" c ON c."id" = pair."case_id"
        WHERE e."deleted_at" IS NULL AND c."deleted_at" IS NULL AND c."merged_into_id" IS NULL
        ORDER BY pair."case_id", e."id"
        FOR SHARE OF e, c
    ) live
    ON CONFLICT ("case_id", "event_id") DO UPDATE SET "type" = EXCLUDED."type", "occurred" = EXCLUDED."occurred";
$$;

-- Participants added, removed or moved (event forms, imports, merges, cascading hard deletes).
-- Statement-level with transition tables, so a bulk import does this once per chunk.
CREATE FUNCTION "participants_refresh_read_models"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        DELETE FROM "case_event_spans" s USING old_rows o WHERE s."case_id" = o."case_id" AND s."event_id" = o."event_id";
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM "insert_case_event_spans"(ARRAY(SELECT "case_id" FROM new_rows), ARRAY(SELECT "event_id" FROM new_rows));
        PERFORM "refresh_event_tallies"(ARRAY(SELECT DISTINCT "event_id" FROM new_rows));
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        PERFORM "refresh_event_tallies"(ARRAY(SELECT DISTINCT "event_id" FROM old_rows));
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER "participants_read_models_insert" AFTER INSERT ON "event_participants"
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "participants_refresh_read_models"();
CREATE TRIGGER "participants_read_models_update" AFTER UPDATE ON "event_participants"
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "participants_refresh_read_models"();
CREATE TRIGGER "participants_read_models_delete" AFTER DELETE ON "event_participants"
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "participants_refresh_read_models"();

-- Events created, edited, soft-deleted, restored or deleted.
CREATE FUNCTION "events_refresh_read_models"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    moved UUID[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        -- A new event has no participants yet (they reference it): it adds its unidentified range.
        INSERT INTO "event_tallies" ("event_id", "type", "month_from", "month_to", "province", "unidentified_low",
                                     "unidentified_high", "open", "people")
        SELECT n."id", n."type", "month_index"(n."occurred_from"), "month_index"(n."occurred_to"),
               coalesce(n."province", 'UNKNOWN'), n."unidentified_low",
               coalesce(n."unidentified_high", n."unidentified_low"), n."unidentified_high" IS NULL, 0
        FROM new_rows n
        WHERE n."deleted_at" IS NULL;
    ELSIF TG_OP = 'DELETE' THEN
        DELETE FROM "event_tallies" t USING old_rows o WHERE t."event_id" = o."id";
    ELSE
        -- Type, dates or deletion changed: the event's spans are written again for its participants.
        moved := ARRAY(SELECT n."id" FROM new_rows n JOIN old_rows o ON o."id" = n."id"
                       WHERE (n."type", n."occurred_from", n."occurred_to", n."deleted_at")
                             IS DISTINCT FROM (o."type", o."occurred_from", o."occurred_to", o."deleted_at"));
        IF cardinality(moved) > 0 THEN
            DELETE FROM "case_event_spans" s USING "event_participants" p
            WHERE p."event_id" = ANY(moved) AND s."case_id" = p."case_id" AND s."event_id" = p."event_id";
            PERFORM "insert_case_event_spans"(ARRAY(SELECT p."case_id" FROM "event_participants" p WHERE p."event_id" = ANY(moved) ORDER BY p."event_id", p."case_id"),
                                              ARRAY(SELECT p."event_id" FROM "event_participants" p WHERE p."event_id" = ANY(moved) ORDER BY p."event_id", p."case_id"));
        END IF;
        PERFORM "refresh_event_tallies"(ARRAY(
            SELECT n."id" FROM new_rows n JOIN old_rows o ON o."id" = n."id"
            WHERE (n."type", n."occurred_from", n."occurred_to", n."deleted_at", n."province", n."unidentified_low", n."unidentified_high")
                  IS DISTINCT FROM (o."type", o."occurred_from", o."occurred_to", o."deleted_at", o."province", o."unidentified_low", o."unidentified_high")));
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER "events_read_models_insert" AFTER INSERT ON "events"
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "events_refresh_read_models"();
CREATE TRIGGER "events_read_models_update" AFTER UPDATE ON "events"
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "events_refresh_read_models"();
CREATE TRIGGER "events_read_models_delete" AFTER DELETE ON "events"
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "events_refresh_read_models"();

-- A case deleted, restored or merged: its spans come and go with it, and the people count of its
-- events changes, as does that of the events of duplicates merged into it (they count only while
-- their survivor is live). Rare, so row by row, and only when one of the two columns changed.
CREATE FUNCTION "cases_refresh_read_models"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM "case_event_spans" WHERE "case_id" = NEW."id";
    PERFORM "insert_case_event_spans"(ARRAY(SELECT NEW."id" FROM "event_participants" p WHERE p."case_id" = NEW."id" ORDER BY p."event_id"),
                                      ARRAY(SELECT p."event_id" FROM "event_participants" p WHERE p."case_id" = NEW."id" ORDER BY p."event_id"));
    PERFORM "refresh_event_tallies"(ARRAY(
        SELECT p."event_id" FROM "event_participants" p WHERE p."case_id" = NEW."id"
        UNION
        SELECT p."event_id" FROM "cases" d JOIN "event_participants" p ON p."case_id" = d."id" WHERE d."merged_into_id" = NEW."id"));
    RETURN NULL;
END;
$$;

CREATE TRIGGER "cases_read_models_update" AFTER UPDATE OF "deleted_at", "merged_into_id" ON "cases"
    FOR EACH ROW WHEN (OLD."deleted_at" IS DISTINCT FROM NEW."deleted_at" OR OLD."merged_into_id" IS DISTINCT FROM NEW."merged_into_id")
    EXECUTE FUNCTION "cases_refresh_read_models"();

-- The cases list's filters on the case itself (lib/data/case-list.ts), live cases only. Its count
-- reads up to 10,001 matching cases: with every filter column in one index, an index-only scan
-- counts them (2 ms instead of 25–35 ms through the heap). Status leads one, province the other, so
-- that either filter alone is a range of the index; sex and age group alone are frequent enough for
-- a scan of the first to find 10,001 quickly.
CREATE INDEX "cases_live_filters_idx" ON "cases"("status", "sex", "age_group", "origin_province")
    WHERE "deleted_at" IS NULL AND "merged_into_id" IS NULL;
CREATE INDEX "cases_live_province_filters_idx" ON "cases"("origin_province", "status", "sex", "age_group")
    WHERE "deleted_at" IS NULL AND "merged_into_id" IS NULL;

-- A page sorted by last update walks this index backwards and tests the filters on the index
-- entries alone (INCLUDE), reading only the 51 cases it keeps: a province filter skipped 15,000
-- recently imported cases through the heap first (30 ms instead of 2 ms).
CREATE INDEX "cases_live_updated_filters_idx" ON "cases"("updated_at", "id") INCLUDE ("status", "sex", "age_group", "origin_province")
    WHERE "deleted_at" IS NULL AND "merged_into_id" IS NULL;

-- Backfill from what is already stored; the indexes of case_event_spans are built afterwards,
-- which is quicker than growing them row by row.
INSERT INTO "case_event_spans" ("case_id", "event_id", "type", "occurred")
SELECT p."case_id", p."event_id", e."type", daterange(e."occurred_from", e."occurred_to", '[]')
FROM "event_participants" p
JOIN "events" e ON e."id" = p."event_id"
JOIN "cases" c ON c."id" = p."case_id"
WHERE e."deleted_at" IS NULL AND c."deleted_at" IS NULL AND c."merged_into_id" IS NULL;

-- Probing one case's events while the list walks cases in its sort order (INCLUDE: index only),
-- and finding a (case, event) pair when a participant or an event changes.
ALTER TABLE "case_event_spans" ADD CONSTRAINT "case_event_spans_pkey" PRIMARY KEY ("case_id", "event_id") INCLUDE ("type", "occurred");

-- Finding the cases of an event filter, and counting them, without walking all cases.
CREATE INDEX "case_event_spans_type_occurred_idx" ON "case_event_spans" USING gist ("type", "occurred") INCLUDE ("case_id");

SELECT "refresh_event_tallies"(ARRAY(SELECT "id" FROM "events" WHERE "deleted_at" IS NULL));

-- A tally reads a type's events by month from this index alone: INCLUDE holds everything it sums.
CREATE INDEX "event_tallies_type_months_idx" ON "event_tallies"("type", "month_from", "month_to")
    INCLUDE ("province", "unidentified_low", "unidentified_high", "open", "people");

ANALYZE "case_event_spans", "event_tallies";
