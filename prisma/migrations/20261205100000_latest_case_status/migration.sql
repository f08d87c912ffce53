-- The rule that derives a case's status from its events (DESIGN.md §1, lib/domain/case-status.ts) as a
-- function of the events, so that the import can write a new case with its status already derived
-- (lib/data/import-cases.ts) instead of writing the row twice: the second write, by
-- refresh_case_status once the participants exist, updated every index of the case (two of them
-- trigram indexes) and the breakdowns of event_people. refresh_case_status now uses the same function,
-- so there is one rule.

-- The status the latest of `event_ids` gives: live events only, latest by end of interval, then
-- start, then the type order; OTHER events never decide; UNKNOWN without any.
CREATE FUNCTION "latest_case_status"(event_ids UUID[]) RETURNS "CaseStatus" LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce((
        SELECT (CASE e."type"
                    WHEN 'APPREHENSION' THEN 'IN_CUSTODY'
                    WHEN 'DETENTION' THEN 'IN_CUSTODY'
                    WHEN 'TRANSFER' THEN 'IN_CUSTODY'
                    WHEN 'REPATRIATION' THEN 'REPATRIATED'
                    WHEN 'RELEASE' THEN 'AT_LARGE'
                    WHEN 'THIRD_COUNTRY_ARRIVAL' THEN 'SAFE'
                    WHEN 'DEATH' THEN 'DECEASED'
                END)::"CaseStatus"
        FROM "events" e
        WHERE e."id" = ANY(event_ids) AND e."deleted_at" IS NULL AND e."type" <> 'OTHER'
        ORDER BY e."occurred_to" DESC, e."occurred_from" DESC,
                 array_position(ARRAY['APPREHENSION', 'DETENTION', 'TRANSFER', 'REPATRIATION', 'RELEASE',
                                      'THIRD_COUNTRY_ARRIVAL', 'DEATH']::"EventType"[], e."type") DESC
        LIMIT 1), 'UNKNOWN');
$$;

CREATE OR REPLACE FUNCTION "refresh_case_status"(case_ids UUID[]) RETURNS void LANGUAGE sql AS $$
    UPDATE "cases" c
    SET "status" = latest."status"
    FROM (
        SELECT ids.id, "latest_case_status"(ARRAY(SELECT p."event_id" FROM "event_participants" p WHERE p."case_id" = ids.id)) AS "status"
        FROM unnest(case_ids) AS ids(id)
    ) latest
    WHERE c."id" = latest.id AND c."status" IS DISTINCT FROM latest."status";
$$;
