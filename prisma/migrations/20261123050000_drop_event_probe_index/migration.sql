-- Measured with `npm run bench` (200,000 cases, 1,000,000 events): with events_live_probe_idx the
-- planner counts an event-filtered case list by probing it for every case (about 1.9 s instead of
-- 0.3 s for a year of repatriations). Dropped until the list gets a per-case event table.
DROP INDEX IF EXISTS "events_live_probe_idx";
