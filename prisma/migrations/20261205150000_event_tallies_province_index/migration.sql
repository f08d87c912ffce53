-- The tallies of one province (the /stats province filter, lib/data/stats.ts): its rows of an event
-- type and period in month order, as event_tallies_type_months_idx gives those of every province,
-- with everything the series and totals sum. Without it a province's tally reads every province's
-- rows of the period.
CREATE INDEX "event_tallies_type_province_months_idx" ON "event_tallies"("type", "province", "month_from", "month_to")
    INCLUDE ("unidentified_low", "unidentified_high", "open", "people");
