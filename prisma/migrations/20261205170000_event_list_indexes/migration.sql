-- The /events list (lib/data/event-list.ts) by province, and by event type and province: live
-- events latest first, in the list's keyset order. Without them a province's page reads the events
-- of every province backwards until it has found 50, and an event type with few events in a
-- province reads all of that type's (0.2–0.6 s on a million events when none match).
CREATE INDEX "events_live_province_list_idx" ON "events"("province", "occurred_from", "id") WHERE "deleted_at" IS NULL;
CREATE INDEX "events_live_type_province_list_idx" ON "events"("type", "province", "occurred_from", "id") WHERE "deleted_at" IS NULL;
