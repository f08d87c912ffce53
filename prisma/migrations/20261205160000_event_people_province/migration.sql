-- The breakdowns by person of one province (the /stats province filter, lib/data/stats.ts). Without a
-- province of its own, event_people could only be reached through event_tallies, one primary-key
-- probe or one hash of the whole table per query: 200–300 ms for a province's ten years on the
-- benchmark's 2,000,000 rows, against one index range here. The province is the event's, as in
-- event_tallies; refresh_event_people is restated whole with it (a function is replaced whole), its
-- counting rule unchanged from migration 20261205130000_event_people_survivor_probe. Every change
-- of an event's province already refreshes both read models (migration 20261123080000_read_models).
ALTER TABLE "event_people" ADD COLUMN "province" TEXT;

UPDATE "event_people" p SET "province" = t."province" FROM "event_tallies" t WHERE t."event_id" = p."event_id";

ALTER TABLE "event_people" ALTER COLUMN "province" SET NOT NULL;

CREATE OR REPLACE FUNCTION "refresh_event_people"(event_ids UUID[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF cardinality(event_ids) = 0 THEN
        RETURN;
    END IF;
    PERFORM 1 FROM "event_tallies" WHERE "event_id" = ANY(event_ids) ORDER BY "event_id" FOR UPDATE;
    DELETE FROM "event_people" WHERE "event_id" = ANY(event_ids);
    INSERT INTO "event_people" ("event_id", "type", "month_from", "month_to", "province", "sex", "age_group", "status", "people")
    SELECT t."event_id", t."type", t."month_from", t."month_to", t."province",
           coalesce(s."sex", c."sex"), coalesce(s."age_group", c."age_group"), coalesce(s."status", c."status"),
           count(*)::int
    FROM "event_tallies" t
    JOIN "event_participants" p ON p."event_id" = t."event_id"
    JOIN "cases" c ON c."id" = p."case_id"
    LEFT JOIN LATERAL (
        SELECT v."id", v."sex", v."age_group", v."status", v."deleted_at"
        FROM "cases" v WHERE v."id" = c."merged_into_id" OFFSET 0
    ) s ON true
    WHERE t."event_id" = ANY(event_ids) AND c."deleted_at" IS NULL
      AND (c."merged_into_id" IS NULL
           OR (s."id" IS NOT NULL AND s."deleted_at" IS NULL
               AND NOT EXISTS (
                   SELECT 1 FROM "event_participants" q JOIN "cases" d ON d."id" = q."case_id"
                   WHERE q."event_id" = p."event_id" AND d."deleted_at" IS NULL
                     AND (d."id" = c."merged_into_id" OR (d."merged_into_id" = c."merged_into_id" AND d."id" < c."id")))))
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    ORDER BY 1;
END;
$$;

-- A province's people by month from this index alone, as event_people_type_months_idx gives every
-- province's: INCLUDE holds everything a breakdown sums.
CREATE INDEX "event_people_type_province_months_idx" ON "event_people"("type", "province", "month_from", "month_to")
    INCLUDE ("sex", "age_group", "status", "people");
