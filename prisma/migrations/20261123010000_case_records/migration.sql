-- Case records: cases, events, participants, sources and attributions (DESIGN.md §1).

-- Trigram search over ref, names and aliases, and the duplicate finder's name similarity.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateEnum
CREATE TYPE "Sex" AS ENUM ('F', 'M', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "AgeGroup" AS ENUM ('INFANT', 'CHILD', 'ADULT', 'OLDER', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "EventType" AS ENUM ('APPREHENSION', 'DETENTION', 'TRANSFER', 'REPATRIATION', 'RELEASE', 'THIRD_COUNTRY_ARRIVAL', 'DEATH', 'OTHER');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('IN_CUSTODY', 'REPATRIATED', 'AT_LARGE', 'SAFE', 'DECEASED', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "DatePrecision" AS ENUM ('DAY', 'MONTH', 'YEAR', 'RANGE');

-- CreateEnum
CREATE TYPE "SourceKind" AS ENUM ('NGO_REPORT', 'MEDIA', 'UN', 'GOVERNMENT', 'FAMILY', 'WITNESS', 'ACTIVIST', 'OTHER');

-- CreateTable
CREATE TABLE "cases" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "ref" TEXT NOT NULL,
    "full_name" TEXT,
    "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "contact" TEXT,
    "notes" TEXT,
    "sex" "Sex" NOT NULL DEFAULT 'UNKNOWN',
    "birth_year" INTEGER,
    "age_group" "AgeGroup" NOT NULL DEFAULT 'UNKNOWN',
    "origin_province" TEXT,
    "pregnant" BOOLEAN NOT NULL DEFAULT false,
    "medical_needs" BOOLEAN NOT NULL DEFAULT false,
    "frail" BOOLEAN NOT NULL DEFAULT false,
    "consent_to_share" BOOLEAN NOT NULL DEFAULT false,
    "consent_recorded_by_id" UUID,
    "consent_recorded_at" TIMESTAMPTZ(3),
    "status" "CaseStatus" NOT NULL DEFAULT 'UNKNOWN',
    "search_text" TEXT NOT NULL DEFAULT '',
    "merged_into_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "deleted_at" TIMESTAMPTZ(3),
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "ref" TEXT,
    "type" "EventType" NOT NULL,
    "occurred_from" DATE NOT NULL,
    "occurred_to" DATE NOT NULL,
    "precision" "DatePrecision" NOT NULL,
    "date_approximate" BOOLEAN NOT NULL DEFAULT false,
    "country" CHAR(2),
    "province" TEXT,
    "place" TEXT,
    "facility" TEXT,
    "unidentified_low" INTEGER NOT NULL DEFAULT 0,
    "unidentified_high" INTEGER DEFAULT 0,
    "count_approximate" BOOLEAN NOT NULL DEFAULT false,
    "description" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "deleted_at" TIMESTAMPTZ(3),
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event_participants" (
    "event_id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_participants_pkey" PRIMARY KEY ("event_id","case_id")
);

-- CreateTable
CREATE TABLE "sources" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "key" TEXT NOT NULL,
    "kind" "SourceKind" NOT NULL,
    "title" TEXT NOT NULL,
    "publisher" TEXT,
    "url" TEXT,
    "published_on" DATE,
    "reliability" CHAR(1) NOT NULL DEFAULT 'F',
    "confidential" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "deleted_at" TIMESTAMPTZ(3),
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sources_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attributions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "event_id" UUID NOT NULL,
    "source_id" UUID NOT NULL,
    "credibility" INTEGER NOT NULL DEFAULT 6,
    "claimed_low" INTEGER,
    "claimed_high" INTEGER,
    "claimed_date" TEXT,
    "excerpt" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attributions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "cases_ref_key" ON "cases"("ref");

-- CreateIndex
CREATE INDEX "cases_merged_into_id_idx" ON "cases"("merged_into_id");

-- CreateIndex
CREATE INDEX "cases_status_ref_idx" ON "cases"("status", "ref");

-- CreateIndex
CREATE INDEX "cases_sex_ref_idx" ON "cases"("sex", "ref");

-- CreateIndex
CREATE INDEX "cases_age_group_ref_idx" ON "cases"("age_group", "ref");

-- CreateIndex
CREATE INDEX "cases_origin_province_ref_idx" ON "cases"("origin_province", "ref");

-- CreateIndex
CREATE INDEX "cases_updated_at_id_idx" ON "cases"("updated_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "events_ref_key" ON "events"("ref");

-- CreateIndex
CREATE INDEX "events_type_occurred_from_occurred_to_idx" ON "events"("type", "occurred_from", "occurred_to");

-- CreateIndex
CREATE INDEX "events_occurred_from_occurred_to_idx" ON "events"("occurred_from", "occurred_to");

-- CreateIndex
CREATE INDEX "events_province_idx" ON "events"("province");

-- CreateIndex
CREATE INDEX "event_participants_case_id_event_id_idx" ON "event_participants"("case_id", "event_id");

-- CreateIndex
CREATE UNIQUE INDEX "sources_key_key" ON "sources"("key");

-- CreateIndex
CREATE INDEX "sources_kind_idx" ON "sources"("kind");

-- CreateIndex
CREATE INDEX "sources_published_on_idx" ON "sources"("published_on");

-- CreateIndex
CREATE INDEX "attributions_source_id_idx" ON "attributions"("source_id");

-- CreateIndex
CREATE UNIQUE INDEX "attributions_event_id_source_id_key" ON "attributions"("event_id", "source_id");

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_merged_into_id_fkey" FOREIGN KEY ("merged_into_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_participants" ADD CONSTRAINT "event_participants_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_participants" ADD CONSTRAINT "event_participants_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attributions" ADD CONSTRAINT "attributions_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attributions" ADD CONSTRAINT "attributions_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- What must never be stored, whatever path writes it (forms, imports, hand-written SQL).
ALTER TABLE "cases"
    ADD CONSTRAINT "cases_birth_year_range" CHECK ("birth_year" BETWEEN 1900 AND 2100),
    ADD CONSTRAINT "cases_not_merged_into_itself" CHECK ("merged_into_id" <> "id"),
    ADD CONSTRAINT "cases_consent_recorded" CHECK (NOT "consent_to_share" OR ("consent_recorded_by_id" IS NOT NULL AND "consent_recorded_at" IS NOT NULL)),
    ADD CONSTRAINT "cases_version_positive" CHECK ("version" >= 1);

ALTER TABLE "events"
    ADD CONSTRAINT "events_date_order" CHECK ("occurred_from" <= "occurred_to"),
    ADD CONSTRAINT "events_unidentified_non_negative" CHECK ("unidentified_low" >= 0),
    ADD CONSTRAINT "events_unidentified_order" CHECK ("unidentified_high" IS NULL OR "unidentified_high" >= "unidentified_low"),
    ADD CONSTRAINT "events_country_code" CHECK ("country" ~ '^[A-Z]{2}$'),
    ADD CONSTRAINT "events_version_positive" CHECK ("version" >= 1);

ALTER TABLE "sources"
    ADD CONSTRAINT "sources_reliability_admiralty" CHECK ("reliability" IN ('A', 'B', 'C', 'D', 'E', 'F'));

ALTER TABLE "attributions"
    ADD CONSTRAINT "attributions_credibility_range" CHECK ("credibility" BETWEEN 1 AND 6),
    ADD CONSTRAINT "attributions_claimed_non_negative" CHECK ("claimed_low" >= 0),
    ADD CONSTRAINT "attributions_claimed_order" CHECK ("claimed_high" IS NULL OR "claimed_low" IS NULL OR "claimed_high" >= "claimed_low");

-- Trigram indexes: text search on the cases list, and the duplicate finder.
CREATE INDEX "cases_search_text_trgm_idx" ON "cases" USING gin ("search_text" gin_trgm_ops);
CREATE INDEX "cases_full_name_trgm_idx" ON "cases" USING gin ("full_name" gin_trgm_ops);

-- Live records only: lists and tallies never look at merged or deleted ones.
CREATE INDEX "cases_live_ref_idx" ON "cases"("ref") WHERE "deleted_at" IS NULL AND "merged_into_id" IS NULL;
CREATE INDEX "events_live_type_dates_idx" ON "events"("type", "occurred_from", "occurred_to") WHERE "deleted_at" IS NULL;

-- search_text = ref, name and aliases in lower case, kept by the database so that every writer
-- (forms, imports, merges) leaves it right. array_to_string is not immutable, so a generated
-- column cannot do this.
CREATE FUNCTION "cases_set_search_text"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW."search_text" := lower(concat_ws(' ', NEW."ref", NEW."full_name", array_to_string(NEW."aliases", ' ')));
    RETURN NEW;
END;
$$;

CREATE TRIGGER "cases_search_text" BEFORE INSERT OR UPDATE OF "ref", "full_name", "aliases" ON "cases"
    FOR EACH ROW EXECUTE FUNCTION "cases_set_search_text"();

-- A case's status is derived from its latest live event (DESIGN.md §1), the same rule as
-- lib/domain/case-status.ts: latest by end of interval, then start, then the type order; OTHER
-- events never decide. It is stored so that lists and tallies can filter on it with an index, and
-- recomputed here on every change to events or participants, so it can never drift.
CREATE FUNCTION "refresh_case_status"(case_ids UUID[]) RETURNS void LANGUAGE sql AS $$
    UPDATE "cases" c
    SET "status" = coalesce(latest."status", 'UNKNOWN')
    FROM (
        SELECT ids.id, (
            SELECT (CASE e."type"
                        WHEN 'APPREHENSION' THEN 'IN_CUSTODY'
                        WHEN 'DETENTION' THEN 'IN_CUSTODY'
                        WHEN 'TRANSFER' THEN 'IN_CUSTODY'
                        WHEN 'REPATRIATION' THEN 'REPATRIATED'
                        WHEN 'RELEASE' THEN 'AT_LARGE'
                        WHEN 'THIRD_COUNTRY_ARRIVAL' THEN 'SAFE'
                        WHEN 'DEATH' THEN 'DECEASED'
                    END)::"CaseStatus"
            FROM "event_participants" p
            JOIN "events" e ON e."id" = p."event_id"
            WHERE p."case_id" = ids.id AND e."deleted_at" IS NULL AND e."type" <> 'OTHER'
            ORDER BY e."occurred_to" DESC, e."occurred_from" DESC,
                     array_position(ARRAY['APPREHENSION', 'DETENTION', 'TRANSFER', 'REPATRIATION', 'RELEASE',
                                          'THIRD_COUNTRY_ARRIVAL', 'DEATH']::"EventType"[], e."type") DESC
            LIMIT 1
        ) AS "status"
        FROM unnest(case_ids) AS ids(id)
    ) latest
    WHERE c."id" = latest.id AND c."status" IS DISTINCT FROM coalesce(latest."status", 'UNKNOWN');
$$;

-- Statement-level triggers with transition tables, so a bulk import refreshes each case once.
CREATE FUNCTION "participants_refresh_status"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM "refresh_case_status"(ARRAY(SELECT DISTINCT "case_id" FROM new_rows));
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        PERFORM "refresh_case_status"(ARRAY(SELECT DISTINCT "case_id" FROM old_rows));
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER "participants_status_insert" AFTER INSERT ON "event_participants"
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "participants_refresh_status"();
CREATE TRIGGER "participants_status_update" AFTER UPDATE ON "event_participants"
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "participants_refresh_status"();
CREATE TRIGGER "participants_status_delete" AFTER DELETE ON "event_participants"
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "participants_refresh_status"();

CREATE FUNCTION "events_refresh_status"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM "refresh_case_status"(ARRAY(
        SELECT DISTINCT p."case_id" FROM "event_participants" p
        WHERE p."event_id" IN (SELECT n."id" FROM new_rows n JOIN old_rows o ON o."id" = n."id"
                               WHERE (n."type", n."occurred_from", n."occurred_to", n."deleted_at")
                                     IS DISTINCT FROM (o."type", o."occurred_from", o."occurred_to", o."deleted_at"))));
    RETURN NULL;
END;
$$;

CREATE TRIGGER "events_status_update" AFTER UPDATE ON "events"
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "events_refresh_status"();

-- CreateTable
CREATE TABLE "case_ref_counters" (
    "year" INTEGER NOT NULL,
    "last_seq" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_ref_counters_pkey" PRIMARY KEY ("year")
);
