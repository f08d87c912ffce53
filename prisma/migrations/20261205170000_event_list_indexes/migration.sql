-- The /events list (lib/data/event-list.ts) by province: live events latest first, in the list's
-- order (ties on the day are sorted by id as they are read). It replaces the index on province
-- alone, which only that list used: with it, a province's page read every province's events
-- backwards until it had found 50 of its own. (Without `id` the keys repeat and the index stays
-- small, about 7 MB a million events against 56 MB with it; a second index for a type in a
-- province cost imports about 5% and is left out.)
CREATE INDEX "events_live_province_dates_idx" ON "events"("province", "occurred_from") WHERE "deleted_at" IS NULL;
DROP INDEX "events_province_idx";
