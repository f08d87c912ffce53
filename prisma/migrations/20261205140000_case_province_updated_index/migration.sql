-- The case list filtered by origin province and sorted by last update walked every live case in
-- update order (cases_live_updated_filters_idx) and skipped those of other provinces: cheap while
-- the province is common among recent updates, but its cost grows with every recent case from
-- elsewhere (each benchmark import of 20,000 cases from no province added about 5 ms). This index
-- gives each province its own update order, with the other filters on its entries as the walk over
-- all cases has them. Sorting by ref already has cases_origin_province_ref_idx.
CREATE INDEX "cases_live_province_updated_idx" ON "cases"("origin_province", "updated_at", "id")
    INCLUDE ("status", "sex", "age_group") WHERE "deleted_at" IS NULL AND "merged_into_id" IS NULL;
