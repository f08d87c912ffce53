-- refresh_event_people (migration 20261205090000_event_people) found a merged duplicate's survivor
-- with a LEFT JOIN on cases, which the planner answers by hashing the whole cases table: a sequential
-- scan of every case each time a few events are refreshed, about 100 ms per 1,000-row import chunk
-- on the benchmark's 200,000 cases, a sixth of the import's time. The survivor is now looked up per
-- participant through the primary key (OFFSET 0 keeps the lookup from being flattened back into a
-- join), as refresh_event_tally_rows already does; a participant that was never merged looks nothing up.
-- Same rows as before: the counting rule is unchanged.
CREATE OR REPLACE FUNCTION "refresh_event_people"(event_ids UUID[]) RETURNS void LANGUAGE plpgsql AS $$
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
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    ORDER BY 1;
END;
$$;
