-- The cases list filters by event type and dates with EXISTS over a case's events: each probe
-- then reads only this index (id, type, dates) instead of the wide events row.
CREATE INDEX "events_live_probe_idx" ON "events" ("id") INCLUDE ("type", "occurred_from", "occurred_to") WHERE "deleted_at" IS NULL;
